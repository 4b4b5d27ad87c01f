//===- CallablesTest.cpp - The callable an expression hands over ----------===//
#include "FindCalls.h"
#include "lib/ast/Callables.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

constexpr unsigned All = ThroughFunctionalCasts | ThroughAddressOf |
                         ThroughLocalVariables | AcceptFunctions;

class CallablesTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = buildAST(R"(
      struct Fn { // a type-erased callable, as std::function
        template <class F> Fn(F f) {}
      };
      template <class F> void use(F &&f) {}
      void fn() {}
      void declared();
      template <class T> void pattern() {}
      auto global = [] {};
      void probe() {
        auto local = [] {};
        Fn erased = [] {};
        use([] {});      // 0: a lambda
        use(Fn([] {}));  // 1: through a functional cast
        use(local);      // 2: a local variable
        use(erased);     // 3: a local variable constructed from a lambda
        use(global);     // 4: not a local variable
        use(fn);         // 5: a function
        use(&fn);        // 6: the address of a function
        use(&local);     // 7: the address of a local variable
        use(1);          // 8: no callable
      }
    )");
  }
  /// The argument of the \p N-th call of use() in probe().
  const Expr *arg(unsigned N) {
    const CallExpr *C = callIn(*AST, "probe", "use", N);
    return C ? C->getArg(0) : nullptr;
  }
  const FunctionDecl *function(llvm::StringRef Name) {
    return findFirst<FunctionDecl>(
        *AST, functionDecl(isExpansionInMainFile(), hasName(Name)));
  }
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(CallablesTest, ALambdaUnderTemporariesAndConstructions) {
  Callable C = callableOf(arg(0), NoExtraRoutes);
  ASSERT_NE(C.Lambda, nullptr);
  EXPECT_EQ(C.Function, nullptr);
  EXPECT_EQ(callableOf(arg(0), All).Lambda, C.Lambda);
  EXPECT_EQ(callableOf(nullptr, All).Lambda, nullptr);
  EXPECT_EQ(callableOf(arg(8), All).Lambda, nullptr);
  EXPECT_EQ(callableOf(arg(8), All).Function, nullptr);
}

TEST_F(CallablesTest, FunctionalCastsOnlyWhenAsked) {
  EXPECT_EQ(callableOf(arg(1), NoExtraRoutes).Lambda, nullptr);
  EXPECT_EQ(callableOf(arg(1), All & ~ThroughFunctionalCasts).Lambda,
            nullptr);
  EXPECT_NE(callableOf(arg(1), ThroughFunctionalCasts).Lambda, nullptr);
}

TEST_F(CallablesTest, LocalVariablesOnlyWhenAsked) {
  EXPECT_EQ(callableOf(arg(2), NoExtraRoutes).Lambda, nullptr);
  EXPECT_NE(callableOf(arg(2), ThroughLocalVariables).Lambda, nullptr);
  // A construction from a lambda (std::function<void()> f = [] {}).
  EXPECT_EQ(callableOf(arg(3), NoExtraRoutes).Lambda, nullptr);
  EXPECT_NE(callableOf(arg(3), ThroughLocalVariables).Lambda, nullptr);
  // A variable outside any function is never followed.
  EXPECT_EQ(callableOf(arg(4), All).Lambda, nullptr);
}

TEST_F(CallablesTest, FunctionsOnlyWhenAccepted) {
  EXPECT_EQ(callableOf(arg(5), ThroughLocalVariables).Function, nullptr);
  Callable C = callableOf(arg(5), AcceptFunctions);
  EXPECT_EQ(C.Lambda, nullptr);
  EXPECT_EQ(C.Function, function("fn"));
}

TEST_F(CallablesTest, AddressOfOnlyWhenAsked) {
  EXPECT_EQ(callableOf(arg(6), AcceptFunctions).Function, nullptr);
  EXPECT_EQ(callableOf(arg(6), ThroughAddressOf | AcceptFunctions).Function,
            function("fn"));
  EXPECT_EQ(callableOf(arg(7), ThroughLocalVariables).Lambda, nullptr);
  EXPECT_NE(callableOf(arg(7), ThroughAddressOf | ThroughLocalVariables).Lambda,
            nullptr);
}

TEST_F(CallablesTest, StopsAfterMaxSteps) {
  // `local` is one step from its initializer, the lambda.
  EXPECT_EQ(callableOf(arg(2), ThroughLocalVariables, 1).Lambda, nullptr);
  EXPECT_NE(callableOf(arg(2), ThroughLocalVariables, 2).Lambda, nullptr);
  EXPECT_EQ(callableOf(arg(0), All, 0).Lambda, nullptr);
}

TEST_F(CallablesTest, VisibleBodies) {
  EXPECT_NE(visibleBody(function("fn")), nullptr);
  EXPECT_EQ(visibleBody(function("declared")), nullptr);
  EXPECT_EQ(visibleBody(function("pattern")), nullptr);
  EXPECT_EQ(visibleBody(nullptr), nullptr);
}

} // namespace
} // namespace context_tidy::test
