//===- TestAST.h - Building small ASTs for lib/ unit tests ----*- C++ -*-===//
#ifndef CONTEXT_TIDY_TEST_UNIT_TESTAST_H
#define CONTEXT_TIDY_TEST_UNIT_TESTAST_H

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include <memory>
#include <string>
#include <vector>

namespace context_tidy::test {

/// Parses \p Code as C++20 (plus \p Args).  Fails the current test on
/// compile errors unless \p AllowErrors.
std::unique_ptr<clang::ASTUnit> buildAST(llvm::StringRef Code,
                                         std::vector<std::string> Args = {},
                                         bool AllowErrors = false);

/// The mock headers of the lit tests, for -isystem.
std::string mocksDir();

/// The first node bound to "n" by \p Matcher in \p AST, or null.
template <typename NodeT, typename MatcherT>
const NodeT *findFirst(clang::ASTUnit &AST, const MatcherT &Matcher) {
  auto Results =
      clang::ast_matchers::match(Matcher.bind("n"), AST.getASTContext());
  for (const auto &R : Results)
    if (const auto *N = R.template getNodeAs<NodeT>("n"))
      return N;
  return nullptr;
}

} // namespace context_tidy::test

#endif
