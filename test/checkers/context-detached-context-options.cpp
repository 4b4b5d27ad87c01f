// RUN: %check_clang_tidy %s context-detached-context %t -- \
// RUN:   -config="{CheckOptions: {context-detached-context.IgnoreMain: false, context-detached-context.IgnoreCleanup: false, context-detached-context.DetachFunctions: 'mylib::detached', context-detached-context.RootContexts: 'mylib::fresh', ContextTypes: 'mylib::Ctx'}}" \
// RUN:   -- -std=c++20 -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=DEFAULT %s context-detached-context %t -- \
// RUN:   -config="{CheckOptions: {ContextTypes: 'mylib::Ctx'}}" -- -std=c++20 -isystem %mocks
// Options: main and clean-up code can be checked; detach functions, root
// functions and context types of one's own, by option or annotation.

namespace mylib {
class Ctx {};
Ctx fresh();
Ctx detached(const Ctx &parent);
[[clang::annotate("context::root_context")]] Ctx newRoot();
[[clang::annotate("context::detach")]] Ctx forget(const Ctx &parent);
void call(const Ctx &ctx, int v);
void fetch(int v, const Ctx &ctx = Ctx());
} // namespace mylib

void handler(const mylib::Ctx &ctx) {
  mylib::call(mylib::fresh(), 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'fresh()' starts a new root context where 'ctx' is in scope; 'call' is not cancelled with it; pass 'ctx'
  // CHECK-MESSAGES: :19:32: note: context 'ctx' declared here
  // CHECK-FIXES: mylib::call(ctx, 1);
  // CHECK-FIXES-DEFAULT: mylib::call(mylib::fresh(), 1);
  mylib::call(mylib::newRoot(), 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'newRoot()' starts a new root context
  // CHECK-MESSAGES: :19:32: note: context 'ctx' declared here
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:22: warning: 'newRoot()' starts a new root context
  // CHECK-MESSAGES-DEFAULT: :19:32: note: context 'ctx' declared here
  // CHECK-FIXES: mylib::call(ctx, 2);
  // CHECK-FIXES-DEFAULT: mylib::call(ctx, 2);
  (void)mylib::detached(mylib::newRoot());
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:32: warning: 'newRoot()' starts a new root context where 'ctx' is in scope; 'detached' is not cancelled with it
  // CHECK-MESSAGES-DEFAULT: :19:32: note: context 'ctx' declared here
  // CHECK-FIXES: (void)mylib::detached(mylib::newRoot());
  // CHECK-FIXES-DEFAULT: (void)mylib::detached(ctx);
  (void)mylib::forget(mylib::newRoot());
  mylib::call(mylib::forget(ctx), 4);
  mylib::fetch(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fetch' leaves its context parameter 'ctx' to the default
  // CHECK-MESSAGES: :19:32: note: context 'ctx' declared here
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:10: warning: 'fetch' leaves its context parameter 'ctx' to the default
  // CHECK-MESSAGES-DEFAULT: :19:32: note: context 'ctx' declared here
  // CHECK-FIXES: mylib::fetch(5, ctx);
  // CHECK-FIXES-DEFAULT: mylib::fetch(5, ctx);
  try {
    mylib::call(ctx, 6);
  } catch (...) {
    mylib::fetch(7);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fetch' leaves its context parameter 'ctx' to the default
    // CHECK-MESSAGES: :19:32: note: context 'ctx' declared here
    // CHECK-FIXES: mylib::fetch(7, ctx);
    // CHECK-FIXES-DEFAULT: mylib::fetch(7);
  }
}

int main() {
  auto f = [](const mylib::Ctx &c) { mylib::fetch(8); };
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'fetch' leaves its context parameter 'ctx' to the default, a context that is not cancelled with 'c'; pass 'c'
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: context 'c' declared here
  // CHECK-FIXES: auto f = [](const mylib::Ctx &c) { mylib::fetch(8, c); };
  // CHECK-FIXES-DEFAULT: auto f = [](const mylib::Ctx &c) { mylib::fetch(8); };
  f(mylib::Ctx());
}
