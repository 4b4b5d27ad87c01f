// REQUIRES: asio
// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -std=c++20
//
// Asio timers and io_context::run_for on the installed headers: a timer
// armed to fire at once (zero) is an idiom; a negative expiry or one
// truncated to zero is reported.  expires_at takes a deadline: never
// reported.
#include <asio.hpp>
#include <chrono>

using namespace std::chrono_literals;
namespace chr = std::chrono;

const chr::milliseconds kTick(750);

void timers(asio::io_context &io, asio::steady_timer &timer, asio::system_timer &wall) {
  asio::steady_timer now(io, 0s);
  asio::steady_timer late(io, -1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: timeout passed to 'basic_waitable_timer' is negative (-1s); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  asio::steady_timer rounded(io.get_executor(), chr::duration_cast<chr::seconds>(kTick));
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'duration_cast<seconds>' truncates 750ms to 0s; the timeout passed to 'basic_waitable_timer' is zero and the call does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-8]]:25: note: 'kTick' is defined here
  asio::steady_timer at(io, chr::steady_clock::now());
  asio::steady_timer fine(io, kTick);

  timer.expires_after(0ms);
  timer.expires_after(-5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timeout passed to 'expires_after' is negative (-5ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  timer.expires_after(kTick - 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timeout passed to 'expires_after' is negative (-250ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-17]]:25: note: 'kTick' is defined here
  wall.expires_after(chr::floor<chr::minutes>(59s));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'floor<minutes>' truncates 59s to 0min; the timeout passed to 'expires_after' is zero and the call does not wait [context-nonpositive-timeout]
  timer.expires_from_now(chr::seconds(-1));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: timeout passed to 'expires_from_now' is negative (-1s); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  timer.expires_at(chr::steady_clock::now());
  timer.expires_at(chr::steady_clock::time_point::min());
  timer.expires_after(kTick);
}

void runFor(asio::io_context &io) {
  io.run_for(0s);
  io.run_for(-1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: timeout passed to 'run_for' is negative (-1ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  io.run_one_for(chr::duration_cast<chr::seconds>(kTick));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'duration_cast<seconds>' truncates 750ms to 0s; the timeout passed to 'run_one_for' is zero and the call does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-33]]:25: note: 'kTick' is defined here
  io.run_until(chr::steady_clock::now());
  io.run_for(kTick);
}
