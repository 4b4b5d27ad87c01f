// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -isystem %mocks
// Channels and select helpers of the C++ ports of Go's context package:
// pygolang (chan, select, _default), bongo (channel, select, default_case)
// and gocxx (Chan).
#include <bongo/context.h>
#include <gocxx/context.h>
#include <golang/context.h>
#include <stop_token>

namespace pyg {
using namespace golang;

void consume(context::Context ctx, chan<int> jobs, chan<structZ> quit) {
  int job = jobs.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'recv' blocks without observing cancellation of 'ctx'; select on it and on 'ctx->done()' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: context 'ctx' declared here
  jobs.send(job);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'send' blocks without observing cancellation of 'ctx'; select on it and on 'ctx->done()'
  // CHECK-MESSAGES: :[[@LINE-6]]:31: note: context 'ctx' declared here
  (void)jobs.recv_();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'recv_' blocks without observing cancellation of 'ctx'
  // CHECK-MESSAGES: :[[@LINE-9]]:31: note: context 'ctx' declared here
  select({jobs.recvs(&job), quit.recvs()});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: select has neither a case on 'ctx->done()' nor a default case; it blocks without observing cancellation of 'ctx' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-12]]:31: note: context 'ctx' declared here
  // A case on the done channel, or a default case: fine.
  select({ctx->done().recvs(), jobs.recvs(&job)});
  select({jobs.recvs(&job), _default});
  // A context derived from ctx is cancelled with it.
  std::pair<context::Context, func<void()>> derived = context::with_cancel(ctx);
  select({derived.first->done().recvs(), jobs.recvs(&job)});
  derived.second();
  // Closing and non-blocking forms are not waits.
  quit.close();
}

// Not a cancellable scope: nothing is reported.
void noContext(chan<int> jobs) {
  jobs.recv();
  select({jobs.recvs()});
}

// A stop token in scope, and a select that cannot see it.
void tokenOnly(std::stop_token st, chan<int> jobs) {
  select({jobs.recvs()});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: select has no default case; it blocks without observing cancellation of 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: cancellation token 'st' declared here
  select({jobs.recvs(), _default});
}
} // namespace pyg

namespace bgo {
using bongo::channel;
using bongo::context::context_type;

void worker(context_type ctx, channel<int> &jobs) {
  int v = jobs.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'recv' blocks without observing cancellation of 'ctx'; select on it and on 'ctx->done()'
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: context 'ctx' declared here
  bongo::select(bongo::recv_case<int>(jobs, [](int) {}));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: select has neither a case on 'ctx->done()' nor a default case
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: context 'ctx' declared here
  bongo::select(bongo::recv_case<bool>(ctx->done(), [](bool) {}),
                bongo::recv_case<int>(jobs, [](int) {}));
  bongo::select(bongo::send_case(jobs, v), bongo::default_case([] {}));
  // A handler that mentions the done channel is not a case on it.
  bongo::select(bongo::recv_case<int>(jobs, [&](int) { ctx->done(); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: select has neither a case on 'ctx->done()' nor a default case
  // CHECK-MESSAGES: :[[@LINE-13]]:26: note: context 'ctx' declared here
}
} // namespace bgo

namespace gcx {
void worker(gocxx::context::ContextPtr ctx, gocxx::Chan<int> &in,
            gocxx::Chan<int> &out) {
  int v = in.Recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Recv' blocks without observing cancellation of 'ctx'; select on it and on 'ctx->Done()'
  // CHECK-MESSAGES: :[[@LINE-4]]:40: note: context 'ctx' declared here
  out.Send(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Send' blocks without observing cancellation of 'ctx'; select on it and on 'ctx->Done()'
  // CHECK-MESSAGES: :[[@LINE-7]]:40: note: context 'ctx' declared here
}

// A reference to the context class itself opens a scope too.
void byReference(gocxx::context::Context &ctx, gocxx::Chan<int> &in) {
  in.Recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'Recv' blocks without observing cancellation of 'ctx'; select on it and on 'ctx.Done()'
  // CHECK-MESSAGES: :[[@LINE-3]]:43: note: context 'ctx' declared here
}

// A cancel handle is not a token.
void cancelOnly(gocxx::context::CancelFunc cancel, gocxx::Chan<int> &in) {
  in.Recv();
  cancel();
}
} // namespace gcx

// A function called select in a namespace, without class-typed cases, is
// not a Go-style select (POSIX-like helpers).
namespace net {
int select(int nfds, void *readfds);
void poll(std::stop_token st) { (void)select(1, nullptr); }
} // namespace net
