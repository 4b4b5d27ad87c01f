//===- CallWaitRule.cpp - Waits one or more calls down --------------------===//

#include "lib/calls/CallWaitRule.h"

#include "lib/ast/Callables.h"
#include "lib/ast/ExprWrappers.h"
#include "lib/ast/Statements.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/LostWakeups.h"
#include "lib/waits/ReadinessGuard.h"
#include "lib/waits/StopLatencyRule.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

/// The bound of \p E as the wait rules show it.
std::optional<LatencyBound> latencyOf(const BlockEffect &E) {
  if (E.Bound.K != BlockBound::Constant)
    return std::nullopt;
  LatencyBound B;
  B.Value = E.Bound.Value;
  B.Source = E.Bound.Source;
  B.ByDefault = E.Bound.ByDefault;
  B.MinLoc = E.Bound.SourceLoc;
  B.Coarsest = true;
  return B;
}

llvm::StringRef lastStep(const BlockEffect &E) {
  switch (E.Kind) {
  case BlockKind::Sleep:
    return "sleeps";
  case BlockKind::BoundedWait:
    return "waits";
  case BlockKind::Wait:
    break;
  }
  return "blocks";
}

/// The call's callee when the rules look at it: followed by the
/// summaries, given none of the call's arguments of token type, and
/// taking no parameter of that type itself (such a function is a scope of
/// its own, whose waits are reported there).
const FunctionDecl *blockingCallee(CallRuleContext &C, const CallExpr *Call) {
  SummaryTable &T = C.Summaries.Table;
  const FunctionDecl *Callee = T.callee(Call);
  if (!Callee)
    return nullptr;
  for (const ParmVarDecl *P : Callee->parameters())
    if (P && isObservingKind(classifyReferent(P->getType(), T.model())))
      return nullptr;
  return anyObserving(writtenArguments(Call), T.model()) ? nullptr : Callee;
}

/// Whether \p S names an object of token, source or context type.
bool namesToken(const Stmt *S, const ApiModel &M) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (isObservingKind(classifyReferent(DRE->getDecl()->getType(), M)))
      return true;
  for (const Stmt *Child : S->children())
    if (namesToken(Child, M))
      return true;
  return false;
}

/// Whether \p Call hands the callee a lambda that names a token (a
/// transfer functor that passes the caller's context to each chunk): the
/// work the callee waits for observes the token.
bool passesTokenInCallable(const CallExpr *Call, const ApiModel &M) {
  for (const Expr *A : writtenArguments(Call)) {
    const LambdaExpr *L = callableOf(A, ThroughLocalVariables).Lambda;
    if (L && (namesToken(L->getBody(), M) ||
              llvm::any_of(L->capture_inits(), [&](const Expr *Init) {
                return namesToken(Init, M);
              })))
      return true;
  }
  return false;
}

/// Whether the stop path of the class \p S's function belongs to calls a
/// member function of the object \p Call is made on (`m_signal.Wait()`)
/// after requesting stop (`request_stop(); m_signal.Set();` in the
/// destructor): that object's own API wakes it, which the callee's summary
/// cannot see.
bool objectWokenOnStop(WaitRuleContext &R, const Scope &S, const CallExpr *Call,
                       const SourceManager &SM) {
  const ValueDecl *Object = objectDecl(callObject(Call));
  const CXXRecordDecl *RD = enclosingClass(S.Function);
  if (RD)
    RD = RD->getDefinition();
  if (!Object || !RD)
    return false;
  Object = cast<ValueDecl>(Object->getCanonicalDecl());
  for (const Decl *D : RD->decls()) {
    const Stmt *Body = visibleBody(D->getAsFunction());
    if (!Body)
      continue;
    llvm::SmallVector<const Stmt *, 32> Stack{Body};
    while (!Stack.empty()) {
      const Stmt *St = Stack.pop_back_val();
      if (!St || isa<LambdaExpr>(St))
        continue;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(St)) {
        const ValueDecl *On = objectDecl(MC->getImplicitObjectArgument());
        if (MC != Call && On && On->getCanonicalDecl() == Object &&
            R.State.Wakers.requestsStopBefore(Body, MC->getBeginLoc(), SM))
          return true;
      }
      for (const Stmt *Child : St->children())
        Stack.push_back(Child);
    }
  }
  return false;
}

} // namespace

CallSummaries::CallSummaries(
    ASTContext &Ctx, const ApiModel &M, WaitRuleState &State,
    double MaxLatencySeconds,
    const std::function<const BlockSummary *(const FunctionDecl *)> &Imported)
    : Context(&Ctx), Table(Ctx, M),
      Blocks(Table, MaxLatencySeconds, State.Wakers,
             [&State, &Ctx, &M]() -> ValueSources & {
               return valueSources(State, Ctx, M);
             }),
      Sites(Ctx) {
  if (!Imported)
    return;
  Blocks.Imported = Imported;
  Table.Imported = [Imported](const FunctionDecl *FD) {
    return Imported(FD) != nullptr;
  };
}

void noteChain(WaitRuleContext &R, const SummaryChain &Chain,
               llvm::StringRef Last, SourceLocation Call) {
  for (size_t I = 0; I < Chain.size(); ++I) {
    const ChainStep &S = Chain[I];
    bool Here = S.Loc.isValid();
    bool End = I + 1 == Chain.size();
    R.diag(Here ? S.Loc : Call,
           "%select{'%1' calls '%2'|'%2' %3}0 %select{at %4 (from the facts "
           "of another translation unit)|here}5",
           DiagnosticIDs::Note)
        << End << S.Function << S.Callee << Last << S.Where << Here;
  }
}

void checkCallWaits(CallRuleContext &C, const Scope &S, ASTContext &Ctx) {
  WaitRuleContext &R = C.R;
  const SourceManager &SM = Ctx.getSourceManager();
  std::unique_ptr<ReadinessGuards> Guards;
  for (const ScopeCall &SC : S.Calls) {
    const CallExpr *Call = SC.Call;
    const FunctionDecl *Callee = blockingCallee(C, Call);
    if (!Callee)
      continue;
    SourceLocation Loc = reportableCallLoc(R, Call, SM);
    if (Loc.isInvalid())
      continue;
    std::optional<BlockEffect> E = C.Summaries.Blocks.atCall(Call);
    if (!E || R.State.Wakers.requestsStopBefore(S.Body, Call->getBeginLoc(), SM))
      continue;
    StopWake Racy;
    if ((E->Object &&
         wokenOnStop(R, S, E->Object, E->Leaf, SM, Racy) != Woken::No) ||
        wokenByUnknownRoute(R, S, Call, SM) ||
        passesTokenInCallable(Call, R.model()) ||
        objectWokenOnStop(R, S, Call, SM))
      continue;
    if (!Guards)
      Guards =
          std::make_unique<ReadinessGuards>(S.Function, S.Body, Ctx, R.model());
    if (llvm::all_of(S.Tokens, [&](const ScopeToken &T) {
          return Guards->isGuarded(Call, T.Decl);
        }))
      continue;
    R.State.Reported.insert(Loc);
    const ScopeToken &Token = S.Tokens.front();
    std::string Name = summaryName(Callee);
    bool Polling = SC.InnermostLoop && loopObservesCancellationEachIteration(
                                           SC.InnermostLoop, S.Tokens,
                                           R.model());
    std::optional<LatencyBound> Length = latencyOf(*E);
    if (!Length) {
      R.diag(Loc, "'%0' blocks without observing cancellation of '%1': it "
                  "waits in '%2'; pass '%1' to '%0' and observe it there, or "
                  "wake the wait from a stop callback")
          << Name << Token.Decl->getName() << E->Api;
    } else if (E->Kind == BlockKind::Sleep && !Polling) {
      R.diag(Loc, "'%0' blocks for %2 without observing cancellation of "
                  "'%1': it sleeps in '%3'; pass '%1' to '%0' and sleep in "
                  "short steps that check it")
          << Name << Token.Decl->getName() << Length->text() << E->Api;
    } else {
      R.diag(Loc, "'%0' can delay noticing a stop request on '%1' by %2: it "
                  "%select{waits|sleeps}3 in '%4'; %select{wait with a "
                  "timeout|sleep in steps}3 shorter than %5, or pass '%1' to "
                  "'%0' and observe it there")
          << Name << Token.Decl->getName() << Length->text()
          << (E->Kind == BlockKind::Sleep) << E->Api
          << R.Options.MaxStopLatency;
    }
    noteToken(R, Token);
    noteChain(R, E->Chain, lastStep(*E), Loc);
    noteBoundSource(R, Length);
  }
}

namespace {

/// The loops of \p Body around \p Call, innermost first (not into
/// lambdas): a flag loop may be an outer one (`while (!stop_) { for (...)
/// retry(); }`).
llvm::SmallVector<const Stmt *, 2> loopsAround(const Stmt *Body,
                                               const CallExpr *Call,
                                               const SourceManager &SM) {
  llvm::SmallVector<const Stmt *, 2> Out;
  SourceLocation At = Call->getBeginLoc();
  auto Contains = [&](const Stmt *S) {
    return !SM.isBeforeInTranslationUnit(At, S->getBeginLoc()) &&
           !SM.isBeforeInTranslationUnit(S->getEndLoc(), At);
  };
  const Stmt *S = Body;
  while (S) {
    const Stmt *Next = nullptr;
    for (const Stmt *Child : S->children())
      if (Child && !isa<LambdaExpr>(Child) && Contains(Child)) {
        Next = Child;
        break;
      }
    if (Next && loopCondition(Next))
      Out.insert(Out.begin(), Next);
    S = Next == Call ? nullptr : Next;
  }
  return Out;
}

} // namespace

void checkFlagCallLatency(CallRuleContext &C, const ScopeCall &SC,
                          const Stmt *Body, ASTContext &Ctx) {
  WaitRuleContext &R = C.R;
  if (!SC.InnermostLoop || !blockingCallee(C, SC.Call))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = reportableCallLoc(R, SC.Call, SM);
  if (Loc.isInvalid())
    return;
  llvm::SmallVector<const FieldDecl *, 2> Flags;
  for (const Stmt *Loop : loopsAround(Body, SC.Call, SM))
    for (const FieldDecl *F : exitFlags(loopCondition(Loop)))
      if (!llvm::is_contained(Flags, F))
        Flags.push_back(F);
  // The stop flags among them first: a loop's condition reads many members
  // (counts, sizes) that no stop path writes, and the callee's summary
  // costs more than the class's.
  llvm::SmallVector<std::pair<const FieldDecl *, SourceLocation>, 2> Stops;
  for (const FieldDecl *Flag : Flags) {
    SourceLocation Write = R.State.FlagWakers.stopWrite(Flag);
    if (Write.isInvalid())
      Write = R.State.FlagWakers.stopWriteThroughCalls(Flag);
    if (Write.isValid())
      Stops.emplace_back(Flag, Write);
  }
  if (Stops.empty())
    return;
  std::optional<BlockEffect> E = C.Summaries.Blocks.atCall(SC.Call);
  std::optional<LatencyBound> Length = E ? latencyOf(*E) : std::nullopt;
  if (!Length)
    return;
  for (auto [Flag, Write] : Stops) {
    // A timed wait that the stop path wakes: its timeout is not the delay.
    if (E->Object && R.State.FlagWakers.wokenAfterWrite(Flag, E->Object))
      return;
    R.State.Reported.insert(Loc);
    R.diag(Loc, "'%0' can delay noticing a stop request on '%1' by %2: it "
                "%select{waits|sleeps}3 in '%4'; %select{wait with a timeout|"
                "sleep in steps}3 shorter than %5, or wait on a condition "
                "variable that the stop path notifies")
        << summaryName(C.Summaries.Table.callee(SC.Call)) << Flag->getName()
        << Length->text() << (E->Kind == BlockKind::Sleep) << E->Api
        << R.Options.MaxStopLatency;
    R.diag(Write, "'%0' is set here on the stop path", DiagnosticIDs::Note)
        << Flag->getName();
    noteChain(R, E->Chain, lastStep(*E), Loc);
    noteBoundSource(R, Length);
    return;
  }
}

} // namespace context_tidy
