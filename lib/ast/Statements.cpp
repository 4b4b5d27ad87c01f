//===- Statements.cpp - Kinds of statements the walks share ---------------===//

#include "lib/ast/Statements.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace context_tidy {

bool isLoop(const Stmt *S) {
  return isa_and_nonnull<WhileStmt>(S) || isa_and_nonnull<DoStmt>(S) ||
         isa_and_nonnull<ForStmt>(S) || isa_and_nonnull<CXXForRangeStmt>(S);
}

const Expr *loopCondition(const Stmt *Loop) {
  if (const auto *While = dyn_cast_or_null<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Do = dyn_cast_or_null<DoStmt>(Loop))
    return Do->getCond();
  if (const auto *For = dyn_cast_or_null<ForStmt>(Loop))
    return For->getCond();
  return nullptr;
}

bool isUnevaluated(const Stmt *S) {
  if (isa<UnaryExprOrTypeTraitExpr>(S) || isa<CXXNoexceptExpr>(S) ||
      isa<RequiresExpr>(S) || isa<ConceptSpecializationExpr>(S))
    return true;
  if (const auto *T = dyn_cast<CXXTypeidExpr>(S))
    return !T->isPotentiallyEvaluated();
  return false;
}

} // namespace context_tidy
