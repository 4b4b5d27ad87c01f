// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
//
// Static storage: globals, static locals, static data members and
// thread_locals whose type is or contains a context, token, source or
// cancel handle of the API model.
#include <azure/core/context.hpp>
#include <bongo/context.h>
#include <folly/CancellationToken.h>
#include <gocxx/context.h>
#include <golang/context.h>
#include <goincpp/context.h>
#include <seastar/core/abort_source.hh>
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

using gocxx::context::CancelFunc;
using gocxx::context::Context;
using gocxx::context::ContextPtr;

// --- Each storage kind.
ContextPtr g_ctx;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: context 'g_ctx' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
static std::stop_source g_file_static;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: cancellation source 'g_file_static' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
namespace {
folly::CancellationSource g_anonymous;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: cancellation source 'g_anonymous' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
} // namespace
namespace app {
inline seastar::abort_source g_inline;
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: cancellation source 'g_inline' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
} // namespace app
thread_local ContextPtr t_ctx;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: context 't_ctx' is stored in a thread_local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]

// Declared twice: reported once, at the first declaration.
extern CancelFunc g_cancel;
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: cancel handle 'g_cancel' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
CancelFunc g_cancel;

ContextPtr cachedContext() {
  static ContextPtr cached;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: context 'cached' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  static thread_local std::stop_source perThread;
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: cancellation source 'perThread' is stored in a thread_local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  ContextPtr local;     // automatic storage: not stored
  return cached;
}

auto lambda = [] {
  static Azure::Core::Context inLambda;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: context 'inLambda' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
};

// A static data member defined out of line: reported once, in the class.
struct Registry {
  static std::stop_source source;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: cancellation source 'source' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  static inline bongo::context::context_type current;
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: context 'current' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  static int count;
};
std::stop_source Registry::source;
int Registry::count;

// --- Through pointers, references and owners: the handle itself.
Context *g_raw;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: context 'g_raw' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::unique_ptr<std::stop_source> g_owned;
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: cancellation source 'g_owned' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::weak_ptr<goincpp::Context> g_weak;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: context 'g_weak' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::stop_source &g_ref = Registry::source;
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: cancellation source 'g_ref' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
golang::context::Context g_pygolang;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: context 'g_pygolang' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::stop_source g_array[4];
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: cancellation source 'g_array' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]

// --- Inside composite types: a note points at the nested type.
std::vector<std::shared_ptr<Context>> g_list;
// CHECK-MESSAGES: :[[@LINE-1]]:39: warning: a context is stored in global variable 'g_list' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:13: note: the context type is nested here
std::optional<std::stop_source> g_optional;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: a cancellation source is stored in global variable 'g_optional' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: the cancellation source type is nested here
std::pair<int, CancelFunc> g_pair;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: a cancel handle is stored in global variable 'g_pair' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: the cancel handle type is nested here
std::tuple<int, std::string, ContextPtr> g_tuple;
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: a context is stored in global variable 'g_tuple' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:30: note: the context type is nested here
std::variant<std::monostate, folly::CancellationToken> g_variant;
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: a cancellation token is stored in global variable 'g_variant' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:30: note: the cancellation token type is nested here
std::array<std::optional<ContextPtr>, 2> *g_deep;
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: a context is stored in global variable 'g_deep' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:26: note: the context type is nested here
auto g_deduced = std::vector<ContextPtr>();
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: a context is stored in global variable 'g_deduced' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: gocxx/context.h:{{[0-9]+}}:{{[0-9]+}}: note: the context type 'gocxx::context::Context' is declared here

// Through an alias: the note follows the alias to where it names the type.
using ContextList = std::vector<ContextPtr>;
ContextList g_aliased;
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: a context is stored in global variable 'g_aliased' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-3]]:33: note: the context type is nested here
template <class T> using Stack = std::vector<T>;
Stack<ContextPtr> g_alias_template;
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a context is stored in global variable 'g_alias_template' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: the context type is nested here

// --- Not stored contexts.
std::function<void()> g_plain_function;      // not a cancel handle
goincpp::CancelContext g_struct_with_members; // members of a class do not count
struct Worker {
  std::stop_source stop;
  ContextPtr ctx;
};
Worker g_worker;
std::vector<Worker> g_workers;
int g_int;
void parameters(ContextPtr ctx, std::stop_token tok) {}
ContextPtr returned();
const char *g_name = "context";
