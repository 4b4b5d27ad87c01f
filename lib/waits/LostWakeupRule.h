//===- LostWakeupRule.h - Stop wakes that a waiter can miss -----*- C++ -*-===//
//
// The lost wakeups context-uncancellable-wait reports (the analyses are
// lib/waits/LostWakeups.h, StopWakers.h and PatternWakeups.h):
//  - the stop path of a cancellable scope notifies the condition variable
//    a wait of the scope waits on without holding the wait's mutex
//    (reportLostWakeup(), from BlindWaitRule);
//  - waker side: a wait on a member condition variable whose exit reads a
//    stop flag that a member function writes and then notifies without
//    the wait's mutex; waiter side: the loop around such a wait tests the
//    flag before the wait's lock is taken (checkFlagWait());
//  - the same in a template's pattern (checkFlagWaitsInPattern()), and a
//    stop callback in a pattern that notifies an object of dependent type
//    without a mutex (checkDependentWakeups()).
// A notify is reported once.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_LOSTWAKEUPRULE_H
#define CONTEXT_TIDY_LIB_WAITS_LOSTWAKEUPRULE_H

#include "lib/waits/WaitRules.h"

namespace clang {
class ASTContext;
class CallExpr;
class DeclContext;
class FunctionDecl;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// The stop path wakes \p Object, which \p Wait waits on in scope \p S,
/// only with \p Racy, a notify without the wait's mutex.
void reportLostWakeup(WaitRuleContext &R, const Scope &S,
                      const clang::CallExpr *Wait,
                      const clang::ValueDecl *Object, const StopWake &Racy);

/// Lost wakeups of waits whose exit reads a stop flag of their class.
/// \p Where is the function (or lambda) that waits.
void checkFlagWait(WaitRuleContext &R, const ScopeCall &C,
                   const clang::DeclContext *Where, clang::ASTContext &Ctx);

/// The same for the waits of a template's pattern.
void checkFlagWaitsInPattern(WaitRuleContext &R, const clang::FunctionDecl *FD,
                             clang::ASTContext &Ctx);

/// Stop callbacks in a template's pattern that notify an object of
/// dependent type, waited on in a condition variable's shape, without a
/// mutex (lib/waits/PatternWakeups.h).
void checkDependentWakeups(WaitRuleContext &R, const clang::FunctionDecl *FD,
                           clang::ASTContext &Ctx);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_LOSTWAKEUPRULE_H
