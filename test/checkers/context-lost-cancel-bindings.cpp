// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Every way to bind the handle, every naming style, every result shape.
#include <golang/context.h>
#include <bongo/context.h>
#include <gocxx/context.h>
#include <goincpp/context.h>
#include <likecontext/context.h>
#include <tuple>

using namespace std::chrono_literals;
namespace gctx = golang::context;
bool cond();

// --- pygolang: std::pair<Context, func<void()>>, snake_case.
void structuredBinding(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

void referenceBinding(gctx::Context p) {
  const auto &[c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void tiedToLocals(gctx::Context p) {
  gctx::Context c;
  golang::func<void()> cancel;
  std::tie(c, cancel) = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

void tiedAndCalled(gctx::Context p) {
  gctx::Context c;
  golang::func<void()> cancel;
  std::tie(c, cancel) = gctx::with_cancel(p);
  cancel();
}

void wholeResultKept(gctx::Context p) {
  auto r = gctx::with_timeout(p, 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the cancel handle in 'r' returned by 'with_timeout' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling the cancel handle in 'r'
  r.second();
}

void wholeResultCalledThroughGet(gctx::Context p) {
  auto r = gctx::with_timeout(p, 1.0);
  std::get<1>(r)();
}

void wholeResultOnlyContextRead(gctx::Context p) {
  auto r = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the cancel handle in 'r' returned by 'with_cancel' is never called;
  gctx::Context c = r.first;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling the cancel handle in 'r'

void memberOfTheCall(gctx::Context p) {
  auto cancel = gctx::with_cancel(p).second;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void getOfTheCall(gctx::Context p) {
  auto cancel = std::get<1>(gctx::with_cancel(p));
  cancel();
}

void invokedAtOnce(gctx::Context p) {
  gctx::with_cancel(p).second();
}

// Copies are aliases: calling any of them calls the handle.
void aliasCalled(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto c2 = cancel;
  golang::func<void()> c3;
  c3 = c2;
  c3();
}

void aliasNotCalled(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  auto c2 = std::move(cancel);
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  c2();
}

// Overwritten before it was called.
void overwritten(gctx::Context p) {
  gctx::Context c;
  golang::func<void()> cancel;
  std::tie(c, cancel) = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  cancel = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 'cancel' is overwritten here before it was called; the previous handle is lost
}

void reboundInLoop(gctx::Context p, int n) {
  gctx::Context c = p;
  golang::func<void()> cancel;
  for (int i = 0; i < n; ++i) {
    std::tie(c, cancel) = gctx::with_cancel(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: this runs again (in a loop) before the previous handle was called; it is lost
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

// --- bongo: std::tuple<context_type, std::function<void()>>.
void bongoTuple(bongo::context::context_type p) {
  auto [c, cancel] = bongo::context::with_timeout(p, 100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_timeout' is not called on all paths;
  if (cond())
    throw 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this throw is reached without calling 'cancel'
  cancel();
}

void bongoTupleGet(bongo::context::context_type p) {
  auto t = bongo::context::with_cancel(p);
  std::get<1>(t)();
}

// --- gocxx: Result<std::pair<ContextPtr, CancelFunc>>, Go naming.
void gocxxUnwrapped(gocxx::context::ContextPtr p) {
  auto r = gocxx::context::WithCancel(p);
  if (!r.ok())
    return; // no handle yet: nothing leaks
  auto [c, cancel] = r.value();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'WithCancel' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

void gocxxEveryUnwrap(gocxx::context::ContextPtr p) {
  auto a = gocxx::context::WithCancel(p);
  auto [c1, k1] = *a;
  k1();
  auto b = gocxx::context::WithTimeout(p, 10ms);
  b->second();
  auto d = gocxx::context::WithDeadline(p, std::chrono::system_clock::now());
  auto [c3, k3] = d.unwrap();
  k3();
  auto [c4, k4] = gocxx::context::WithCancel(p).Value();
  k4();
}

void gocxxNeverUnwrapped(gocxx::context::ContextPtr p) {
  auto r = gocxx::context::WithCancel(p);
  if (!r.ok())
    return;
  gocxx::context::WithTimeout(p, 10ms);
}

void gocxxUnwrappedInline(gocxx::context::ContextPtr p) {
  auto [c, cancel] = gocxx::context::WithTimeout(p, 10ms).value();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'WithTimeout' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void gocxxCause(gocxx::context::ContextPtr p) {
  auto [c, cancel] = gocxx::context::WithCancelCause(p).value();
  cancel(gocxx::Error{"done"});
}

// --- goincpp: a struct {ctx, cancel}, camelCase, *Cause handle.
void goincppStruct(goincpp::ContextPtr p) {
  auto [c, cancel] = goincpp::withTimeout(p, 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'withTimeout' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

void goincppMember(goincpp::ContextPtr p) {
  auto cc = goincpp::withCancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the cancel handle in 'cc' returned by 'withCancel' is never called;
  cc.ctx->done();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling the cancel handle in 'cc'

void goincppMemberCalled(goincpp::ContextPtr p) {
  auto cc = goincpp::withCancel(p);
  cc.cancel();
}

void goincppCause(goincpp::ContextPtr p) {
  auto [c, cancel] = goincpp::withCancelCause(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'withCancelCause' is never called;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void goincppCauseCalled(goincpp::ContextPtr p) {
  auto [c, cancel] = goincpp::withCancelCause(p);
  cancel(goincpp::error{"done"});
}

// --- cppGOLikeContext: classes named like the factories are not factories.
void likeContextClasses(std::shared_ptr<likectx::Context> p) {
  likectx::WithCancel c(p);
  auto d = std::make_shared<likectx::WithDeadline>(p, std::chrono::system_clock::now());
  if (cond())
    return;
  c.Cancel();
}

// A result whose value is a public data member (the real gocxx's Result).
namespace fieldresult {
template <typename T> struct Result {
  T value{};
  std::shared_ptr<gocxx::Error> err;
  bool Ok() const { return !err; }
};
using CancelFunc = std::function<void()>;
Result<std::pair<gocxx::context::ContextPtr, CancelFunc>> WithCancel(gocxx::context::ContextPtr);
} // namespace fieldresult

void dataMemberUnwrap(gocxx::context::ContextPtr p) {
  auto result = fieldresult::WithCancel(p);
  if (!result.Ok())
    return;
  auto [c, cancel] = result.value;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'WithCancel' is never called;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void dataMemberUnwrapCalled(gocxx::context::ContextPtr p) {
  auto result = fieldresult::WithCancel(p);
  if (!result.Ok())
    return;
  result.value.second();
}
