// RUN: %check_clang_tidy %s context-detached-context %t -- -config="{CheckOptions: {context-detached-context.FollowCalls: true}}" -- -std=c++17 -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=OFF %s context-detached-context %t -- -- -std=c++17 -isystem %mocks
// A wrapper that takes no context and starts its work with a fresh root
// (lib/summaries/RootCalls.h), called where a context is in scope
// (FollowCalls): the call cuts the cancellation chain as the root written
// there would.  Reported at the call, with a note for each step down to the
// root.  Not: a wrapper that takes a context, a detach function, a call
// that passes a context, a call with no context in scope, clean-up code.
// Without FollowCalls nothing here is reported (OFF).
#include <azure/storage/blobs.hpp>

using Azure::Core::Context;
using Azure::Storage::Blobs::BlobClient;

long long sizeOf(const BlobClient &client) {
  return client.GetProperties(Context::ApplicationContext).Value.BlobSize;
}
long long sizeTwice(const BlobClient &client) { return sizeOf(client) * 2; }
long long sizeIn(const BlobClient &client, const Context &context) {
  return client.GetProperties(context).Value.BlobSize;
}

template <class Client> long long sizeT(const Client &client) {
  return sizeOf(client);
}

long long handler(const BlobClient &client, const Context &context) {
  long long n = sizeOf(client);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'sizeOf' starts its work with a new root context ('ApplicationContext', passed to 'GetProperties') where 'context' is in scope; the work is not cancelled with 'context'; pass 'context' to 'sizeOf' and on to 'GetProperties' [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-14]]:31: note: 'sizeOf' passes 'ApplicationContext' to 'GetProperties' here
  // CHECK-MESSAGES: :[[@LINE-4]]:60: note: context 'context' declared here
  n += sizeTwice(client);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'sizeTwice' starts its work with a new root context ('ApplicationContext', passed to 'GetProperties') where 'context' is in scope; the work is not cancelled with 'context'; pass 'context' to 'sizeTwice' and on to 'GetProperties' [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-16]]:56: note: 'sizeTwice' calls 'sizeOf' here
  // CHECK-MESSAGES: :[[@LINE-19]]:31: note: 'sizeOf' passes 'ApplicationContext' to 'GetProperties' here
  // CHECK-MESSAGES: :[[@LINE-9]]:60: note: context 'context' declared here
  n += sizeIn(client, context);
  n += sizeT(client);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'sizeT' starts its work with a new root context ('ApplicationContext', passed to 'GetProperties') where 'context' is in scope; the work is not cancelled with 'context'; pass 'context' to 'sizeT' and on to 'GetProperties' [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-16]]:10: note: 'sizeT' calls 'sizeOf' here
  // CHECK-MESSAGES: :[[@LINE-25]]:31: note: 'sizeOf' passes 'ApplicationContext' to 'GetProperties' here
  // CHECK-MESSAGES: :[[@LINE-15]]:60: note: context 'context' declared here
  try {
    n += sizeIn(client, context);
  } catch (...) {
    n = sizeOf(client); // clean-up: a cancelled context must not be passed
  }
  auto inLambda = [&client, &context] { return sizeOf(client) + sizeIn(client, context); };
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'sizeOf' starts its work with a new root context ('ApplicationContext', passed to 'GetProperties') where 'context' is in scope; the work is not cancelled with 'context'; pass 'context' to 'sizeOf' and on to 'GetProperties' [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-34]]:31: note: 'sizeOf' passes 'ApplicationContext' to 'GetProperties' here
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: context 'context' captured here
  return n + inLambda();
}

// No context in scope: the wrapper is how the chain starts.
long long noContext(const BlobClient &client) { return sizeOf(client); }
