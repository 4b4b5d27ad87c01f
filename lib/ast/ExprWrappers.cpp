//===- ExprWrappers.cpp - Looking through nodes that keep a value ---------===//

#include "lib/ast/ExprWrappers.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

/// What \p E wraps, when it is a node skipWrappers looks through; else null.
const Expr *wrapped(const Expr *E, unsigned Extra) {
  if (const auto *C = dyn_cast<ExprWithCleanups>(E))
    return C->getSubExpr();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return M->getSubExpr();
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return B->getSubExpr();
  if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    return C->getNumArgs() == 1 &&
                   C->getConstructor()->isCopyOrMoveConstructor()
               ? C->getArg(0)
               : nullptr;
  if (Extra & DefaultArguments) {
    if (const auto *D = dyn_cast<CXXDefaultArgExpr>(E))
      return D->getExpr();
    if (const auto *D = dyn_cast<CXXDefaultInitExpr>(E))
      return D->getExpr();
  }
  if (Extra & FunctionalCasts)
    if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      return F->getSubExpr();
  if (Extra & AddressOf)
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_AddrOf)
      return U->getSubExpr();
  return nullptr;
}

} // namespace

const Expr *skipWrappers(const Expr *E, unsigned Extra, unsigned MaxSteps) {
  for (unsigned Step = 0; E && Step < MaxSteps; ++Step) {
    E = E->IgnoreParenImpCasts();
    const Expr *Inner = wrapped(E, Extra);
    if (!Inner)
      return E;
    E = Inner;
  }
  return E;
}

} // namespace context_tidy
