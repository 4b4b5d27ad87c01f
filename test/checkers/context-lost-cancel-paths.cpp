// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Paths: the handle must be called on every path from its binding to an
// exit (return, end of function, explicit throw).
#include <golang/context.h>
#include <cstdlib>

namespace ctx = golang::context;
bool cond();
void use(ctx::Context);
[[noreturn]] void fatal(const char *);

void calledOnEveryPath(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  use(c);
  cancel();
}

void calledOnBothBranches(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  if (cond()) {
    cancel();
    return;
  }
  use(c);
  cancel();
}

void earlyReturnBeforeCancel(ctx::Context p) {
  auto [c, cancel] = ctx::with_timeout(p, 0.5);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_timeout' is not called on all paths; the context and its resources live until the parent is cancelled; call it on every path (e.g. defer it with a scope guard) [context-lost-cancel]
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  use(c);
  cancel();
}

void cancelInOneBranchOnly(ctx::Context p) {
  auto [c, cancel] = ctx::with_deadline(p, 10.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_deadline' is not called on all paths;
  if (cond())
    cancel();
  else
    use(c);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void cancelOnlyInLoopThatMayNotRun(ctx::Context p, int n) {
  auto [c, cancel] = ctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  for (int i = 0; i < n; ++i) {
    cancel();
    break;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void cancelAfterThrow(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this throw is reached without calling 'cancel'
  cancel();
}

void severalLeakingExits(ctx::Context p, int k) {
  auto [c, cancel] = ctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  switch (k) {
  case 0:
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  case 1:
    cancel();
    return;
  case 2:
    throw 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this throw is reached without calling 'cancel'
  default:
    break;
  }
  cancel();
}

void neverCalled(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  use(c);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

// [[noreturn]] calls end a path without a report.
void noreturnPaths(ctx::Context p, int k) {
  auto [c, cancel] = ctx::with_cancel(p);
  if (k == 0)
    std::abort();
  if (k == 1)
    std::exit(1);
  if (k == 2)
    fatal("bad");
  cancel();
}

// A throw caught in the function is no exit.
void throwCaughtLocally(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  try {
    if (cond())
      throw 1;
  } catch (int) {
  }
  cancel();
}

// Branches on constants are pruned.
template <bool Debug> void constexprBranch(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  if constexpr (Debug)
    return;
  cancel();
}
template void constexprBranch<false>(ctx::Context);

void falseBranch(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  if (false)
    return;
  cancel();
}

// A loop with no exit never reaches one: nothing to report.
void serveForever(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  for (;;)
    use(c);
}

// The same handle in a loop: created again before the previous one was
// called.
void overwrittenInLoop(ctx::Context p, int n) {
  for (int i = 0; i < n; ++i) {
    auto [c, cancel] = ctx::with_cancel(p);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: this runs again (in a loop) before the previous handle was called; it is lost
    if (cond())
      continue;
    cancel();
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void calledInEachIteration(ctx::Context p, int n) {
  for (int i = 0; i < n; ++i) {
    auto [c, cancel] = ctx::with_cancel(p);
    use(c);
    cancel();
  }
}

void gotoAroundCancel(ctx::Context p) {
  auto [c, cancel] = ctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    goto out;
  cancel();
out:
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this return is reached without calling 'cancel'
}

// Before the binding there is no handle to leak.
void returnBeforeBinding(ctx::Context p) {
  if (cond())
    return;
  auto [c, cancel] = ctx::with_cancel(p);
  cancel();
}
