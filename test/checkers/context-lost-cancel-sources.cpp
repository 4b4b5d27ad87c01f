// RUN: %check_clang_tidy %s context-lost-cancel %t -- -config="{CheckOptions: {context-lost-cancel.CheckSources: true}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=GUARD %s context-lost-cancel %t -- -config="{CheckOptions: {context-lost-cancel.CheckSources: true, ScopeGuards: 'mylib::AtExit'}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=OFF %s context-lost-cancel %t -- -- -isystem %mocks
// With CheckSources, a local cancellation source whose token went to a
// thread or other owner must be asked to stop on every path (or handed on).
// Off by default: nothing below is reported without it.
#include <folly/CancellationToken.h>
#include <seastar/core/abort_source.hh>

bool cond();
void work(folly::CancellationToken);
void stopLater(folly::CancellationSource &);
struct Thread {
  template <typename F, typename... A> explicit Thread(F &&f, A &&...a) {}
  void join();
  void detach();
};
namespace mylib {
struct AtExit {
  template <typename F> explicit AtExit(F &&f) {}
};
} // namespace mylib

void handedAndNotReleased() {
  folly::CancellationSource src;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the cancellation source 'src' gave its token to a thread or other owner, but 'requestCancellation' is not called on all paths; the owner may wait forever for a stop request [context-lost-cancel]
  // CHECK-MESSAGES-GUARD: :[[@LINE-2]]:29: warning: the cancellation source 'src' gave its token to a thread or other owner, but 'requestCancellation' is not called on all paths;
  Thread t(work, src.getToken());
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'requestCancellation' on 'src'
  // CHECK-MESSAGES-GUARD: :[[@LINE-2]]:5: note: this return is reached without calling 'requestCancellation' on 'src'
  src.requestCancellation();
  t.join();
}

void releasedOnEveryPath() {
  folly::CancellationSource src;
  Thread t(work, src.getToken());
  if (cond()) {
    src.requestCancellation();
    return;
  }
  src.requestCancellation();
}

// (An owner joined with a blocking call of the API model, std::thread::join,
// is done with the token: see test/real-headers.)

void tokenNeverHandedOut() {
  folly::CancellationSource src;
  auto token = src.getToken();
  if (token.isCancellationRequested())
    return;
}

void tokenHandedOutThroughALocal() {
  folly::CancellationSource src;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the cancellation source 'src' gave its token to a thread or other owner,
  // CHECK-MESSAGES-GUARD: :[[@LINE-2]]:29: warning: the cancellation source 'src' gave its token to a thread or other owner,
  auto token = src.getToken();
  Thread t(work, token);
  t.detach();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'requestCancellation' on 'src'
// CHECK-MESSAGES-GUARD: :[[@LINE-2]]:1: note: the end of the function is reached without calling 'requestCancellation' on 'src'

// Handed on: whoever gets it may stop it.
void sourcePassedOn() {
  folly::CancellationSource src;
  Thread t(work, src.getToken());
  stopLater(src);
  t.detach();
}

// seastar's abort_source is its own token: captured by the owner.
void abortSourceCapturedByOwner() {
  seastar::abort_source as;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the cancellation source 'as' gave its token to a thread or other owner, but 'request_abort' is not called on all paths;
  // CHECK-MESSAGES-GUARD: :[[@LINE-2]]:25: warning: the cancellation source 'as' gave its token to a thread or other owner, but 'request_abort' is not called on all paths;
  Thread t([&as] { as.check(); });
  t.detach();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'request_abort' on 'as'
// CHECK-MESSAGES-GUARD: :[[@LINE-2]]:1: note: the end of the function is reached without calling 'request_abort' on 'as'

void abortSourceReleasedByOwner() {
  seastar::abort_source as;
  Thread t([&as] { as.request_abort(); });
  t.detach();
}

// A scope guard is no owner: it runs at scope exit, nothing waits on it.
// (mylib::AtExit is one only with the ScopeGuards option.)
void guardIsNoOwner() {
  folly::CancellationSource src;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the cancellation source 'src' gave its token to a thread or other owner,
  mylib::AtExit g([&src] { (void)src.isCancellationRequested(); });
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'requestCancellation' on 'src'
