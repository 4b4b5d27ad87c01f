// The context-* checks run their matchers on the code outside system
// headers, by narrowing the AST's traversal scope for their own traversal
// (lib/ast/UserCode.h).  Upstream checks in the same run still see the whole
// translation unit, headers included, and a header's own code stays silent
// for the context-* checks.
// RUN: %clang_tidy --load=%plugin --checks='-*,context-*,bugprone-use-after-move,misc-definitions-in-headers' --system-headers --header-filter='.*' --quiet %s -- -std=c++20 -isystem %mocks -isystem %S/Inputs/sys -I %S/Inputs > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
#include <golang/context.h>
#include <string>
#include <utility>
#include "user-code-scope.h"
#include <user-code-scope-sys.h>

namespace gctx = golang::context;
void use(std::string);

void both(gctx::Context p, std::string s) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-DAG: user-code-scope.cpp:[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called{{.*}}[context-lost-cancel]
  use(std::move(s));
  use(s);
  // CHECK-DAG: user-code-scope.cpp:[[@LINE-1]]:7: warning: 's' used after it was moved [bugprone-use-after-move]
}
// CHECK-DAG: user-code-scope.cpp:[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'
// CHECK-DAG: user-code-scope.cpp:[[@LINE-5]]:7: note: move occurred here
// A finding in a header outside system headers, for an upstream check and
// for ours (the header is checked: it is not a system header).
// CHECK-DAG: user-code-scope.h:3:5: warning: variable 'headerGlobal' defined in a header file{{.*}}[misc-definitions-in-headers]
// CHECK-DAG: user-code-scope.h:5:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called{{.*}}[context-lost-cancel]
// CHECK-DAG: user-code-scope.h:7:1: note: the end of the function is reached without calling 'cancel'
// CHECK-DAG: user-code-scope-sys.h:4:5: warning: variable 'systemGlobal' defined in a header file{{.*}}[misc-definitions-in-headers]
