// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Code with errors: no crash, and nothing reported where the code is broken.
#include <golang/context.h>
#include <gocxx/context.h>

namespace gctx = golang::context;
bool cond();

void unknownCallee(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  if (cond())
    return;
  undefined_function(cancel);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'undefined_function' [clang-diagnostic-error]
}

void badBinding(gctx::Context p) {
  auto [a, b, c] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: error: type 'std::pair<Context, func<void ()>>' {{.*}} 2 elements, but 3 names were provided [clang-diagnostic-error]
}

void badArgument(gocxx::context::ContextPtr p) {
  auto [c, cancel] = gocxx::context::WithTimeout(p, soon).value();
  // CHECK-MESSAGES: :[[@LINE-1]]:53: error: use of undeclared identifier 'soon' [clang-diagnostic-error]
}

template <typename T> void brokenTemplate(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  cancel(T::missing);
}

void stillChecked(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'
