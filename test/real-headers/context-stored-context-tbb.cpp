// REQUIRES: tbb
// RUN: %check_clang_tidy %s context-stored-context %t -- -- -std=c++20
//
// oneTBB's concurrent maps (declared in tbb::detail::dN) are value maps;
// its concurrent containers hold their elements.
#include <oneapi/tbb/concurrent_hash_map.h>
#include <oneapi/tbb/concurrent_unordered_map.h>
#include <oneapi/tbb/concurrent_vector.h>
#include <stop_token>

tbb::concurrent_hash_map<int, std::stop_source> g_hash;
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: map 'g_hash' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
oneapi::tbb::concurrent_unordered_map<long, std::stop_token> g_unordered;
// CHECK-MESSAGES: :[[@LINE-1]]:62: warning: map 'g_unordered' stores cancellation tokens as values; they outlive the requests that own them; pass each cancellation token down as a parameter instead [context-stored-context]
tbb::concurrent_vector<std::stop_source> g_vector;
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: a cancellation source is stored in global variable 'g_vector' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:24: note: the cancellation source type is nested here

struct TokenHash {
  std::size_t operator()(const std::stop_token &) const;
};
tbb::concurrent_unordered_map<std::stop_token, int, TokenHash> g_keyed;
