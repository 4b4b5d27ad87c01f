// Code with compile errors (RecoveryExpr, invalid declarations, broken
// templates): clang-tidy exits non-zero because of the compiler errors, but
// no context-* check crashes or reports anything on the broken code, and
// the valid functions of the same file are still checked.
// RUN: not %clang_tidy --load=%plugin -config={} --checks='-*,context-*' --quiet %s -- -std=c++20 -isystem %mocks > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='warning:' --implicit-check-not='error:' --implicit-check-not='Stack dump' --implicit-check-not='PLEASE submit'
#include <gocxx/context.h>
#include <golang/context.h>

using namespace std::chrono_literals;
namespace gc = gocxx::context;
namespace pc = golang::context;
bool cond();

void recoveryInTimeout(gc::ContextPtr parent) {
  auto r = gc::WithTimeout(parent, soon);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  auto s = gc::WithTimeout(parent, 0ms + undeclaredDelta);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  auto [c, cancel] = gc::WithTimeout(parent, missing(0ms)).value();
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
}

void recoveryAsCancel(pc::Context p) {
  auto [c, cancel] = pc::with_cancel(p, extraArgument);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  if (cond())
    return;
  cancel(1, 2, 3);
}

void brokenWait(pc::Context ctx, golang::chan<int> jobs) {
  jobs.recv(42);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  golang::select({jobs.recvs(), noSuchCase});
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
}

void invalidDecl(gc::ContextPtr parent) {
  UnknownType [ctx, cancel] = gc::WithCancel(parent).value();
  // CHECK-COUNT-3: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
}

template <typename T> void brokenTemplate(pc::Context p, T t) {
  auto [c, cancel] = pc::with_timeout(p, T::zero + );
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
}

auto brokenReturn(gc::ContextPtr parent) -> decltype(gc::WithCancel(parent, 1)) {
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  return gc::WithCancel(parent);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
}

void useContext(gc::ContextPtr ctx, int key = 0);
void lookupDefaulted(int key, gc::ContextPtr ctx = gc::Background());

void brokenDetached(gc::ContextPtr parent) {
  useContext(gc::Background(undeclaredParent));
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  lookupDefaulted(missingKey);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
  lookupDefaulted(1, parent, 2);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:{{[0-9]+}}: error: {{.*}}[clang-diagnostic-error]
}

// Valid code after the errors is still analysed.
void stillChecked(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {
  useContext(gc::Background());
  // CHECK: compile-errors.cpp:[[@LINE-1]]:18: warning: 'Background()' starts a new root context where 'parent' is in scope; {{.*}} [context-detached-context]
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  // CHECK: compile-errors.cpp:[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'WithCancel' is never called; {{.*}} [context-lost-cancel]
  auto t = gc::WithTimeout(parent, 0ms);
  // CHECK: compile-errors.cpp:[[@LINE-1]]:36: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
  jobs.Recv();
  // CHECK: compile-errors.cpp:[[@LINE-1]]:8: warning: 'Recv' blocks without observing cancellation of 'parent'; {{.*}} [context-uncancellable-wait]
}
