// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=ON %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.CheckMembers: true}}" -- -isystem %mocks
//
// Non-static data members of context-like type are reported only with
// CheckMembers: owning a std::stop_source next to the thread it stops is
// idiomatic C++.  Without the option this file has no diagnostic.
#include <folly/CancellationToken.h>
#include <gocxx/context.h>
#include <functional>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

using gocxx::context::CancelFunc;
using gocxx::context::ContextPtr;

class Request {
  ContextPtr ctx_;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:14: warning: context 'ctx_' is stored in a data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  CancelFunc cancel_;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:14: warning: cancel handle 'cancel_' is stored in a data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  std::optional<folly::CancellationToken> token_;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:43: warning: a cancellation token is stored in data member 'token_' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-ON: :[[@LINE-2]]:17: note: the cancellation token type is nested here
  std::vector<ContextPtr> children_;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:27: warning: a context is stored in data member 'children_' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-ON: :[[@LINE-2]]:15: note: the context type is nested here
  std::function<void()> onDone_; // not a cancel handle
  int id_;
};

struct Worker {
  std::stop_source stop;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:20: warning: cancellation source 'stop' is stored in a data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  std::jthread thread; // a class with a stop source inside is not one
};

union Slot {
  std::stop_token *token;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:20: warning: cancellation token 'token' is stored in a data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  int none;
};

// A lambda's captures are not data members of the program.
void capture(ContextPtr ctx, std::stop_token tok) {
  auto f = [ctx, tok] { return ctx != nullptr && tok.stop_possible(); };
  f();
}
