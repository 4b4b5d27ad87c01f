// RUN: %check_clang_tidy %s context-detached-context %t -- -- -std=c++20 -isystem %mocks
// Templates (instantiations are analysed, reported once per location),
// generic lambdas, dependent calls, and macros (reported, fix-its only
// where the text to change is written outside the macro).
#include <azure/storage/blobs.hpp>
#include <gocxx/context.h>
#include <chrono>

using Azure::Core::Context;
using Azure::Storage::Blobs::BlobClient;
namespace gc = gocxx::context;
using namespace std::chrono_literals;

struct OtherClient {
  void GetProperties(int retries = 3) const;
};

// Reported in the instantiation with BlobClient; OtherClient's
// GetProperties takes no context.
template <class Client> void props(const Client &c, const Context &context) {
  c.GetProperties();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'GetProperties' leaves its context parameter 'context' to the default, a context that is not cancelled with 'context'; pass 'context'
  // CHECK-MESSAGES: :[[@LINE-3]]:68: note: context 'context' declared here
  // CHECK-FIXES: c.GetProperties(context);
}

// The token's type is a template parameter.
template <class Ctx> void derive(Ctx ctx) {
  auto r = gc::WithTimeout(gc::Background(), 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Background()' starts a new root context where 'ctx' is in scope; 'WithTimeout' is not cancelled with it; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: context 'ctx' declared here
  // CHECK-FIXES: auto r = gc::WithTimeout(ctx, 1s);
  r.value().second();
}

// Never instantiated: nothing to report.
template <class Client> void uninstantiated(const Client &c, const Context &context) {
  c.GetProperties();
}

void instantiate(const BlobClient &b, const OtherClient &o,
                 const Context &context, gc::ContextPtr p) {
  props(b, context);
  props(b, context);
  props(o, context);
  derive(p);
  derive(42); // an int is no context: not a scope
}

// A generic lambda: each specialization is a scope.
void genericLambda(const BlobClient &b, const OtherClient &o) {
  auto f = [](const auto &client, const Context &ctx) {
    client.GetProperties();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'GetProperties' leaves its context parameter 'context' to the default, a context that is not cancelled with 'ctx'; pass 'ctx'
    // CHECK-MESSAGES: :[[@LINE-3]]:50: note: context 'ctx' declared here
    // CHECK-FIXES: client.GetProperties(ctx);
  };
  f(b, Context());
  f(o, Context());
}

#define PROPS(c) (c).GetProperties()
#define CALL_PROPS(c, x) (c).GetProperties(x)
#define ROOT gc::Background()

void macros(const BlobClient &client, const Context &context, gc::ContextPtr ctx) {
  PROPS(client);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'GetProperties' leaves its context parameter 'context' to the default
  // CHECK-MESSAGES: :[[@LINE-7]]:22: note: expanded from macro 'PROPS'
  // CHECK-MESSAGES: :[[@LINE-4]]:54: note: context 'context' declared here
  // CHECK-FIXES: PROPS(client);
  CALL_PROPS(client, context);
  auto r = gc::WithCancel(ROOT);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Background()' starts a new root context where 'ctx' is in scope
  // CHECK-MESSAGES: :[[@LINE-11]]:18: note: expanded from macro 'ROOT'
  // CHECK-MESSAGES: :[[@LINE-10]]:78: note: context 'ctx' declared here
  // CHECK-FIXES: auto r = gc::WithCancel(ROOT);
  r.value().second();
}
