//===- LostCancelCheck.cpp - context-lost-cancel --------------------------===//

#include "checks/LostCancelCheck.h"

#include "lib/HandleTracker.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <algorithm>

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

AST_MATCHER_P(CallExpr, isCancelFactoryCall, const ApiModel *, Model) {
  return Model->matchCall(&Node, Role::CancelFactory) != nullptr;
}

AST_MATCHER_P(VarDecl, hasSourceType, const ApiModel *, Model) {
  return !Node.getType()->isReferenceType() &&
         Model->matchType(Node.getType(), Role::SourceType) != nullptr;
}

/// Where a node is: in the body of a function (or lambda), or in the
/// initializer (Root) of something outside any body.
struct Enclosing {
  const Decl *Fn = nullptr;
  const Expr *Root = nullptr;
};

Enclosing findEnclosing(const DynTypedNode &Start, ASTContext &Ctx) {
  DynTypedNode Prev = Start;
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Prev);
    if (Parents.empty())
      return {};
    const DynTypedNode &P = Parents[0];
    if (const auto *L = P.get<LambdaExpr>()) {
      if (Prev.get<Stmt>() && Prev.get<Stmt>() == L->getBody())
        return {L->getCallOperator(), nullptr};
    } else if (const auto *FD = P.get<FunctionDecl>()) {
      // A constructor's member initializers hang off the constructor, not
      // its body.
      const auto *E = Prev.get<Expr>();
      if (E && isa<CXXConstructorDecl>(FD) && Prev.get<Stmt>() != FD->getBody())
        return {nullptr, E};
      return {FD, nullptr};
    } else if (P.get<ParmVarDecl>() || P.get<BlockDecl>() ||
               P.get<ObjCMethodDecl>() || P.get<CapturedDecl>() ||
               P.get<TranslationUnitDecl>() || P.get<NamespaceDecl>()) {
      return {};
    } else if (const auto *V = P.get<VarDecl>()) {
      // A global or a static member; a local's initializer goes on up to
      // its DeclStmt.
      if (!V->getParentFunctionOrMethod())
        return {nullptr, Prev.get<Expr>()};
    } else if (P.get<FieldDecl>() || P.get<CXXCtorInitializer>()) {
      return {nullptr, Prev.get<Expr>()};
    }
    Prev = P;
  }
  return {};
}

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

/// A boolean option.  (OptionsView::get<bool> is not used: GCC and Clang
/// mangle its name differently, so a GCC-built plugin cannot find it in a
/// Clang-built clang-tidy.)
bool boolOption(StringRef Value, bool Default) {
  Value = Value.trim();
  if (Value.equals_insensitive("true") || Value == "1" ||
      Value.equals_insensitive("on") || Value.equals_insensitive("yes"))
    return true;
  if (Value.equals_insensitive("false") || Value == "0" ||
      Value.equals_insensitive("off") || Value.equals_insensitive("no"))
    return false;
  return Default;
}

} // namespace

LostCancelCheck::LostCancelCheck(StringRef Name, ClangTidyContext *Context)
    : ContextCheck(Name, Context,
                   {"CancelFactories", "ReleaseMethods", "ScopeGuards"}),
      IgnoreMain(boolOption(Options.get("IgnoreMain", "true"), true)),
      CheckSources(boolOption(Options.get("CheckSources", "false"), false)) {}

void LostCancelCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "IgnoreMain", IgnoreMain ? "true" : "false");
  Options.store(Opts, "CheckSources", CheckSources ? "true" : "false");
}

void LostCancelCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(isCancelFactoryCall(&model())).bind("call"),
                     this);
  if (CheckSources)
    Finder->addMatcher(
        varDecl(hasLocalStorage(), hasSourceType(&model())).bind("source"),
        this);
}

void LostCancelCheck::onEndOfTranslationUnit() {
  Analysed.clear();
  Reported.clear();
  model().clearCaches();
}

void LostCancelCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  DynTypedNode Node;
  SourceLocation Loc;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (Call) {
    Node = DynTypedNode::create(*Call);
    Loc = Call->getBeginLoc();
  } else if (const auto *V = Result.Nodes.getNodeAs<VarDecl>("source")) {
    Node = DynTypedNode::create(*V);
    Loc = V->getLocation();
  } else {
    return;
  }
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc) || SM.isInSystemMacro(Loc))
    return;
  Enclosing Where = findEnclosing(Node, *Result.Context);
  if (Where.Fn) {
    if (Analysed.insert(Where.Fn).second)
      analyse(Where.Fn, *Result.Context);
    return;
  }
  if (Call && Where.Root) {
    if (std::optional<LostHandle> L =
            findDiscardedHandle(Call, Where.Root, *Result.Context, model()))
      report(*L, nullptr, SM);
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
  std::stable_sort(Leaks.begin(), Leaks.end(),
                   [&](const FlowLeak &A, const FlowLeak &B) {
                     return SM.isBeforeInTranslationUnit(leakLoc(A, Body),
                                                         leakLoc(B, Body));
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
