// RUN: %check_clang_tidy %s context-lost-cancel %t -- -config="{CheckOptions: {context-lost-cancel.CancelFactories: 'mylib::StartTimer;mylib::NewOperation', ReleaseMethods: 'mylib::Operation::Stop'}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=NORELEASE %s context-lost-cancel %t -- -config="{CheckOptions: {CancelFactories: 'mylib::StartTimer;mylib::NewOperation'}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=DEFAULT %s context-lost-cancel %t -- -- -isystem %mocks
// CancelFactories and ReleaseMethods extend the API model; annotations do
// the same from the library's side.
#include <functional>
#include <utility>

bool cond();
namespace mylib {
struct Timer {};
std::pair<Timer, std::function<void()>> StartTimer(int ms);

// A handle that is released by a method rather than called.
struct [[clang::annotate("context::cancel_handle")]] Operation {
  void Wait();
  void Stop();
};
struct Started {
  int id;
  Operation op;
};
Started NewOperation();

[[clang::annotate("context::cancel_factory")]] std::pair<int, std::function<void()>> Annotated();
} // namespace mylib

void timer() {
  auto [t, stop] = mylib::StartTimer(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'stop' returned by 'StartTimer' is never called;
  // CHECK-MESSAGES-NORELEASE: :[[@LINE-2]]:12: warning: the cancel handle 'stop' returned by 'StartTimer' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'stop'
// CHECK-MESSAGES-NORELEASE: :[[@LINE-2]]:1: note: the end of the function is reached without calling 'stop'

void operation() {
  auto [id, op] = mylib::NewOperation();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the cancel handle 'op' returned by 'NewOperation' is not called on all paths;
  // CHECK-MESSAGES-NORELEASE: :[[@LINE-2]]:13: warning: the cancel handle 'op' returned by 'NewOperation' is never called;
  op.Wait();
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'op'
  // CHECK-MESSAGES-NORELEASE: :[[@LINE-2]]:5: note: this return is reached without calling 'op'
  op.Stop();
}
// CHECK-MESSAGES-NORELEASE: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'op'

void annotated() {
  auto [i, f] = mylib::Annotated();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'f' returned by 'Annotated' is never called;
  // CHECK-MESSAGES-NORELEASE: :[[@LINE-2]]:12: warning: the cancel handle 'f' returned by 'Annotated' is never called;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:12: warning: the cancel handle 'f' returned by 'Annotated' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'f'
// CHECK-MESSAGES-NORELEASE: :[[@LINE-2]]:1: note: the end of the function is reached without calling 'f'
// CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:1: note: the end of the function is reached without calling 'f'
