//===- UncancellableWaitCheck.cpp - context-uncancellable-wait ------------===//
//
// What it flags, one rule a file in lib/waits/ (WaitRules.h: what the
// rules share; they report through this check's diag()).  In a cancellable
// scope (lib/contexts/CancellationScope.h), a call that can delay noticing
// a stop request by MaxStopLatency or more:
//  - a call that blocks blind (BlindWaitRule.h), unless
//    - it is a select with a done or default case;
//    - the scope requests cancellation itself before it (it is the stop
//      path, waiting for the cancelled work), or cancels its own token
//      anywhere (a canceller, not a consumer of the token: analyse());
//    - it is a join, and the joined callable is not visible or does not
//      itself block that long without observing the token (JoinRule.h);
//    - a readiness test of the same object guards it, or a null test of
//      every token of the scope does (lib/waits/ReadinessGuard.h);
//    - the stop path wakes the object it waits on (lib/waits/StopWakers.h)
//      without a race (lib/waits/LostWakeups.h); a racy wake is reported
//      at the notify instead (LostWakeupRule.h);
//    - it waits on an object, and the scope registers a stop callback on
//      its token whose effect is not followed (lib/waits/StopRequests.h);
//  - a sleep or a bounded wait (Role::BoundedWait) whose constant bound is
//    at least MaxStopLatency, in a loop that checks the token too;
//    non-constant bounds there only in StrictMode (StopLatencyRule.h).
// And in any function, template patterns included: a wait on a member
// condition variable whose exit reads a stop flag that a member function
// writes and then notifies without the wait's mutex, or that the loop
// around the wait tests before taking the mutex (LostWakeupRule.h); a
// sleep or bounded wait that long in a loop on a stop flag
// (StopLatencyRule.h).
//
//===----------------------------------------------------------------------===//

#include "checks/UncancellableWaitCheck.h"

#include "checks/CheckOptions.h"
#include "lib/waits/BlindWaitRule.h"
#include "lib/waits/LostWakeupRule.h"
#include "lib/waits/StopLatencyRule.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

UncancellableWaitCheck::UncancellableWaitCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ContextCheck(Name, Context, {"BlockingFunctions", "TokenTypes"}),
      Facts(Name, Options, Context) {
  OptionReader Read(Name, Options, Context);
  RuleOptions.StrictMode = Read.boolean("StrictMode", false);
  // MinBlockingSleep is the deprecated name of MaxStopLatency: it is read
  // only when MaxStopLatency is not set.
  StringRef OptionName = "MaxStopLatency";
  if (!Options.get(OptionName) && Options.get("MinBlockingSleep"))
    OptionName = "MinBlockingSleep";
  OptionReader::Duration Latency = Read.duration(OptionName, "1s");
  RuleOptions.MaxStopLatency = Latency.Text;
  RuleOptions.MaxLatencySeconds = Latency.Seconds;
  RuleOptions.FollowCalls = Facts.followCalls() && !Facts.exporting();
}

void UncancellableWaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", RuleOptions.StrictMode ? "true" : "false");
  Options.store(Opts, "MaxStopLatency", RuleOptions.MaxStopLatency);
  Facts.storeOptions(Options, Opts);
}

void UncancellableWaitCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  addScopeMatchers(Finder, this);
}

void UncancellableWaitCheck::onStartOfTranslationUnit() {
  model().clearCaches();
  Summaries.reset();
  Defined.clear();
  DefinedContext = nullptr;
  State = std::make_unique<WaitRuleState>(model());
}

void UncancellableWaitCheck::onEndOfTranslationUnit() {
  if (Facts.exporting() && DefinedContext)
    Facts.exportUnit(*DefinedContext, Defined.getArrayRef(),
                     summaries(*DefinedContext).Blocks);
  Summaries.reset();
}

CallSummaries &UncancellableWaitCheck::summaries(ASTContext &Ctx) {
  if (!Summaries || Summaries->Context != &Ctx)
    Summaries = std::make_unique<CallSummaries>(
        Ctx, model(), *State, RuleOptions.MaxLatencySeconds,
        Facts.exporting()
            ? nullptr
            : std::function<const BlockSummary *(const FunctionDecl *)>(
                  [this](const FunctionDecl *FD) {
                    return Facts.imported(FD);
                  }));
  return *Summaries;
}

void UncancellableWaitCheck::collectDefinition(const FunctionDecl *FD,
                                               ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!FD->isThisDeclarationADefinition() || FD->isDependentContext() ||
      !FD->isExternallyVisible() || FD->isInlined() ||
      FD->isTemplateInstantiation() ||
      !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
    return;
  DefinedContext = &Ctx;
  Defined.insert(FD);
}

void UncancellableWaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (!State)
    State = std::make_unique<WaitRuleState>(model());
  auto Report = [this](SourceLocation Loc, StringRef Description,
                       DiagnosticIDs::Level Level) {
    return diag(Loc, Description, Level);
  };
  WaitRuleContext R{model(), RuleOptions, *State, Report};
  if (Facts.exporting()) {
    // The facts phase reports nothing: it collects what it exports.
    if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function"))
      collectDefinition(FD, *Result.Context);
    return;
  }
  llvm::SmallVector<Scope, 4> Scopes;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (isLambdaCallOperator(FD))
      return;
    if (FD->isDependentContext()) {
      // A template's pattern: only the lost wakeups of stop flags, whose
      // statements are not dependent (thread pools are often templates
      // that the translation unit never instantiates).
      checkFlagWaitsInPattern(R, FD, *Result.Context);
      checkDependentWakeups(R, FD, *Result.Context);
      return;
    }
    collectScopes(FD, model(), Scopes, &scopeWalks());
  } else if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    collectScopes(L, model(), Scopes);
  }
  std::optional<CallRuleContext> C;
  if (Facts.followCalls() && !Scopes.empty()) {
    C.emplace(CallRuleContext{R, summaries(*Result.Context)});
    // A token that no caller in the unit can stop makes no scope.
    for (Scope &S : Scopes)
      llvm::erase_if(S.Tokens, [&](const ScopeToken &T) {
        return tokenNeverStops(S, T, C->Summaries.Sites);
      });
  }
  for (const Scope &S : Scopes)
    analyse(R, C ? &*C : nullptr, S, *Result.Context);
}

void UncancellableWaitCheck::analyse(WaitRuleContext &R, CallRuleContext *CR,
                                     const Scope &S, ASTContext &Ctx) {
  bool Cancellable = !S.Tokens.empty() && !S.InContextLibrary;
  for (const ScopeCall &C : S.Calls) {
    checkFlagWait(R, C, S.Function, Ctx);
    if (!Cancellable && C.InnermostLoop) {
      checkFlagLatency(R, C, Ctx);
      if (CR)
        checkFlagCallLatency(*CR, C, S.Body, Ctx);
    }
  }
  if (!Cancellable && !RuleOptions.StrictMode)
    return;
  // A scope that cancels a token of its own is its canceller, not a
  // consumer: only the other tokens count.
  llvm::SmallVector<ScopeToken, 2> Remaining;
  if (Cancellable && cancelsItsOwnToken(R, S, Remaining)) {
    if (Remaining.empty())
      return;
    Scope Consumer = S;
    Consumer.Tokens = std::move(Remaining);
    checkScopeWaits(R, Consumer, Ctx, Cancellable);
    if (CR)
      checkCallWaits(*CR, Consumer, Ctx);
    return;
  }
  checkScopeWaits(R, S, Ctx, Cancellable);
  if (CR && Cancellable)
    checkCallWaits(*CR, S, Ctx);
}

} // namespace clang::tidy::context
