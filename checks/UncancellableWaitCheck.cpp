//===- UncancellableWaitCheck.cpp - context-uncancellable-wait ------------===//
//
// What it flags: in a cancellable scope (lib/CancellationScope.h), a call
// that blocks blind (lib/BlockingCalls.h), unless
//  - it is a select with a done or default case;
//  - the scope requests cancellation itself before it (it is the stop path,
//    waiting for the cancelled work);
//  - it is a sleep in a loop that observes the token on every iteration;
//  - a readiness test of the same object guards it, or a null test of
//    every token of the scope does (lib/ReadinessGuard.h);
//  - the stop path wakes the object it waits on (lib/StopWakers.h).
//
//===----------------------------------------------------------------------===//

#include "checks/UncancellableWaitCheck.h"

#include "checks/CheckOptions.h"
#include "lib/ReadinessGuard.h"
#include "lib/TypeClassifier.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

SourceLocation callNameLoc(const CallExpr *CE) {
  if (isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return CE->getExprLoc();
  if (const auto *DRE =
          dyn_cast_or_null<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts()))
    return DRE->getLocation();
  return CE->getExprLoc();
}

/// A lambda written outside any function body: in the initializer of a
/// namespace-scope variable or in a default member initialiser.  Decided
/// from the closure type's declaration contexts, so that the matcher never
/// asks for the parent map (building it walks the whole translation unit,
/// headers included).
AST_MATCHER(LambdaExpr, isOutsideFunctions) {
  const CXXRecordDecl *Closure = Node.getLambdaClass();
  if (!Closure || isa_and_nonnull<ParmVarDecl>(Closure->getLambdaContextDecl()))
    return false;
  for (const DeclContext *DC = Closure->getDeclContext(); DC;
       DC = DC->getParent())
    if (DC->isFunctionOrMethod())
      return false;
  return true;
}

bool isLambdaCallOperator(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->getParent() && MD->getParent()->isLambda();
}

} // namespace

UncancellableWaitCheck::UncancellableWaitCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ContextCheck(Name, Context, {"BlockingFunctions", "TokenTypes"}) {
  OptionReader Read(Name, Options, Context);
  StrictMode = Read.boolean("StrictMode", false);
  OptionReader::Duration MinSleep = Read.duration("MinBlockingSleep", "100ms");
  MinBlockingSleep = MinSleep.Text;
  MinSleepSeconds = MinSleep.Seconds;
}

void UncancellableWaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", StrictMode ? "true" : "false");
  Options.store(Opts, "MinBlockingSleep", MinBlockingSleep);
}

void UncancellableWaitCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // Every function with a body, template instantiations included; lambdas
  // are analysed with the function they are written in.
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     this);
  // Lambdas outside any function: namespace-scope variables, default
  // member initialisers.
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader()),
                                isOutsideFunctions())
                         .bind("lambda"),
                     this);
}

void UncancellableWaitCheck::onStartOfTranslationUnit() {
  Reported.clear();
  model().clearCaches();
  Wakers = std::make_unique<StopWakers>(model());
}

void UncancellableWaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Wakers)
    Wakers = std::make_unique<StopWakers>(model());
  llvm::SmallVector<Scope, 4> Scopes;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (isLambdaCallOperator(FD))
      return;
    collectScopes(FD, model(), Scopes);
  } else if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    collectScopes(L, model(), Scopes);
  }
  for (const Scope &S : Scopes)
    analyse(S, *Result.Context);
}

bool UncancellableWaitCheck::wokenOnStop(const Scope &S,
                                         const ValueDecl *Object) {
  if (Wakers->bodyWakesOnStop(S.Body, Object))
    return true;
  for (const Stmt *Body : S.EnclosingBodies)
    if (Wakers->bodyWakesOnStop(Body, Object))
      return true;
  const auto *Field = dyn_cast<FieldDecl>(Object);
  if (!Field)
    return false;
  if (Wakers->classWakesOnStop(Field))
    return true;
  // A member reached through a member of the class whose method the wait
  // is in (`tasks_[id].signal` in a lambda of the pool's constructor): the
  // pool's destructor may wake it.
  for (const DeclContext *DC = S.Function; DC; DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
      if (!RD->isLambda() && Wakers->classWakesOnStop(RD, Field))
        return true;
  return false;
}

void UncancellableWaitCheck::analyse(const Scope &S, ASTContext &Ctx) {
  bool Cancellable = !S.Tokens.empty() && !S.InContextLibrary;
  if (!Cancellable && !StrictMode)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::unique_ptr<ReadinessGuards> Guards;
  for (const ScopeCall &C : S.Calls) {
    std::optional<BlindCall> B =
        classifyBlockingCall(C.Call, Ctx, model(), MinSleepSeconds);
    if (!B)
      continue;
    SourceLocation Loc = callNameLoc(C.Call);
    if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
        Reported.contains(Loc))
      continue;
    if (!Guards)
      Guards = std::make_unique<ReadinessGuards>(S.Function, S.Body, Ctx,
                                                 model());
    // Where every token of the scope is null (`if (!ctx) sleep_for(d);`),
    // there is no cancellation to observe.
    if (Cancellable && llvm::all_of(S.Tokens, [&](const ScopeToken &T) {
          return Guards->isGuarded(C.Call, T.Decl);
        }))
      continue;
    if (B->Kind == BlockingKind::Select) {
      if (selectObservesCancellation(C.Call, model()))
        continue;
    } else {
      if (Wakers->requestsStopBefore(S.Body, C.Call->getBeginLoc(), SM))
        continue;
      if (B->Kind == BlockingKind::Sleep) {
        if (C.InnermostLoop && loopObservesCancellationEachIteration(
                                   C.InnermostLoop, S.Tokens, model()))
          continue;
      } else if (B->Object) {
        if (Guards->isGuarded(C.Call, B->Object))
          continue;
        if (wokenOnStop(S, B->Object))
          continue;
      }
    }
    Reported.insert(Loc);
    report(S, *B, Ctx);
  }
}

void UncancellableWaitCheck::report(const Scope &S, const BlindCall &B,
                                    ASTContext &Ctx) {
  SourceLocation Loc = callNameLoc(B.Call);
  const ScopeToken *Token =
      S.Tokens.empty() || S.InContextLibrary ? nullptr : &S.Tokens.front();
  std::string TokenName =
      Token ? Token->Decl->getName().str() : std::string();

  auto NoteToken = [&](const ScopeToken &T) {
    diag(T.Loc, "%0 '%1' %select{declared|captured}2 here",
         DiagnosticIDs::Note)
        << contextKindName(T.Kind) << T.Decl->getName()
        << T.ExplicitCapture;
  };

  if (B.Kind == BlockingKind::Select) {
    const ScopeToken *Ctx = nullptr;
    std::string Done;
    if (Token)
      for (const ScopeToken &T : S.Tokens)
        if (T.Kind == ContextKind::Context &&
            !(Done = doneCallSpelling(T.Decl, model())).empty()) {
          Ctx = &T;
          break;
        }
    if (Ctx) {
      diag(Loc, "%0 has neither a case on '%1' nor a default case; it blocks "
                "without observing cancellation of '%2'")
          << B.Name << Done << Ctx->Decl->getName();
      NoteToken(*Ctx);
    } else if (Token) {
      diag(Loc, "%0 has no default case; it blocks without observing "
                "cancellation of '%1'")
          << B.Name << TokenName;
      NoteToken(*Token);
    } else {
      diag(Loc, "%0 has neither a case on a context's done channel nor a "
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
  bool AwareOverload = Passable || hasAwareOverload(B.Call, model());

  // A channel operation of a Go-style port, with a context in scope: the
  // Go fix is a select that also waits on the context's done channel.
  std::string Done;
  if (Token && B.Entry->From == Profile::GoPorts)
    for (const ScopeToken &T : S.Tokens)
      if (T.Kind == ContextKind::Context &&
          !(Done = doneCallSpelling(T.Decl, model())).empty())
        break;

  enum Advice : uint8_t {
    PassToken,
    UseAware,
    SleepInSteps,
    BoundOrWake,
    SelectDone
  };
  Advice A = Passable         ? PassToken
             : AwareOverload ? UseAware
             : B.Kind == BlockingKind::Sleep ? SleepInSteps
             : !Done.empty()                 ? SelectDone
                                             : BoundOrWake;
  if (Token) {
    auto D = diag(Loc, "'%0' blocks%1 without observing cancellation of "
                       "'%2'; %select{pass '%2' to the cancellation-aware "
                       "overload|use the overload that takes a cancellation "
                       "token|sleep in short steps in a loop that checks "
                       "'%2'|use a bounded wait in a loop that checks '%2', "
                       "or wake it from a stop callback|select on it and on "
                       "'%4'}3")
             << B.Name << Length << TokenName << static_cast<unsigned>(A)
             << Done;
    if (Passable) {
      llvm::SmallVector<const Expr *, 4> Args = writtenArguments(B.Call);
      SourceLocation At = Args[*Index]->getBeginLoc();
      if (At.isValid() && !At.isMacroID())
        D << FixItHint::CreateInsertion(
            At, (Passable->Decl->getName() + ", ").str());
    }
  } else {
    diag(Loc, "'%0' blocks%1 and cannot be cancelled; %select{|use the "
              "overload that takes a cancellation token|sleep in short steps "
              "in a loop that checks for cancellation|use a bounded wait, or "
              "wake it from a stop callback}2")
        << B.Name << Length << static_cast<unsigned>(A);
  }
  if (Token)
    NoteToken(Passable ? *Passable : *Token);
  (void)Ctx;
}

} // namespace clang::tidy::context
