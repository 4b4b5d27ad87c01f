// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks
//
// Conversions that turn a positive timeout into zero are reported as such,
// for every timeout API, poll-style ones included (nobody writes
// duration_cast<seconds>(500ms) meaning "poll").
#include <folly/synchronization/Baton.h>
#include <gocxx/context.h>
#include <golang/context.h>

using namespace std::chrono_literals;
namespace chr = std::chrono;
using gocxx::context::ContextPtr;
using gocxx::context::WithTimeout;

constexpr auto kBudget = 500ms;
const chr::milliseconds kHalfSecond(500);

void casts(ContextPtr p) {
  auto a = WithTimeout(p, chr::duration_cast<chr::seconds>(500ms));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'duration_cast<seconds>' truncates 500ms to 0s; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  auto b = WithTimeout(p, chr::duration_cast<chr::seconds>(kBudget));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'duration_cast<seconds>' truncates 500ms to 0s; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-8]]:16: note: 'kBudget' is defined here
  auto c = WithTimeout(p, chr::floor<chr::seconds>(kHalfSecond));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'floor<seconds>' truncates 500ms to 0s; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-10]]:25: note: 'kHalfSecond' is defined here
  auto d = WithTimeout(p, chr::round<chr::minutes>(29s));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'round<minutes>' truncates 29s to 0min; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  // Truncated inside the initialiser of a constant.
  constexpr auto kRounded = chr::duration_cast<chr::seconds>(kBudget);
  auto e = WithTimeout(p, kRounded);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'duration_cast<seconds>' truncates 500ms to 0s; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'kRounded' is defined here
  // Integer division of a duration.
  auto f = WithTimeout(p, kHalfSecond / 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: integer division truncates 0.5ms to 0ms; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-21]]:25: note: 'kHalfSecond' is defined here
  // A floating-point count converted to an integer.
  const double kSeconds = 0.0004;
  auto g = WithTimeout(p, chr::milliseconds(static_cast<long>(kSeconds * 1000)));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: the conversion to 'long' truncates 0.4 to 0; the timeout passed to 'WithTimeout' is zero [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'kSeconds' is defined here

  // Rounding that keeps a positive value, or rounds up: silent.
  auto ok1 = WithTimeout(p, chr::duration_cast<chr::seconds>(1500ms));
  auto ok2 = WithTimeout(p, chr::ceil<chr::seconds>(1ms));
  auto ok3 = WithTimeout(p, chr::duration_cast<chr::seconds>(kBudget) + 1s);
  auto ok4 = WithTimeout(p, chr::duration_cast<chr::milliseconds>(kBudget));
  // Negative before the cast: reported as negative, not as a truncation.
  auto h = WithTimeout(p, chr::floor<chr::seconds>(-1ms));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-1s); the context is already expired when it is created [context-nonpositive-timeout]
}

void seconds(golang::context::Context ctx) {
  // pygolang takes double seconds: 1 / 2 is an int division, 0.
  auto a = golang::context::with_timeout(ctx, 1 / 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: integer division truncates 0.5 to 0; the timeout passed to 'with_timeout' is zero [context-nonpositive-timeout]
  const int kTimeoutMs = 250;
  auto b = golang::context::with_timeout(ctx, kTimeoutMs / 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: integer division truncates 0.25 to 0; the timeout passed to 'with_timeout' is zero [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'kTimeoutMs' is defined here
  auto ok1 = golang::context::with_timeout(ctx, kTimeoutMs / 1000.0);
  auto ok2 = golang::context::with_timeout(ctx, 1.0 / 2);
}

void pollStyle(folly::Baton<> &baton) {
  // Zero is the poll idiom: silent.
  baton.try_wait_for(0ms);
  baton.try_wait_for(chr::milliseconds::zero());
  // A zero that comes from a truncation is not an idiom: reported.
  baton.try_wait_for(chr::duration_cast<chr::seconds>(kBudget));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'duration_cast<seconds>' truncates 500ms to 0s; the timeout passed to 'try_wait_for' is zero and the call does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-58]]:16: note: 'kBudget' is defined here
  baton.try_wait_for(-1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: timeout passed to 'try_wait_for' is negative (-1ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  baton.try_wait_for(chr::duration_cast<chr::seconds>(1500ms));
}
