// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -isystem %mocks
// folly: Baton, futures and CancellationCallback, in scopes handed a
// folly::CancellationToken or a CancellationSource.
#include <chrono>
#include <folly/CancellationToken.h>
#include <folly/futures/Future.h>
#include <folly/synchronization/Baton.h>
#include <utility>

void batonWait(folly::CancellationToken ct, folly::Baton<> &b) {
  b.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'ct'; use a bounded wait in a loop that checks 'ct', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:41: note: cancellation token 'ct' declared here
  (void)b.try_wait();
  (void)b.try_wait_for(std::chrono::milliseconds(10));
}

// A callback registered on the token posts the baton: woken on cancellation.
void batonWoken(folly::CancellationToken ct) {
  folly::Baton<> done;
  folly::CancellationCallback cb(ct, [&] { done.post(); });
  done.wait();
}

// The callback wakes another baton.
void batonWokenOther(const folly::CancellationToken &ct, folly::Baton<> &b,
                     folly::Baton<> &other) {
  folly::CancellationCallback cb(ct, [&] { other.post(); });
  b.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'ct'
  // CHECK-MESSAGES: :[[@LINE-5]]:54: note: cancellation token 'ct' declared here
}

// The callback is a named lambda.
void namedCallback(folly::CancellationToken ct, folly::Baton<> &b) {
  auto wake = [&b] { b.post(); };
  folly::CancellationCallback cb(ct, wake);
  b.wait();
}

void futures(folly::CancellationSource &src, folly::Future<int> f,
             folly::SemiFuture<int> sf) {
  (void)std::move(f).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'get' blocks without observing cancellation of 'src'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-4]]:41: note: cancellation source 'src' declared here
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'src'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-7]]:41: note: cancellation source 'src' declared here
  // Bounded: get(Duration), wait(Duration).
  (void)std::move(sf).get(std::chrono::seconds(1));
  f.wait(std::chrono::milliseconds(5));
  // Guarded by a readiness check.
  if (sf.isReady())
    (void)std::move(sf).get();
  if (!f.isReady())
    return;
  (void)std::move(f).get();
}

// The source is cancelled here first: what follows waits for the cancelled
// work to end.
void stopAndWait(folly::CancellationSource src, folly::Baton<> &finished) {
  src.requestCancellation();
  finished.wait();
}
