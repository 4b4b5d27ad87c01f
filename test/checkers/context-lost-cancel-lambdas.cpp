// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Each lambda body is a function of its own; a lambda that captures the
// handle carries it.
#include <golang/context.h>

namespace gctx = golang::context;
bool cond();
void run(golang::func<void()>);

void handleInsideLambda(gctx::Context p) {
  auto f = [p] {
    auto [c, cancel] = gctx::with_cancel(p);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
    if (cond())
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: this return is reached without calling 'cancel'
    cancel();
  };
  f();
}

void nestedLambdas(gctx::Context p) {
  auto f = [p] {
    auto g = [p] {
      auto [c, cancel] = gctx::with_timeout(p, 1.0);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the cancel handle 'cancel' returned by 'with_timeout' is never called;
    };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the end of the function is reached without calling 'cancel'
    g();
  };
  f();
}

// A return inside a lambda is not an exit of the enclosing function.
void returnInLambdaIsNotOurs(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto check = [] {
    if (cond())
      return 1;
    return 2;
  };
  check();
  cancel();
}

// A call inside a lambda is not a call in the enclosing function unless the
// lambda is called, kept as a guard, or escapes.
void lambdaKeptLocallyAndCalled(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  auto stop = [&] { cancel(); };
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  stop();
}

void lambdaCalledAtOnce(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  [&] { cancel(); }();
}

void lambdaEscapes(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  run([cancel] { cancel(); });
}

void lambdaEscapesLater(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto later = [cancel] { cancel(); };
  run(later);
}

// A handle of the enclosing function captured by a nested lambda that
// escapes.
void nestedCapture(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto outer = [&] { run([&] { cancel(); }); };
  outer();
}

// Generic lambdas are checked in their instantiations.
void genericLambda(gctx::Context p) {
  auto f = [](auto parent) {
    auto [c, cancel] = gctx::with_cancel(parent);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the end of the function is reached without calling 'cancel'
  f(p);
}

// Lambdas outside any function body: in a global's initializer, in a
// default member initializer, in a constructor's member initializer.  Each
// body is analysed like any other lambda's.
gctx::Context root();
auto globalLambda = [] {
  auto [c, cancel] = gctx::with_cancel(root());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'
auto globalLambdaFine = [] {
  auto [c, cancel] = gctx::with_cancel(root());
  cancel();
};

struct Worker {
  golang::func<void()> task = [] {
    auto [c, cancel] = gctx::with_cancel(root());
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the end of the function is reached without calling 'cancel'
  golang::func<void()> other;
  Worker()
      : other([] {
          auto [c, cancel] = gctx::with_cancel(root());
          // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
        }) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: the end of the function is reached without calling 'cancel'
};
