//===- FindCalls.h - Finding calls in small test ASTs ----------*- C++ -*-===//
#ifndef CONTEXT_TIDY_TEST_UNIT_FINDCALLS_H
#define CONTEXT_TIDY_TEST_UNIT_FINDCALLS_H

#include "TestAST.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <vector>

namespace context_tidy::test {

/// The calls of a function named \p Callee written in function \p In
/// (lambdas inside it included), in source order.
inline std::vector<const clang::CallExpr *>
callsIn(clang::ASTUnit &AST, llvm::StringRef In, llvm::StringRef Callee) {
  using namespace clang::ast_matchers;
  auto Results = match(
      callExpr(isExpansionInMainFile(),
               callee(functionDecl(hasName(Callee))),
               hasAncestor(functionDecl(hasName(In))))
          .bind("n"),
      AST.getASTContext());
  std::vector<const clang::CallExpr *> Out;
  for (const auto &R : Results)
    if (const auto *C = R.getNodeAs<clang::CallExpr>("n"))
      if (std::find(Out.begin(), Out.end(), C) == Out.end())
        Out.push_back(C);
  const clang::SourceManager &SM = AST.getSourceManager();
  std::sort(Out.begin(), Out.end(), [&](const clang::CallExpr *A,
                                        const clang::CallExpr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  return Out;
}

/// The \p N-th such call; fails the test if there is none.
inline const clang::CallExpr *callIn(clang::ASTUnit &AST, llvm::StringRef In,
                                     llvm::StringRef Callee, unsigned N = 0) {
  std::vector<const clang::CallExpr *> Calls = callsIn(AST, In, Callee);
  EXPECT_LT(N, Calls.size()) << "no call " << N << " of " << Callee.str()
                             << " in " << In.str();
  return N < Calls.size() ? Calls[N] : nullptr;
}

} // namespace context_tidy::test

#endif
