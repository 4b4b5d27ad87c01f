//===- UncancellableWaitCheck.cpp - context-uncancellable-wait ------------===//
//
// What it flags: in a cancellable scope (lib/contexts/CancellationScope.h), a call
// that can delay noticing a stop request by MaxStopLatency or more:
//  - a call that blocks blind (lib/waits/BlockingCalls.h), unless
//    - it is a select with a done or default case;
//    - the scope requests cancellation itself before it (it is the stop
//      path, waiting for the cancelled work), or cancels its own token
//      anywhere (a canceller, not a consumer of the token);
//    - it is a join, and the joined callable is not visible or does not
//      itself block that long without observing the token;
//    - a readiness test of the same object guards it, or a null test of
//      every token of the scope does (lib/waits/ReadinessGuard.h);
//    - the stop path wakes the object it waits on (lib/waits/StopWakers.h)
//      without a race (lib/waits/LostWakeups.h); a racy wake is reported at the
//      notify instead;
//    - it waits on an object, and the scope registers a stop callback on
//      its token whose effect is not followed (lib/waits/StopRequests.h);
//  - a sleep or a bounded wait (Role::BoundedWait) whose constant bound is
//    at least MaxStopLatency, in a loop that checks the token too;
//    non-constant bounds there only in StrictMode.
// And in any function: a wait on a member condition variable whose exit
// reads a stop flag that a member function writes and then notifies
// without the wait's mutex (lib/waits/LostWakeups.h).
//
//===----------------------------------------------------------------------===//

#include "checks/UncancellableWaitCheck.h"

#include "checks/CheckOptions.h"
#include "lib/ast/ExprWrappers.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/PatternCalls.h"
#include "lib/waits/PatternWakeups.h"
#include "lib/waits/ReadinessGuard.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

/// The lambda a predicate argument is, or names.
const LambdaExpr *lambdaOf(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return L;
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
    } else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
    } else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
               C && C->getNumArgs() >= 1) {
      E = C->getArg(0);
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->isLocalVarDecl())
        return nullptr;
      E = V->getInit();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

const Expr *skipToCallable(const Expr *E) {
  return skipWrappers(E, FunctionalCasts | AddressOf);
}

/// The body of the callable a thread object was constructed with: a
/// local `std::thread t([&] { ... });` or `std::thread t(&C::run, this);`.
const Stmt *joinedBody(const ValueDecl *Thread) {
  const auto *V = dyn_cast_or_null<VarDecl>(Thread);
  if (!V || !V->isLocalVarDecl())
    return nullptr;
  const auto *CE =
      dyn_cast_or_null<CXXConstructExpr>(skipToCallable(V->getInit()));
  if (!CE || CE->getNumArgs() == 0)
    return nullptr;
  const Expr *F = skipToCallable(CE->getArg(0));
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(F))
    return L->getBody();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(F))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      const FunctionDecl *Def = nullptr;
      if (FD->hasBody(Def) && Def && !Def->isDependentContext())
        return Def->getBody();
    }
  return nullptr;
}

SourceLocation callNameLoc(const CallExpr *CE) {
  if (isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return CE->getExprLoc();
  if (const auto *DRE =
          dyn_cast_or_null<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts()))
    return DRE->getLocation();
  return CE->getExprLoc();
}


} // namespace

UncancellableWaitCheck::UncancellableWaitCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ContextCheck(Name, Context, {"BlockingFunctions", "TokenTypes"}) {
  OptionReader Read(Name, Options, Context);
  StrictMode = Read.boolean("StrictMode", false);
  // MinBlockingSleep is the deprecated name of MaxStopLatency: it is read
  // only when MaxStopLatency is not set.
  StringRef OptionName = "MaxStopLatency";
  if (!Options.get(OptionName) && Options.get("MinBlockingSleep"))
    OptionName = "MinBlockingSleep";
  OptionReader::Duration Latency = Read.duration(OptionName, "1s");
  MaxStopLatency = Latency.Text;
  MaxLatencySeconds = Latency.Seconds;
}

void UncancellableWaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", StrictMode ? "true" : "false");
  Options.store(Opts, "MaxStopLatency", MaxStopLatency);
}

void UncancellableWaitCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  addScopeMatchers(Finder, this);
}

void UncancellableWaitCheck::onStartOfTranslationUnit() {
  Reported.clear();
  model().clearCaches();
  ReportedWakes.clear();
  Wakers = std::make_unique<StopWakers>(model());
  FlagWakers = std::make_unique<ClassWakers>(model());
  Values.reset();
  ValuesContext = nullptr;
}

std::string UncancellableWaitCheck::Bound::text() const {
  // A value found by structure is shown in the coarsest exact unit (its
  // declaration's unit is not the call's).
  return (Source ? formatCoarsest(Value) : Value.format()) +
         (ByDefault ? " by default" : "");
}

std::optional<UncancellableWaitCheck::Bound>
UncancellableWaitCheck::boundOf(const std::optional<DurationValue> &Constant,
                                const Expr *Arg, bool IsDeadline,
                                ASTContext &Ctx) {
  if (Constant) {
    Bound B;
    B.Value = *Constant;
    return B;
  }
  if (!Arg || IsDeadline || Arg->isValueDependent() ||
      Arg->isTypeDependent() || Arg->containsErrors())
    return std::nullopt;
  if (!Values || ValuesContext != &Ctx) {
    Values = std::make_unique<ValueSources>(Ctx, model());
    ValuesContext = &Ctx;
  }
  std::optional<KnownDuration> K = Values->smallestDuration(Arg);
  if (!K)
    return std::nullopt;
  Bound B;
  B.Value = K->Min;
  B.Source = K->Source;
  B.ByDefault = K->ByDefault;
  B.MinLoc = K->MinLoc;
  return B;
}

void UncancellableWaitCheck::noteBoundSource(const std::optional<Bound> &B) {
  if (!B || !B->Source || B->MinLoc.isInvalid())
    return;
  diag(B->MinLoc, "the %select{smallest|default}0 value of '%1' comes from "
                  "here (a bound of %2)",
       DiagnosticIDs::Note)
      << B->ByDefault << B->Source->getName() << formatCoarsest(B->Value);
}

void UncancellableWaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Wakers)
    Wakers = std::make_unique<StopWakers>(model());
  if (!FlagWakers)
    FlagWakers = std::make_unique<ClassWakers>(model());
  llvm::SmallVector<Scope, 4> Scopes;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (isLambdaCallOperator(FD))
      return;
    if (FD->isDependentContext()) {
      // A template's pattern: only the lost wakeups of stop flags, whose
      // statements are not dependent (thread pools are often templates
      // that the translation unit never instantiates).
      checkFlagWaitsInPattern(FD, *Result.Context);
      checkDependentWakeups(FD, *Result.Context);
      return;
    }
    collectScopes(FD, model(), Scopes, &scopeWalks());
  } else if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    collectScopes(L, model(), Scopes);
  }
  for (const Scope &S : Scopes)
    analyse(S, *Result.Context);
}

UncancellableWaitCheck::Woken
UncancellableWaitCheck::wokenOnStop(const Scope &S, const ValueDecl *Object,
                                    const CallExpr *Wait,
                                    const SourceManager &SM, StopWake &Racy) {
  llvm::SmallVector<StopWake, 4> Wakes;
  Wakers->bodyWakes(S.Body, Object, Wakes);
  for (const Stmt *Body : S.EnclosingBodies)
    Wakers->bodyWakes(Body, Object, Wakes);
  if (const auto *Field = dyn_cast<FieldDecl>(Object)) {
    Wakers->classWakes(dyn_cast_or_null<CXXRecordDecl>(Field->getParent()),
                       Field, Wakes);
    // A member reached through a member of the class whose method the wait
    // is in (`tasks_[id].signal` in a lambda of the pool's constructor): the
    // pool's destructor may wake it.
    for (const DeclContext *DC = S.Function; DC; DC = DC->getParent())
      if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
        if (!RD->isLambda() && RD->getDefinition() != Field->getParent())
          Wakers->classWakes(RD, Field, Wakes);
  }
  if (Wakes.empty())
    return Woken::No;
  // Only a condition-variable wait (one with a lock argument) can miss a
  // notification; a semaphore or a channel counts it, so a wake that
  // follows the stop request (or runs in a stop callback) cannot be lost.
  const ValueDecl *Mutex = waitMutex(Wait);
  for (const StopWake &W : Wakes)
    if (Mutex ? notifyIsRaceFree(W.Body, Mutex, W.After, W.Wake, SM)
              : W.FromCallback ||
                    SM.isBeforeInTranslationUnit(W.After,
                                                 W.Wake->getBeginLoc()))
      return Woken::RaceFree;
  if (!Mutex)
    return Woken::No; // woken before the stop request only
  Racy = Wakes.front();
  return Woken::Racy;
}

bool UncancellableWaitCheck::wokenByUnknownRoute(const Scope &S,
                                                 const CallExpr *Wait,
                                                 const SourceManager &SM) {
  llvm::SmallVector<const ValueDecl *, 2> Tokens;
  for (const ScopeToken &T : S.Tokens)
    Tokens.push_back(T.Decl);
  if (Wakers->unknownStopRouteBefore(S.Body, Tokens, Wait->getBeginLoc(), SM))
    return true;
  return llvm::any_of(S.EnclosingBodies, [&](const Stmt *Body) {
    return Wakers->unknownStopRouteBefore(Body, Tokens, Wait->getBeginLoc(),
                                          SM);
  });
}

bool UncancellableWaitCheck::cancelsItsOwnToken(
    const Scope &S, llvm::SmallVectorImpl<ScopeToken> &Remaining) {
  llvm::SmallPtrSet<const ValueDecl *, 2> Cancelled;
  for (const ScopeCall &C : S.Calls)
    if (model().matchCall(C.Call, Role::ReleaseMethod))
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

const CallExpr *UncancellableWaitCheck::joinedCallableBlocks(
    const Scope &S, const BlindCall &B, ASTContext &Ctx) {
  const Stmt *Body = joinedBody(B.Object);
  if (!Body || observesCancellation(Body, S.Tokens, model()))
    return nullptr;
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur))
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(Cur)) {
      if (std::optional<BlindCall> Inner =
              classifyBlockingCall(CE, Ctx, model(), MaxLatencySeconds)) {
        if (Inner->Kind != BlockingKind::Select &&
            !(Inner->Entry->Flags & JoinsCallable))
          return CE;
      } else if (std::optional<BoundedCall> W =
                     classifyBoundedWait(CE, Ctx, model())) {
        if (W->Bound && W->Bound->seconds() >= MaxLatencySeconds)
          return CE;
      }
    }
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  return nullptr;
}

void UncancellableWaitCheck::checkFlagWait(const ScopeCall &C,
                                           const DeclContext *Where,
                                           ASTContext &Ctx) {
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
         classifyReferent(A->getType(), model()) != ContextKind::None))
      return; // aware of a token
  std::optional<Bound> WaitBound;
  bool Bounded = false;
  if (!model().matchFunction(MC->Method, Role::BlockingCall,
                             MC->ObjectClass)) {
    const ApiEntry *E =
        model().matchFunction(MC->Method, Role::BoundedWait, MC->ObjectClass);
    if (!E)
      return;
    int Index = model().argumentIndex(*E, MC->Method, Written);
    if (Index >= 0 && static_cast<size_t>(Index) < Written.size() &&
        !Written[Index]->isValueDependent()) {
      const Expr *Arg = Written[Index];
      WaitBound = boundOf(evaluateDuration(Arg, Ctx, model()), Arg,
                          !durationPeriod(Arg->getType(), model()), Ctx);
    }
    if (WaitBound ? WaitBound->Value.seconds() < MaxLatencySeconds
                  : !StrictMode)
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
  const LambdaExpr *Pred = Args.size() > 1 ? lambdaOf(Args.back()) : nullptr;
  if (Pred)
    W.Flags = exitFlags(Pred->getBody());
  checkUnlockedFlagTest(C, *MC, W, Bounded ? &WaitBound : nullptr, Where,
                        Ctx);
  if (!Pred) {
    if (const auto *While = dyn_cast_or_null<WhileStmt>(C.InnermostLoop))
      W.Flags = exitFlags(While->getCond());
    else if (const auto *Do = dyn_cast_or_null<DoStmt>(C.InnermostLoop))
      W.Flags = exitFlags(Do->getCond());
    else if (const auto *For = dyn_cast_or_null<ForStmt>(C.InnermostLoop))
      W.Flags = exitFlags(For->getCond());
  }
  if (W.Flags.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const RacyFlagWake &R : FlagWakers->racyWakes(W, SM)) {
    SourceLocation Loc = callNameLoc(R.Notify);
    if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
        !ReportedWakes.insert(Loc).second)
      continue;
    const auto *Notify = cast<FunctionDecl>(R.Notify->getDirectCallee());
    std::string For = Bounded && WaitBound ? WaitBound->text() : std::string();
    diag(Loc, "lost wakeup: '%0' on '%1' follows a write of '%2' without "
              "holding '%3', the mutex its waiter uses; a waiter that has "
              "just read '%2' can miss the notification and block "
              "%select{forever|for its whole timeout, which is not a "
              "constant|for up to %5}4; write '%2' while holding '%3', or "
              "take '%3' before notifying")
        << Notify->getName() << CondVar->getName() << R.Flag->getName()
        << W.Mutex->getName() << (!Bounded ? 0 : For.empty() ? 1 : 2) << For;
    diag(MC->NameLoc, "the wait on '%0' that can miss it; it reads '%1' "
                          "with '%2' held",
         DiagnosticIDs::Note)
        << CondVar->getName() << R.Flag->getName() << W.Mutex->getName();
    diag(R.Write, "'%0' written here without '%1'", DiagnosticIDs::Note)
        << R.Flag->getName() << W.Mutex->getName();
    if (Bounded)
      noteBoundSource(WaitBound);
  }
}

void UncancellableWaitCheck::checkUnlockedFlagTest(
    const ScopeCall &C, const MemberCall &MC, const FlagWait &W,
    const std::optional<Bound> *WaitBound, const DeclContext *Where,
    ASTContext &Ctx) {
  if (!C.InnermostLoop || MC.Args.empty())
    return;
  // The class whose member function (or a lambda in one) waits: its
  // members may stop a wait on a member of a struct it holds.
  const CXXRecordDecl *Waiter = nullptr;
  for (const DeclContext *DC = Where; DC && !Waiter; DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC); RD && !RD->isLambda())
      Waiter = RD;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = MC.NameLoc;
  if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
      Reported.contains(Loc))
    return;
  // A predicate that reads a flag the stop path writes before it notifies
  // is true when the wait starts after the stop: nothing is missed.
  for (const FieldDecl *F : W.Flags)
    if (FlagWakers->writeBeforeWake(F, W.CondVar, Waiter).isValid())
      return;
  for (const UnlockedFlagTest &T :
       flagsTestedOutsideLock(C.InnermostLoop, C.Call,
                              objectDecl(MC.Args.front()), W.Flags, SM)) {
    // The stop path: a member function that writes the flag, then
    // notifies the condition variable (under the mutex or not: a notify
    // without it is reported at the notify).
    SourceLocation Write =
        FlagWakers->writeBeforeWake(T.Flag, W.CondVar, Waiter);
    if (Write.isInvalid())
      continue;
    Reported.insert(Loc);
    std::string For = WaitBound && *WaitBound ? (*WaitBound)->text() : "";
    diag(Loc, "lost wakeup: '%0' on '%1' follows a test of '%2' made "
              "without holding '%3', the mutex it waits with; a stop that "
              "writes '%2' and notifies '%1' between the test and the wait "
              "is missed, and the wait blocks %select{forever|for its whole "
              "timeout, which is not a constant|for up to %5}4; test '%2' "
              "after taking '%3' (in the wait's predicate)")
        << MC.Method->getName() << W.CondVar->getName() << T.Flag->getName()
        << W.Mutex->getName()
        << (!WaitBound ? 0u : !*WaitBound ? 1u : 2u) << For;
    diag(T.Test, "'%0' tested here, before '%1' is taken",
         DiagnosticIDs::Note)
        << T.Flag->getName() << W.Mutex->getName();
    diag(Write, "'%0' written on the stop path here, then '%1' notified",
         DiagnosticIDs::Note)
        << T.Flag->getName() << W.CondVar->getName();
    if (WaitBound)
      noteBoundSource(*WaitBound);
    return;
  }
}

void UncancellableWaitCheck::checkFlagLatency(const ScopeCall &C,
                                              ASTContext &Ctx) {
  std::optional<Bound> Length;
  StringRef Name;
  bool Sleep = false;
  std::string NameText;
  const ValueDecl *Object = nullptr;
  if (std::optional<BlindCall> B =
          classifyBlockingCall(C.Call, Ctx, model(), MaxLatencySeconds)) {
    if (B->Kind != BlockingKind::Sleep)
      return;
    Length = boundOf(B->SleepLength, B->Length, B->LengthIsDeadline, Ctx);
    NameText = B->Name;
    Sleep = true;
  } else if (std::optional<BoundedCall> W =
                 classifyBoundedWait(C.Call, Ctx, model())) {
    Length = boundOf(W->Bound, W->BoundArg, W->BoundIsDeadline, Ctx);
    NameText = W->Name;
    Object = W->Object;
  } else {
    return;
  }
  if (!Length || Length->Value.seconds() < MaxLatencySeconds)
    return;
  Name = NameText;
  const Expr *Cond = nullptr;
  if (const auto *While = dyn_cast<WhileStmt>(C.InnermostLoop))
    Cond = While->getCond();
  else if (const auto *Do = dyn_cast<DoStmt>(C.InnermostLoop))
    Cond = Do->getCond();
  else if (const auto *For = dyn_cast<ForStmt>(C.InnermostLoop))
    Cond = For->getCond();
  if (!Cond)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = callNameLoc(C.Call);
  if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
      Reported.contains(Loc))
    return;
  for (const FieldDecl *Flag : exitFlags(Cond)) {
    SourceLocation Write = FlagWakers->stopWrite(Flag);
    if (Write.isInvalid())
      continue;
    // A timed wait that the stop path wakes: its timeout is not the delay
    // (whether the wake can be lost is checkFlagWait's concern).
    if (Object && FlagWakers->wokenAfterWrite(Flag, Object))
      return;
    Reported.insert(Loc);
    diag(Loc, "'%0' can delay noticing a stop request on '%1' by %2; "
              "%select{wait with a timeout shorter than %3|sleep in steps "
              "shorter than %3}4, or wait on a condition variable that the "
              "stop path notifies")
        << Name << Flag->getName() << Length->text() << MaxStopLatency
        << Sleep;
    diag(Write, "'%0' is set here on the stop path", DiagnosticIDs::Note)
        << Flag->getName();
    noteBoundSource(Length);
    return;
  }
}

void UncancellableWaitCheck::checkFlagWaitsInPattern(const FunctionDecl *FD,
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
        checkFlagWait({CE, Loop}, FD, Ctx);
    const Stmt *Inner = isa<WhileStmt>(St) || isa<DoStmt>(St) ||
                                isa<ForStmt>(St) || isa<CXXForRangeStmt>(St)
                            ? St
                            : Loop;
    for (const Stmt *C : St->children())
      Stack.push_back({C, Inner});
  }
}

void UncancellableWaitCheck::checkDependentWakeups(const FunctionDecl *FD,
                                                   ASTContext &Ctx) {
  if (FD->isInvalidDecl())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const DependentLostWakeup &R : dependentLostWakeups(FD, model(), Ctx)) {
    if (R.NotifyLoc.isInvalid() ||
        SM.isInSystemHeader(SM.getExpansionLoc(R.NotifyLoc)) ||
        !ReportedWakes.insert(R.NotifyLoc).second)
      continue;
    diag(R.NotifyLoc,
         "lost wakeup: '%0' on '%1' runs on a stop request without holding "
         "the mutex of '%2', the lock its waiter uses; a waiter that has "
         "just tested its predicate can miss it and block forever; take that "
         "mutex before notifying, or wait with "
         "condition_variable_any::wait(lock, stop_token, pred)")
        << cast<CXXDependentScopeMemberExpr>(R.Notify->getCallee()->IgnoreParens())
               ->getMember()
               .getAsString()
        << R.Object->getName() << R.Lock->getName();
    diag(R.WaitLoc, "the wait on '%0' that can miss it, in a scope with %1 "
                    "'%2'",
         DiagnosticIDs::Note)
        << R.Object->getName()
        << contextKindName(classifyReferent(R.Token->getType(), model()))
        << R.Token->getName();
    diag(R.Callback, "the stop callback registered here", DiagnosticIDs::Note);
  }
}

void UncancellableWaitCheck::analyse(const Scope &S, ASTContext &Ctx) {
  bool Cancellable = !S.Tokens.empty() && !S.InContextLibrary;
  for (const ScopeCall &C : S.Calls) {
    checkFlagWait(C, S.Function, Ctx);
    if (!Cancellable && C.InnermostLoop)
      checkFlagLatency(C, Ctx);
  }
  if (!Cancellable && !StrictMode)
    return;
  // A scope that cancels a token of its own is its canceller, not a
  // consumer: only the other tokens count.
  llvm::SmallVector<ScopeToken, 2> Remaining;
  if (Cancellable && cancelsItsOwnToken(S, Remaining)) {
    if (Remaining.empty())
      return;
    Scope Consumer = S;
    Consumer.Tokens = std::move(Remaining);
    analyseCalls(Consumer, Ctx, Cancellable);
    return;
  }
  analyseCalls(S, Ctx, Cancellable);
}

void UncancellableWaitCheck::analyseCalls(const Scope &S, ASTContext &Ctx,
                                          bool Cancellable) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::unique_ptr<ReadinessGuards> Guards;
  auto Skip = [&](const CallExpr *Call, SourceLocation Loc) {
    if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
        Reported.contains(Loc))
      return true;
    if (!Guards)
      Guards = std::make_unique<ReadinessGuards>(S.Function, S.Body, Ctx,
                                                 model());
    // Where every token of the scope is null (`if (!ctx) sleep_for(d);`),
    // there is no cancellation to observe.
    return Cancellable && llvm::all_of(S.Tokens, [&](const ScopeToken &T) {
             return Guards->isGuarded(Call, T.Decl);
           });
  };
  for (const ScopeCall &C : S.Calls) {
    std::optional<BlindCall> B =
        classifyBlockingCall(C.Call, Ctx, model(), MaxLatencySeconds);
    if (!B) {
      // A bounded wait: its bound is how long it can delay noticing a stop.
      if (!Cancellable)
        continue;
      std::optional<BoundedCall> W = classifyBoundedWait(C.Call, Ctx, model());
      if (!W)
        continue;
      std::optional<Bound> Length =
          boundOf(W->Bound, W->BoundArg, W->BoundIsDeadline, Ctx);
      if (Length ? Length->Value.seconds() < MaxLatencySeconds : !StrictMode)
        continue;
      SourceLocation Loc = callNameLoc(C.Call);
      if (Skip(C.Call, Loc) ||
          Wakers->requestsStopBefore(S.Body, C.Call->getBeginLoc(), SM))
        continue;
      StopWake Racy;
      if (W->Object &&
          (wokenOnStop(S, W->Object, C.Call, SM, Racy) == Woken::RaceFree ||
           wokenByUnknownRoute(S, C.Call, SM)))
        continue;
      Reported.insert(Loc);
      reportLatency(S, C.Call, W->Name, /*Sleep=*/false, Length);
      continue;
    }
    SourceLocation Loc = callNameLoc(C.Call);
    if (Skip(C.Call, Loc))
      continue;
    if (B->Kind == BlockingKind::Select) {
      if (selectObservesCancellation(C.Call, model()))
        continue;
    } else {
      if (Wakers->requestsStopBefore(S.Body, C.Call->getBeginLoc(), SM))
        continue;
      if (B->Kind == BlockingKind::Sleep) {
        if (C.InnermostLoop && loopObservesCancellationEachIteration(
                                   C.InnermostLoop, S.Tokens, model())) {
          // The polling idiom: each step delays noticing a stop by its
          // length.
          if (!Cancellable)
            continue;
          std::optional<Bound> Length =
              boundOf(B->SleepLength, B->Length, B->LengthIsDeadline, Ctx);
          if (Length ? Length->Value.seconds() < MaxLatencySeconds
                     : !StrictMode)
            continue;
          Reported.insert(Loc);
          reportLatency(S, C.Call, B->Name, /*Sleep=*/true, Length);
          continue;
        }
      } else if (B->Entry->Flags & JoinsCallable) {
        const CallExpr *Inner = joinedCallableBlocks(S, *B, Ctx);
        if (!Inner)
          continue;
        Reported.insert(Loc);
        report(S, *B, Ctx);
        diag(callNameLoc(Inner),
             "the joined thread blocks here without observing the token",
             DiagnosticIDs::Note);
        continue;
      } else if (B->Object) {
        if (Guards->isGuarded(C.Call, B->Object))
          continue;
        StopWake Racy;
        Woken How = wokenOnStop(S, B->Object, C.Call, SM, Racy);
        if (How == Woken::RaceFree)
          continue;
        if (How == Woken::Racy) {
          Reported.insert(Loc);
          reportLostWakeup(S, C.Call, B->Object, Racy);
          continue;
        }
        // A stop callback on the scope's token that stops other work (or
        // does what is not seen) may wake it when that work ends.
        if (wokenByUnknownRoute(S, C.Call, SM))
          continue;
      }
    }
    Reported.insert(Loc);
    report(S, *B, Ctx);
  }
}

void UncancellableWaitCheck::reportLatency(
    const Scope &S, const CallExpr *Call, StringRef Name, bool Sleep,
    const std::optional<Bound> &Length) {
  const ScopeToken &Token = S.Tokens.front();
  std::string By = Length ? Length->text() : std::string();
  diag(callNameLoc(Call),
       "'%0' can delay noticing a stop request on '%1' by %select{%2|its "
       "whole timeout, which is not a constant}3; %select{wait with a timeout "
       "shorter than %4, or wake it from a stop callback that holds the "
       "mutex|sleep in steps shorter than %4, or wait on a "
       "condition_variable_any with '%1'}5")
      << Name << Token.Decl->getName() << By << !Length << MaxStopLatency
      << Sleep;
  diag(Token.Loc, "%0 '%1' %select{declared|captured}2 here",
       DiagnosticIDs::Note)
      << contextKindName(Token.Kind) << Token.Decl->getName()
      << Token.ExplicitCapture;
  noteBoundSource(Length);
}

void UncancellableWaitCheck::reportLostWakeup(const Scope &S,
                                              const CallExpr *Wait,
                                              const ValueDecl *Object,
                                              const StopWake &Racy) {
  SourceLocation At = callNameLoc(Racy.Wake);
  if (!ReportedWakes.insert(At).second)
    return;
  const ValueDecl *Mutex = waitMutex(Wait);
  const ScopeToken &Token = S.Tokens.front();
  const auto *Notify = cast<FunctionDecl>(Racy.Wake->getDirectCallee());
  diag(At, "lost wakeup: '%0' on '%1' runs on a stop request without "
           "holding '%2', the mutex its waiter uses; a waiter that has just "
           "tested its predicate can miss it and block forever; take '%2' "
           "before notifying, or wait with "
           "condition_variable_any::wait(lock, stop_token, pred)")
      << Notify->getName() << Object->getName() << Mutex->getName();
  diag(callNameLoc(Wait), "the wait on '%0' that can miss it, in a scope "
                          "with %1 '%2'",
       DiagnosticIDs::Note)
      << Object->getName() << contextKindName(Token.Kind)
      << Token.Decl->getName();
  diag(Racy.Request, "%select{stop requested here|the stop callback "
                     "registered here}0",
       DiagnosticIDs::Note)
      << Racy.FromCallback;
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
    if (Passable && Index) {
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
