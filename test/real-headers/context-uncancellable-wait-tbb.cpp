// REQUIRES: tbb
// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// oneTBB concurrent_bounded_queue (declared in tbb::detail::d2) in a worker
// handed a std::stop_token; abort() on the stop path wakes it.
#include <oneapi/tbb/concurrent_queue.h>
#include <stop_token>
#include <thread>

void worker(std::stop_token st, tbb::concurrent_bounded_queue<int> &q) {
  int v;
  q.pop(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pop' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: cancellation token 'st' declared here
  q.push(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'push' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-7]]:29: note: cancellation token 'st' declared here
  q.emplace(v + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-10]]:29: note: cancellation token 'st' declared here
  (void)q.try_pop(v);
  (void)q.try_push(v);
}

// The queue is aborted when stop is requested.
void aborted(std::stop_token st, oneapi::tbb::concurrent_bounded_queue<int> &q) {
  std::stop_callback wake(st, [&] { q.abort(); });
  int v;
  q.pop(v);
}

// An unbounded concurrent_queue never blocks.
void unbounded(std::stop_token st, tbb::concurrent_queue<int> &q) {
  q.push(1);
  int v;
  (void)q.try_pop(v);
}
