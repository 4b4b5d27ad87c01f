// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Templates are checked in their instantiations, reported once per place.
#include <golang/context.h>
#include <bongo/context.h>

namespace gctx = golang::context;
bool cond();

template <int N> void leaksInEveryInstantiation(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

// Dependent on the context type: the factory is found by lookup in the
// instantiation.
template <typename Ctx> void generic(Ctx p) {
  auto [c, cancel] = with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

template <typename T> struct Client {
  void call(gctx::Context p) {
    auto [c, cancel] = gctx::with_timeout(p, 1.0);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'with_timeout' is never called;
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the end of the function is reached without calling 'cancel'
};

// Only the instantiation where the branch is kept leaks.
template <bool Early> void dependsOnInstantiation(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if constexpr (Early)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

// Never instantiated: never checked.
template <typename T> void neverInstantiated(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
}

void instantiate(gctx::Context p, bongo::context::context_type b) {
  leaksInEveryInstantiation<1>(p);
  leaksInEveryInstantiation<2>(p);
  generic(p);
  generic(b);
  Client<int>().call(p);
  Client<char>().call(p);
  dependsOnInstantiation<false>(p);
  dependsOnInstantiation<true>(p);
}
