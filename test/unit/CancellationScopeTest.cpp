//===- CancellationScopeTest.cpp - Bodies that were handed a token --------===//
#include "FindCalls.h"
#include "lib/contexts/CancellationScope.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class CancellationScopeTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) { AST = buildAST(Code); }
  const FunctionDecl *function(llvm::StringRef Name) {
    const auto *F = findFirst<FunctionDecl>(
        *AST, functionDecl(isExpansionInMainFile(), isDefinition(),
                           hasName(Name)));
    EXPECT_NE(F, nullptr) << Name.str();
    return F;
  }
  std::vector<std::string> tokenNames(const Scope &S) {
    std::vector<std::string> Out;
    for (const ScopeToken &T : S.Tokens)
      Out.push_back(T.Decl->getName().str() +
                    (T.ExplicitCapture ? " (captured)" : ""));
    return Out;
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

using Names = std::vector<std::string>;

TEST_F(CancellationScopeTest, ParametersThatReferToTokens) {
  parse(R"(
    #include <folly/CancellationToken.h>
    #include <gocxx/context.h>
    #include <memory>
    #include <stop_token>
    void f(int n, std::stop_token st, const folly::CancellationToken &ref,
           folly::CancellationSource *src, gocxx::context::ContextPtr ctx,
           std::shared_ptr<std::stop_token> shared,
           gocxx::context::CancelFunc cancel, std::stop_token) {}
  )");
  auto Tokens = scopeTokens(function("f"), nullptr, M);
  Names Got;
  for (const ScopeToken &T : Tokens)
    Got.push_back(T.Decl->getName().str() + ":" +
                  contextKindName(T.Kind).str());
  EXPECT_EQ(Got, (Names{"st:cancellation token", "ref:cancellation token",
                        "src:cancellation source", "ctx:context",
                        "shared:cancellation token"}));
}

TEST_F(CancellationScopeTest, EachLambdaIsItsOwnScope) {
  parse(R"(
    #include <stop_token>
    void wait();
    void outer(std::stop_token st) {
      std::stop_source own;
      wait();
      auto a = [st] { wait(); };
      auto b = [&] { if (!st.stop_requested()) wait(); };
      auto c = [tok = own.get_token()] {
        auto nested = [] { wait(); };
        nested();
      };
      auto d = [](auto token) { wait(); };
      d(st);
      d(1);
    }
  )");
  llvm::SmallVector<Scope, 4> Scopes;
  collectScopes(function("outer"), M, Scopes);
  // outer, a, b, c, nested, and two specializations of d.
  ASSERT_EQ(Scopes.size(), 7u);
  std::map<std::string, Names> ByCalls;
  unsigned WithToken = 0;
  for (const Scope &S : Scopes) {
    if (!S.Tokens.empty())
      ++WithToken;
    EXPECT_EQ(S.EnclosingBodies.empty(), S.Lambda == nullptr);
  }
  EXPECT_EQ(tokenNames(Scopes[0]), (Names{"st"}));
  EXPECT_EQ(Scopes[0].Calls.size(), 4u)
      << "wait, own.get_token() in an init-capture, d(st), d(1): not the "
         "calls inside lambdas";
  // Lambdas, in any order: [st] captured, [&] implicit, init-capture, the
  // nested lambda without a token, and d(st) / d(1).
  std::multiset<std::string> All;
  for (const Scope &S : Scopes)
    for (const std::string &N : tokenNames(S))
      All.insert(N);
  EXPECT_EQ(All, (std::multiset<std::string>{"st", "st (captured)", "st",
                                             "tok (captured)", "token"}));
  EXPECT_EQ(WithToken, 5u);
}

TEST_F(CancellationScopeTest, CallsKnowTheirInnermostLoop) {
  parse(R"(
    void wait();
    void f(bool more) {
      wait();
      while (more) {
        wait();
        for (int i = 0; i < 3; ++i)
          wait();
      }
    }
  )");
  llvm::SmallVector<Scope, 1> Scopes;
  collectScopes(function("f"), M, Scopes);
  ASSERT_EQ(Scopes.size(), 1u);
  ASSERT_EQ(Scopes[0].Calls.size(), 3u);
  EXPECT_EQ(Scopes[0].Calls[0].InnermostLoop, nullptr);
  ASSERT_NE(Scopes[0].Calls[1].InnermostLoop, nullptr);
  EXPECT_TRUE(isa<WhileStmt>(Scopes[0].Calls[1].InnermostLoop));
  ASSERT_NE(Scopes[0].Calls[2].InnermostLoop, nullptr);
  EXPECT_TRUE(isa<ForStmt>(Scopes[0].Calls[2].InnermostLoop));
}

TEST_F(CancellationScopeTest, ChecksWithOtherModelsShareTheWalk) {
  // The walk is the model's business only for the tokens: a model without
  // the standard profile sees the same scopes and calls, and no token.
  parse(R"(
    #include <stop_token>
    void wait();
    void outer(std::stop_token st) {
      wait();
      auto a = [st] { wait(); };
      a();
    }
  )");
  ApiModel::Config NoStd;
  NoStd.Profiles[static_cast<size_t>(Profile::Std)] = false;
  ApiModel Other(NoStd);
  ScopeWalks Walks;
  llvm::SmallVector<Scope, 2> First, Second, Alone;
  collectScopes(function("outer"), M, First, &Walks);
  collectScopes(function("outer"), Other, Second, &Walks);
  collectScopes(function("outer"), Other, Alone);
  ASSERT_EQ(First.size(), 2u);
  ASSERT_EQ(Second.size(), 2u);
  ASSERT_EQ(Alone.size(), 2u);
  EXPECT_EQ(tokenNames(First[0]), (Names{"st"}));
  EXPECT_EQ(tokenNames(First[1]), (Names{"st (captured)"}));
  for (unsigned I = 0; I < 2; ++I) {
    EXPECT_TRUE(Second[I].Tokens.empty()) << I;
    EXPECT_EQ(Second[I].Calls.size(), First[I].Calls.size()) << I;
    EXPECT_EQ(Second[I].Calls.size(), Alone[I].Calls.size()) << I;
    EXPECT_EQ(Second[I].Body, Alone[I].Body) << I;
    EXPECT_EQ(Second[I].Parent, Alone[I].Parent) << I;
  }
  EXPECT_EQ(First[1].Parent, 0);
}

TEST_F(CancellationScopeTest, ContextLibraryClassesAreNotScopes) {
  parse(R"(
    #include <gocxx/context.h>
    class Ctx : public gocxx::context::Context {
    public:
      gocxx::Chan<bool> &Done() override;
      gocxx::Error *Err() override;
      std::chrono::system_clock::time_point Deadline() override;
      void propagate(gocxx::context::ContextPtr parent) {
        auto l = [parent] {};
      }
    };
    struct Worker {
      void run(gocxx::context::ContextPtr ctx) {}
    };
  )");
  EXPECT_TRUE(isContextLibraryCode(function("propagate"), M));
  EXPECT_FALSE(isContextLibraryCode(function("run"), M));
  llvm::SmallVector<Scope, 2> Scopes;
  collectScopes(function("propagate"), M, Scopes);
  ASSERT_EQ(Scopes.size(), 2u);
  EXPECT_TRUE(Scopes[0].InContextLibrary);
  EXPECT_TRUE(Scopes[1].InContextLibrary) << "a lambda inside one";
}

TEST_F(CancellationScopeTest, PollingLoopsCheckTheTokenEachIteration) {
  parse(R"(
    #include <stop_token>
    #include <vector>
    void sleep();
    struct Flagged { std::stop_source stop_; void loop(); };
    void f(std::stop_token st, bool once, std::vector<int> &v) {
      while (!st.stop_requested()) sleep();
      for (;;) { if (st.stop_requested()) return; sleep(); }
      for (;;) { if (once) { if (st.stop_requested()) return; } sleep(); }
      for (int x : v) { (void)x; if (st.stop_requested()) break; sleep(); }
      do { sleep(); } while (!st.stop_requested());
      while (once) { auto l = [&] { return st.stop_requested(); }; sleep(); }
      while (once) sleep();
    }
    void Flagged::loop() {
      while (!stop_.stop_requested()) sleep();
    }
  )");
  llvm::SmallVector<Scope, 2> Scopes;
  collectScopes(function("f"), M, Scopes);
  ASSERT_GE(Scopes.size(), 1u);
  std::vector<bool> Got;
  for (const ScopeCall &C : Scopes[0].Calls)
    if (C.Call->getDirectCallee() &&
        C.Call->getDirectCallee()->getName() == "sleep")
      Got.push_back(loopObservesCancellationEachIteration(
          C.InnermostLoop, Scopes[0].Tokens, M));
  EXPECT_EQ(Got, (std::vector<bool>{true, true, false, true, true, false,
                                    false}));
  llvm::SmallVector<Scope, 1> Member;
  collectScopes(function("loop"), M, Member);
  ASSERT_EQ(Member.size(), 1u);
  ASSERT_EQ(Member[0].Calls.size(), 2u);
  EXPECT_TRUE(loopObservesCancellationEachIteration(
      Member[0].Calls[1].InnermostLoop, {}, M))
      << "a member stop_source is a token-like object";
}

} // namespace
} // namespace context_tidy::test
