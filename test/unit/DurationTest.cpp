//===- DurationTest.cpp - Constant values of durations --------------------===//
#include "lib/values/Duration.h"
#include "lib/values/ChronoTypes.h"
#include "lib/values/LiteralNumber.h"
#include "lib/values/Quantity.h"
#include "TestAST.h"

#include "gtest/gtest.h"
#include <limits>

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

class FoldTest : public DurationTest {
protected:
  const Expr *initOf(llvm::StringRef Var) {
    const auto *V = findFirst<VarDecl>(*AST, varDecl(isExpansionInMainFile(), hasName(Var)));
    EXPECT_NE(V, nullptr) << Var.str();
    return V ? V->getInit() : nullptr;
  }
  std::optional<FoldedDuration> fold(llvm::StringRef Var, bool Seconds = false) {
    return foldDuration(initOf(Var), AST->getASTContext(), M, Seconds);
  }
  std::optional<FoldedDeadline> deadline(llvm::StringRef Var, bool Seconds = false) {
    return foldDeadline(initOf(Var), AST->getASTContext(), M, Seconds);
  }
  std::string folded(llvm::StringRef Var, bool Seconds = false) {
    auto F = fold(Var, Seconds);
    return F ? F->Value.format() : "<not constant>";
  }
  std::string truncation(llvm::StringRef Var, bool Seconds = false) {
    auto F = fold(Var, Seconds);
    if (!F)
      return "<not constant>";
    if (!F->Truncated)
      return "<none>";
    return F->Truncated->Operation + ": " + F->Truncated->From + " -> " +
           F->Truncated->To;
  }
  std::string described(llvm::StringRef Var, bool Seconds = false) {
    auto D = deadline(Var, Seconds);
    if (!D)
      return "<unknown>";
    return D->Value.describe() + (D->Value.alreadyPassed() ? " (passed)" : "");
  }
};

TEST_F(FoldTest, FoldsConstVariablesInsideArithmetic) {
  // Clang's evaluator alone refuses all of these: kTimeout is const, not
  // constexpr, and of class type.
  parse(R"(
    const std::chrono::seconds kTimeout(5);
    const std::chrono::seconds kZero(0);
    auto a = 2 * kTimeout;
    auto b = kTimeout - 5s;
    auto c = -kTimeout;
    auto d = kTimeout / 10;
    auto e = kZero + kZero * 3;
    const double kSeconds = 0.25;
    double f = kSeconds - 0.25;
    const int kMs = 1500;
    auto g = std::chrono::milliseconds(kMs) - 2s;
  )");
  EXPECT_EQ(folded("a"), "10s");
  EXPECT_EQ(folded("b"), "0s");
  EXPECT_EQ(folded("c"), "-5s");
  EXPECT_EQ(folded("d"), "0s");
  EXPECT_EQ(folded("e"), "0s");
  EXPECT_EQ(folded("f", /*Seconds=*/true), "0s");
  EXPECT_EQ(folded("g"), "-500ms");
  EXPECT_FALSE(evaluateDuration(initOf("a"), AST->getASTContext(), M)->IsFloat);
  ASSERT_EQ(fold("b")->Origins.size(), 1u);
  EXPECT_EQ(fold("b")->Origins[0].Decl->getName(), "kTimeout");
}

TEST_F(FoldTest, ConvertsBetweenUnits) {
  parse(R"(
    const std::chrono::seconds kOne(1);
    std::chrono::milliseconds a = kOne;
    std::chrono::duration<double> b = std::chrono::milliseconds(250);
    auto c = kOne - std::chrono::milliseconds(1000);
    std::chrono::nanoseconds d = std::chrono::hours(-1);
    auto e = std::chrono::duration<int, std::ratio<1, 3>>(1) + std::chrono::duration<int, std::ratio<1, 2>>(1);
  )");
  EXPECT_EQ(folded("a"), "1000ms");
  EXPECT_EQ(folded("b"), "0.25s");
  EXPECT_EQ(folded("c"), "0ms");
  EXPECT_EQ(folded("d"), "-3600000000000ns");
  EXPECT_DOUBLE_EQ(fold("e")->Value.seconds(), 5.0 / 6.0);
}

TEST_F(FoldTest, ReportsConversionsThatTruncateToZero) {
  parse(R"(
    constexpr auto kBudget = 500ms;
    const std::chrono::milliseconds kHalf(500);
    auto a = std::chrono::duration_cast<std::chrono::seconds>(kBudget);
    auto b = std::chrono::floor<std::chrono::seconds>(999ms);
    auto c = std::chrono::round<std::chrono::seconds>(kHalf);
    auto d = std::chrono::round<std::chrono::seconds>(1500ms);
    auto e = std::chrono::ceil<std::chrono::seconds>(1ms);
    auto f = std::chrono::floor<std::chrono::seconds>(-1ms);
    auto g = std::chrono::duration_cast<std::chrono::seconds>(1500ms);
    double h = 1 / 2;
    auto i = kHalf / 1000;
    auto j = std::chrono::milliseconds(static_cast<long>(0.4));
    auto k = std::chrono::duration_cast<std::chrono::seconds>(kBudget) + 1s;
    auto l = std::chrono::duration_cast<std::chrono::minutes>(std::chrono::duration<double>(30.0));
    auto m = kBudget / 1s;
  )");
  EXPECT_EQ(truncation("a"), "'duration_cast<seconds>': 500ms -> 0s");
  EXPECT_EQ(truncation("b"), "'floor<seconds>': 999ms -> 0s");
  EXPECT_EQ(truncation("c"), "'round<seconds>': 500ms -> 0s"); // ties to even
  EXPECT_EQ(folded("d"), "2s");
  EXPECT_EQ(folded("e"), "1s");
  EXPECT_EQ(truncation("e"), "<none>");
  EXPECT_EQ(folded("f"), "-1s");
  EXPECT_EQ(truncation("f"), "<none>");
  EXPECT_EQ(folded("g"), "1s");
  EXPECT_EQ(truncation("h", /*Seconds=*/true), "integer division: 0.5 -> 0");
  EXPECT_EQ(truncation("i"), "integer division: 0.5ms -> 0ms");
  EXPECT_EQ(truncation("j"), "the conversion to 'long': 0.4 -> 0");
  EXPECT_EQ(truncation("k"), "<none>"); // 1s: the result is not zero
  EXPECT_EQ(truncation("l"), "'duration_cast<minutes>': 30s -> 0min");
  EXPECT_EQ(truncation("m", /*Seconds=*/true), "integer division: 0.5 -> 0");
}

TEST_F(FoldTest, RemembersEnumeratorsAndMacros) {
  parse(R"(
    enum Timeouts { kNoWait = 0 };
    enum class Ms : int { None = 0 };
    #define TIMEOUT_MS 0
    #define SECONDS(n) std::chrono::seconds(n)
    auto a = std::chrono::milliseconds(kNoWait);
    auto b = std::chrono::milliseconds(static_cast<int>(Ms::None));
    auto c = std::chrono::milliseconds(TIMEOUT_MS);
    auto d = SECONDS(0);
    auto e = SECONDS(TIMEOUT_MS);
  )");
  ASSERT_EQ(fold("a")->Origins.size(), 1u);
  EXPECT_EQ(fold("a")->Origins[0].Decl->getName(), "kNoWait");
  EXPECT_EQ(fold("b")->Origins[0].Decl->getName(), "None");
  ASSERT_EQ(fold("c")->Origins.size(), 1u);
  EXPECT_EQ(fold("c")->Origins[0].MacroName, "TIMEOUT_MS");
  EXPECT_TRUE(fold("d")->Origins.empty()); // 0 is written at the call
  ASSERT_EQ(fold("e")->Origins.size(), 1u);
  EXPECT_EQ(fold("e")->Origins[0].MacroName, "TIMEOUT_MS");
}

TEST_F(FoldTest, FollowsMembersOfConstAggregates) {
  parse(R"(
    struct Rpc { std::chrono::milliseconds timeout = 0ms; int retries = 0; };
    struct Config { Rpc rpc; std::chrono::seconds connect{1}; };
    const Config kConfig{{5ms, 3}, 0s};
    const Config kDefaults{};
    struct Mutable { mutable std::chrono::seconds t{0}; };
    const Mutable kMutable{};
    auto a = kConfig.rpc.timeout;
    auto b = kConfig.connect;
    auto c = kDefaults.rpc.timeout;
    auto d = kMutable.t;
  )");
  EXPECT_EQ(folded("a"), "5ms");
  EXPECT_EQ(folded("b"), "0s");
  EXPECT_EQ(folded("c"), "0ms");
  EXPECT_EQ(folded("d"), "<not constant>");
  EXPECT_EQ(fold("a")->Origins[0].Decl->getName(), "kConfig");
}

TEST_F(FoldTest, LeavesWhatIsNotFixedAlone) {
  parse(R"(
    int runtime();
    std::chrono::seconds mutableTimeout(0);
    volatile const int kVolatile = 0;
    void f(std::chrono::seconds param = 0s, const std::chrono::seconds cparam = 0s) {
      auto a = param;
      auto b = cparam;
      auto c = mutableTimeout * 0 + mutableTimeout;
      auto d = std::chrono::seconds(kVolatile);
      auto e = std::chrono::seconds(runtime()) - std::chrono::seconds(runtime());
      auto f = std::chrono::hours::max() * 2;
    }
  )");
  for (const char *V : {"a", "b", "c", "d", "e", "f"})
    EXPECT_EQ(folded(V), "<not constant>") << V;
}

TEST_F(FoldTest, AgreesWithClangsEvaluator) {
  // A constexpr function is Clang's to evaluate; the folder only adds what
  // Clang cannot see.
  parse(R"(
    constexpr std::chrono::milliseconds twice(std::chrono::milliseconds d) { return 2 * d; }
    auto a = twice(-3ms);
    auto b = std::chrono::milliseconds::min();
    auto c = std::chrono::duration<double, std::milli>(-0.5);
  )");
  EXPECT_EQ(folded("a"), "-6ms");
  EXPECT_EQ(folded("b"), "-9223372036854775808ms");
  EXPECT_EQ(folded("c"), "-0.5ms");
}

TEST_F(FoldTest, ReadsTheModelsDurationLiterals) {
  // The standard literals are read without Clang's evaluator (in any base,
  // with separators); a literal operator outside the model is Clang's to
  // evaluate: its body decides the value.
  parse(R"(
    constexpr std::chrono::seconds operator""_twice(unsigned long long v) {
      return std::chrono::seconds(2 * v);
    }
    auto a = 0x10ms;
    auto b = 0b101s;
    auto c = 017us;
    auto d = 1'500ms;
    auto e = 2h - 90min;
    auto f = 1.5s;
    auto g = 3_twice;
  )");
  EXPECT_EQ(folded("a"), "16ms");
  EXPECT_EQ(folded("b"), "5s");
  EXPECT_EQ(folded("c"), "15us");
  EXPECT_EQ(folded("d"), "1500ms");
  EXPECT_EQ(folded("e"), "30min");
  EXPECT_EQ(folded("f"), "1.5s");
  EXPECT_EQ(folded("g"), "6s");
}

TEST(LiteralNumberTest, IntegerSpellings) {
  EXPECT_EQ(integerSpelling("0"), 0U);
  EXPECT_EQ(integerSpelling("1'000"), 1000U);
  EXPECT_EQ(integerSpelling("0x1F"), 31U);
  EXPECT_EQ(integerSpelling("0XfF"), 255U);
  EXPECT_EQ(integerSpelling("0b101"), 5U);
  EXPECT_EQ(integerSpelling("0B1'0"), 2U);
  EXPECT_EQ(integerSpelling("017"), 15U);
  EXPECT_EQ(integerSpelling("18446744073709551615"), UINT64_MAX);
  for (const char *Bad : {"", "'1", "1'", "1''0", "0x", "0b2", "08", "1.5",
                          "1e3", "18446744073709551616", "-1", "+1"})
    EXPECT_EQ(integerSpelling(Bad), std::nullopt) << Bad;
}

TEST_F(FoldTest, FoldsLongDouble) {
  // 0.5s is a duration<long double> in libstdc++.
  parse(R"(
    auto a = std::chrono::duration<long double>(0.0L);
    auto b = 0.5s - 1s;
    auto c = std::chrono::duration<float, std::milli>(-0.25f);
  )");
  EXPECT_EQ(folded("a"), "0s");
  EXPECT_EQ(folded("b"), "-0.5s");
  EXPECT_EQ(folded("c"), "-0.25ms");
}

TEST_F(FoldTest, SeesTheValueAsWritten) {
  parse(R"(
    void g(std::chrono::milliseconds);
    void h(double);
    void probe() { g(-5s); h(0.5f); }
  )");
  const auto *G = findFirst<CallExpr>(*AST, callExpr(callee(functionDecl(hasName("g")))));
  const auto *H = findFirst<CallExpr>(*AST, callExpr(callee(functionDecl(hasName("h")))));
  ASSERT_TRUE(G && H);
  const Expr *Written = writtenDuration(G->getArg(0), M);
  EXPECT_EQ(evaluateDuration(G->getArg(0), AST->getASTContext(), M)->format(), "-5000ms");
  EXPECT_EQ(evaluateDuration(Written, AST->getASTContext(), M)->format(), "-5s");
  // A numeric conversion is not looked through: it can truncate.
  EXPECT_EQ(writtenDuration(H->getArg(0), M), H->getArg(0));
}

TEST_F(FoldTest, FoldsDeadlines) {
  parse(R"(
    using Clock = std::chrono::system_clock;
    auto a = Clock::now();
    auto b = Clock::now() + 0ms;
    auto c = Clock::now() - 1s;
    auto d = Clock::now() + 1s;
    auto e = Clock::time_point{};
    auto f = Clock::time_point::min();
    auto g = Clock::time_point::max();
    auto h = Clock::time_point(-5s);
    const auto kStart = std::chrono::steady_clock::now();
    auto i = kStart;
    auto j = kStart + 2s - 3s;
    auto k = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
    auto l = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now() + 1s);
    auto m = Clock::now() + std::chrono::duration_cast<std::chrono::seconds>(900ms);
    double n = 0.0;
    auto o = Clock::time_point() + 5s;
    Clock::time_point runtime();
    auto p = runtime() - 1s;
    auto q = 2s + Clock::now() - 2s;
  )");
  EXPECT_EQ(described("a"), "'now()' (passed)");
  EXPECT_EQ(described("b"), "'now() + 0ms' (passed)");
  EXPECT_EQ(described("c"), "'now() - 1s' (passed)");
  EXPECT_EQ(described("d"), "'now() + 1s'");
  EXPECT_EQ(described("e"), "the clock's epoch (passed)");
  EXPECT_EQ(described("f"), "'time_point::min()' (passed)");
  EXPECT_EQ(described("h"), "before the clock's epoch (-5s) (passed)");
  EXPECT_FALSE(deadline("g")->Value.alreadyPassed());
  EXPECT_EQ(described("i"), "'now()' (passed)");
  EXPECT_EQ(deadline("i")->Origins[0].Decl->getName(), "kStart");
  EXPECT_EQ(described("j"), "'now() - 1s' (passed)");
  EXPECT_EQ(described("k"), "'now()' rounded down (passed)");
  EXPECT_EQ(described("l"), "<unknown>");
  EXPECT_EQ(described("m"), "'now() + 0s' (passed)");
  ASSERT_TRUE(deadline("m")->Truncated.has_value());
  EXPECT_EQ(deadline("m")->Truncated->From, "900ms");
  EXPECT_EQ(described("n"), "<unknown>");
  EXPECT_EQ(described("n", /*Seconds=*/true), "the clock's epoch (passed)");
  EXPECT_EQ(described("o"), "5s after the clock's epoch");
  EXPECT_EQ(described("p"), "<unknown>");
  EXPECT_EQ(described("q"), "'now() + 0s' (passed)");
}

TEST_F(FoldTest, NamesCastTargetsWithoutATypedef) {
  parse(R"(
    auto a = std::chrono::duration_cast<std::chrono::duration<long long, std::ratio<3600>>>(1s);
    auto b = std::chrono::duration_cast<std::chrono::duration<long long, std::ratio<7>>>(1s);
  )");
  EXPECT_EQ(truncation("a"), "'duration_cast<hours>': 1s -> 0h");
  EXPECT_EQ(truncation("b"), "'duration_cast': 1s -> 0s");
}

TEST_F(FoldTest, ConvertsBetweenTimePoints) {
  parse(R"(
    using Clock = std::chrono::system_clock;
    using Seconds = std::chrono::time_point<Clock, std::chrono::seconds>;
    using Millis = std::chrono::time_point<Clock, std::chrono::milliseconds>;
    Millis a = Seconds(5s);
    Millis b{Seconds(-2s)};
    const Seconds kStart = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
    Millis c = kStart;
  )");
  EXPECT_EQ(described("a"), "5s after the clock's epoch");
  EXPECT_EQ(deadline("a")->Value.SinceEpoch.format(), "5000ms");
  EXPECT_EQ(described("b"), "before the clock's epoch (-2s) (passed)");
  EXPECT_EQ(described("c"), "'now()' rounded down (passed)");
}

TEST(QuantityTest, ConvertsWithEachRounding) {
  auto Ms = [](int64_t I) {
    Quantity Q;
    Q.I = I;
    Q.Unit = Period{1, 1000};
    return Q;
  };
  auto Count = [](std::optional<Quantity> Q) -> std::string {
    return Q ? std::to_string(Q->I) : "none";
  };
  const Period S{1, 1};
  EXPECT_EQ(Count(convert(Ms(-1500), S, false, Rounding::TowardZero)), "-1");
  EXPECT_EQ(Count(convert(Ms(-1500), S, false, Rounding::Floor)), "-2");
  EXPECT_EQ(Count(convert(Ms(-1500), S, false, Rounding::Ceil)), "-1");
  EXPECT_EQ(Count(convert(Ms(-1500), S, false, Rounding::Nearest)), "-2");
  EXPECT_EQ(Count(convert(Ms(2500), S, false, Rounding::Nearest)), "2");
  EXPECT_EQ(Count(convert(Ms(1500), S, false, Rounding::Exact)), "none");
  EXPECT_EQ(Count(convert(Ms(2000), S, false, Rounding::Exact)), "2");
  std::optional<Quantity> F = convert(Ms(250), S, true, Rounding::Exact);
  ASSERT_TRUE(F && F->IsFloat);
  EXPECT_DOUBLE_EQ(F->F, 0.25);
  // Too many ticks for 64 bits.
  Quantity Big;
  Big.I = std::numeric_limits<int64_t>::max();
  Big.Unit = Period{3600, 1};
  EXPECT_FALSE(convert(Big, Period{1, 1000000000}, false, Rounding::Exact));
}

TEST(QuantityTest, AddsNegatesAndFindsCommonPeriods) {
  Quantity A, B;
  A.I = 3;
  B.I = -5;
  ASSERT_TRUE(add(A, B));
  EXPECT_EQ(add(A, B)->I, -2);
  A.I = std::numeric_limits<int64_t>::max();
  EXPECT_FALSE(add(A, A));
  Quantity X, Y;
  X.IsFloat = true;
  X.F = 0.5;
  Y.IsFloat = true;
  Y.F = 0.25;
  EXPECT_DOUBLE_EQ(add(X, Y)->F, 0.75);
  Quantity Min;
  Min.I = std::numeric_limits<int64_t>::min();
  EXPECT_FALSE(negate(Min));
  EXPECT_EQ(negate(B)->I, 5);
  EXPECT_EQ(commonPeriod(Period{1, 1000}, Period{1, 1}), (Period{1, 1000}));
  EXPECT_EQ(commonPeriod(Period{1, 3}, Period{1, 2}), (Period{1, 6}));
  EXPECT_EQ(commonPeriod(Period{60, 1}, Period{3600, 1}), (Period{60, 1}));
}

TEST(ChronoUnitsTest, SuffixesAndNames) {
  EXPECT_EQ(periodSuffix(Period{1, 1000000000}), "ns");
  EXPECT_EQ(chronoUnitName(Period{1, 1000000000}), "nanoseconds");
  EXPECT_EQ(periodSuffix(Period{60, 1}), "min");
  EXPECT_EQ(chronoUnitName(Period{60, 1}), "minutes");
  EXPECT_EQ(periodSuffix(Period{86400, 1}), "d");
  EXPECT_EQ(chronoUnitName(Period{86400, 1}), "days");
  EXPECT_EQ(periodSuffix(Period{1, 7}), "");
  EXPECT_EQ(chronoUnitName(Period{1, 7}), "");
}

} // namespace
} // namespace context_tidy::test
