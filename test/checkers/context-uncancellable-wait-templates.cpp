// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -isystem %mocks
// Templates are checked in their instantiations and reported once per
// location, if any instantiation blocks blind.
#include <folly/CancellationToken.h>
#include <folly/synchronization/Baton.h>

struct Nonblocking {
  void wait() {}
};

// Blocks only when Waiter is a Baton.
template <class Waiter>
void drain(folly::CancellationToken ct, Waiter &w) {
  w.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'ct'; use a bounded wait in a loop that checks 'ct', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: cancellation token 'ct' declared here
}

// A scope only when Token is a token type.
template <class Token>
void idle(Token t, folly::Baton<> &b) {
  b.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 't'
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: cancellation token 't' declared here
}

// Never instantiated with a blocking type: nothing to report.
template <class Waiter>
void neverBlocks(folly::CancellationToken ct, Waiter &w) {
  w.wait();
}

template <class T> class Pool {
public:
  void run(folly::CancellationToken ct) {
    ready_.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'wait' blocks without observing cancellation of 'ct'
    // CHECK-MESSAGES: :[[@LINE-3]]:37: note: cancellation token 'ct' declared here
  }
  // Not instantiated: not analysed.
  void unused(folly::CancellationToken ct) { ready_.wait(); }

private:
  folly::Baton<> ready_;
};

void instantiate(folly::CancellationToken ct, folly::Baton<> &b, Nonblocking &n) {
  drain(ct, b);
  drain(ct, n);
  drain(folly::CancellationToken(), b);
  idle(ct, b);
  idle(42, b);
  neverBlocks(ct, n);
  Pool<int>().run(ct);
  Pool<long>().run(ct);
}
