//===- SummariesTest.cpp - Function summaries and their facts -------------===//
#include "lib/summaries/Blocks.h"
#include "lib/summaries/Facts.h"
#include "lib/summaries/TimeoutParams.h"
#include "lib/values/MemberValues.h"
#include "lib/waits/StopWakers.h"
#include "TestAST.h"

#include "clang/AST/Decl.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class SummariesTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) {
    AST = buildAST(("#include <chrono>\n#include <thread>\n"
                    "using namespace std::chrono_literals;\n" +
                    Code)
                      .str());
    Table = std::make_unique<SummaryTable>(AST->getASTContext(), M);
    Wakers = std::make_unique<StopWakers>(M);
    Blocks = std::make_unique<BlockSummaries>(
        *Table, /*MaxLatencySeconds=*/1.0, *Wakers,
        [this]() -> ValueSources & {
          if (!Values)
            Values = std::make_unique<ValueSources>(AST->getASTContext(), M);
          return *Values;
        });
  }
  const FunctionDecl *fn(llvm::StringRef Name) {
    const auto *F = findFirst<FunctionDecl>(
        *AST, functionDecl(isExpansionInMainFile(), isDefinition(),
                           hasName(Name)));
    EXPECT_NE(F, nullptr) << Name.str();
    return F;
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
  std::unique_ptr<SummaryTable> Table;
  std::unique_ptr<StopWakers> Wakers;
  std::unique_ptr<ValueSources> Values;
  std::unique_ptr<BlockSummaries> Blocks;
};

std::vector<std::string> chainOf(const BlockEffect &E) {
  std::vector<std::string> Out;
  for (const ChainStep &S : E.Chain)
    Out.push_back(S.Function + "->" + S.Callee);
  return Out;
}

// A cycle (self-recursion, and two functions calling each other) is
// unrolled to the depth bound and terminates; what blocks inside it is
// still found.
TEST_F(SummariesTest, CyclesTerminate) {
  parse(R"(
    void self(int n) { if (n) self(n - 1); }
    void even(int n);
    void odd(int n) { if (n) even(n - 1); else std::this_thread::sleep_for(30s); }
    void even(int n) { if (n) odd(n - 1); }
    void selfSleeps(int n) { std::this_thread::sleep_for(5s); selfSleeps(n); }
  )");
  EXPECT_TRUE(Blocks->of(fn("self")).Effects.empty());
  const BlockSummary &Odd = Blocks->of(fn("odd"));
  ASSERT_EQ(Odd.Effects.size(), 1u);
  EXPECT_EQ(chainOf(Odd.Effects[0]),
            (std::vector<std::string>{"odd->sleep_for"}));
  const BlockSummary &Even = Blocks->of(fn("even"));
  ASSERT_EQ(Even.Effects.size(), 1u);
  EXPECT_EQ(chainOf(Even.Effects[0]),
            (std::vector<std::string>{"even->odd", "odd->sleep_for"}));
  EXPECT_EQ(Even.Effects[0].Bound.K, BlockBound::Constant);
  EXPECT_DOUBLE_EQ(Even.Effects[0].Bound.Value.seconds(), 30.0);
  const BlockSummary &Self = Blocks->of(fn("selfSleeps"));
  ASSERT_EQ(Self.Effects.size(), 1u);
  EXPECT_DOUBLE_EQ(Self.Effects[0].Bound.Value.seconds(), 5.0);
}

// Timeout parameters: a parameter read once, as the timeout of a timeout
// API or of a function below, counts; one also tested does not; a cycle
// through such parameters terminates.
TEST_F(SummariesTest, TimeoutParametersAndCycles) {
  parse(R"(
    void sleepFor(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }
    void direct(std::chrono::milliseconds d) { sleepFor(d); }
    void seconds(int n) { direct(std::chrono::seconds(n)); }
    void tested(std::chrono::milliseconds d) { if (d > 0ms) direct(d); }
    void ping(std::chrono::milliseconds d, int n);
    void pong(std::chrono::milliseconds d, int n) { ping(d, n); }
    void ping(std::chrono::milliseconds d, int n) { pong(d, n); }
  )");
  // sleepFor stands in for the timeout API: its call is the timeout.
  TimeoutParamSummaries P(*Table, [](const CallExpr *C) {
    TimeoutApiCall A;
    const FunctionDecl *FD = C->getDirectCallee();
    if (FD && FD->getName() == "sleepFor" && C->getNumArgs() == 1)
      A.Arg = C->getArg(0);
    return A;
  });
  const TimeoutParamSummary &D = P.of(fn("direct"));
  ASSERT_EQ(D.Params.size(), 1u);
  EXPECT_EQ(D.Params[0].Param, 0u);
  EXPECT_EQ(D.Params[0].Api, "sleepFor");
  const TimeoutParamSummary &S = P.of(fn("seconds"));
  ASSERT_EQ(S.Params.size(), 1u);
  ASSERT_TRUE(S.Params[0].NumberUnit.has_value());
  EXPECT_EQ(S.Params[0].NumberUnit->Num, 1);
  EXPECT_EQ(S.Params[0].NumberUnit->Den, 1);
  EXPECT_EQ(S.Params[0].Chain.size(), 2u);
  EXPECT_TRUE(P.of(fn("tested")).Params.empty());
  EXPECT_TRUE(P.of(fn("ping")).Params.empty());
  EXPECT_TRUE(P.of(fn("pong")).Params.empty());
}

// A chain is at most SummaryLimits::MaxDepth functions long.
TEST_F(SummariesTest, DepthIsBounded) {
  parse(R"(
    void l4() { std::this_thread::sleep_for(30s); }
    void l3() { l4(); }
    void l2() { l3(); }
    void l1() { l2(); }
  )");
  static_assert(SummaryLimits::MaxDepth == 3, "the test's chain is 4 long");
  EXPECT_EQ(Blocks->of(fn("l2")).Effects.size(), 1u);
  EXPECT_TRUE(Blocks->of(fn("l1")).Effects.empty());
}

// A parameter bound, and a function that names a token (it may observe
// it): not summarised as blocking.
TEST_F(SummariesTest, ParametersAndTokens) {
  parse(R"(
    #include <stop_token>
    void pause(std::chrono::seconds d) { std::this_thread::sleep_for(d); }
    std::stop_source src;
    void observes() { while (!src.stop_requested()) std::this_thread::sleep_for(5s); }
  )");
  const BlockSummary &P = Blocks->of(fn("pause"));
  ASSERT_EQ(P.Effects.size(), 1u);
  EXPECT_EQ(P.Effects[0].Bound.K, BlockBound::Parameter);
  EXPECT_EQ(P.Effects[0].Bound.Param, 0u);
  EXPECT_TRUE(Blocks->of(fn("observes")).Effects.empty());
}

// What a fact file holds reads back the same, in the same bytes whatever
// the order the functions were given in.
TEST(FactsTest, RoundTripAndDeterminism) {
  FactsFile F;
  F.Producer = factsProducer("test");
  F.Source = "/src/a.cpp";
  F.SourceHash = contentHash("int x;");
  FunctionFacts A{"c:@F@b#", "b", {}};
  BlockEffect E;
  E.Kind = BlockKind::Sleep;
  E.Bound.K = BlockBound::Constant;
  E.Bound.Value.Int = llvm::APSInt(llvm::APInt(64, 1500), false);
  E.Bound.Value.Unit = Period{1, 1000};
  E.Api = "sleep_for";
  ChainStep S;
  S.Function = "b";
  S.Callee = "sleep_for";
  S.Where = "/src/a.cpp:3:4";
  E.Chain.push_back(S);
  A.Blocks.Effects.push_back(E);
  FunctionFacts B{"c:@F@a#", "a", {}};
  BlockEffect P;
  P.Kind = BlockKind::BoundedWait;
  P.Bound.K = BlockBound::Parameter;
  P.Bound.Param = 2;
  P.Bound.NumberUnit = Period{1, 1};
  P.Api = "wait_for";
  P.Chain.push_back(S);
  B.Blocks.Effects.push_back(P);
  F.Functions = {A, B};
  std::string Text = serializeFacts(F);
  std::swap(F.Functions[0], F.Functions[1]);
  EXPECT_EQ(serializeFacts(F), Text);
  llvm::Expected<FactsFile> Back = parseFacts(Text);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(serializeFacts(*Back), Text);
  ASSERT_EQ(Back->Functions.size(), 2u);
  EXPECT_EQ(Back->Functions[0].Key, "c:@F@a#");
  const BlockEffect &R = Back->Functions[1].Blocks.Effects[0];
  EXPECT_DOUBLE_EQ(R.Bound.Value.seconds(), 1.5);
  EXPECT_EQ(R.Chain[0].Where, "/src/a.cpp:3:4");
  EXPECT_FALSE(static_cast<bool>(parseFacts(Text.substr(0, Text.size() / 2))));
  llvm::consumeError(parseFacts(Text.substr(0, Text.size() / 2)).takeError());
}

} // namespace
} // namespace context_tidy::test
