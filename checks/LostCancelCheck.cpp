//===- LostCancelCheck.cpp - context-lost-cancel --------------------------===//

#include "checks/LostCancelCheck.h"

#include "checks/CheckOptions.h"
#include "lib/flow/HandleTracker.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclObjC.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

/// Where "the end of the function" is: the closing brace of the body.
SourceLocation endOfBody(const Stmt *Body) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Body))
    return CS->getRBracLoc();
  return Body ? Body->getEndLoc() : SourceLocation();
}

SourceLocation leakLoc(const FlowLeak &L, const Stmt *Body) {
  if (L.K == FlowLeak::EndOfFunction)
    return endOfBody(Body);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(L.At))
    return DS->getBeginLoc();
  if (const auto *E = dyn_cast_or_null<Expr>(L.At))
    return E->getExprLoc();
  return L.At ? L.At->getBeginLoc() : SourceLocation();
}

} // namespace

LostCancelCheck::LostCancelCheck(StringRef Name, ClangTidyContext *Context)
    : ContextCheck(Name, Context,
                   {"CancelFactories", "ReleaseMethods", "ScopeGuards"}),
      IgnoreMain(
          OptionReader(Name, Options, Context).boolean("IgnoreMain", true)),
      CheckSources(
          OptionReader(Name, Options, Context).boolean("CheckSources", false)) {
}

void LostCancelCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "IgnoreMain", IgnoreMain ? "true" : "false");
  Options.store(Opts, "CheckSources", CheckSources ? "true" : "false");
}

void LostCancelCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // Each function body, and each initializer outside any body, is walked
  // down once for factory calls (lib/flow/HandleTracker.h: findFactorySites).
  // Matching the calls and walking up to their function would need the
  // parent map, which costs a walk of the whole translation unit, headers
  // included.
  auto User = unless(isExpansionInSystemHeader());
  Finder->addMatcher(functionDecl(User, isDefinition()).bind("function"), this);
  Finder->addMatcher(objcMethodDecl(User, isDefinition()).bind("objc"), this);
  Finder->addMatcher(varDecl(User, hasInitializer(expr())).bind("var"), this);
  Finder->addMatcher(fieldDecl(User, hasInClassInitializer(expr())).bind("field"),
                     this);
}

void LostCancelCheck::onEndOfTranslationUnit() {
  Analysed.clear();
  Reported.clear();
  Shapes.clear();
  model().clearCaches();
}

void LostCancelCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    // A lambda's call operator is reached from the function around it;
    // but a generic lambda's instantiations are not written there.
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->getParent() && MD->getParent()->isLambda() &&
          !MD->getPrimaryTemplate())
        return;
    visit(FD->getBody(), FD, nullptr, Ctx);
    if (const auto *CD = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : CD->inits())
        visit(Init->getInit(), nullptr, Init->getInit(), Ctx);
  } else if (const auto *MD =
                 Result.Nodes.getNodeAs<ObjCMethodDecl>("objc")) {
    // Not analysed itself; a lambda in it is.
    visit(MD->getBody(), nullptr, nullptr, Ctx);
  } else if (const auto *V = Result.Nodes.getNodeAs<VarDecl>("var")) {
    // A local's initializer is part of its function's body.
    if (!V->getParentFunctionOrMethod() && !isa<ParmVarDecl>(V))
      visit(V->getInit(), nullptr, V->getInit(), Ctx);
  } else if (const auto *F = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    visit(F->getInClassInitializer(), nullptr, F->getInClassInitializer(),
          Ctx);
  }
}

void LostCancelCheck::visit(const Stmt *Root, const Decl *Fn,
                            const Expr *Initializer, ASTContext &Ctx) {
  if (!Root)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  TrackerOptions O;
  O.CheckSources = CheckSources;
  llvm::SmallVector<FactorySite, 4> Sites;
  findFactorySites(Root, model(), O, Sites);
  for (const FactorySite &Site : Sites) {
    if (Site.Loc.isInvalid() || SM.isInSystemHeader(Site.Loc) ||
        SM.isInSystemMacro(Site.Loc))
      continue;
    const Decl *Owner = Site.Lambda ? Site.Lambda->getCallOperator() : Fn;
    if (Owner) {
      if (Analysed.insert(Owner).second)
        analyse(Owner, Ctx);
    } else if (Site.Call && Initializer) {
      // Outside any body: the initializer of a global, a static member or
      // a data member, or a constructor's member initializer.
      if (std::optional<LostHandle> L =
              findDiscardedHandle(Site.Call, Initializer, Ctx, model()))
        report(*L, nullptr, SM);
    }
  }
}

void LostCancelCheck::analyse(const Decl *Fn, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(Fn->getLocation()))
    return;
  if (const auto *FD = dyn_cast<FunctionDecl>(Fn))
    if (IgnoreMain && FD->isMain())
      return;
  TrackerOptions O;
  O.CheckSources = CheckSources;
  O.Shapes = &Shapes;
  const Stmt *Body = analysedBody(Fn);
  for (const LostHandle &L : findLostHandles(Fn, Ctx, model(), O)) {
    // A handle bound in a system macro is the macro's business.
    if (L.Loc.isInvalid() || SM.isInSystemMacro(L.Loc) ||
        SM.isInSystemHeader(L.Loc))
      continue;
    report(L, Body, SM);
  }
}

void LostCancelCheck::report(const LostHandle &L, const Stmt *Body,
                             const SourceManager &SM) {
  if (!Reported.insert({L.Loc.getRawEncoding(), L.K}).second)
    return;
  switch (L.K) {
  case LostHandle::Discarded:
    diag(L.Loc, "the cancel handle returned by '%0' is discarded%select{| "
                "and only the context is kept}1; the context leaks until its "
                "parent is cancelled; bind the handle and call it on every "
                "path (e.g. defer it with a scope guard)")
        << L.Factory << L.ContextKept;
    return;
  case LostHandle::NotCalled:
  case LostHandle::SourceNotReleased:
    break;
  }

  std::string Handle = L.InHolder ? "the cancel handle in '" + L.Name + "'"
                                  : "'" + L.Name + "'";
  std::string Release;
  if (L.K == LostHandle::NotCalled) {
    diag(L.Loc, "the cancel handle %0 returned by '%1' is %select{not called "
                "on all paths|never called}2; the context and its resources "
                "live until the parent is cancelled; call it on every path "
                "(e.g. defer it with a scope guard)")
        << (L.InHolder ? "in '" + L.Name + "'" : "'" + L.Name + "'")
        << L.Factory << L.NeverUsed;
    Release = "calling " + Handle;
  } else {
    if (!L.ReleaseName.empty()) {
      diag(L.Loc, "the cancellation source '%0' gave its token to a thread or "
                  "other owner, but '%1' is not called on all paths; the "
                  "owner may wait forever for a stop request")
          << L.Name << L.ReleaseName;
      Release = "calling '" + L.ReleaseName + "' on '" + L.Name + "'";
    } else {
      diag(L.Loc, "the cancellation source '%0' gave its token to a thread or "
                  "other owner, but is not asked to stop on all paths; the "
                  "owner may wait forever for a stop request")
          << L.Name;
      Release = "a stop request on '" + L.Name + "'";
    }
  }

  llvm::SmallVector<FlowLeak, 4> Leaks(L.Leaks.begin(), L.Leaks.end());
  llvm::stable_sort(Leaks, [&](const FlowLeak &A, const FlowLeak &B) {
    return SM.isBeforeInTranslationUnit(leakLoc(A, Body), leakLoc(B, Body));
  });
  for (const FlowLeak &K : Leaks) {
    SourceLocation At = leakLoc(K, Body);
    switch (K.K) {
    case FlowLeak::Return:
      diag(At, "this return is reached without %0", DiagnosticIDs::Note)
          << Release;
      break;
    case FlowLeak::CoReturn:
      diag(At, "this co_return is reached without %0", DiagnosticIDs::Note)
          << Release;
      break;
    case FlowLeak::Throw:
      diag(At, "this throw is reached without %0", DiagnosticIDs::Note)
          << Release;
      break;
    case FlowLeak::EndOfFunction:
      diag(At, "the end of the function is reached without %0",
           DiagnosticIDs::Note)
          << Release;
      break;
    case FlowLeak::Rebind:
      diag(At, "this runs again (in a loop) before the previous handle was "
               "called; it is lost",
           DiagnosticIDs::Note);
      break;
    case FlowLeak::Overwritten:
      diag(At, "%0 is overwritten here before it was called; the previous "
               "handle is lost",
           DiagnosticIDs::Note)
          << (L.K == LostHandle::SourceNotReleased ? "'" + L.Name + "'"
                                                   : Handle);
      break;
    }
  }
}

} // namespace clang::tidy::context
