// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20 -I %srcroot/examples/include
// Stop latency in the scope of a Go-style context: the message names the
// context's own stop-aware forms (steps that check it, or its done channel
// with a timer), not a condition_variable_any, which takes a stop token.
#include <goctx/context.h>

#include <chrono>
#include <thread>

void poll(goctx::ContextPtr ctx) {
  while (ctx->Err().empty())
    std::this_thread::sleep_for(std::chrono::seconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sleep_for' can delay noticing a stop request on 'ctx' by 5s; sleep in steps shorter than 1s that check 'ctx', or wait on its done channel and a timer together [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: context 'ctx' declared here
}

// Short steps: within the latency bound, not reported.
void pollShort(goctx::ContextPtr ctx) {
  while (ctx->Err().empty())
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}
