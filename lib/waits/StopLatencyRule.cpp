//===- StopLatencyRule.cpp - Waits that delay noticing a stop -------------===//

#include "lib/waits/StopLatencyRule.h"

#include "lib/ast/Statements.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

void reportLatency(WaitRuleContext &R, const Scope &S, const CallExpr *Call,
                   StringRef Name, bool Sleep,
                   const std::optional<LatencyBound> &Length, bool OnObject) {
  const ScopeToken &Token = S.Tokens.front();
  std::string By = Length ? Length->text() : std::string();
  R.diag(callNameLoc(Call),
         "'%0' can delay noticing a stop request on '%1' by %select{%2|its "
         "whole timeout, which is not a constant}3; %select{wait with a "
         "timeout shorter than %4, or wake it from a stop callback that "
         "holds the mutex|sleep in steps shorter than %4, or wait on a "
         "condition_variable_any with '%1'|sleep in steps shorter than %4 "
         "that check '%1', or wait on its done channel and a timer "
         "together|wait in steps shorter than %4 that check '%1'}5")
      << Name << Token.Decl->getName() << By << !Length
      << R.Options.MaxStopLatency
      << (!Sleep && !OnObject                  ? 3u
          : !Sleep                             ? 0u
          : Token.Kind == ContextKind::Context ? 2u
                                               : 1u);
  noteToken(R, Token);
  noteBoundSource(R, Length);
}

void checkFlagLatency(WaitRuleContext &R, const ScopeCall &C, ASTContext &Ctx) {
  std::optional<LatencyBound> Length;
  StringRef Name;
  bool Sleep = false;
  std::string NameText;
  const ValueDecl *Object = nullptr;
  if (std::optional<BlindCall> B = classifyBlockingCall(
          C.Call, Ctx, R.model(), R.Options.MaxLatencySeconds)) {
    if (B->Kind != BlockingKind::Sleep)
      return;
    Length = boundOf(R, B->SleepLength, B->Length, B->LengthIsDeadline, Ctx);
    NameText = B->Name;
    Sleep = true;
  } else if (std::optional<BoundedCall> W =
                 classifyBoundedWait(C.Call, Ctx, R.model())) {
    Length = boundOf(R, W->Bound, W->BoundArg, W->BoundIsDeadline, Ctx,
                     W->NumberUnit);
    NameText = W->Name;
    Object = W->Object;
  } else {
    return;
  }
  if (!Length || Length->Value.seconds() < R.Options.MaxLatencySeconds)
    return;
  Name = NameText;
  const Expr *Cond = loopCondition(C.InnermostLoop);
  if (!Cond)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = reportableCallLoc(R, C.Call, SM);
  if (Loc.isInvalid())
    return;
  for (const FieldDecl *Flag : exitFlags(Cond)) {
    SourceLocation Write = R.State.FlagWakers.stopWrite(Flag);
    if (Write.isInvalid())
      continue;
    // A timed wait that the stop path wakes: its timeout is not the delay
    // (whether the wake can be lost is checkFlagWait's concern,
    // lib/waits/LostWakeupRule.h).
    if (Object && R.State.FlagWakers.wokenAfterWrite(Flag, Object))
      return;
    R.State.Reported.insert(Loc);
    R.diag(Loc, "'%0' can delay noticing a stop request on '%1' by %2; "
                "%select{wait with a timeout shorter than %3|sleep in steps "
                "shorter than %3}4, or wait on a condition variable that the "
                "stop path notifies")
        << Name << Flag->getName() << Length->text() << R.Options.MaxStopLatency
        << Sleep;
    R.diag(Write, "'%0' is set here on the stop path", DiagnosticIDs::Note)
        << Flag->getName();
    noteBoundSource(R, Length);
    return;
  }
}

} // namespace context_tidy
