// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// In a coroutine, co_return is an exit like return.
#include <golang/context.h>
#include <coroutine>

namespace gctx = golang::context;
bool cond();

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct Awaitable {
  bool await_ready() noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

Task leaksAtCoReturn(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  co_await Awaitable{};
  if (cond())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this co_return is reached without calling 'cancel'
  cancel();
}

Task leaksAtTheEnd(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  co_await Awaitable{};
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

Task calledAcrossSuspension(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  co_await Awaitable{};
  if (cond()) {
    cancel();
    co_return;
  }
  co_await Awaitable{};
  cancel();
}
