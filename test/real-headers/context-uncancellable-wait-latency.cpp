// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// RUN: %check_clang_tidy -check-suffix=ALIAS %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.MinBlockingSleep: '5s'}}" -- -std=c++20
// RUN: %check_clang_tidy -check-suffix=STRICT %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.StrictMode: true, context-uncancellable-wait.MaxStopLatency: '3s'}}" -- -std=c++20
// Stop latency on libstdc++: how long a sleep or a bounded wait can delay
// noticing a stop request, in and out of loops that check the token.  The
// default MaxStopLatency is 1s; MinBlockingSleep is its deprecated name
// (ALIAS: 5s); STRICT: 3s, and non-constant bounds are reported too.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;

std::mutex m;
std::condition_variable cv;
bool ready;

// A sleep that checks the token on every iteration still delays the stop
// by one whole step.
void pollingSleeps(std::stop_token st, std::chrono::seconds configured) {
  while (!st.stop_requested())
    std::this_thread::sleep_for(10s);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sleep_for' can delay noticing a stop request on 'st' by 10s; sleep in steps shorter than 1s, or wait on a condition_variable_any with 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-4]]:36: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-ALIAS: :[[@LINE-3]]:23: warning: 'sleep_for' can delay noticing a stop request on 'st' by 10s; sleep in steps shorter than 5s, or
  // CHECK-MESSAGES-ALIAS: :[[@LINE-6]]:36: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE-5]]:23: warning: 'sleep_for' can delay noticing a stop request on 'st' by 10s; sleep in steps shorter than 3s, or
  // CHECK-MESSAGES-STRICT: :[[@LINE-8]]:36: note: cancellation token 'st' declared here
  while (!st.stop_requested())
    std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sleep_for' can delay noticing a stop request on 'st' by 1s; sleep in steps shorter than 1s
  // CHECK-MESSAGES: :[[@LINE-12]]:36: note: cancellation token 'st' declared here
  while (!st.stop_requested())
    std::this_thread::sleep_for(999ms);
  do {
    std::this_thread::sleep_until(std::chrono::steady_clock::now() + 4s);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sleep_until' can delay noticing a stop request on 'st' by 4s
    // CHECK-MESSAGES: :[[@LINE-18]]:36: note: cancellation token 'st' declared here
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:23: warning: 'sleep_until' can delay noticing a stop request on 'st' by 4s
    // CHECK-MESSAGES-STRICT: :[[@LINE-20]]:36: note: cancellation token 'st' declared here
  } while (!st.stop_requested());
  // Not a constant: only in StrictMode.
  for (;;) {
    if (st.stop_requested())
      return;
    std::this_thread::sleep_for(configured);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:23: warning: 'sleep_for' can delay noticing a stop request on 'st' by its whole timeout, which is not a constant; sleep in steps shorter than 3s
    // CHECK-MESSAGES-STRICT: :[[@LINE-28]]:36: note: cancellation token 'st' declared here
  }
}

// Outside a loop that checks the token, a sleep blocks as before.
void plainSleeps(std::stop_token st, std::chrono::seconds configured) {
  std::this_thread::sleep_for(2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 2s without observing cancellation of 'st'; sleep in short steps in a loop that checks 'st'
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: cancellation token 'st' declared here
  std::this_thread::sleep_for(500ms);
  std::this_thread::sleep_for(configured);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks without observing cancellation of 'st'; sleep in short steps
  // CHECK-MESSAGES: :[[@LINE-7]]:34: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-ALIAS: :[[@LINE-3]]:21: warning: 'sleep_for' blocks without observing cancellation of 'st'; sleep in short steps
  // CHECK-MESSAGES-ALIAS: :[[@LINE-9]]:34: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE-5]]:21: warning: 'sleep_for' blocks without observing cancellation of 'st'; sleep in short steps
  // CHECK-MESSAGES-STRICT: :[[@LINE-11]]:34: note: cancellation token 'st' declared here
}

// Bounded waits, in a loop that checks the token or not: the timeout is
// the delay.
void boundedWaits(std::stop_token st, std::future<int> &f,
                  std::counting_semaphore<1> &sem, std::chrono::seconds t) {
  std::unique_lock<std::mutex> lk(m);
  while (!st.stop_requested()) {
    cv.wait_for(lk, 30s, [] { return ready; });
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'wait_for' can delay noticing a stop request on 'st' by 30s; wait with a timeout shorter than 1s, or wake it from a stop callback that holds the mutex [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-6]]:35: note: cancellation token 'st' declared here
    // CHECK-MESSAGES-ALIAS: :[[@LINE-3]]:8: warning: 'wait_for' can delay noticing a stop request on 'st' by 30s; wait with a timeout shorter than 5s
    // CHECK-MESSAGES-ALIAS: :[[@LINE-8]]:35: note: cancellation token 'st' declared here
    // CHECK-MESSAGES-STRICT: :[[@LINE-5]]:8: warning: 'wait_for' can delay noticing a stop request on 'st' by 30s
    // CHECK-MESSAGES-STRICT: :[[@LINE-10]]:35: note: cancellation token 'st' declared here
    cv.wait_for(lk, 100ms);
    cv.wait_until(lk, std::chrono::steady_clock::now() + 2s);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'wait_until' can delay noticing a stop request on 'st' by 2s
    // CHECK-MESSAGES: :[[@LINE-14]]:35: note: cancellation token 'st' declared here
  }
  (void)f.wait_for(1min);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait_for' can delay noticing a stop request on 'st' by 1min
  // CHECK-MESSAGES: :[[@LINE-18]]:35: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-ALIAS: :[[@LINE-3]]:11: warning: 'wait_for' can delay noticing a stop request on 'st' by 1min
  // CHECK-MESSAGES-ALIAS: :[[@LINE-20]]:35: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE-5]]:11: warning: 'wait_for' can delay noticing a stop request on 'st' by 1min
  // CHECK-MESSAGES-STRICT: :[[@LINE-22]]:35: note: cancellation token 'st' declared here
  (void)sem.try_acquire_for(t);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:13: warning: 'try_acquire_for' can delay noticing a stop request on 'st' by its whole timeout, which is not a constant; wait with a timeout shorter than 3s
  // CHECK-MESSAGES-STRICT: :[[@LINE-25]]:35: note: cancellation token 'st' declared here
  (void)sem.try_acquire_for(200ms);
}

// A bounded wait that a stop callback wakes under the mutex: no delay.
void wokenBoundedWait(std::stop_token st) {
  std::stop_callback wake(st, [] {
    std::lock_guard<std::mutex> g(m);
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lk(m);
  while (!st.stop_requested())
    cv.wait_for(lk, 10s, [&] { return ready || st.stop_requested(); });
}

// Without a token in scope there is no stop request to notice.
void noToken() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait_for(lk, 30s);
}
