//===- Blocks.cpp - Summary kind: calling a function blocks ---------------===//

#include "lib/summaries/Blocks.h"

#include "lib/contexts/CancellationScope.h"
#include "lib/model/TypeClassifier.h"
#include "lib/values/MemberValues.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/ReadinessGuard.h"
#include "lib/waits/StopWakers.h"
#include "lib/waits/WaitRules.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

BlockBound constantBound(const DurationValue &V) {
  BlockBound B;
  B.K = BlockBound::Constant;
  B.Value = V;
  return B;
}

} // namespace

BlockSummaries::BlockSummaries(SummaryTable &Table, double MaxLatencySeconds,
                               StopWakers &Wakers,
                               std::function<ValueSources &()> Values)
    : Table(Table), MaxLatencySeconds(MaxLatencySeconds), Wakers(Wakers),
      Values(std::move(Values)) {}

BlockSummaries::~BlockSummaries() = default;

const BlockSummary &BlockSummaries::of(const FunctionDecl *FD,
                                       unsigned Depth) {
  const LocalFacts *F = Table.facts(FD);
  static const BlockSummary None;
  if (Depth == 0)
    return None;
  if (!F) {
    const BlockSummary *External =
        Imported && FD && !FD->hasBody() ? Imported(FD) : nullptr;
    return External ? *External : None;
  }
  return Memo.get(F->Function, Depth, [&](BlockSummary &Out) {
    compute(F->Function, Depth, Out);
  });
}

std::optional<BlockBound>
BlockSummaries::boundOfExpr(const Expr *E, const FunctionDecl *Within,
                            std::optional<Period> NumberUnit) {
  if (!E || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
    return std::nullopt;
  ASTContext &Ctx = Table.context();
  const ApiModel &M = Table.model();
  if (std::optional<DurationValue> D = evaluateDuration(E, Ctx, M))
    return constantBound(*D);
  if (Within)
    if (std::optional<ParamRef> P = parameterOf(E, Within, M, NumberUnit)) {
      if (Table.writesParameter(Within, P->Index))
        return std::nullopt;
      BlockBound B;
      B.K = BlockBound::Parameter;
      B.Param = P->Index;
      B.NumberUnit = P->NumberUnit;
      return B;
    }
  std::optional<KnownDuration> K = Values().smallestDuration(E, NumberUnit);
  if (!K)
    return std::nullopt;
  BlockBound B = constantBound(K->Min);
  B.ByDefault = K->ByDefault;
  B.Source = K->Source;
  B.SourceLoc = K->MinLoc;
  return B;
}

std::optional<BlockBound> BlockSummaries::resolve(const BlockBound &B,
                                                  const CallExpr *Call,
                                                  const FunctionDecl *Callee,
                                                  const FunctionDecl *Caller) {
  if (B.K != BlockBound::Parameter)
    return B;
  const Expr *Arg = SummaryTable::argumentFor(Call, Callee, B.Param);
  if (!Arg || Arg->isValueDependent() || Arg->containsErrors())
    return std::nullopt;
  if (!B.NumberUnit)
    return boundOfExpr(Arg, Caller);
  // A number of NumberUnit: a constant, or the caller's own parameter.
  if (std::optional<DurationValue> N =
          evaluateDuration(Arg, Table.context(), Table.model(),
                           /*Seconds=*/true)) {
    N->Unit = *B.NumberUnit;
    return constantBound(*N);
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!Caller || !P || P->getDeclContext() != Caller ||
      !P->getType()->isArithmeticType() ||
      Table.writesParameter(Caller, P->getFunctionScopeIndex()))
    return std::nullopt;
  BlockBound Out = B;
  Out.Param = P->getFunctionScopeIndex();
  return Out;
}

bool BlockSummaries::exempt(const LocalFacts &F, const CallExpr *Call,
                            const ValueDecl *Object, bool Blind) {
  const SourceManager &SM = Table.context().getSourceManager();
  if (Wakers.requestsStopBefore(F.Body, Call->getBeginLoc(), SM))
    return true;
  if (!Object)
    return false;
  Scope S;
  S.Function = F.Function;
  S.Body = F.Body;
  StopWake Racy;
  if (wokenOnStop(Wakers, S, Object, Call, SM, Racy) != Woken::No)
    return true;
  return Blind && ReadinessGuards(F.Function, F.Body, Table.context(),
                                  Table.model())
                      .isGuarded(Call, Object);
}

void BlockSummaries::add(BlockSummary &Out, BlockEffect E) const {
  if (E.Bound.K == BlockBound::Constant &&
      E.Bound.Value.seconds() < MaxLatencySeconds)
    return;
  for (BlockEffect &Have : Out.Effects) {
    bool SameKind = (Have.Bound.K == BlockBound::Parameter) ==
                        (E.Bound.K == BlockBound::Parameter) &&
                    (Have.Bound.K == BlockBound::Unbounded) ==
                        (E.Bound.K == BlockBound::Unbounded);
    if (!SameKind)
      continue;
    // The longer bound; of two as long, the shorter chain (fewer notes).
    if (E.Bound.longerThan(Have.Bound) ||
        (!Have.Bound.longerThan(E.Bound) && E.Chain.size() < Have.Chain.size()))
      Have = std::move(E);
    return;
  }
  Out.Effects.push_back(std::move(E));
}

void BlockSummaries::compute(const FunctionDecl *FD, unsigned Depth,
                             BlockSummary &Out) {
  const LocalFacts *F = Table.facts(FD);
  if (!F || F->MentionsToken)
    return;
  ASTContext &Ctx = Table.context();
  const ApiModel &M = Table.model();
  const SourceManager &SM = Ctx.getSourceManager();
  for (const LocalCall &LC : F->Calls) {
    const CallExpr *Call = LC.Call;
    if (std::optional<BlindCall> B =
            classifyBlockingCall(Call, Ctx, M, MaxLatencySeconds)) {
      if (B->Kind == BlockingKind::Select || (B->Entry->Flags & JoinsCallable))
        continue;
      BlockEffect E;
      E.Api = B->Name;
      E.Leaf = Call;
      E.Object = B->Object;
      if (B->Kind == BlockingKind::Sleep) {
        E.Kind = BlockKind::Sleep;
        std::optional<BlockBound> Bound =
            B->SleepLength ? constantBound(*B->SleepLength)
            : B->LengthIsDeadline ? std::nullopt
                                  : boundOfExpr(B->Length, F->Function);
        if (!Bound)
          continue;
        E.Bound = *Bound;
      }
      if (exempt(*F, Call, B->Object, B->Kind == BlockingKind::Wait))
        continue;
      E.Chain.push_back(chainStep(F->Function, B->Name, Call->getExprLoc(), SM));
      add(Out, std::move(E));
      continue;
    }
    if (std::optional<BoundedCall> W = classifyBoundedWait(Call, Ctx, M)) {
      std::optional<BlockBound> Bound =
          W->Bound ? constantBound(*W->Bound)
          : W->BoundIsDeadline
              ? std::nullopt
              : boundOfExpr(W->BoundArg, F->Function, W->NumberUnit);
      if (!Bound || exempt(*F, Call, W->Object, /*Blind=*/false))
        continue;
      BlockEffect E;
      E.Kind = BlockKind::BoundedWait;
      E.Bound = *Bound;
      E.Api = W->Name;
      E.Leaf = Call;
      E.Object = W->Object;
      E.Chain.push_back(chainStep(F->Function, W->Name, Call->getExprLoc(), SM));
      add(Out, std::move(E));
      continue;
    }
    const FunctionDecl *Callee = Table.calleeBelow(Call, Depth);
    if (!Callee || anyObserving(writtenArguments(Call), M))
      continue;
    const BlockSummary &Sub = of(Callee, Depth - 1);
    for (const BlockEffect &S : Sub.Effects) {
      std::optional<BlockBound> Bound =
          resolve(S.Bound, Call, Callee, F->Function);
      if (!Bound)
        continue;
      BlockEffect E = S;
      E.Bound = *Bound;
      E.Chain.insert(E.Chain.begin(), chainStep(F->Function,
                                                summaryName(Callee),
                                                Call->getExprLoc(), SM));
      add(Out, std::move(E));
    }
  }
}

std::optional<BlockEffect> BlockSummaries::atCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Table.callee(Call);
  if (!Callee)
    return std::nullopt;
  std::optional<BlockEffect> Worst;
  for (const BlockEffect &S : of(Callee).Effects) {
    std::optional<BlockBound> Bound = resolve(S.Bound, Call, Callee, nullptr);
    if (!Bound || Bound->K == BlockBound::Parameter ||
        (Bound->K == BlockBound::Constant &&
         Bound->Value.seconds() < MaxLatencySeconds))
      continue;
    if (Worst && !Bound->longerThan(Worst->Bound))
      continue;
    Worst = S;
    Worst->Bound = *Bound;
  }
  return Worst;
}

} // namespace context_tidy
