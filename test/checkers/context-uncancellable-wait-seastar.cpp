// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -isystem %mocks
// seastar: code handed an abort_source& is cancellable; a subscription that
// wakes the wait makes it fine.
#include <folly/synchronization/Baton.h>
#include <seastar/core/abort_source.hh>

void blind(seastar::abort_source &as, folly::Baton<> &b) {
  b.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'as'; use a bounded wait in a loop that checks 'as', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: cancellation source 'as' declared here
}

void subscribed(seastar::abort_source &as, folly::Baton<> &b) {
  auto sub = as.subscribe([&]() noexcept { b.post(); });
  b.wait();
}

// A pointer to the abort source opens the scope too; the subscription
// wakes another baton.
void subscribedOther(seastar::abort_source *as, folly::Baton<> &b,
                     folly::Baton<> &c) {
  auto sub = as->subscribe([&]() noexcept { c.post(); });
  b.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'as'
  // CHECK-MESSAGES: :[[@LINE-5]]:45: note: cancellation source 'as' declared here
}
