// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks
//
// Templates (the value is checked in instantiations, reported once per
// source location), lambdas, coroutines and calls written in macros.
#include <coroutine>
#include <folly/coro/Timeout.h>
#include <folly/synchronization/Baton.h>
#include <gocxx/context.h>

using namespace std::chrono_literals;
namespace chr = std::chrono;
using gocxx::context::ContextPtr;
using gocxx::context::WithTimeout;

// The value depends on the template argument: silent in the template,
// reported in the first instantiation that makes it zero or negative, with
// a note at that instantiation.
template <int Ms> void retryAfter(ContextPtr p) {
  auto r = WithTimeout(p, chr::milliseconds(Ms));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE+22]]:3: note: in the instantiation 'retryAfter<0>' requested here
}

struct FastPolicy {
  static constexpr auto kTimeout = -1ms;
};
template <class Policy> void withPolicy(ContextPtr p) {
  auto r = WithTimeout(p, Policy::kTimeout);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-1ms); the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: 'kTimeout' is defined here
  // CHECK-MESSAGES: :[[@LINE+14]]:3: note: in the instantiation 'withPolicy<FastPolicy>' requested here
}

// A constant that does not depend on the template: reported once, in the
// template, however many instantiations there are.
template <class Ctx> void fixedTimeout(Ctx p) {
  auto r = WithTimeout(p, 0s);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
}

void instantiate(ContextPtr p) {
  retryAfter<100>(p);
  retryAfter<0>(p);
  retryAfter<-1>(p); // the same source location: already reported
  withPolicy<FastPolicy>(p);
  fixedTimeout(p);
  fixedTimeout<ContextPtr &>(p);
}

// A template never instantiated with a bad value: nothing to report.
template <class Rep, class Period>
void generic(ContextPtr p, chr::duration<Rep, Period> d) {
  auto r = WithTimeout(p, chr::duration_cast<chr::milliseconds>(d));
}
void callGeneric(ContextPtr p) { generic(p, 2s); }

// Lambdas: each body is checked.
void lambdas(ContextPtr p, folly::Baton<> &baton) {
  auto make = [p] { return WithTimeout(p, -10ms); };
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: timeout passed to 'WithTimeout' is negative (-10ms); the context is already expired when it is created [context-nonpositive-timeout]
  auto poll = [&baton](auto d) { return baton.try_wait_for(d); };
  poll(0ms);
  poll(-1ms); // the argument inside the lambda is a parameter: not constant
}

// Coroutines.
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Task coroutine(folly::coro::Task<int> inner) {
  auto t = folly::coro::timeout(inner, chr::milliseconds(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: timeout passed to 'timeout' is zero; it expires immediately [context-nonpositive-timeout]
  co_return;
}

// A call written inside a macro: reported at each expansion, with Clang's
// own note about the macro.
#define DETACHED_CTX(p) WithTimeout(p, 0ms)
void macros(ContextPtr p) {
  auto a = DETACHED_CTX(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:40: note: expanded from macro 'DETACHED_CTX'
  auto b = DETACHED_CTX(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-7]]:40: note: expanded from macro 'DETACHED_CTX'
}
