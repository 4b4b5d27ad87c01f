// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks
//
// Absolute deadlines that have passed when they are given: now(), now() + d
// with d <= 0, now() - d with d >= 0, the clock's epoch, time_point::min(),
// and a constant number of seconds <= 0 where the API takes seconds.
#include <azure/core/context.hpp>
#include <bongo/context.h>
#include <folly/synchronization/Baton.h>
#include <gocxx/context.h>
#include <golang/context.h>
#include <goincpp/context.h>

using namespace std::chrono_literals;
namespace chr = std::chrono;
using Clock = chr::system_clock;
using gocxx::context::ContextPtr;
using gocxx::context::WithDeadline;

const chr::seconds kNoSlack(0);

void gocxxDeadlines(ContextPtr p, Clock::time_point runtime, chr::seconds slack) {
  auto a = WithDeadline(p, Clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now()'; the context is already expired when it is created [context-nonpositive-timeout]
  auto b = WithDeadline(p, Clock::now() + 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now() + 0ms'; the context is already expired when it is created [context-nonpositive-timeout]
  auto c = WithDeadline(p, Clock::now() - 30s);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now() - 30s'; the context is already expired when it is created [context-nonpositive-timeout]
  auto d = WithDeadline(p, Clock::now() + kNoSlack);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now() + 0s'; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-11]]:20: note: 'kNoSlack' is defined here
  auto e = WithDeadline(p, 1s + Clock::now() - 2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now() - 1s'; the context is already expired when it is created [context-nonpositive-timeout]
  auto f = WithDeadline(p, Clock::time_point{});
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is the clock's epoch; the context is already expired when it is created [context-nonpositive-timeout]
  auto g = WithDeadline(p, Clock::time_point());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is the clock's epoch; the context is already expired when it is created [context-nonpositive-timeout]
  auto h = WithDeadline(p, Clock::time_point::min());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'time_point::min()'; the context is already expired when it is created [context-nonpositive-timeout]
  auto i = WithDeadline(p, Clock::time_point(-5s));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is before the clock's epoch (-5s); the context is already expired when it is created [context-nonpositive-timeout]
  // A deadline computed once and kept: it does not move.
  const auto start = Clock::now();
  auto j = WithDeadline(p, start);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now()'; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'start' is defined here
  // Rounded down: at or before now().
  auto k = WithDeadline(p, chr::time_point_cast<chr::seconds>(Clock::now()));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now()' rounded down; the context is already expired when it is created [context-nonpositive-timeout]
  // A truncated offset.
  auto l = WithDeadline(p, Clock::now() + chr::duration_cast<chr::seconds>(900ms));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'duration_cast<seconds>' truncates 900ms to 0s; the deadline passed to 'WithDeadline' is 'now() + 0s' [context-nonpositive-timeout]

  auto ok1 = WithDeadline(p, Clock::now() + 1s);
  auto ok2 = WithDeadline(p, Clock::now() - -1s);
  auto ok3 = WithDeadline(p, Clock::time_point::max());
  auto ok4 = WithDeadline(p, runtime);
  auto ok5 = WithDeadline(p, runtime - 1s);
  auto ok6 = WithDeadline(p, Clock::now() + slack);
  auto ok7 = WithDeadline(p, start + 10s);
  // Ceil can round up past now(): unknown.
  auto ok8 = WithDeadline(p, chr::ceil<chr::seconds>(Clock::now()));
  // A positive constant time point is in the past on most clocks, but it is
  // not reported: a test clock may start anywhere.
  auto ok9 = WithDeadline(p, Clock::time_point(5s));
  auto now = Clock::now();
  auto ok10 = WithDeadline(p, now + 5s);
}

void otherPorts(bongo::context::context_type b, goincpp::ContextPtr g,
                golang::context::Context py, const Azure::Core::Context &az) {
  auto a = bongo::context::with_deadline(b, Clock::now() - 1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: deadline passed to 'with_deadline' is 'now() - 1ms'; the context is already expired when it is created [context-nonpositive-timeout]
  auto b2 = bongo::context::with_deadline<chr::steady_clock>(b, chr::steady_clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: deadline passed to 'with_deadline' is 'now()'; the context is already expired when it is created [context-nonpositive-timeout]
  auto c = goincpp::withDeadline(g, Clock::time_point{});
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: deadline passed to 'withDeadline' is the clock's epoch; the context is already expired when it is created [context-nonpositive-timeout]
  // pygolang: seconds since the epoch, as a double.
  auto d = golang::context::with_deadline(py, 0.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: deadline passed to 'with_deadline' is the clock's epoch; the context is already expired when it is created [context-nonpositive-timeout]
  auto e = golang::context::with_deadline(py, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: deadline passed to 'with_deadline' is before the clock's epoch (-1s); the context is already expired when it is created [context-nonpositive-timeout]
  // Azure: a method that returns the new context.
  auto f = az.WithDeadline(Clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: deadline passed to 'WithDeadline' is 'now()'; the context is already expired when it is created [context-nonpositive-timeout]
  auto g2 = az.WithDeadline(Azure::DateTime{});
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: deadline passed to 'WithDeadline' is the clock's epoch; the context is already expired when it is created [context-nonpositive-timeout]

  auto ok1 = golang::context::with_deadline(py, 1.7e9);
  auto ok2 = az.WithDeadline(Clock::now() + 1min);
}

void pollDeadlines(folly::Baton<> &baton) {
  // Poll-style deadlines are never reported: now() means "do not block".
  baton.try_wait_until(chr::steady_clock::now());
  baton.try_wait_until(chr::steady_clock::time_point::min());
}
