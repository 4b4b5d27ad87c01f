// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=STRICT %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.StrictMode: true}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=SLEEP %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.MinBlockingSleep: '3s'}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=MODEL %s context-uncancellable-wait %t -- -config="{CheckOptions: {BlockingFunctions: 'mylib::Queue::pop', TokenTypes: 'mylib::StopFlag'}}" -- -isystem %mocks
// The options: StrictMode, MinBlockingSleep (the deprecated name of
// MaxStopLatency), and the model options
// BlockingFunctions and TokenTypes (here in their global form); and the
// annotations that do the same from a library's own headers.
#include <chrono>
#include <folly/CancellationToken.h>
#include <folly/synchronization/Baton.h>
#include <thread>

using namespace std::chrono_literals;

namespace mylib {
struct StopFlag {
  bool stop_requested() const;
};
template <class T> struct Queue {
  T pop();
  bool try_pop(T &out);
};
} // namespace mylib

folly::Baton<> baton;

void sleeper(folly::CancellationToken ct) {
  // Shorter than the default MaxStopLatency (1s): not reported.
  std::this_thread::sleep_for(500ms);
  std::this_thread::sleep_for(2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 2s without observing cancellation of 'ct'
  // CHECK-MESSAGES: :[[@LINE-5]]:39: note: cancellation token 'ct' declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:21: warning: 'sleep_for' blocks for 2s without observing cancellation of 'ct'
  // CHECK-MESSAGES-STRICT: :[[@LINE-7]]:39: note: cancellation token 'ct' declared here
  // CHECK-MESSAGES-MODEL: :[[@LINE-5]]:21: warning: 'sleep_for' blocks for 2s without observing cancellation of 'ct'
  // CHECK-MESSAGES-MODEL: :[[@LINE-9]]:39: note: cancellation token 'ct' declared here
  // SLEEP (MinBlockingSleep, the deprecated name of MaxStopLatency, 3s):
  // not reported.
}

// Not a cancellable scope: reported only in StrictMode.
void noScope() {
  baton.wait();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:9: warning: 'wait' blocks and cannot be cancelled; use a bounded wait, or wake it from a stop callback [context-uncancellable-wait]
  std::this_thread::sleep_for(2s);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 2s and cannot be cancelled; sleep in short steps in a loop that checks for cancellation [context-uncancellable-wait]
  std::this_thread::sleep_for(10ms);
}

// A user's token type and blocking function, from options.
void userModel(mylib::StopFlag &flag, mylib::Queue<int> &q) {
  int item = q.pop();
  // CHECK-MESSAGES-MODEL: :[[@LINE-1]]:16: warning: 'pop' blocks without observing cancellation of 'flag'; use a bounded wait in a loop that checks 'flag', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES-MODEL: :[[@LINE-3]]:33: note: cancellation token 'flag' declared here
  (void)q.try_pop(item);
  baton.wait();
  // CHECK-MESSAGES-MODEL: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'flag'
  // CHECK-MESSAGES-MODEL: :[[@LINE-7]]:33: note: cancellation token 'flag' declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:9: warning: 'wait' blocks and cannot be cancelled
}

// The same from annotations in the library's headers.
struct [[clang::annotate("context::token")]] Stopper {
  bool stopped() const;
};
struct Inbox {
  [[clang::annotate("context::blocking")]] int take();
  int peek();
};
void annotated(const Stopper &s, Inbox &in) {
  in.take();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'take' blocks without observing cancellation of 's'
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: cancellation token 's' declared here
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:6: warning: 'take' blocks without observing cancellation of 's'
  // CHECK-MESSAGES-STRICT: :[[@LINE-5]]:31: note: cancellation token 's' declared here
  // CHECK-MESSAGES-SLEEP: :[[@LINE-5]]:6: warning: 'take' blocks without observing cancellation of 's'
  // CHECK-MESSAGES-SLEEP: :[[@LINE-7]]:31: note: cancellation token 's' declared here
  // CHECK-MESSAGES-MODEL: :[[@LINE-7]]:6: warning: 'take' blocks without observing cancellation of 's'
  // CHECK-MESSAGES-MODEL: :[[@LINE-9]]:31: note: cancellation token 's' declared here
  (void)in.peek();
}
