// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -isystem %mocks
// What makes a body a cancellable scope: token, source and context
// parameters (by value, reference, pointer, shared_ptr), lambda captures and
// init-captures; what does not: locals, unnamed parameters, cancel handles,
// the context library's own classes.  Nested lambdas are scopes of their own.
#include <coroutine>
#include <folly/CancellationToken.h>
#include <folly/synchronization/Baton.h>
#include <gocxx/context.h>
#include <memory>

folly::Baton<> baton;

void byPointer(folly::CancellationToken *ct) {
  baton.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'ct'; use a bounded wait in a loop that checks 'ct', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: cancellation token 'ct' declared here
}

void bySharedPtr(std::shared_ptr<const folly::CancellationToken> ct) {
  baton.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'ct'
  // CHECK-MESSAGES: :[[@LINE-3]]:66: note: cancellation token 'ct' declared here
}

void contextPtr(int id, const gocxx::context::ContextPtr &ctx) {
  baton.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: context 'ctx' declared here
}

// Not scopes.
void unnamed(folly::CancellationToken) { baton.wait(); }
void ownToken() {
  folly::CancellationSource src;
  folly::CancellationToken mine = src.getToken();
  baton.wait();
}
void cancelHandle(gocxx::context::CancelFunc cancel) {
  baton.wait();
  cancel();
}

void captures(folly::CancellationSource &src) {
  folly::CancellationToken ct = src.getToken();
  // The enclosing function is a scope (src); each lambda is its own.
  auto byCopy = [ct] {
    baton.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'ct'
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: cancellation token 'ct' captured here
  };
  auto byRef = [&ct] {
    baton.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'ct'
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: cancellation token 'ct' captured here
  };
  auto implicitly = [&] {
    if (!ct.isCancellationRequested())
      baton.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'wait' blocks without observing cancellation of 'ct'
    // CHECK-MESSAGES: :[[@LINE-16]]:28: note: cancellation token 'ct' declared here
  };
  auto initCapture = [tok = src.getToken()] {
    baton.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'tok'
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: cancellation token 'tok' captured here
  };
  // Captures nothing cancellable: its own scope, not cancellable.
  auto plain = [] { baton.wait(); };
  // A lambda nested in a cancellable lambda, without the token: not a scope.
  auto outer = [ct] {
    auto inner = [] { baton.wait(); };
    inner();
    auto innerWithToken = [&ct] {
      baton.wait();
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'wait' blocks without observing cancellation of 'ct'
      // CHECK-MESSAGES: :[[@LINE-3]]:29: note: cancellation token 'ct' captured here
    };
    innerWithToken();
  };
  byCopy(); byRef(); implicitly(); initCapture(); plain(); outer();
  baton.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'src'
  // CHECK-MESSAGES: :[[@LINE-40]]:42: note: cancellation source 'src' declared here
}

// A generic lambda is analysed in each specialization, and reported once.
void generic(folly::CancellationToken ct, int n) {
  auto run = [](auto token) {
    baton.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'token'
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: cancellation token 'token' declared here
  };
  run(ct);
  run(folly::CancellationToken());
  run(n); // no token: not a scope
}

// Lambdas outside any function.
auto globalWorker = [](folly::CancellationToken ct) {
  baton.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'ct'
  // CHECK-MESSAGES: :[[@LINE-3]]:49: note: cancellation token 'ct' declared here
};
struct Holder {
  void (*fn)(folly::CancellationToken) = [](folly::CancellationToken ct) {
    baton.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'ct'
    // CHECK-MESSAGES: :[[@LINE-3]]:70: note: cancellation token 'ct' declared here
  };
};

// The context library's own classes: their members implement cancellation.
class MyContext : public gocxx::context::Context {
public:
  gocxx::Chan<bool> &Done() override { return done_; }
  gocxx::Error *Err() override { return nullptr; }
  std::chrono::system_clock::time_point Deadline() override { return {}; }
  void propagate(gocxx::context::ContextPtr parent) {
    parent->Done().Recv();
    done_.Send(true);
  }

private:
  gocxx::Chan<bool> done_;
};

// A coroutine body is a scope like any other.
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Task coroutine(folly::CancellationToken ct) {
  co_await std::suspend_never{};
  baton.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'ct'
  // CHECK-MESSAGES: :[[@LINE-4]]:41: note: cancellation token 'ct' declared here
}
