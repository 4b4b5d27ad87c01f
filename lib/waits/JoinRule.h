//===- JoinRule.h - Joins of a thread that blocks blind ---------*- C++ -*-===//
//
// A join blocks until the joined thread ends, so it is as blind as that
// thread: context-uncancellable-wait reports a join in a cancellable scope
// only when the callable the thread was constructed with (a local
// `std::thread t([&] { ... });` or `std::thread t(&C::run, this);` whose
// body the translation unit shows) never observes the scope's tokens and
// itself blocks at least MaxStopLatency: a blind wait other than a join or
// a select, or a bounded wait of a constant bound that long.  The report
// is BlindWaitRule's, with a note at that call.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_JOINRULE_H
#define CONTEXT_TIDY_LIB_WAITS_JOINRULE_H

#include "lib/waits/BlockingCalls.h"
#include "lib/waits/WaitRules.h"

namespace clang {
class ASTContext;
class CallExpr;
} // namespace clang

namespace context_tidy {

/// For a join: the blocking call in the joined callable that makes the
/// join blind (it blocks at least MaxStopLatency and the callable never
/// observes the scope's tokens), or null.
const clang::CallExpr *joinedCallableBlocks(WaitRuleContext &R, const Scope &S,
                                            const BlindCall &B,
                                            clang::ASTContext &Ctx);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_JOINRULE_H
