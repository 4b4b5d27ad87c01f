//===- BlindWaitRule.cpp - Waits that cannot observe the token ------------===//

#include "lib/waits/BlindWaitRule.h"

#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/JoinRule.h"
#include "lib/waits/LostWakeupRule.h"
#include "lib/waits/ReadinessGuard.h"
#include "lib/waits/StopLatencyRule.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

void checkScopeWaits(WaitRuleContext &R, const Scope &S, ASTContext &Ctx,
                     bool Cancellable) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::unique_ptr<ReadinessGuards> Guards;
  auto Skip = [&](const CallExpr *Call, SourceLocation Loc) {
    if (!mayReportAt(R, Loc, SM))
      return true;
    if (!Guards)
      Guards =
          std::make_unique<ReadinessGuards>(S.Function, S.Body, Ctx, R.model());
    // Where every token of the scope is null (`if (!ctx) sleep_for(d);`),
    // there is no cancellation to observe.
    return Cancellable && llvm::all_of(S.Tokens, [&](const ScopeToken &T) {
             return Guards->isGuarded(Call, T.Decl);
           });
  };
  for (const ScopeCall &C : S.Calls) {
    std::optional<BlindCall> B = classifyBlockingCall(
        C.Call, Ctx, R.model(), R.Options.MaxLatencySeconds);
    if (!B) {
      // A bounded wait: its bound is how long it can delay noticing a stop.
      if (!Cancellable)
        continue;
      std::optional<BoundedCall> W =
          classifyBoundedWait(C.Call, Ctx, R.model());
      if (!W)
        continue;
      std::optional<LatencyBound> Length = boundOf(
          R, W->Bound, W->BoundArg, W->BoundIsDeadline, Ctx, W->NumberUnit);
      if (Length ? Length->Value.seconds() < R.Options.MaxLatencySeconds
                 : !R.Options.StrictMode)
        continue;
      SourceLocation Loc = callNameLoc(C.Call);
      if (Skip(C.Call, Loc) ||
          R.State.Wakers.requestsStopBefore(S.Body, C.Call->getBeginLoc(), SM))
        continue;
      StopWake Racy;
      if (W->Object &&
          (wokenOnStop(R, S, W->Object, C.Call, SM, Racy) == Woken::RaceFree ||
           wokenByUnknownRoute(R, S, C.Call, SM)))
        continue;
      R.State.Reported.insert(Loc);
      reportLatency(R, S, C.Call, W->Name, /*Sleep=*/false, Length,
                    /*OnObject=*/callObject(W->Call) != nullptr);
      continue;
    }
    SourceLocation Loc = callNameLoc(C.Call);
    if (Skip(C.Call, Loc))
      continue;
    if (B->Kind == BlockingKind::Select) {
      if (selectObservesCancellation(C.Call, R.model()))
        continue;
    } else {
      if (R.State.Wakers.requestsStopBefore(S.Body, C.Call->getBeginLoc(), SM))
        continue;
      if (B->Kind == BlockingKind::Sleep) {
        if (C.InnermostLoop && loopObservesCancellationEachIteration(
                                   C.InnermostLoop, S.Tokens, R.model())) {
          // The polling idiom: each step delays noticing a stop by its
          // length.
          if (!Cancellable)
            continue;
          std::optional<LatencyBound> Length =
              boundOf(R, B->SleepLength, B->Length, B->LengthIsDeadline, Ctx);
          if (Length ? Length->Value.seconds() < R.Options.MaxLatencySeconds
                     : !R.Options.StrictMode)
            continue;
          R.State.Reported.insert(Loc);
          reportLatency(R, S, C.Call, B->Name, /*Sleep=*/true, Length);
          continue;
        }
      } else if (B->Entry->Flags & JoinsCallable) {
        const CallExpr *Inner = joinedCallableBlocks(R, S, *B, Ctx);
        if (!Inner)
          continue;
        R.State.Reported.insert(Loc);
        reportBlindWait(R, S, *B);
        R.diag(callNameLoc(Inner),
               "the joined thread blocks here without observing the token",
               DiagnosticIDs::Note);
        continue;
      } else if (B->Object) {
        if (Guards->isGuarded(C.Call, B->Object))
          continue;
        StopWake Racy;
        Woken How = wokenOnStop(R, S, B->Object, C.Call, SM, Racy);
        if (How == Woken::RaceFree)
          continue;
        if (How == Woken::Racy) {
          R.State.Reported.insert(Loc);
          reportLostWakeup(R, S, C.Call, B->Object, Racy);
          continue;
        }
        // A stop callback on the scope's token that stops other work (or
        // does what is not seen) may wake it when that work ends.
        if (wokenByUnknownRoute(R, S, C.Call, SM))
          continue;
      }
    }
    R.State.Reported.insert(Loc);
    reportBlindWait(R, S, *B);
  }
}

void reportBlindWait(WaitRuleContext &R, const Scope &S, const BlindCall &B) {
  SourceLocation Loc = callNameLoc(B.Call);
  const ScopeToken *Token =
      S.Tokens.empty() || S.InContextLibrary ? nullptr : &S.Tokens.front();
  std::string TokenName = Token ? Token->Decl->getName().str() : std::string();

  if (B.Kind == BlockingKind::Select) {
    const ScopeToken *Ctx = nullptr;
    std::string Done;
    if (Token)
      for (const ScopeToken &T : S.Tokens)
        if (T.Kind == ContextKind::Context &&
            !(Done = doneCallSpelling(T.Decl, R.model())).empty()) {
          Ctx = &T;
          break;
        }
    if (Ctx) {
      R.diag(Loc, "%0 has neither a case on '%1' nor a default case; it blocks "
                  "without observing cancellation of '%2'")
          << B.Name << Done << Ctx->Decl->getName();
      noteToken(R, *Ctx);
    } else if (Token) {
      R.diag(Loc, "%0 has no default case; it blocks without observing "
                  "cancellation of '%1'")
          << B.Name << TokenName;
      noteToken(R, *Token);
    } else {
      R.diag(Loc, "%0 has neither a case on a context's done channel nor a "
                  "default case; it cannot be cancelled")
          << B.Name;
    }
    return;
  }

  std::string Length;
  if (B.SleepLength)
    Length = " for " + B.SleepLength->format();

  // The aware overload, when the token in scope can be passed as it is.
  const ScopeToken *Passable = nullptr;
  std::optional<unsigned> Index;
  if (Token)
    for (const ScopeToken &T : S.Tokens)
      if (T.Kind == ContextKind::Token &&
          (Index = awareOverloadTokenIndex(B.Call, T.Decl->getType()))) {
        Passable = &T;
        break;
      }
  bool AwareOverload = Passable || hasAwareOverload(B.Call, R.model());

  // A channel operation of a Go-style port, with a context in scope: the
  // Go fix is a select that also waits on the context's done channel.
  std::string Done;
  if (Token && B.Entry->From == Profile::GoPorts)
    for (const ScopeToken &T : S.Tokens)
      if (T.Kind == ContextKind::Context &&
          !(Done = doneCallSpelling(T.Decl, R.model())).empty())
        break;

  enum Advice : uint8_t {
    PassToken,
    UseAware,
    SleepInSteps,
    BoundOrWake,
    SelectDone
  };
  Advice A = Passable                        ? PassToken
             : AwareOverload                 ? UseAware
             : B.Kind == BlockingKind::Sleep ? SleepInSteps
             : !Done.empty()                 ? SelectDone
                                             : BoundOrWake;
  if (Token) {
    auto D = R.diag(Loc, "'%0' blocks%1 without observing cancellation of "
                         "'%2'; %select{pass '%2' to the cancellation-aware "
                         "overload|use the overload that takes a cancellation "
                         "token|sleep in short steps in a loop that checks "
                         "'%2'|use a bounded wait in a loop that checks '%2', "
                         "or wake it from a stop callback|select on it and on "
                         "'%4'}3")
             << B.Name << Length << TokenName << static_cast<unsigned>(A)
             << Done;
    if (Passable && Index) {
      llvm::SmallVector<const Expr *, 4> Args = writtenArguments(B.Call);
      SourceLocation At = Args[*Index]->getBeginLoc();
      if (At.isValid() && !At.isMacroID())
        D << FixItHint::CreateInsertion(
            At, (Passable->Decl->getName() + ", ").str());
    }
  } else {
    R.diag(Loc, "'%0' blocks%1 and cannot be cancelled; %select{|use the "
                "overload that takes a cancellation token|sleep in short steps "
                "in a loop that checks for cancellation|use a bounded wait, or "
                "wake it from a stop callback}2")
        << B.Name << Length << static_cast<unsigned>(A);
  }
  if (Token)
    noteToken(R, Passable ? *Passable : *Token);
}

} // namespace context_tidy
