// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=ALLOWED %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.AllowedNames: 'app::defaultContext'}}" -- -isystem %mocks
//
// A library's root kept outside its root-context function: a file-local
// (internal linkage) global that only root-context functions (and
// AllowedNames) use is the root itself, as pygolang's `_background` is.
// The translation unit sees every use of such a variable; one that anything
// else uses, or that is visible to other translation units, is reported.
#include <gocxx/context.h>
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

// --- Only the root-context functions use it: silent.
static ContextPtr _background = std::make_shared<RootCtx>();
ContextPtr background() { return _background; }

namespace {
ContextPtr g_todo = std::make_shared<RootCtx>();
std::shared_ptr<Context> g_lazy;
} // namespace
ContextPtr TODO() { return g_todo; }
ContextPtr Background() {
  // In a lambda inside the root-context function, too.
  return [] {
    if (!g_lazy)
      g_lazy = std::make_shared<RootCtx>();
    return g_lazy;
  }();
}

// --- Used elsewhere as well: reported.
static ContextPtr _shared = std::make_shared<RootCtx>();
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: context '_shared' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:19: warning: context '_shared' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
ContextPtr todo() { return _shared; }
void reset(ContextPtr ctx) { _shared = ctx; }

// Used in another global's initializer: reported (and so is the other).
static ContextPtr _base = std::make_shared<RootCtx>();
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: context '_base' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:19: warning: context '_base' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
ContextPtr g_copy = _base;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: context 'g_copy' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:12: warning: context 'g_copy' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
namespace base {
ContextPtr Background() { return _base; }
} // namespace base

// Visible to other translation units: they may use it too.
ContextPtr g_exported = std::make_shared<RootCtx>();
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: context 'g_exported' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:12: warning: context 'g_exported' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
ContextPtr Background(int) { return g_exported; }

// Used only by a function that is not a root-context function.
static std::stop_source s_stop;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: cancellation source 's_stop' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:25: warning: cancellation source 's_stop' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
void stopAll() { s_stop.request_stop(); }

// Named like a root-context function but returning no context.
static std::stop_source s_named;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: cancellation source 's_named' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:25: warning: cancellation source 's_named' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
int Background(long) {
  s_named.request_stop();
  return 0;
}

// Not used at all: nothing shows it is a root.
static ContextPtr _unused = std::make_shared<RootCtx>();
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: context '_unused' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:19: warning: context '_unused' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]

// AllowedNames functions count as root-context functions (suffix ALLOWED).
static ContextPtr _fallback = std::make_shared<RootCtx>();
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: context '_fallback' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
ContextPtr defaultContext() { return _fallback; }
} // namespace app
