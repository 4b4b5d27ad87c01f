//===- TestAST.cpp - Building small ASTs for lib/ unit tests --------------===//
#include "TestAST.h"

#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace context_tidy::test {

std::string mocksDir() {
  return std::string(CONTEXT_TIDY_SOURCE_DIR) + "/test/Inputs/mocks";
}

std::unique_ptr<clang::ASTUnit> buildAST(llvm::StringRef Code,
                                         std::vector<std::string> Args,
                                         bool AllowErrors) {
  Args.insert(Args.begin(), {"-std=c++20", "-isystem", mocksDir()});
  auto AST = clang::tooling::buildASTFromCodeWithArgs(Code, Args, "input.cc");
  if (!AST) {
    ADD_FAILURE() << "could not build an AST";
    return AST;
  }
  if (!AllowErrors) {
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred())
        << "the test input does not compile";
  }
  return AST;
}

} // namespace context_tidy::test
