//===- CallSites.cpp - What every call of a function passes ---------------===//

#include "lib/summaries/CallSites.h"

#include "lib/ast/ExprWrappers.h"
#include "lib/summaries/SummaryTable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace context_tidy {

namespace {

/// Every reference to a function, and which of them are a direct call's
/// callee.  RecursiveASTVisitor is a CRTP base that calls these members by
/// name: they must hide its own.
// NOLINTBEGIN(bugprone-derived-method-shadowing-base-method)
class CallSiteCollector : public RecursiveASTVisitor<CallSiteCollector> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return true;
    Calls.emplace_back(FD->getCanonicalDecl(), CE);
    if (const Expr *Callee = CE->getCallee())
      Called.insert(Callee->IgnoreParenImpCasts());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      Refs.emplace_back(FD->getCanonicalDecl(), DRE);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    if (const auto *FD = dyn_cast<FunctionDecl>(ME->getMemberDecl()))
      Refs.emplace_back(FD->getCanonicalDecl(), ME);
    return true;
  }

  llvm::SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 64>
      Calls;
  llvm::SmallVector<std::pair<const FunctionDecl *, const Expr *>, 64> Refs;
  llvm::DenseSet<const Expr *> Called;
};
// NOLINTEND(bugprone-derived-method-shadowing-base-method)

/// Whether \p E passes a value-initialized object: `{}`, `T()`, `T{}`.
bool isValueInitialized(const Expr *E) {
  E = skipWrappers(E, FunctionalCasts);
  if (!E)
    return false;
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return IL->getNumInits() == 0;
  if (isa<CXXScalarValueInitExpr>(E) || isa<ImplicitValueInitExpr>(E))
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getNumArgs() == 0 ||
           (CE->getNumArgs() == 1 && isValueInitialized(CE->getArg(0)) &&
            CE->getConstructor()->isCopyOrMoveConstructor());
  return false;
}

/// Whether \p Body names \p P.
bool names(const Stmt *Body, const ParmVarDecl *P) {
  if (!Body)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Body))
    if (DRE->getDecl() == P)
      return true;
  for (const Stmt *C : Body->children())
    if (names(C, P))
      return true;
  return false;
}

} // namespace

void CallSites::build() {
  Built = true;
  const SourceManager &SM = Ctx.getSourceManager();
  CallSiteCollector C;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (!SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      C.TraverseDecl(D);
  for (const auto &[FD, Call] : C.Calls)
    ByCallee[FD].Calls.push_back(Call);
  for (const auto &[FD, Ref] : C.Refs)
    if (!C.Called.contains(Ref))
      ByCallee[FD].Escapes = true;
}

bool CallSites::everyCallDefaults(const FunctionDecl *FD, unsigned Index) {
  if (!FD || Index >= FD->getNumParams() ||
      !FD->getParamDecl(Index)->hasDefaultArg())
    return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual())
    return false;
  if (!Built)
    build();
  auto It = ByCallee.find(FD->getCanonicalDecl());
  if (It == ByCallee.end() || It->second.Escapes || It->second.Calls.empty())
    return false;
  for (const CallExpr *Call : It->second.Calls) {
    const Expr *A = SummaryTable::passedFor(Call, FD, Index);
    if (!A || (!isa<CXXDefaultArgExpr>(A) && !isValueInitialized(A)))
      return false;
  }
  return true;
}

bool tokenNeverStops(const Scope &S, const ScopeToken &T, CallSites &Sites) {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(T.Decl);
  if (!P || !S.Function || S.Lambda || P->getDeclContext() != S.Function)
    return false;
  unsigned Index = P->getFunctionScopeIndex();
  if (Sites.everyCallDefaults(S.Function, Index))
    return true;
  // An instantiation that never reads the token, of a pattern that does.
  const FunctionDecl *Pattern =
      S.Function->getTemplateInstantiationPattern();
  if (!Pattern || Index >= Pattern->getNumParams() ||
      names(S.Body, P))
    return false;
  return names(Pattern->getBody(), Pattern->getParamDecl(Index));
}

} // namespace context_tidy
