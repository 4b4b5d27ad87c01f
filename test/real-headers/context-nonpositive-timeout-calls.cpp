// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -config="{CheckOptions: {context-nonpositive-timeout.FollowCalls: true}}" -- -std=c++20
// RUN: %check_clang_tidy -check-suffix=OFF %s context-nonpositive-timeout %t -- -- -std=c++20
// A timeout that is not positive, given to a parameter that reaches a
// timeout API unchanged one or more calls down (FollowCalls: the summaries
// of lib/summaries/TimeoutParams.h, on the real <condition_variable>): the
// argument, or the default argument, is reported at the call, with a note
// for each step down to the API.  A parameter that the function also tests
// or writes is not followed.  Without FollowCalls nothing here is reported
// (OFF): every timeout API call below gets a parameter.
#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

std::mutex mu;
std::condition_variable cv;

bool waitReady(std::chrono::milliseconds d) {
  std::unique_lock lk(mu);
  return cv.wait_for(lk, d) == std::cv_status::no_timeout;
}
bool waitSeconds(int s) { return waitReady(std::chrono::seconds(s)); }
bool waitDefault(std::chrono::milliseconds d = -1ms) { return waitReady(d); }

// -1 as "no timeout": tested before it is used, so not followed.
bool waitMaybe(std::chrono::milliseconds d = -1ms) {
  if (d < 0ms) {
    std::unique_lock lk(mu);
    cv.wait(lk);
    return true;
  }
  return waitReady(d);
}
// Written before it is passed on.
bool waitClamped(std::chrono::milliseconds d) {
  d = std::max(d, 1ms);
  return waitReady(d);
}

template <class D> bool waitFor(D d) { return waitReady(d); }

// A Go-style context port: WithTimeout makes a context, and a zero timeout
// makes one that has already expired.
struct Context {
  bool Done() const;
  bool Err() const;
};
Context WithTimeout(Context parent, std::chrono::seconds d);
Context childFor(Context parent, std::chrono::seconds d) {
  return WithTimeout(parent, d);
}

void callers(Context ctx) {
  waitReady(-5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: negative timeout passed to 'waitReady' (-5ms) reaches 'wait_for' as its timeout; it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-36]]:13: note: 'waitReady' passes it to 'wait_for' as its timeout here
  waitReady(0ms); // a zero poll: an idiom
  waitReady(10ms);
  waitSeconds(-1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: negative timeout passed to 'waitSeconds' (-1s) reaches 'wait_for' as its timeout; it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-39]]:34: note: 'waitSeconds' passes it to 'waitReady' here
  // CHECK-MESSAGES: :[[@LINE-42]]:13: note: 'waitReady' passes it to 'wait_for' as its timeout here
  waitDefault();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitDefault' is called with its default timeout (-1ms), which is negative and reaches 'wait_for' as its timeout; it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-42]]:48: note: the default argument is defined here
  // CHECK-MESSAGES: :[[@LINE-43]]:63: note: 'waitDefault' passes it to 'waitReady' here
  // CHECK-MESSAGES: :[[@LINE-47]]:13: note: 'waitReady' passes it to 'wait_for' as its timeout here
  waitDefault(5ms);
  waitMaybe();
  waitClamped(-1ms);
  waitFor(-2ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: negative timeout passed to 'waitFor' (-2ms) reaches 'wait_for' as its timeout; it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-33]]:47: note: 'waitFor' passes it to 'waitReady' here
  // CHECK-MESSAGES: :[[@LINE-54]]:13: note: 'waitReady' passes it to 'wait_for' as its timeout here
  waitFor(3ms);
  auto inLambda = [](std::chrono::milliseconds d) { return waitReady(d); };
  inLambda(-4ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: negative timeout passed to 'lambda' (-4ms) reaches 'wait_for' as its timeout; it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:60: note: 'lambda' passes it to 'waitReady' here
  // CHECK-MESSAGES: :[[@LINE-60]]:13: note: 'waitReady' passes it to 'wait_for' as its timeout here
  childFor(ctx, 0s);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: zero timeout passed to 'childFor' (0s) reaches 'WithTimeout' as its timeout; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-33]]:10: note: 'childFor' passes it to 'WithTimeout' as its timeout here
}
