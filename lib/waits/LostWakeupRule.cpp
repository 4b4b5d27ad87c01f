//===- LostWakeupRule.cpp - Stop wakes that a waiter can miss -------------===//

#include "lib/waits/LostWakeupRule.h"

#include "lib/ast/Callables.h"
#include "lib/ast/Statements.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/LockFix.h"
#include "lib/waits/MutexHeld.h"
#include "lib/waits/PatternCalls.h"
#include "lib/waits/PatternWakeups.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

/// A wait in a loop whose condition tests a stop flag before the wait's
/// lock is taken (lib/waits/LostWakeups.h, flagsTestedOutsideLock).
/// \p WaitBound is null for an unbounded wait.
void checkUnlockedFlagTest(WaitRuleContext &R, const ScopeCall &C,
                           const MemberCall &MC, const FlagWait &W,
                           const std::optional<LatencyBound> *WaitBound,
                           bool HasPredicate, const DeclContext *Where,
                           ASTContext &Ctx) {
  if (!C.InnermostLoop || MC.Args.empty())
    return;
  // The class whose member function (or a lambda in one) waits: its
  // members may stop a wait on a member of a struct it holds.
  const CXXRecordDecl *Waiter = enclosingClass(Where);
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = MC.NameLoc;
  if (!mayReportAt(R, Loc, SM))
    return;
  // A predicate that reads a flag the stop path writes before it notifies
  // is true when the wait starts after the stop: nothing is missed.
  for (const FieldDecl *F : W.Flags)
    if (R.State.FlagWakers.writeBeforeWake(F, W.CondVar, Waiter).isValid())
      return;
  for (const UnlockedFlagTest &T : flagsTestedOutsideLock(
           C.InnermostLoop, C.Call, objectDecl(MC.Args.front()), W.Flags, SM)) {
    // The stop path: a member function that writes the flag, then
    // notifies the condition variable (under the mutex or not: a notify
    // without it is reported at the notify).
    SourceLocation Write =
        R.State.FlagWakers.writeBeforeWake(T.Flag, W.CondVar, Waiter);
    if (Write.isInvalid())
      continue;
    R.State.Reported.insert(Loc);
    std::string For = WaitBound && *WaitBound ? (*WaitBound)->text() : "";
    // The repair: the wait guarded by the same test, made with the mutex
    // held; only for a wait without a predicate (skipping it is then what
    // a spurious wakeup does).
    std::optional<LockFix> Fix;
    if (!HasPredicate)
      Fix = guardWaitWithTest(C.Call, T.Cond, T.LoopCondition, T.Flag,
                              C.InnermostLoop, Ctx);
    R.diag(Loc, "lost wakeup: '%0' on '%1' follows a test of '%2' made "
                "without holding '%3', the mutex it waits with; a stop that "
                "writes '%2' and notifies '%1' between the test and the wait "
                "is missed, and the wait blocks %select{forever|for its whole "
                "timeout, which is not a constant|for up to %5}4; test '%2' "
                "after taking '%3' (%select{in the wait's predicate|test it "
                "again just before the wait}6)")
        << MC.Method->getName() << W.CondVar->getName() << T.Flag->getName()
        << W.Mutex->getName()
        << (!WaitBound    ? 0u
            : !*WaitBound ? 1u
                          : 2u)
        << For << (Fix ? 1u : 0u) << hints(Fix);
    R.diag(T.Test, "'%0' tested here, before '%1' is taken",
           DiagnosticIDs::Note)
        << T.Flag->getName() << W.Mutex->getName();
    R.diag(Write, "'%0' written on the stop path here, then '%1' notified",
           DiagnosticIDs::Note)
        << T.Flag->getName() << W.CondVar->getName();
    if (WaitBound)
      noteBoundSource(R, *WaitBound);
    return;
  }
}

} // namespace

void reportLostWakeup(WaitRuleContext &R, const Scope &S, const CallExpr *Wait,
                      const ValueDecl *Object, const StopWake &Racy) {
  SourceLocation At = callNameLoc(Racy.Wake);
  if (!R.State.ReportedWakes.insert(At).second)
    return;
  const ValueDecl *Mutex = waitMutex(Wait);
  const ScopeToken &Token = S.Tokens.front();
  const auto *Notify = cast<FunctionDecl>(Racy.Wake->getDirectCallee());
  // The repair: an empty locked scope between the request and the notify,
  // in a member function of the mutex's class (not in a stop callback,
  // which can run where the mutex is held).
  std::optional<LockFix> Fix;
  if (!Racy.FromCallback)
    if (const FunctionDecl *Fn = memberWithBody(Mutex, Racy.Body))
      Fix = publishUnderLock({Mutex, Racy.Wake, nullptr, Racy.Body, Fn},
                             R.model(), Mutex->getASTContext());
  R.diag(At, "lost wakeup: '%0' on '%1' runs on a stop request without "
             "holding '%2', the mutex its waiter uses; a waiter that has just "
             "tested its predicate can miss it and block forever; take '%2' "
             "before notifying, or wait with "
             "condition_variable_any::wait(lock, stop_token, pred)")
      << Notify->getName() << Object->getName() << Mutex->getName() << hints(Fix);
  R.diag(callNameLoc(Wait),
         "the wait on '%0' that can miss it, in a scope "
         "with %1 '%2'",
         DiagnosticIDs::Note)
      << Object->getName() << contextKindName(Token.Kind)
      << Token.Decl->getName();
  R.diag(Racy.Request,
         "%select{stop requested here|the stop callback "
         "registered here}0",
         DiagnosticIDs::Note)
      << Racy.FromCallback;
}

void checkFlagWait(WaitRuleContext &R, const ScopeCall &C,
                   const DeclContext *Where, ASTContext &Ctx) {
  // A member call, also as written in a template's pattern, where a
  // predicate lambda makes `cv_.wait(lock, pred)` unresolved.
  std::optional<MemberCall> MC = memberCall(C.Call);
  if (!MC || MC->Args.empty())
    return;
  const auto *CondVar = dyn_cast_or_null<FieldDecl>(objectDecl(MC->Object));
  if (!CondVar)
    return;
  // Read from the model directly: in a template's pattern the call is
  // value-dependent (through `this`), which the classifiers refuse.
  llvm::SmallVector<const Expr *, 4> &Written = MC->Args;
  for (const Expr *A : Written)
    if (A->getType().isNull() ||
        (!A->isTypeDependent() &&
         classifyReferent(A->getType(), R.model()) != ContextKind::None))
      return; // aware of a token
  std::optional<LatencyBound> WaitBound;
  bool Bounded = false;
  if (!R.model().matchFunction(MC->Method, Role::BlockingCall,
                               MC->ObjectClass)) {
    const ApiEntry *E =
        R.model().matchFunction(MC->Method, Role::BoundedWait, MC->ObjectClass);
    if (!E)
      return;
    int Index = R.model().argumentIndex(*E, MC->Method, Written);
    if (Index >= 0 && static_cast<size_t>(Index) < Written.size() &&
        !Written[Index]->isValueDependent()) {
      const Expr *Arg = Written[Index];
      WaitBound = boundOf(R, evaluateDuration(Arg, Ctx, R.model()), Arg,
                          !durationPeriod(Arg->getType(), R.model()), Ctx);
    }
    if (WaitBound ? WaitBound->Value.seconds() < R.Options.MaxLatencySeconds
                  : !R.Options.StrictMode)
      return;
    Bounded = true;
  }
  FlagWait W;
  W.Wait = C.Call;
  W.CondVar = CondVar;
  W.Mutex = waitMutex(MC->Method, Written);
  if (!W.Mutex)
    return;
  W.LockType = Written.front()->getType();
  // The exit: the predicate, or the condition of the loop around a wait
  // without one.
  llvm::SmallVector<const Expr *, 4> &Args = Written;
  // The predicate: the lambda the last argument is, or names.
  const LambdaExpr *Pred =
      Args.size() > 1 ? callableOf(Args.back(), ThroughLocalVariables).Lambda
                      : nullptr;
  if (Pred)
    W.Flags = exitFlags(Pred->getBody());
  checkUnlockedFlagTest(R, C, *MC, W, Bounded ? &WaitBound : nullptr,
                        Written.size() > (Bounded ? 2u : 1u), Where, Ctx);
  if (!Pred)
    if (const Expr *Cond = loopCondition(C.InnermostLoop))
      W.Flags = exitFlags(Cond);
  if (W.Flags.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<RacyFlagWake, 1> Wakes =
      R.State.FlagWakers.racyWakes(W, SM);
  if (R.Options.FollowCalls)
    Wakes.append(R.State.FlagWakers.racyWakesThroughCalls(W, SM));
  for (const RacyFlagWake &Wake : Wakes) {
    SourceLocation Loc = callNameLoc(Wake.Notify);
    if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
        !R.State.ReportedWakes.insert(Loc).second)
      continue;
    const auto *Notify = cast<FunctionDecl>(Wake.Notify->getDirectCallee());
    std::string For = Bounded && WaitBound ? WaitBound->text() : std::string();
    // The repair, once for a write that several notifies follow.
    std::optional<LockFix> Fix;
    // Not across calls: the mutex is named from the notify's object path
    // (LockFix.h), which a call of a notifier does not have, and a write
    // in a called function is not in the notify's body.
    if (Wake.WriteStmt && !Wake.Via &&
        !R.State.FixedWrites.contains(Wake.WriteStmt))
      Fix = publishUnderLock({W.Mutex, Wake.Notify, Wake.WriteStmt, Wake.Body,
                              Wake.Function},
                             R.model(), Ctx);
    if (Fix)
      R.State.FixedWrites.insert(Wake.WriteStmt);
    R.diag(Loc, "lost wakeup: %select{'%0' on '%1'|'%0', which notifies "
                "'%1',}6 follows a write of '%2' without holding '%3', the "
                "mutex its waiter uses; a waiter that has just read '%2' can "
                "miss the notification and block %select{forever|for its "
                "whole timeout, which is not a constant|for up to %5}4; "
                "write '%2' while holding '%3', or take '%3' before "
                "notifying")
        << Notify->getName() << CondVar->getName() << Wake.Flag->getName()
        << W.Mutex->getName()
        << (!Bounded      ? 0
            : For.empty() ? 1
                          : 2)
        << For << (Wake.Inner != nullptr) << hints(Fix);
    R.diag(MC->NameLoc,
           "the wait on '%0' that can miss it; it reads '%1' "
           "with '%2' held",
           DiagnosticIDs::Note)
        << CondVar->getName() << Wake.Flag->getName() << W.Mutex->getName();
    if (Wake.Via && !Wake.Inner)
      R.diag(Wake.Write, "'%0' written here, in '%1', without '%2'",
             DiagnosticIDs::Note)
          << Wake.Flag->getName() << Wake.Via->getName() << W.Mutex->getName();
    else
      R.diag(Wake.Write, "'%0' written here without '%1'", DiagnosticIDs::Note)
          << Wake.Flag->getName() << W.Mutex->getName();
    if (Wake.Inner)
      R.diag(callNameLoc(Wake.Inner), "'%0' notifies '%1' here",
             DiagnosticIDs::Note)
          << Wake.Via->getName() << CondVar->getName();
    if (Bounded)
      noteBoundSource(R, WaitBound);
  }
}

void checkFlagWaitsInPattern(WaitRuleContext &R, const FunctionDecl *FD,
                             ASTContext &Ctx) {
  if (FD->isInvalidDecl() || !FD->getBody())
    return;
  llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 32> Stack{
      {FD->getBody(), nullptr}};
  while (!Stack.empty()) {
    auto [St, Loop] = Stack.pop_back_val();
    if (!St)
      continue;
    if (const auto *L = dyn_cast<LambdaExpr>(St)) {
      Stack.push_back({L->getBody(), nullptr});
      continue;
    }
    // Resolved member calls, and those a dependent argument (a predicate
    // lambda) leaves unresolved: checkFlagWait resolves them.
    if (const auto *CE = dyn_cast<CallExpr>(St))
      if (CE->getNumArgs() > 0 && !CE->containsErrors())
        checkFlagWait(R, {CE, Loop}, FD, Ctx);
    const Stmt *Inner = isa<WhileStmt>(St) || isa<DoStmt>(St) ||
                                isa<ForStmt>(St) || isa<CXXForRangeStmt>(St)
                            ? St
                            : Loop;
    for (const Stmt *C : St->children())
      Stack.push_back({C, Inner});
  }
}

void checkDependentWakeups(WaitRuleContext &R, const FunctionDecl *FD,
                           ASTContext &Ctx) {
  if (FD->isInvalidDecl())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const DependentLostWakeup &Lost :
       dependentLostWakeups(FD, R.model(), Ctx)) {
    if (Lost.NotifyLoc.isInvalid() ||
        SM.isInSystemHeader(SM.getExpansionLoc(Lost.NotifyLoc)) ||
        !R.State.ReportedWakes.insert(Lost.NotifyLoc).second)
      continue;
    R.diag(Lost.NotifyLoc,
           "lost wakeup: '%0' on '%1' runs on a stop request without holding "
           "the mutex of '%2', the lock its waiter uses; a waiter that has "
           "just tested its predicate can miss it and block forever; take that "
           "mutex before notifying, or wait with "
           "condition_variable_any::wait(lock, stop_token, pred)")
        << cast<CXXDependentScopeMemberExpr>(
               Lost.Notify->getCallee()->IgnoreParens())
               ->getMember()
               .getAsString()
        << Lost.Object->getName() << Lost.Lock->getName();
    R.diag(Lost.WaitLoc,
           "the wait on '%0' that can miss it, in a scope with %1 "
           "'%2'",
           DiagnosticIDs::Note)
        << Lost.Object->getName()
        << contextKindName(classifyReferent(Lost.Token->getType(), R.model()))
        << Lost.Token->getName();
    R.diag(Lost.Callback, "the stop callback registered here",
           DiagnosticIDs::Note);
  }
}

} // namespace context_tidy
