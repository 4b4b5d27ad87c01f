// RUN: %check_clang_tidy %s context-detached-context %t -- -- -std=c++17 -isystem %mocks
// Azure-style clients: every operation takes `const Context &context =
// Context()` last.  A function handed a Context that calls one without it
// starts work its caller cannot cancel.
#include <azure/storage/blobs.hpp>
#include <stdexcept>
#include <string>

using Azure::Core::Context;
using Azure::Storage::Blobs::BlobClient;

long long size(const BlobClient &client, const Context &context) {
  return client.GetProperties().Value.BlobSize;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'GetProperties' leaves its context parameter 'context' to the default, a context that is not cancelled with 'context'; pass 'context' (or an explicit empty context to detach on purpose) [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-3]]:57: note: context 'context' declared here
  // CHECK-FIXES: return client.GetProperties(context).Value.BlobSize;
}

// The options before the context are left to their defaults too: the fix
// writes them out as `{}`, what their default (`Options()`) passes.
void download(const BlobClient &client, Context ctx) {
  client.DownloadTo("out.bin");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'DownloadTo' leaves its context parameter 'context' to the default, a context that is not cancelled with 'ctx'; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:49: note: context 'ctx' declared here
  // CHECK-FIXES: client.DownloadTo("out.bin", {}, ctx);
  client.DownloadTo("out.bin", {}, ctx);
  client.DownloadTo("out.bin", {2});
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'DownloadTo' leaves its context parameter 'context' to the default
  // CHECK-MESSAGES: :[[@LINE-8]]:49: note: context 'ctx' declared here
  // CHECK-FIXES: client.DownloadTo("out.bin", {2}, ctx);
}

// Detached on purpose: an explicit empty context.
void explicitEmpty(const BlobClient &client, const Context &context) {
  client.GetProperties(Context());
  client.GetProperties(Context{});
  client.Delete({}, context);
}

// The application context is the SDK's root: passing it where the
// caller's context is in scope is the bug Azure/azure-sdk-for-cpp#2091
// fixed (`operation.Poll(context.GetApplicationContext())`).
struct Operation {
  void Poll(Context &context);
  void PollConst(const Context &context);
};
void root(const BlobClient &client, Operation &op, const Context &context) {
  client.GetProperties(Azure::Core::Context::ApplicationContext);
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: 'ApplicationContext' is a root context where 'context' is in scope; 'GetProperties' is not cancelled with it; pass 'context'
  // CHECK-MESSAGES: :47:67: note: context 'context' declared here
  // CHECK-FIXES: client.GetProperties(context);
  op.PollConst(context.GetApplicationContext());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'GetApplicationContext()' starts a new root context where 'context' is in scope; 'PollConst' is not cancelled with it; pass 'context'
  // CHECK-MESSAGES: :47:67: note: context 'context' declared here
  // CHECK-FIXES: op.PollConst(context);
  // A const context does not bind to Context &: reported, no fix-it.
  op.Poll(context.GetApplicationContext());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'GetApplicationContext()' starts a new root context where 'context' is in scope; 'Poll' is not cancelled with it; pass 'context'
  // CHECK-MESSAGES: :47:67: note: context 'context' declared here
  // CHECK-FIXES: op.Poll(context.GetApplicationContext());
}

// Without a context in scope the root is how the chain starts.
void noContextRoot(Operation &op) { op.Poll(Context::GetApplicationContext()); }

// No context in scope: nothing to pass.
long long noContext(const BlobClient &client) {
  return client.GetProperties().Value.BlobSize;
}

// Two contexts: reported, no fix-it (which one is the caller's?).
void twoContexts(const BlobClient &client, const Context &a, const Context &b) {
  client.GetProperties();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'GetProperties' leaves its context parameter 'context' to the default, a context that is not cancelled with 'a'; pass the context in scope
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: context 'a' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:77: note: context 'b' declared here
  // CHECK-FIXES: client.GetProperties();
}

// A context derived in the body is in scope too: no fix-it.
void derived(const BlobClient &client, const Context &context) {
  Context child = context.WithDeadline(Azure::DateTime());
  client.GetProperties();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'GetProperties' leaves its context parameter
  // CHECK-MESSAGES: :[[@LINE-4]]:55: note: context 'context' declared here
  // CHECK-FIXES: client.GetProperties();
  client.GetProperties(child);
}

// Clean-up in a catch handler: it runs because the operation failed,
// perhaps because it was cancelled; the cancelled context would make it
// fail too.
void cleanupInCatch(const BlobClient &client, const Context &context) {
  try {
    client.DownloadTo("out.bin", {}, context);
  } catch (const std::exception &) {
    client.Delete();
    throw;
  }
}

// A lambda that captures the context is a scope of its own.
void lambdas(const BlobClient &client, const Context &context) {
  auto f = [&] {
    (void)context.IsCancelled();
    client.GetProperties();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'GetProperties' leaves its context parameter 'context' to the default, a context that is not cancelled with 'context'; pass 'context'
    // CHECK-MESSAGES: :[[@LINE-5]]:55: note: context 'context' declared here
    // CHECK-FIXES: client.GetProperties(context);
  };
  f();
  // A lambda that does not capture it is not a cancellable scope.
  auto g = [&client] { client.GetProperties(); };
  g();
}

// Constructors, destructors of the client and its methods without a
// context parameter are not calls that omit one.
void other(const std::string &url, const Context &context) {
  BlobClient client(url);
  (void)client.GetUrl();
  client.GetProperties(context);
}

// No fix where a default before the context is not a value-initialization
// (writing it out could change what is passed), or where `{}` could pick
// another overload.
namespace retry {
void Fetch(const std::string &url, int attempts = 3,
           const Context &context = Context());
void Send(const std::string &url, int flags = 0,
          const Context &context = Context());
void Send(const std::string &url, const char *note,
          const Context &context = Context());
} // namespace retry

void fetch(Context ctx) {
  retry::Fetch("u");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Fetch' leaves its context parameter 'context' to the default, a context that is not cancelled with 'ctx'; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: context 'ctx' declared here
  // CHECK-FIXES: {{^  }}retry::Fetch("u");{{$}}
  retry::Send("u");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Send' leaves its context parameter 'context' to the default, a context that is not cancelled with 'ctx'; pass 'ctx'
  // CHECK-MESSAGES: :[[@LINE-7]]:20: note: context 'ctx' declared here
  // CHECK-FIXES: {{^  }}retry::Send("u");{{$}}
}
