//===- DurationTest.cpp - Constant values of durations --------------------===//
#include "TestAST.h"
#include "lib/Duration.h"

#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class DurationTest : public ::testing::Test {
protected:
  /// Parses a file declaring `auto probe_N = <expr>;` variables, or any
  /// declarations that end with a variable named "probe".
  void parse(llvm::StringRef Code) {
    AST = buildAST(("#include <chrono>\nusing namespace std::chrono_literals;\n" + Code).str());
  }
  std::optional<DurationValue> valueOf(llvm::StringRef Var, bool Seconds = false) {
    const auto *V = findFirst<VarDecl>(*AST, varDecl(isExpansionInMainFile(), hasName(Var)));
    EXPECT_NE(V, nullptr) << Var.str();
    if (!V || !V->getInit())
      return std::nullopt;
    return evaluateDuration(V->getInit(), AST->getASTContext(), M, Seconds);
  }
  std::string formatted(llvm::StringRef Var) {
    auto D = valueOf(Var);
    return D ? D->format() : "<not constant>";
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST_F(DurationTest, FoldsLiteralsConstructorsAndArithmetic) {
  parse(R"(
    auto a = 0ms;
    auto b = std::chrono::seconds(-5);
    auto c = std::chrono::milliseconds{-5} * 1000;
    auto d = 5s - 10s;
    auto e = 2 * -1ms;
    auto f = std::chrono::duration<double>(0.5);
    auto g = std::chrono::minutes::zero();
    auto h = std::chrono::duration_cast<std::chrono::seconds>(500ms);
    auto i = 0.0s;
  )");
  EXPECT_EQ(formatted("a"), "0ms");
  EXPECT_EQ(formatted("b"), "-5s");
  EXPECT_EQ(formatted("c"), "-5000ms");
  EXPECT_EQ(formatted("d"), "-5s");
  EXPECT_EQ(formatted("e"), "-2ms");
  EXPECT_EQ(formatted("f"), "0.5s");
  EXPECT_EQ(formatted("g"), "0min");
  EXPECT_EQ(formatted("h"), "0s");
  EXPECT_EQ(valueOf("i")->sign(), 0);
  EXPECT_EQ(valueOf("b")->sign(), -1);
  EXPECT_DOUBLE_EQ(valueOf("c")->seconds(), -5.0);
}

TEST_F(DurationTest, FollowsConstVariables) {
  parse(R"(
    const std::chrono::seconds kTimeout(0);
    constexpr auto kNeg = -3ms;
    auto a = kTimeout;
    auto b = kNeg;
    std::chrono::seconds mutableTimeout(1);
    auto c = mutableTimeout;
    int runtime();
    auto d = std::chrono::seconds(runtime());
  )");
  EXPECT_EQ(formatted("a"), "0s");
  EXPECT_EQ(formatted("b"), "-3ms");
  EXPECT_EQ(formatted("c"), "<not constant>");
  EXPECT_EQ(formatted("d"), "<not constant>");
}

TEST_F(DurationTest, NumbersAreSecondsOnlyWhenAsked) {
  parse(R"(
    double a = 0.0;
    int b = -2;
  )");
  EXPECT_FALSE(valueOf("a").has_value());
  ASSERT_TRUE(valueOf("a", /*Seconds=*/true).has_value());
  EXPECT_EQ(valueOf("a", true)->format(), "0s");
  EXPECT_EQ(valueOf("b", true)->format(), "-2s");
}

TEST_F(DurationTest, KnowsPeriods) {
  parse(R"(
    std::chrono::nanoseconds a;
    std::chrono::duration<int, std::ratio<1, 7>> b{3};
    std::chrono::hours c;
  )");
  auto P = [&](llvm::StringRef Var) {
    return durationPeriod(findFirst<VarDecl>(*AST, varDecl(isExpansionInMainFile(), hasName(Var)))->getType(), M);
  };
  EXPECT_EQ(periodSuffix(*P("a")), "ns");
  EXPECT_EQ(P("b")->Den, 7);
  EXPECT_EQ(periodSuffix(*P("c")), "h");
  EXPECT_EQ(valueOf("b")->format(), "0.428571s");
}

} // namespace
} // namespace context_tidy::test
