//===- HandleTrackerTest.cpp - Cancel handles that must be called ---------===//
#include "lib/flow/HandleTracker.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

std::vector<LostHandle> lostIn(ASTUnit &AST, llvm::StringRef Fn,
                               TrackerOptions O = {}) {
  const auto *F = findFirst<FunctionDecl>(
      AST, functionDecl(hasName(Fn), isDefinition()));
  EXPECT_NE(F, nullptr) << Fn.str();
  ApiModel M;
  return F ? findLostHandles(F, AST.getASTContext(), M, O)
           : std::vector<LostHandle>();
}

TEST(HandleTracker, ReportsAHandleNotCalledOnEveryPath) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    bool cond();
    void f(golang::context::Context p) {
      auto [c, cancel] = golang::context::with_timeout(p, 1.0);
      if (cond()) return;
      cancel();
    }
    void g(golang::context::Context p) {
      auto [c, cancel] = golang::context::with_timeout(p, 1.0);
      cancel();
    })");
  std::vector<LostHandle> L = lostIn(*AST, "f");
  ASSERT_EQ(L.size(), 1u);
  EXPECT_EQ(L[0].K, LostHandle::NotCalled);
  EXPECT_EQ(L[0].Name, "cancel");
  EXPECT_EQ(L[0].Factory, "with_timeout");
  EXPECT_FALSE(L[0].NeverUsed);
  ASSERT_EQ(L[0].Leaks.size(), 1u);
  EXPECT_EQ(L[0].Leaks[0].K, FlowLeak::Return);
  EXPECT_TRUE(lostIn(*AST, "g").empty());
}

TEST(HandleTracker, FindsFactorySitesWalkingDown) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    #include <thread>
    namespace gctx = golang::context;
    void f(gctx::Context p, std::stop_source unused) {
      gctx::with_cancel(p);
      auto l = [c = gctx::with_cancel(p)] {
        auto inner = [p = gctx::Context()] { gctx::with_cancel(p); };
      };
      std::stop_source local;
      int x = 1 + 2;
    })");
  const auto *F = findFirst<FunctionDecl>(
      *AST, functionDecl(hasName("f"), isDefinition()));
  ASSERT_NE(F, nullptr);
  ApiModel M;
  llvm::SmallVector<FactorySite, 4> Sites;
  findFactorySites(F->getBody(), M, TrackerOptions(), Sites);
  // f's own call and the capture's initializer; the call in the inner
  // lambda, owned by it.
  unsigned Own = 0, InLambda = 0;
  for (const FactorySite &S : Sites) {
    ASSERT_NE(S.Call, nullptr);
    if (!S.Lambda)
      ++Own;
    else if (S.Lambda->capture_size() == 1 &&
             S.Lambda->capture_begin()->getCapturedVar()->getName() == "p")
      ++InLambda;
  }
  EXPECT_EQ(Own, 2u);
  EXPECT_EQ(InLambda, 1u);
  EXPECT_EQ(Sites.size(), 3u);
  // With CheckSources, the local source too (a parameter is not a site).
  Sites.clear();
  TrackerOptions O;
  O.CheckSources = true;
  findFactorySites(F->getBody(), M, O, Sites);
  EXPECT_EQ(llvm::count_if(Sites, [](const FactorySite &S) { return !S.Call; }),
            1);
}

TEST(HandleTracker, DiscardsAndHolders) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    void f(golang::context::Context p) {
      golang::context::with_cancel(p);
      auto c = golang::context::with_cancel(p).first;
      auto r = golang::context::with_cancel(p);
    })");
  std::vector<LostHandle> L = lostIn(*AST, "f");
  ASSERT_EQ(L.size(), 3u);
  EXPECT_EQ(L[0].K, LostHandle::Discarded);
  EXPECT_FALSE(L[0].ContextKept);
  EXPECT_EQ(L[1].K, LostHandle::Discarded);
  EXPECT_TRUE(L[1].ContextKept);
  EXPECT_EQ(L[2].K, LostHandle::NotCalled);
  EXPECT_EQ(L[2].Name, "r");
  EXPECT_TRUE(L[2].InHolder);
  EXPECT_TRUE(L[2].NeverUsed);
}

TEST(HandleTracker, WrappedResultsExistOnlyWhereUnwrapped) {
  auto AST = buildAST(R"(
    #include <gocxx/context.h>
    bool cond();
    void f(gocxx::context::ContextPtr p) {
      auto r = gocxx::context::WithCancel(p);
      if (!r.ok()) return;
      if (cond()) return;
    }
    void g(gocxx::context::ContextPtr p) {
      auto r = gocxx::context::WithCancel(p);
      if (!r.ok()) return;
      auto [c, cancel] = r.value();
      if (cond()) return;
      cancel();
    })");
  EXPECT_TRUE(lostIn(*AST, "f").empty());
  std::vector<LostHandle> L = lostIn(*AST, "g");
  ASSERT_EQ(L.size(), 1u);
  EXPECT_EQ(L[0].Name, "cancel");
  ASSERT_EQ(L[0].Leaks.size(), 1u);
}

TEST(HandleTracker, TransfersAndAliases) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    #include <vector>
    std::vector<golang::func<void()>> later;
    bool cond();
    void f(golang::context::Context p) {
      auto [c, cancel] = golang::context::with_cancel(p);
      later.push_back(cancel);
    }
    void g(golang::context::Context p) {
      auto [c, cancel] = golang::context::with_cancel(p);
      auto copy = cancel;
      if (cond()) return;
      copy();
    })");
  EXPECT_TRUE(lostIn(*AST, "f").empty());
  std::vector<LostHandle> L = lostIn(*AST, "g");
  ASSERT_EQ(L.size(), 1u);
  EXPECT_EQ(L[0].Name, "cancel");
}

TEST(HandleTracker, SourcesOnlyWithTheOption) {
  auto AST = buildAST(R"(
    #include <folly/CancellationToken.h>
    struct Thread {
      template <typename F, typename... A> explicit Thread(F &&, A &&...) {}
    };
    void work(folly::CancellationToken);
    void f() {
      folly::CancellationSource src;
      Thread t(work, src.getToken());
    })");
  EXPECT_TRUE(lostIn(*AST, "f").empty());
  TrackerOptions O;
  O.CheckSources = true;
  std::vector<LostHandle> L = lostIn(*AST, "f", O);
  ASSERT_EQ(L.size(), 1u);
  EXPECT_EQ(L[0].K, LostHandle::SourceNotReleased);
  EXPECT_EQ(L[0].ReleaseName, "requestCancellation");
}

TEST(HandleTracker, CodeWithErrorsIsSkipped) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    void f(golang::context::Context p) {
      auto [c, cancel] = golang::context::with_cancel(p);
      undeclared(cancel);
    })",
                      {}, /*AllowErrors=*/true);
  EXPECT_TRUE(lostIn(*AST, "f").empty());
}

} // namespace
} // namespace context_tidy::test
