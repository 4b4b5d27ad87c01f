// Boost.ScopeExit's headers come with the Boost that Boost.Fiber needs.
// REQUIRES: boost-fiber
// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -std=c++20 -isystem %mocks
// BOOST_SCOPE_EXIT defers the call like any scope guard.
#include <boost/scope_exit.hpp>
#include <golang/context.h>

namespace gctx = golang::context;
bool cond();

void scopeExit(gctx::Context p) {
  gctx::Context c;
  golang::func<void()> cancel;
  std::tie(c, cancel) = gctx::with_cancel(p);
  BOOST_SCOPE_EXIT(&cancel) { cancel(); } BOOST_SCOPE_EXIT_END
  if (cond())
    return;
}

void scopeExitAll(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  BOOST_SCOPE_EXIT_ALL(&) { cancel(); };
  if (cond())
    return;
}

void scopeExitTooLate(gctx::Context p) {
  gctx::Context c;
  golang::func<void()> cancel;
  std::tie(c, cancel) = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  BOOST_SCOPE_EXIT(&cancel) { cancel(); } BOOST_SCOPE_EXIT_END
}
