// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
//
// Registries of in-flight work: a value map of cancellation sources or
// cancel handles that the translation unit erases entries from (role
// `erase`: erase, extract, unsafe_erase) keeps each canceller only while its
// work runs, and is not reported.  A map of contexts or tokens is reported
// whether or not entries leave it: whoever reads it picks up a context
// instead of being handed one.
#include <folly/CancellationToken.h>
#include <gocxx/context.h>
#include <map>
#include <memory>
#include <stop_token>
#include <string>
#include <unordered_map>

using gocxx::context::CancelFunc;
using gocxx::context::ContextPtr;

// --- Erased from: a registry, silent.
std::map<int, std::stop_source> g_running;
std::unordered_map<std::string, CancelFunc> g_cancels;
std::map<int, std::shared_ptr<folly::CancellationSource>> g_extracted;

void start(int id) { g_running[id]; }
void finish(int id) { g_running.erase(id); }
void cancel(const std::string &name) {
  auto It = g_cancels.find(name);
  if (It == g_cancels.end())
    return;
  It->second();
  g_cancels.erase(It);
}
void take(int id) { auto Node = g_extracted.extract(id); }

// --- Never erased from: reported.
std::map<int, std::stop_source> g_leaked;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: map 'g_leaked' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
void track(int id) { g_leaked[id].request_stop(); }

// An erase from another map does not exempt this one.
std::map<int, std::stop_source> g_stops;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: map 'g_stops' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
std::map<int, int> g_counts;
void stop(int id) {
  g_stops[id].request_stop();
  g_counts.erase(id);
}

// clear() is not an erase: it empties the map at shutdown, not as each
// piece of work leaves.
std::map<int, CancelFunc> g_cleared;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: map 'g_cleared' stores cancel handles as values; they outlive the requests that own them; pass each cancel handle down as a parameter instead [context-stored-context]
void shutdown() { g_cleared.clear(); }

// Erased through a reference: the alias is not followed.
std::map<int, std::stop_source> g_aliased;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: map 'g_aliased' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
void drop(int id) {
  auto &Jobs = g_aliased;
  Jobs.erase(id);
}

// --- Maps of contexts and tokens: reported even when erased from.
std::map<int, ContextPtr> g_sessions;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: map 'g_sessions' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
std::unordered_map<int, std::stop_token> g_tokens;
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: map 'g_tokens' stores cancellation tokens as values; they outlive the requests that own them; pass each cancellation token down as a parameter instead [context-stored-context]
void closeSession(int id) {
  g_sessions.erase(id);
  g_tokens.erase(id);
}

// --- Data members, static locals, templates.
class JobTable {
public:
  void add(int id);
  void remove(int id) { jobs_.erase(id); }
  void cancelAll();

private:
  std::map<int, std::stop_source> jobs_;   // erased from: silent
  std::map<int, CancelFunc> callbacks_;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: map 'callbacks_' stores cancel handles as values; they outlive the requests that own them; pass each cancel handle down as a parameter instead [context-stored-context]
  static std::map<int, std::stop_source> shared_;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: map 'shared_' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
};
void JobTable::cancelAll() {
  for (auto &[Id, Cb] : callbacks_)
    Cb();
  shared_[0].request_stop();
}

// A static data member erased in a member function: silent.
struct Dispatcher {
  static std::unordered_map<int, CancelFunc> inflight;
  static void done(int id) { inflight.erase(id); }
};
std::unordered_map<int, CancelFunc> Dispatcher::inflight;

void serve(int id) {
  static std::map<int, std::stop_source> perClient; // erased below: silent
  perClient[id];
  perClient.erase(id);
  static std::map<int, std::stop_source> forever;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: map 'forever' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  forever[id];
}

// A template's own map, erased in a member function: silent; not erased in
// another template: reported once, in the template.
template <class T> struct Pool {
  std::map<int, std::stop_source> active;
  void finished(int id) { active.erase(id); }
};
template <class T> struct Queue {
  std::map<int, std::stop_source> waiting;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: map 'waiting' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  void push(int id) { waiting[id]; }
};
void usePools(Pool<int> &P, Pool<long> &L, Queue<int> &Q) {
  P.finished(1);
  L.finished(2);
  Q.push(3);
}
