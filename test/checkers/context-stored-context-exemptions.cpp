// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=ALLOWED %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.AllowedNames: 'app::fallbackContext;::app::.*Default.*'}}" -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=STRICT %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.AllowNeverCancelled: false}}" -- -isystem %mocks
//
// Exemptions: local statics of root-context functions (and of AllowedNames),
// variables that can never be cancelled (while AllowNeverCancelled is on).
#include <folly/CancellationToken.h>
#include <gocxx/context.h>
#include <csignal>
#include <memory>
#include <stop_token>

using gocxx::context::Context;
using gocxx::context::ContextPtr;

namespace app {
class RootCtx : public Context {
public:
  gocxx::Chan<bool> &Done() override;
  gocxx::Error *Err() override;
  std::chrono::system_clock::time_point Deadline() override;
};

// A library's own root-context functions keep the root in a local static.
ContextPtr Background() {
  static ContextPtr root = std::make_shared<RootCtx>();
  return root;
}
ContextPtr TODO() {
  static auto root = std::make_shared<RootCtx>();
  return root;
}
std::shared_ptr<Context> background() {
  static std::shared_ptr<Context> root = [] {
    static ContextPtr inner = std::make_shared<RootCtx>(); // in the lambda of a root function
    return inner;
  }();
  return root;
}
// Named Background but not making a context: not a root-context function.
int Background(int) {
  static std::stop_source shared;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: cancellation source 'shared' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:27: warning: cancellation source 'shared' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:27: warning: cancellation source 'shared' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  return 0;
}

// AllowedNames: functions whose local statics are exempt too (suffix ALLOWED).
ContextPtr fallbackContext() {
  static ContextPtr fallback = std::make_shared<RootCtx>();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: context 'fallback' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:21: warning: context 'fallback' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  return fallback;
}
struct Pool {
  static folly::CancellationSource &sharedDefaultSource() {
    static folly::CancellationSource source;
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: cancellation source 'source' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:38: warning: cancellation source 'source' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
    return source;
  }
};
} // namespace app

// AllowedNames exempts local statics only, not globals.
ContextPtr fallbackContext;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: context 'fallbackContext' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:12: warning: context 'fallbackContext' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:12: warning: context 'fallbackContext' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]

// --- Never cancelled: silent unless AllowNeverCancelled is off (STRICT).
std::stop_token g_no_token;
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:17: warning: cancellation token 'g_no_token' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
const std::stop_token kNoToken{};
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:23: warning: cancellation token 'kNoToken' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::stop_source g_no_state(std::nostopstate);
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: cancellation source 'g_no_state' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::stop_source g_no_state2 = std::stop_source(std::nostopstate);
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: cancellation source 'g_no_state2' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
folly::CancellationToken g_folly_none;
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:26: warning: cancellation token 'g_folly_none' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
ContextPtr g_root = gocxx::context::Background();
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:12: warning: context 'g_root' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
const std::stop_token &noToken() {
  static const std::stop_token none;
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:32: warning: cancellation token 'none' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  return none;
}

// A default-constructed source can be cancelled: not exempt.
std::stop_source g_source;
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: cancellation source 'g_source' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:18: warning: cancellation source 'g_source' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:18: warning: cancellation source 'g_source' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]

// Never cancelled when declared, but written later: a stored token.
std::stop_token g_assigned;
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: cancellation token 'g_assigned' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:17: warning: cancellation token 'g_assigned' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:17: warning: cancellation token 'g_assigned' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::stop_token g_swapped;
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: cancellation token 'g_swapped' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:17: warning: cancellation token 'g_swapped' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:17: warning: cancellation token 'g_swapped' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
ContextPtr g_replaced = gocxx::context::TODO();
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: context 'g_replaced' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:12: warning: context 'g_replaced' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:12: warning: context 'g_replaced' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
void start(std::stop_source &s, std::stop_token other, ContextPtr request) {
  g_assigned = s.get_token();
  std::swap(g_swapped, other);
  g_replaced = request;
}

// --- The process's shutdown switch: a global a signal handler cancels
// belongs to the process, not to a request.
std::stop_source g_shutdown;
extern "C" void onSignal(int) { g_shutdown.request_stop(); }
gocxx::context::CancelFunc g_cancelAll;
void onTerminate(int) { g_cancelAll(); }
namespace {
folly::CancellationSource g_interrupt;
}
void installHandlers() {
  std::signal(SIGINT, onSignal);
  signal(SIGTERM, &onTerminate);
  std::signal(SIGHUP, [](int) { g_interrupt.requestCancellation(); });
}

// Cancelled, but not by a signal handler: reported.
std::stop_source g_stopWorkers;
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: cancellation source 'g_stopWorkers' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:18: warning: cancellation source 'g_stopWorkers' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:18: warning: cancellation source 'g_stopWorkers' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
void stopWorkers() { g_stopWorkers.request_stop(); }
// A handler that cancels through another function is not followed.
std::stop_source g_indirect;
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: cancellation source 'g_indirect' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:18: warning: cancellation source 'g_indirect' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-STRICT: :[[@LINE-3]]:18: warning: cancellation source 'g_indirect' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
void stopIndirect() { g_indirect.request_stop(); }
void onQuit(int) { stopIndirect(); }
void installQuit() { std::signal(SIGQUIT, onQuit); }
