//===- StopLatencyRule.h - Waits that delay noticing a stop -----*- C++ -*-===//
//
// A sleep or a bounded wait that can last MaxStopLatency or more delays
// noticing a stop request by that long, even when the code around it
// checks for the stop:
//  - in a cancellable scope, a bounded wait (Role::BoundedWait) or a sleep
//    in a loop that checks the token each iteration (the polling idiom);
//    BlindWaitRule finds them and reportLatency() reports them;
//  - in any function, a sleep or a bounded wait in a loop whose condition
//    reads a stop flag: a flag member that the destructor, or a member
//    function that joins, writes (checkFlagLatency()).
// The bound is the call's constant, or the smallest value of the member,
// variable or parameter it reads (WaitRules.h, boundOf).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_STOPLATENCYRULE_H
#define CONTEXT_TIDY_LIB_WAITS_STOPLATENCYRULE_H

#include "lib/waits/WaitRules.h"

namespace clang {
class ASTContext;
class CallExpr;
} // namespace clang

namespace context_tidy {

/// 'sleep_for' can delay noticing a stop request on 'st' by 2s.  \p
/// OnObject: the wait is on an object that a stop callback could wake (a
/// condition variable), not a free function (`poll`).
void reportLatency(WaitRuleContext &R, const Scope &S,
                   const clang::CallExpr *Call, llvm::StringRef Name,
                   bool Sleep, const std::optional<LatencyBound> &Length,
                   bool OnObject = true);

/// A sleep or bounded wait of MaxStopLatency or more in a loop whose
/// condition reads a stop flag (a flag member that the destructor, or a
/// member function that joins, writes).
void checkFlagLatency(WaitRuleContext &R, const ScopeCall &C,
                      clang::ASTContext &Ctx);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_STOPLATENCYRULE_H
