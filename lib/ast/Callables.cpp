//===- Callables.cpp - The callable an expression hands over --------------===//

#include "lib/ast/Callables.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

Callable callableOf(const Expr *E, unsigned Routes, unsigned MaxSteps) {
  for (unsigned Step = 0; E && Step < MaxSteps; ++Step) {
    E = E->IgnoreParenImpCasts();
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return {L, nullptr};
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
    } else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
    } else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E);
               C && (Routes & ThroughFunctionalCasts)) {
      E = C->getSubExpr();
    } else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
               C && C->getNumArgs() >= 1) {
      E = C->getArg(0); // std::function<void()>{lambda}, copies
    } else if (const auto *U = dyn_cast<UnaryOperator>(E);
               U && U->getOpcode() == UO_AddrOf &&
               (Routes & ThroughAddressOf)) {
      E = U->getSubExpr();
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
          FD && (Routes & AcceptFunctions))
        return {nullptr, FD};
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->isLocalVarDecl() || !(Routes & ThroughLocalVariables))
        return {};
      E = V->getInit();
    } else {
      return {};
    }
  }
  return {};
}

const Stmt *visibleBody(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isDependentContext())
    return nullptr;
  return Def->getBody();
}

const CXXRecordDecl *enclosingClass(const DeclContext *DC) {
  for (; DC; DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC); RD && !RD->isLambda())
      return RD;
  return nullptr;
}

} // namespace context_tidy
