// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// Ownership transfer ends the function's duty to call the handle; a mention
// that is no use does not.
#include <golang/context.h>
#include <goincpp/context.h>
#include <cstdio>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace gctx = golang::context;
using Cancel = golang::func<void()>;
bool cond();
void keep(Cancel);
void keepRef(const Cancel &);
void logf(const char *, ...);

struct Worker {
  explicit Worker(Cancel c);
  void run();
};
struct Thread {
  template <typename F, typename... A> explicit Thread(F &&f, A &&...a) {}
  void detach();
};

Cancel returnedAlone(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  return cancel;
}

std::pair<gctx::Context, Cancel> returnedInPair(gctx::Context p) {
  auto [c, cancel] = gctx::with_timeout(p, 1.0);
  return {c, cancel};
}

std::pair<gctx::Context, Cancel> returnedMadePair(gctx::Context p) {
  auto [c, cancel] = gctx::with_timeout(p, 1.0);
  return std::make_pair(c, std::move(cancel));
}

goincpp::CancelContext returnedStruct(goincpp::ContextPtr p) {
  auto cc = goincpp::withCancel(p);
  return cc;
}

std::pair<gctx::Context, Cancel> returnedWhole(gctx::Context p) {
  auto r = gctx::with_cancel(p);
  return r;
}

Cancel globalCancel;
struct Service {
  Cancel cancel_;
  std::vector<Cancel> cancels_;
  std::map<int, Cancel> byId_;
  void storedInMember(gctx::Context p) {
    auto [c, cancel] = gctx::with_cancel(p);
    cancel_ = cancel;
  }
  void storedInContainer(gctx::Context p) {
    auto [c, cancel] = gctx::with_cancel(p);
    cancels_.push_back(cancel);
  }
  void storedInMap(gctx::Context p, int id) {
    auto [c, cancel] = gctx::with_cancel(p);
    byId_[id] = cancel;
  }
  void tiedIntoMembers(gctx::Context p);
  gctx::Context ctx_;
};

void Service::tiedIntoMembers(gctx::Context p) {
  std::tie(ctx_, cancel_) = gctx::with_cancel(p);
}

void storedInGlobal(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  globalCancel = cancel;
}

void passedToFunction(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  keep(cancel);
}

void passedByReference(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  keepRef(cancel);
}

void passedToConstructor(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  Worker w(cancel);
  w.run();
}

void movedIntoHeap(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  auto holder = std::make_unique<Cancel>(std::move(cancel));
  keep(*holder);
}

void capturedByEscapingLambda(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  Thread t([cancel] { cancel(); });
  t.detach();
}

void capturedByStoredLambda(gctx::Context p, std::vector<Cancel> &later) {
  auto [c, cancel] = gctx::with_cancel(p);
  later.push_back([=] { cancel(); });
}

// A pointer handed to a C-style API with user data may be used to call it.
void startWith(void (*fn)(void *), void *arg);
void addressHandedOn(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  startWith([](void *arg) { (*static_cast<Cancel *>(arg))(); }, &cancel);
}

void handedToThread(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  Thread t(cancel);
  t.detach();
}

// Mentions that are no use.
void voidCast(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  (void)cancel;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void testedOnly(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  if (cancel)
    logf("have a cancel function");
  if (cancel == nullptr || !cancel)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void addressLogged(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  std::printf("%p\n", static_cast<const void *>(&cancel));
  logf("cancel at %p", (void *)&cancel);
  logf("again at %p", ((void *)(&cancel)));
  (void)&cancel;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

void sizeofIsNoUse(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
  logf("%zu", sizeof(cancel));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

// A transfer on one path only.
void transferredOnOnePath(gctx::Context p) {
  auto [c, cancel] = gctx::with_cancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is not called on all paths;
  if (cond()) {
    keep(cancel);
    return;
  }
  globalCancel = nullptr;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'
