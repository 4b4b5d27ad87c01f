// REQUIRES: grpc
// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -std=c++20
//
// gRPC's ClientContext::set_deadline is a template, set_deadline(const T&):
// a deadline of now() (or earlier) fails every call with
// DEADLINE_EXCEEDED.  CompletionQueue::AsyncNext takes a poll-style
// deadline: now() means "do not block", never reported.
#include <chrono>
#include <grpcpp/grpcpp.h>

using namespace std::chrono_literals;
namespace chr = std::chrono;

constexpr auto kRpcBudget = 800ms;

void deadlines(grpc::ClientContext &ctx, chr::milliseconds configured) {
  ctx.set_deadline(chr::system_clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: deadline passed to 'set_deadline' is 'now()'; the call fails with a deadline already exceeded [context-nonpositive-timeout]
  ctx.set_deadline(chr::system_clock::now() + 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: deadline passed to 'set_deadline' is 'now() + 0ms'; the call fails with a deadline already exceeded [context-nonpositive-timeout]
  ctx.set_deadline(chr::system_clock::now() - 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: deadline passed to 'set_deadline' is 'now() - 1s'; the call fails with a deadline already exceeded [context-nonpositive-timeout]
  ctx.set_deadline(chr::system_clock::now() + chr::duration_cast<chr::seconds>(kRpcBudget));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'duration_cast<seconds>' truncates 800ms to 0s; the deadline passed to 'set_deadline' is 'now() + 0s' [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-11]]:16: note: 'kRpcBudget' is defined here
  ctx.set_deadline(chr::system_clock::time_point{});
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: deadline passed to 'set_deadline' is the clock's epoch; the call fails with a deadline already exceeded [context-nonpositive-timeout]

  ctx.set_deadline(chr::system_clock::now() + kRpcBudget);
  ctx.set_deadline(chr::system_clock::now() + configured);
  ctx.set_deadline(chr::system_clock::time_point::max());
}

void poll(grpc::CompletionQueue &cq) {
  void *tag = nullptr;
  bool ok = false;
  cq.AsyncNext(&tag, &ok, chr::system_clock::now());
  cq.AsyncNext(&tag, &ok, chr::system_clock::now() - 1s);
}
