// REQUIRES: grpc
// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// gRPC: CompletionQueue::Next blocks, AsyncNext with a deadline is bounded,
// Shutdown on the stop path wakes Next.  ClientContext and ServerContext
// open no cancellable scope: nothing can wake a wait through them.
#include <chrono>
#include <grpcpp/grpcpp.h>
#include <stop_token>

void poller(std::stop_token st, grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Next' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-5]]:29: note: cancellation token 'st' declared here
  }
  while (!st.stop_requested()) {
    auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(100);
    (void)cq.AsyncNext(&tag, &ok, deadline);
  }
}

// Shut down from a stop callback: Next returns false.
void shutDownOnStop(std::stop_token st, grpc::CompletionQueue &cq) {
  std::stop_callback shutdown(st, [&cq] { cq.Shutdown(); });
  void *tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
  }
}

// Handlers handed a ClientContext or a ServerContext are not cancellable
// scopes.
grpc::Status handle(grpc::ServerContext *ctx, grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  cq.Next(&tag, &ok);
  return grpc::Status::OK;
}
void call(grpc::ClientContext &ctx, grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  cq.Next(&tag, &ok);
}
