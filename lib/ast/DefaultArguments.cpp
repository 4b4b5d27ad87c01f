//===- DefaultArguments.cpp - Writing a default argument out --------------===//

#include "lib/ast/DefaultArguments.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

/// Whether \p E value-initializes its type: a constructor call without
/// arguments that is not explicit, an empty braced list, a zero, false or
/// null literal.
bool isValueInitialization(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreImplicit();
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
    E = F->getSubExpr()->IgnoreImplicit();
  if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    return C->getNumArgs() == 0 && C->getConstructor() &&
           !C->getConstructor()->isExplicit();
  if (isa<CXXScalarValueInitExpr>(E) || isa<ImplicitValueInitExpr>(E))
    return true;
  if (const auto *L = dyn_cast<InitListExpr>(E))
    return L->getNumInits() == 0;
  if (const auto *I = dyn_cast<IntegerLiteral>(E))
    return I->getValue().isZero();
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(E))
    return !B->getValue();
  return isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E);
}

} // namespace

std::optional<std::string> defaultArgumentText(const ParmVarDecl *P) {
  if (!P || !P->hasDefaultArg() || P->hasUnparsedDefaultArg() ||
      P->hasUninstantiatedDefaultArg())
    return std::nullopt;
  QualType T = P->getType().getNonReferenceType();
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  // `{}` for a class: the default constructor must be usable in
  // copy-list-initialization (not explicit), which the default argument's
  // own construction shows.
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
      RD && !RD->hasDefinition())
    return std::nullopt;
  if (!isValueInitialization(P->getDefaultArg()))
    return std::nullopt;
  return std::string("{}");
}

bool hasOverloads(const FunctionDecl *FD) {
  if (!FD)
    return true;
  const FunctionDecl *Canonical = FD->getCanonicalDecl();
  if (const FunctionTemplateDecl *T = FD->getPrimaryTemplate())
    Canonical = T->getTemplatedDecl()->getCanonicalDecl();
  for (const NamedDecl *D : FD->getDeclContext()->lookup(FD->getDeclName())) {
    const FunctionDecl *Other = D->getAsFunction();
    if (!Other || Other->getCanonicalDecl() != Canonical)
      return true;
  }
  return false;
}

} // namespace context_tidy
