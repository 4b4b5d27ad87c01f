// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks
//
// Relative timeouts through each API family on the mocks: the Go ports
// (gocxx, bongo, goincpp, pygolang with double seconds), folly::coro::timeout,
// seastar::sleep_abortable.  Zero and negative are reported; positive and
// non-constant are not.
#include <bongo/context.h>
#include <folly/coro/Timeout.h>
#include <gocxx/context.h>
#include <golang/context.h>
#include <goincpp/context.h>
#include <seastar/core/sleep.hh>

using namespace std::chrono_literals;
namespace chr = std::chrono;

void gocxxTimeouts(gocxx::context::ContextPtr parent, chr::milliseconds runtime) {
  auto a = gocxx::context::WithTimeout(parent, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto b = gocxx::context::WithTimeout(parent, chr::milliseconds{-5} * 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: timeout passed to 'WithTimeout' is negative (-5000ms); the context is already expired when it is created [context-nonpositive-timeout]
  // The value as written, before the conversion to the parameter's unit.
  auto c = gocxx::context::WithTimeout(parent, -1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: timeout passed to 'WithTimeout' is negative (-1s); the context is already expired when it is created [context-nonpositive-timeout]
  auto d = gocxx::context::WithTimeout(parent, chr::seconds::zero());
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]

  auto ok1 = gocxx::context::WithTimeout(parent, 1ms);
  auto ok2 = gocxx::context::WithTimeout(parent, runtime);
  auto ok3 = gocxx::context::WithTimeout(parent, runtime - 5s);
  auto ok4 = gocxx::context::WithTimeout(parent, chr::seconds::max());
}

void bongoTimeouts(bongo::context::context_type parent) {
  // with_timeout<Clock>(parent, Clock::duration): a function template.
  auto [ctx, cancel] = bongo::context::with_timeout(parent, 0ns);
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: timeout passed to 'with_timeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto b = bongo::context::with_timeout<chr::system_clock>(parent, chr::minutes(-2));
  // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: timeout passed to 'with_timeout' is negative (-2min); the context is already expired when it is created [context-nonpositive-timeout]
  auto ok = bongo::context::with_timeout(parent, 30s);
}

void goincppTimeouts(goincpp::ContextPtr parent) {
  auto a = goincpp::withTimeout(parent, chr::nanoseconds(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: timeout passed to 'withTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto ok = goincpp::withTimeout(parent, chr::nanoseconds(1));
}

void pygolangTimeouts(golang::context::Context parent, double runtime) {
  // pygolang takes the timeout as a double number of seconds.
  auto a = golang::context::with_timeout(parent, 0.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: timeout passed to 'with_timeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto b = golang::context::with_timeout(parent, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: timeout passed to 'with_timeout' is negative (-1s); the context is already expired when it is created [context-nonpositive-timeout]
  auto ok1 = golang::context::with_timeout(parent, 0.5);
  auto ok2 = golang::context::with_timeout(parent, runtime);
}

folly::coro::Task<int> follyTimeout(folly::coro::Task<int> task) {
  auto a = folly::coro::timeout(task, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: timeout passed to 'timeout' is zero; it expires immediately [context-nonpositive-timeout]
  auto b = folly::coro::timeout(task, chr::milliseconds::min());
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: timeout passed to 'timeout' is negative (-9223372036854775808ms); it expires immediately [context-nonpositive-timeout]
  auto ok = folly::coro::timeout(task, 250ms);
  return {};
}

void seastarSleep(seastar::abort_source &as) {
  seastar::sleep_abortable(0s, as);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: timeout passed to 'sleep_abortable' is zero; it expires immediately [context-nonpositive-timeout]
  seastar::sleep_abortable(chr::milliseconds(-3));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: timeout passed to 'sleep_abortable' is negative (-3ms); it expires immediately [context-nonpositive-timeout]
  seastar::sleep_abortable(10ms, as);
  // Plain seastar::sleep takes no timeout: sleeping zero is a yield.
  seastar::sleep(0s);
}
