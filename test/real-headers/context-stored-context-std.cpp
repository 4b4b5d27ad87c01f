// RUN: %check_clang_tidy %s context-stored-context %t -- -- -std=c++20
//
// The matchers on libstdc++'s own declarations: std::stop_token and
// std::stop_source (through inline namespaces), the map and wrapper
// templates, std::nostopstate, and std::jthread (not a stored context).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

std::stop_source g_stop;
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: cancellation source 'g_stop' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::stop_token g_token = g_stop.get_token();
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: cancellation token 'g_token' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::shared_ptr<std::stop_source> g_shared;
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: cancellation source 'g_shared' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::optional<std::stop_token> g_maybe;
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: a cancellation token is stored in global variable 'g_maybe' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: the cancellation token type is nested here
std::variant<std::monostate, std::stop_source> g_either;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: a cancellation source is stored in global variable 'g_either' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:30: note: the cancellation source type is nested here
std::vector<std::stop_source> g_sources;
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: a cancellation source is stored in global variable 'g_sources' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:13: note: the cancellation source type is nested here

std::map<int, std::stop_source> g_jobs;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: map 'g_jobs' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
std::unordered_map<std::string, std::stop_token> g_tokens;
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: map 'g_tokens' stores cancellation tokens as values; they outlive the requests that own them; pass each cancellation token down as a parameter instead [context-stored-context]

struct Scheduler {
  std::unordered_map<int, std::shared_ptr<std::stop_source>> running;
  // CHECK-MESSAGES: :[[@LINE-1]]:62: warning: map 'running' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  std::stop_source stop; // a member: CheckMembers is off
};

// Silent: never cancelled, keys, threads, plain functions.
std::stop_token g_none;
std::stop_source g_never{std::nostopstate};
std::map<std::stop_token, int> g_keyed;
std::jthread g_worker;
std::vector<std::jthread> g_pool;
std::function<void()> g_callback;

// A registry of in-flight work: entries are erased (or extracted) as each
// job ends, so the map is not reported.  A map of tokens is reported even
// when erased from.
std::unordered_map<int, std::stop_source> g_inflight;
std::map<int, std::stop_source> g_handoff;
std::unordered_map<int, std::stop_token> g_watchers;
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: map 'g_watchers' stores cancellation tokens as values; they outlive the requests that own them; pass each cancellation token down as a parameter instead [context-stored-context]
void jobDone(int id) {
  g_inflight.erase(id);
  auto node = g_handoff.extract(id);
  g_watchers.erase(id);
}
