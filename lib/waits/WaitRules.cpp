//===- WaitRules.cpp - What the rules of uncancellable-wait share ---------===//

#include "lib/waits/WaitRules.h"

#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/MutexHeld.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace context_tidy {

std::string LatencyBound::text() const {
  // A value found by structure is shown in the coarsest exact unit (its
  // declaration's unit is not the call's).
  return (Source || Coarsest ? formatCoarsest(Value) : Value.format()) +
         (ByDefault ? " by default" : "");
}

ValueSources &valueSources(WaitRuleState &St, ASTContext &Ctx,
                           const ApiModel &M) {
  if (!St.Values || St.ValuesContext != &Ctx) {
    St.Values = std::make_unique<ValueSources>(Ctx, M);
    St.ValuesContext = &Ctx;
  }
  return *St.Values;
}

std::optional<LatencyBound>
boundOf(WaitRuleContext &R, const std::optional<DurationValue> &Constant,
        const Expr *Arg, bool IsDeadline, ASTContext &Ctx,
        std::optional<Period> NumberUnit) {
  if (Constant) {
    LatencyBound B;
    B.Value = *Constant;
    return B;
  }
  if (!Arg || IsDeadline || Arg->isValueDependent() || Arg->isTypeDependent() ||
      Arg->containsErrors())
    return std::nullopt;
  std::optional<KnownDuration> K =
      valueSources(R.State, Ctx, R.model()).smallestDuration(Arg, NumberUnit);
  if (!K)
    return std::nullopt;
  LatencyBound B;
  B.Value = K->Min;
  B.Source = K->Source;
  B.ByDefault = K->ByDefault;
  B.MinLoc = K->MinLoc;
  return B;
}

void noteBoundSource(WaitRuleContext &R, const std::optional<LatencyBound> &B) {
  if (!B || !B->Source || B->MinLoc.isInvalid())
    return;
  R.diag(B->MinLoc,
         "the %select{smallest|default}0 value of '%1' comes from "
         "here (a bound of %2)",
         DiagnosticIDs::Note)
      << B->ByDefault << B->Source->getName() << formatCoarsest(B->Value);
}

void noteToken(WaitRuleContext &R, const ScopeToken &T) {
  R.diag(T.Loc, "%0 '%1' %select{declared|captured}2 here", DiagnosticIDs::Note)
      << contextKindName(T.Kind) << T.Decl->getName() << T.ExplicitCapture;
}

SourceLocation callNameLoc(const CallExpr *CE) {
  if (isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return CE->getExprLoc();
  if (const auto *DRE =
          dyn_cast_or_null<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts()))
    return DRE->getLocation();
  return CE->getExprLoc();
}

bool mayReportAt(WaitRuleContext &R, SourceLocation Loc,
                 const SourceManager &SM) {
  return Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc)) &&
         !R.State.Reported.contains(Loc);
}

SourceLocation reportableCallLoc(WaitRuleContext &R, const CallExpr *CE,
                                const SourceManager &SM) {
  SourceLocation Loc = callNameLoc(CE);
  return mayReportAt(R, Loc, SM) ? Loc : SourceLocation();
}

Woken wokenOnStop(WaitRuleContext &R, const Scope &S, const ValueDecl *Object,
                  const CallExpr *Wait, const SourceManager &SM,
                  StopWake &Racy) {
  return wokenOnStop(R.State.Wakers, S, Object, Wait, SM, Racy);
}

Woken wokenOnStop(StopWakers &Wakers, const Scope &S, const ValueDecl *Object,
                  const CallExpr *Wait, const SourceManager &SM,
                  StopWake &Racy) {
  llvm::SmallVector<StopWake, 4> Wakes;
  Wakers.bodyWakes(S.Body, Object, Wakes);
  for (const Stmt *Body : S.EnclosingBodies)
    Wakers.bodyWakes(Body, Object, Wakes);
  if (const auto *Field = dyn_cast<FieldDecl>(Object)) {
    Wakers.classWakes(dyn_cast_or_null<CXXRecordDecl>(Field->getParent()),
                      Field, Wakes);
    // A member reached through a member of the class whose method the wait
    // is in (`tasks_[id].signal` in a lambda of the pool's constructor): the
    // pool's destructor may wake it.
    for (const DeclContext *DC = S.Function; DC; DC = DC->getParent())
      if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
        if (!RD->isLambda() && RD->getDefinition() != Field->getParent())
          Wakers.classWakes(RD, Field, Wakes);
  }
  if (Wakes.empty())
    return Woken::No;
  // Only a condition-variable wait (one with a lock argument) can miss a
  // notification; a semaphore or a channel counts it, so a wake that
  // follows the stop request (or runs in a stop callback) cannot be lost.
  const ValueDecl *Mutex = waitMutex(Wait);
  for (const StopWake &W : Wakes)
    if (Mutex ? notifyIsRaceFree(W.Body, Mutex, W.After, W.Wake, SM)
              : W.FromCallback || SM.isBeforeInTranslationUnit(
                                      W.After, W.Wake->getBeginLoc()))
      return Woken::RaceFree;
  if (!Mutex)
    return Woken::No; // woken before the stop request only
  Racy = Wakes.front();
  return Woken::Racy;
}

bool wokenByUnknownRoute(WaitRuleContext &R, const Scope &S,
                         const CallExpr *Wait, const SourceManager &SM) {
  StopWakers &Wakers = R.State.Wakers;
  llvm::SmallVector<const ValueDecl *, 2> Tokens;
  for (const ScopeToken &T : S.Tokens)
    Tokens.push_back(T.Decl);
  if (Wakers.unknownStopRouteBefore(S.Body, Tokens, Wait->getBeginLoc(), SM))
    return true;
  return llvm::any_of(S.EnclosingBodies, [&](const Stmt *Body) {
    return Wakers.unknownStopRouteBefore(Body, Tokens, Wait->getBeginLoc(), SM);
  });
}

bool cancelsItsOwnToken(WaitRuleContext &R, const Scope &S,
                        llvm::SmallVectorImpl<ScopeToken> &Remaining) {
  llvm::SmallPtrSet<const ValueDecl *, 2> Cancelled;
  for (const ScopeCall &C : S.Calls)
    if (R.model().matchCall(C.Call, Role::ReleaseMethod))
      if (const ValueDecl *Obj = objectDecl(callObject(C.Call)))
        Cancelled.insert(Obj);
  if (Cancelled.empty())
    return false;
  bool Any = false;
  for (const ScopeToken &T : S.Tokens) {
    if (Cancelled.contains(T.Decl))
      Any = true;
    else
      Remaining.push_back(T);
  }
  return Any;
}

} // namespace context_tidy
