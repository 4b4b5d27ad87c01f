// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=OPT %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.MapTypes: '::app::Registry'}}" -- -isystem %mocks
//
// Value maps: associative containers whose mapped type is (or contains) a
// context-like type, at each variable or data member of such a type.  Keys
// are not storage; aliases, parameters and return types are not reported.
#include <absl/container/flat_hash_map.h>
#include <bongo/context.h>
#include <folly/CancellationToken.h>
#include <gocxx/context.h>
#include <map>
#include <memory>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

using gocxx::context::CancelFunc;
using gocxx::context::ContextPtr;

// A global value map: one warning, the map's.
std::map<int, ContextPtr> sessions;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: map 'sessions' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
// CHECK-MESSAGES-OPT: :[[@LINE-2]]:27: warning: map 'sessions' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
std::unordered_multimap<std::string, std::stop_source> sources;
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: map 'sources' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
// CHECK-MESSAGES-OPT: :[[@LINE-2]]:56: warning: map 'sources' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
absl::flat_hash_map<int, bongo::context::context_type> byId;
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: map 'byId' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
// CHECK-MESSAGES-OPT: :[[@LINE-2]]:56: warning: map 'byId' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]

// The mapped type contains the context: the note points at it.
std::multimap<int, std::pair<ContextPtr, CancelFunc>> pending;
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: map 'pending' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:30: note: the context type is nested here
// CHECK-MESSAGES-OPT: :[[@LINE-3]]:55: warning: map 'pending' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
// CHECK-MESSAGES-OPT: :[[@LINE-4]]:30: note: the context type is nested here

// Through aliases and typedefs: at the variable, never at the alias.
using SessionMap = std::map<std::string, ContextPtr>;
typedef std::unordered_map<int, folly::CancellationToken> TokenTable;
SessionMap aliased;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: map 'aliased' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
// CHECK-MESSAGES-OPT: :[[@LINE-2]]:12: warning: map 'aliased' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]

// Parameters and return types are not storage.
SessionMap snapshot(const SessionMap &from, TokenTable tokens);

struct Server {
  // A data member map is reported without CheckMembers: it is a map rule.
  TokenTable tokens;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: map 'tokens' stores cancellation tokens as values; they outlive the requests that own them; pass each cancellation token down as a parameter instead [context-stored-context]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:14: warning: map 'tokens' stores cancellation tokens as values; they outlive the requests that own them; pass each cancellation token down as a parameter instead [context-stored-context]
  static std::map<int, CancelFunc> cancels;
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: map 'cancels' stores cancel handles as values; they outlive the requests that own them; pass each cancel handle down as a parameter instead [context-stored-context]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:36: warning: map 'cancels' stores cancel handles as values; they outlive the requests that own them; pass each cancel handle down as a parameter instead [context-stored-context]
  std::map<int, std::string> names;
};
std::map<int, CancelFunc> Server::cancels;

void handle(int id) {
  static std::map<int, std::shared_ptr<std::stop_source>> running;
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: map 'running' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:59: warning: map 'running' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  std::map<int, ContextPtr> perCall;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: map 'perCall' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:29: warning: map 'perCall' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
  // A reference to a map held elsewhere stores nothing itself.
  const SessionMap &view = aliased;
  for (const auto &[key, ctx] : sessions) {
  }
}

// A context used only as a key is not stored: caches keyed by context.
std::map<ContextPtr, int> retriesByContext;
std::unordered_map<std::shared_ptr<gocxx::context::Context>, std::string> labels;
struct KeyedCache {
  std::map<ContextPtr, std::vector<int>> results;
};

// A map nested in another container is a global that contains contexts.
std::vector<std::map<int, ContextPtr>> shards;
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: a context is stored in global variable 'shards' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-2]]:27: note: the context type is nested here
// CHECK-MESSAGES-OPT: :[[@LINE-3]]:40: warning: a context is stored in global variable 'shards' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-OPT: :[[@LINE-4]]:27: note: the context type is nested here

// A map type of the project, named with MapTypes (suffix OPT).
namespace app {
template <class K, class V> class Registry {
public:
  V &operator[](const K &k);
};
} // namespace app
app::Registry<int, ContextPtr> registry;
// CHECK-MESSAGES-OPT: :[[@LINE-1]]:32: warning: map 'registry' stores contexts as values; they outlive the requests that own them; pass each context down as a parameter instead [context-stored-context]
app::Registry<ContextPtr, int> registryByContext;
