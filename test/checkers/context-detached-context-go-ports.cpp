// RUN: %check_clang_tidy %s context-detached-context %t -- -- -std=c++20 -isystem %mocks
// The C++ ports of Go's context package: a fresh root (Background(),
// TODO(), background()) where the caller's context is in scope, as the
// parent of a derivation or as any other context argument.
#include <bongo/context.h>
#include <gocxx/context.h>
#include <golang/context.h>
#include <chrono>
#include <stop_token>

using namespace std::chrono_literals;

namespace gocxx::context {
// A port with Go 1.21's WithoutCancel (gocxx has none): the explicit way
// to detach.
ContextPtr WithoutCancel(ContextPtr parent);
} // namespace gocxx::context

namespace gc = gocxx::context;

void fetch(gc::ContextPtr ctx, int key);
void audit(gc::ContextPtr ctx, int key);

void handler(gc::ContextPtr ctx, int key) {
  auto r = gc::WithTimeout(gc::Background(), 2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Background()' starts a new root context where 'ctx' is in scope; 'WithTimeout' is not cancelled with it; pass 'ctx' (a detach function such as WithoutCancel says that this is on purpose) [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: context 'ctx' declared here
  // CHECK-FIXES: auto r = gc::WithTimeout(ctx, 2s);
  r.value().second();
  fetch(gc::TODO(), key);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'TODO()' starts a new root context where 'ctx' is in scope; 'fetch' is not cancelled with it; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-8]]:29: note: context 'ctx' declared here
  // CHECK-FIXES: fetch(ctx, key);
  // Detached on purpose.
  audit(gc::WithoutCancel(ctx), key);
  auto d = gc::WithCancel(gc::WithoutCancel(ctx));
  d.value().second();
  // Passing the caller's context, or one derived from it.
  fetch(ctx, key);
  auto c = gc::WithCancel(ctx);
  fetch(c.value().first, key);
  c.value().second();
}

// No context in scope: a root is how a context chain starts.
void start(int key) {
  fetch(gc::Background(), key);
  auto r = gc::WithTimeout(gc::Background(), 2s);
  r.value().second();
}

// A std::stop_token is not a gocxx context: it could not be passed there.
void tokenOnly(std::stop_token st, int key) {
  fetch(gc::Background(), key);
  (void)st.stop_requested();
}

// A root stored first and passed later is not followed.
void stored(gc::ContextPtr ctx, int key) {
  gc::ContextPtr root = gc::Background();
  fetch(root, key);
}

// A defaulted context parameter of a user function.
void lookup(int key, gc::ContextPtr ctx = gc::Background());

void caller(gc::ContextPtr ctx) {
  lookup(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lookup' leaves its context parameter 'ctx' to the default, a context that is not cancelled with 'ctx'; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: context 'ctx' declared here
  // CHECK-FIXES: lookup(1, ctx);
  lookup(2, ctx);
}

namespace pyg {
namespace context = golang::context;
void work(context::Context ctx);

void run(context::Context ctx) {
  auto [c, cancel] = context::with_cancel(context::background());
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'background()' starts a new root context where 'ctx' is in scope; 'with_cancel' is not cancelled with it; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: context 'ctx' declared here
  // CHECK-FIXES: auto [c, cancel] = context::with_cancel(ctx);
  cancel();
  work(c);
}
} // namespace pyg

namespace bgo {
namespace context = bongo::context;

void run(context::context_type ctx) {
  auto [c, cancel] = context::with_timeout(context::todo(), 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: 'todo()' starts a new root context where 'ctx' is in scope; 'with_timeout' is not cancelled with it; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: context 'ctx' declared here
  // CHECK-FIXES: auto [c, cancel] = context::with_timeout(ctx, 1s);
  cancel();
}
} // namespace bgo
