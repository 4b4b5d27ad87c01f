// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Handing the handle to a scope guard is `defer cancel()`: it counts as
// called on every path after the guard is constructed.
#include <golang/context.h>
#include <absl/cleanup/cleanup.h>
#include <boost/scope/scope_exit.hpp>
#include <experimental/scope>
#include <folly/ScopeGuard.h>
#include <gsl/gsl>

namespace gctx = golang::context;
bool cond();

void abslCleanup(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  absl::Cleanup done = [&] { cancel(); };
  if (cond())
    return;
}

void abslMakeCleanup(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto done = absl::MakeCleanup([cancel] { cancel(); });
  if (cond())
    throw 1;
}

void gslFinally(gctx::Context p) {
  auto [c, cancel] = gctx::with_timeout(p, 1.0);
  auto _ = gsl::finally([&] { cancel(); });
  if (cond())
    return;
}

void gslFinalAction(gctx::Context p) {
  auto [c, cancel] = gctx::with_timeout(p, 1.0);
  gsl::final_action guard(cancel);
  if (cond())
    return;
}

void follyMakeGuard(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto g = folly::makeGuard([&] { cancel(); });
  if (cond())
    return;
}

void follyScopeExit(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  SCOPE_EXIT { cancel(); };
  if (cond())
    return;
}

void experimentalScopeExit(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  std::experimental::scope_exit guard([&] { cancel(); });
  if (cond())
    return;
}

void boostScopeExit(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  boost::scope::scope_exit guard([&] { cancel(); });
  auto other = boost::scope::make_scope_exit([&] { cancel(); });
  if (cond())
    return;
}

// Any local whose type is named like a scope guard.
struct Defer {
  golang::func<void()> f;
  ~Defer() { f(); }
};
void localDeferStruct(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  Defer d{cancel};
  if (cond())
    return;
}

// The guard counts from where it is constructed: a return before it leaks.
void guardTooLate(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  auto g = gsl::finally([&] { cancel(); });
}

// A guard in a branch covers only that branch.
void guardInOneBranch(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond()) {
    auto g = gsl::finally([&] { cancel(); });
    return;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'
