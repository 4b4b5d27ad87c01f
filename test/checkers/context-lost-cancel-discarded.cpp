// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// A handle thrown away with its temporary is reported at the call.
#include <golang/context.h>
#include <bongo/context.h>
#include <gocxx/context.h>
#include <goincpp/context.h>
#include <tuple>

using namespace std::chrono_literals;
namespace gctx = golang::context;
void use(gctx::Context);

void statement(gctx::Context p) {
  gctx::with_timeout(p, 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the cancel handle returned by 'with_timeout' is discarded; the context leaks until its parent is cancelled; bind the handle and call it on every path (e.g. defer it with a scope guard) [context-lost-cancel]
  (void)gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the cancel handle returned by 'with_cancel' is discarded;
}

void onlyTheContextKept(gctx::Context p, bongo::context::context_type b,
                        goincpp::ContextPtr g) {
  auto c1 = gctx::with_cancel(p).first;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the cancel handle returned by 'with_cancel' is discarded and only the context is kept; the context leaks until its parent is cancelled;
  auto c2 = std::get<0>(gctx::with_deadline(p, 5.0));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: the cancel handle returned by 'with_deadline' is discarded and only the context is kept;
  use(std::get<0>(bongo::context::with_cancel(b)) ? c1 : c2);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: the cancel handle returned by 'with_cancel' is discarded and only the context is kept;
  auto c3 = goincpp::withCancel(g).ctx;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: the cancel handle returned by 'withCancel' is discarded and only the context is kept;
  gctx::Context c4;
  std::tie(c4, std::ignore) = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: the cancel handle returned by 'with_cancel' is discarded and only the context is kept;
}

void unwrappedThenDropped(gocxx::context::ContextPtr p) {
  auto c = gocxx::context::WithCancel(p).value().first;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the cancel handle returned by 'WithCancel' is discarded and only the context is kept;
  auto d = gocxx::context::WithTimeout(p, 5ms)->first;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the cancel handle returned by 'WithTimeout' is discarded and only the context is kept;
}

// A wrapped result never unwrapped is never reported: when creation fails
// there is no handle.
void neverUnwrapped(gocxx::context::ContextPtr p) {
  gocxx::context::WithCancel(p);
  if (gocxx::context::WithTimeout(p, 5ms).ok())
    return;
}

// Globals and members: stored is fine, only the context is a discard.
gctx::Context background();
auto global = gctx::with_cancel(background());
auto globalContext = gctx::with_cancel(background()).first;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the cancel handle returned by 'with_cancel' is discarded and only the context is kept;

struct Holder {
  gctx::Context ctx = gctx::with_cancel(background()).first;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the cancel handle returned by 'with_cancel' is discarded and only the context is kept;
  golang::func<void()> cancel = gctx::with_cancel(background()).second;
  gctx::Context ctx2;
  explicit Holder(gctx::Context p) : ctx2(gctx::with_timeout(p, 1.0).first) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: the cancel handle returned by 'with_timeout' is discarded and only the context is kept;
};

// NOLINT works as everywhere.
void suppressed(gctx::Context p) {
  gctx::with_cancel(p); // NOLINT(context-lost-cancel)
}
