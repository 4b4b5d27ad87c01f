//===- BlindWaitRule.h - Waits that cannot observe the token ----*- C++ -*-===//
//
// The rule at the heart of context-uncancellable-wait: in a cancellable
// scope (lib/contexts/CancellationScope.h), a call that blocks blind
// (lib/waits/BlockingCalls.h) is reported, unless
//  - it is a select with a done or default case;
//  - the scope requests cancellation itself before it (it is the stop
//    path, waiting for the cancelled work);
//  - it is a join, and the joined callable is not visible or does not
//    itself block that long without observing the token (JoinRule.h);
//  - a readiness test of the same object guards it, or a null test of
//    every token of the scope does (lib/waits/ReadinessGuard.h);
//  - the stop path wakes the object it waits on (lib/waits/StopWakers.h)
//    without a race (lib/waits/LostWakeups.h); a racy wake is reported at
//    the notify instead (LostWakeupRule.h);
//  - it waits on an object, and the scope registers a stop callback on
//    its token whose effect is not followed (lib/waits/StopRequests.h).
// The same walk over the scope's calls finds the sleeps and bounded waits
// that delay noticing a stop (StopLatencyRule.h).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_BLINDWAITRULE_H
#define CONTEXT_TIDY_LIB_WAITS_BLINDWAITRULE_H

#include "lib/waits/BlockingCalls.h"
#include "lib/waits/WaitRules.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace context_tidy {

/// Runs the rules above on the calls of scope \p S.  Without
/// \p Cancellable (a scope without a token, in StrictMode) only blind
/// waits are reported, as calls that cannot be cancelled.
void checkScopeWaits(WaitRuleContext &R, const Scope &S, clang::ASTContext &Ctx,
                     bool Cancellable);

/// Reports \p B, a call of \p S that blocks blind, with the advice that
/// fits it (the aware overload, short steps, a bounded wait, a select on
/// the context's done channel) and a note at the token.
void reportBlindWait(WaitRuleContext &R, const Scope &S, const BlindCall &B);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_BLINDWAITRULE_H
