// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=MAIN %s context-lost-cancel %t -- -config="{CheckOptions: {context-lost-cancel.IgnoreMain: false}}" -- -isystem %mocks
// main is exempt by default (the process ends with it), like vet's main.main.
#include <golang/context.h>

namespace gctx = golang::context;
gctx::Context background();

int main() {
  auto [c, cancel] = gctx::with_cancel(background());
  // CHECK-MESSAGES-MAIN: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  // CHECK-MESSAGES-MAIN: :[[@LINE+11]]:3: note: this return is reached without calling 'cancel'
  gctx::with_timeout(background(), 1.0);
  // CHECK-MESSAGES-MAIN: :[[@LINE-1]]:9: warning: the cancel handle returned by 'with_timeout' is discarded;
  auto worker = [] {
    auto [c2, cancel2] = gctx::with_cancel(background());
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the cancel handle 'cancel2' returned by 'with_cancel' is never called;
    // CHECK-MESSAGES-MAIN: :[[@LINE-2]]:15: warning: the cancel handle 'cancel2' returned by 'with_cancel' is never called;
  };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the end of the function is reached without calling 'cancel2'
  // CHECK-MESSAGES-MAIN: :[[@LINE-2]]:3: note: the end of the function is reached without calling 'cancel2'
  worker();
  return 0;
}
