//===- ReadinessGuardTest.cpp - Blocking calls that return at once --------===//
#include "FindCalls.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/ReadinessGuard.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class ReadinessGuardTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) {
    AST = buildAST(("#include <future>\n#include <folly/futures/Future.h>\n"
                    "using namespace std::chrono_literals;\n" +
                    Code)
                       .str());
  }
  const FunctionDecl *function(llvm::StringRef Name) {
    return findFirst<FunctionDecl>(
        *AST, functionDecl(isExpansionInMainFile(), isDefinition(),
                           hasName(Name)));
  }
  /// Whether each call of \p Callee in \p Fn is guarded.
  std::vector<bool> guarded(llvm::StringRef Fn, llvm::StringRef Callee,
                            bool *Built = nullptr) {
    const FunctionDecl *F = function(Fn);
    EXPECT_NE(F, nullptr);
    std::vector<bool> Out;
    if (!F)
      return Out;
    ReadinessGuards G(F, F->getBody(), AST->getASTContext(), M);
    for (const CallExpr *C : callsIn(*AST, Fn, Callee))
      Out.push_back(G.isGuarded(C, objectDecl(callObject(C))));
    if (Built)
      *Built = G.builtCFG();
    return Out;
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST_F(ReadinessGuardTest, RecognisesReadinessTests) {
  parse(R"(
    bool probe(std::future<int> &f, folly::Future<int> &ff) {
      auto status = f.wait_for(0s);
      bool ready = ff.isReady();
      return (f.wait_for(0s) == std::future_status::ready) &&
             (std::future_status::ready != f.wait_for(1s)) &&
             !ff.isReady() && status == std::future_status::ready && ready &&
             f.wait_for(0s) == std::future_status::timeout;
    }
  )");
  auto Conditions = findFirst<ReturnStmt>(
      *AST, returnStmt(hasAncestor(functionDecl(hasName("probe")))));
  ASSERT_NE(Conditions, nullptr);
  // Collect the operands of the && chain, left to right.
  std::vector<const Expr *> Ops;
  const Expr *E = Conditions->getRetValue()->IgnoreParenImpCasts();
  while (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() != BO_LAnd)
      break;
    Ops.insert(Ops.begin(), BO->getRHS());
    E = BO->getLHS()->IgnoreParenImpCasts();
  }
  Ops.insert(Ops.begin(), E);
  ASSERT_EQ(Ops.size(), 6u);
  std::vector<std::string> Got;
  for (const Expr *Op : Ops) {
    auto T = readinessTest(Op, M);
    Got.push_back(T ? T->Object->getName().str() + (T->ReadyWhen ? "+" : "-")
                    : "none");
  }
  // `== timeout` (a not-ready status) says "ready" when false.
  EXPECT_EQ(Got, (std::vector<std::string>{"f+", "f-", "ff-", "f+", "ff+",
                                           "f-"}));
}

TEST_F(ReadinessGuardTest, GuardedOnlyBehindTheReadyEdge) {
  parse(R"(
    void probe(std::future<int> f, std::future<int> g, bool b) {
      if (f.wait_for(0s) == std::future_status::ready)
        f.get();
      else
        f.get();
      if (b && f.wait_for(0s) == std::future_status::ready)
        f.get();
      if (f.wait_for(0s) == std::future_status::ready || b)
        f.get();
      if (f.wait_for(0s) == std::future_status::ready)
        g.get();
      while (g.wait_for(10ms) != std::future_status::ready) {
      }
      g.get();
    }
  )");
  bool Built = false;
  EXPECT_EQ(guarded("probe", "get", &Built),
            (std::vector<bool>{true, false, true, false, false, true}));
  EXPECT_TRUE(Built);
}

TEST_F(ReadinessGuardTest, EarlyReturnAndFollyIsReady) {
  parse(R"(
    int probe(folly::Future<int> f) {
      if (!f.isReady())
        return 0;
      return std::move(f).get();
    }
    int timedOut(std::future<int> f) {
      if (f.wait_for(10ms) == std::future_status::timeout)
        return -1;
      return f.get();
    }
    int unguarded(std::future<int> f) { return f.get(); }
  )");
  EXPECT_EQ(guarded("timedOut", "get"), (std::vector<bool>{true}));
  EXPECT_EQ(guarded("probe", "get"), (std::vector<bool>{true}));
  bool Built = true;
  EXPECT_EQ(guarded("unguarded", "get", &Built), (std::vector<bool>{false}));
  EXPECT_FALSE(Built) << "no readiness test: no CFG";
}

} // namespace
} // namespace context_tidy::test
