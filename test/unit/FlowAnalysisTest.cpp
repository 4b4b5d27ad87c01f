//===- FlowAnalysisTest.cpp - Must-release analysis on the CFG ------------===//
//
// The analysis knows no API: these tests attach events to calls of plain
// functions gen(), check() (GenCheck), kill() and over() (Overwrite).
//
//===----------------------------------------------------------------------===//
#include "lib/flow/FlowAnalysis.h"
#include "lib/flow/StructuredFlow.h"
#include "TestAST.h"

#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

const char *Prelude = R"(
  void gen(); void check(); void kill(); void over();
  bool cond();
  [[noreturn]] void fatal();
)";

struct Analysed {
  std::unique_ptr<ASTUnit> AST;
  FlowResult R;
  /// The structured proof's answer (lib/flow/StructuredFlow.h).
  bool Proved = false;
};

/// Parses Prelude + Code, attaches events to the calls in function "f" (all
/// on bit 0) and runs the analysis.  Returns quietly marked: calls to
/// quiet() mark the next return statement quiet.
Analysed analyse(llvm::StringRef Code, bool ProveFirst = true) {
  Analysed Out;
  Out.AST = buildAST((llvm::Twine(Prelude) + Code).str());
  ASTContext &Ctx = Out.AST->getASTContext();
  const auto *F = findFirst<FunctionDecl>(
      *Out.AST, functionDecl(hasName("f"), isDefinition()));
  if (!F)
    return Out;
  FlowProblem P;
  unsigned Bit = P.addBit();
  auto Calls = match(
      callExpr(forFunction(functionDecl(hasName("f"))),
               callee(functionDecl().bind("callee")))
          .bind("call"),
      Ctx);
  for (const auto &N : Calls) {
    const auto *C = N.getNodeAs<CallExpr>("call");
    StringRef Name = N.getNodeAs<FunctionDecl>("callee")->getName();
    if (Name == "gen")
      P.addEvent(C, FlowEventKind::Gen, Bit);
    else if (Name == "check")
      P.addEvent(C, FlowEventKind::GenCheck, Bit);
    else if (Name == "kill")
      P.addEvent(C, FlowEventKind::Kill, Bit);
    else if (Name == "over")
      P.addEvent(C, FlowEventKind::Overwrite, Bit);
  }
  // Returns written as `return /*quiet*/;` end paths without a report.
  auto Returns = match(returnStmt(forFunction(functionDecl(hasName("f")))).bind("r"), Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &N : Returns) {
    const auto *RS = N.getNodeAs<ReturnStmt>("r");
    StringRef Text = SM.getCharacterData(RS->getBeginLoc());
    if (Text.take_until([](char C) { return C == ';'; }).contains("quiet"))
      P.addQuietExit(RS);
  }
  Stmt *Body = F->getBody();
  if (auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  Out.R = runFlowAnalysis(F, Body, Ctx, P, ProveFirst);
  Out.Proved = provesNoLeak(Body, P);
  return Out;
}

std::vector<FlowLeak::Kind> kinds(const Analysed &X) {
  std::vector<FlowLeak::Kind> K;
  if (X.R.Leaks.empty())
    return K;
  for (const FlowLeak &L : X.R.Leaks[0])
    K.push_back(L.K);
  std::sort(K.begin(), K.end());
  return K;
}

using K = FlowLeak;

TEST(FlowAnalysis, KilledOnEveryPathIsClean) {
  Analysed X = analyse("void f() { gen(); if (cond()) { kill(); return; } kill(); }");
  ASSERT_TRUE(X.R.Analyzed);
  EXPECT_TRUE(kinds(X).empty());
}

TEST(FlowAnalysis, ReportsEachLeakingExit) {
  Analysed X = analyse(R"(
    void f(int k) {
      gen();
      if (k == 0) return;
      if (k == 1) throw 1;
      if (k == 2) { kill(); return; }
    })");
  EXPECT_EQ(kinds(X), (std::vector<FlowLeak::Kind>{K::Return, K::Throw,
                                                    K::EndOfFunction}));
}

TEST(FlowAnalysis, NoReturnAndQuietExitsEndPathsSilently) {
  Analysed X = analyse(R"(
    void f(int k) {
      gen();
      if (k == 0) fatal();
      if (k == 1) return /*quiet*/;
      kill();
    })");
  EXPECT_TRUE(kinds(X).empty());
}

TEST(FlowAnalysis, PrunesConstantBranches) {
  Analysed X = analyse(R"(
    void f() {
      gen();
      if (false) return;
      while (true) { if (cond()) break; }
      kill();
    })");
  EXPECT_TRUE(kinds(X).empty());
}

TEST(FlowAnalysis, InfiniteLoopsHaveNoExit) {
  Analysed X = analyse("void f() { gen(); for (;;) cond(); }");
  EXPECT_TRUE(kinds(X).empty());
}

TEST(FlowAnalysis, GenCheckInALoopIsARebind) {
  Analysed X = analyse(R"(
    void f(int n) {
      for (int i = 0; i < n; ++i) {
        check();
        if (cond()) continue;
        kill();
      }
    })");
  EXPECT_EQ(kinds(X),
            (std::vector<FlowLeak::Kind>{K::EndOfFunction, K::Rebind}));
}

TEST(FlowAnalysis, OverwriteOfASetBitLeaks) {
  Analysed X = analyse("void f() { gen(); over(); }");
  EXPECT_EQ(kinds(X), (std::vector<FlowLeak::Kind>{K::Overwritten}));
  Analysed Y = analyse("void f() { gen(); kill(); over(); }");
  EXPECT_TRUE(kinds(Y).empty());
}

TEST(FlowAnalysis, CaughtThrowIsNoExit) {
  Analysed X = analyse(R"(
    void f() {
      gen();
      try { if (cond()) throw 1; } catch (...) {}
      kill();
    })");
  EXPECT_TRUE(kinds(X).empty());
}

TEST(FlowAnalysis, DeclEventsFireAtTheDeclaration) {
  auto AST = buildAST((llvm::Twine(Prelude) +
                       "void f() { int x = 1; if (cond()) return; kill(); }")
                          .str());
  ASTContext &Ctx = AST->getASTContext();
  const auto *F = findFirst<FunctionDecl>(*AST, functionDecl(hasName("f"), isDefinition()));
  const auto *X = findFirst<VarDecl>(*AST, varDecl(hasName("x")));
  const auto *Kill = findFirst<CallExpr>(*AST, callExpr(callee(functionDecl(hasName("kill")))));
  ASSERT_TRUE(F && X && Kill);
  FlowProblem P;
  unsigned Bit = P.addBit();
  P.addDeclEvent(X, FlowEventKind::Gen, Bit);
  P.addEvent(Kill, FlowEventKind::Kill, Bit);
  FlowResult R = runFlowAnalysis(F, F->getBody(), Ctx, P);
  ASSERT_EQ(R.Leaks.size(), 1u);
  ASSERT_EQ(R.Leaks[0].size(), 1u);
  EXPECT_EQ(R.Leaks[0][0].K, FlowLeak::Return);
}

TEST(FlowAnalysis, BitsAreIndependent) {
  auto AST = buildAST((llvm::Twine(Prelude) +
                       "void f() { gen(); check(); kill(); }").str());
  ASTContext &Ctx = AST->getASTContext();
  const auto *F = findFirst<FunctionDecl>(*AST, functionDecl(hasName("f"), isDefinition()));
  auto Call = [&](StringRef N) {
    return findFirst<CallExpr>(*AST, callExpr(callee(functionDecl(hasName(N)))));
  };
  FlowProblem P;
  unsigned A = P.addBit(), B = P.addBit();
  P.addEvent(Call("gen"), FlowEventKind::Gen, A);
  P.addEvent(Call("check"), FlowEventKind::Gen, B);
  P.addEvent(Call("kill"), FlowEventKind::Kill, A);
  FlowResult R = runFlowAnalysis(F, F->getBody(), Ctx, P);
  ASSERT_EQ(R.Leaks.size(), 2u);
  EXPECT_TRUE(R.Leaks[A].empty());
  ASSERT_EQ(R.Leaks[B].size(), 1u);
  EXPECT_EQ(R.Leaks[B][0].K, FlowLeak::EndOfFunction);
}

TEST(FlowAnalysis, CoReturnIsAnExit) {
  Analysed X = analyse(R"(
    #include <coroutine>
    struct Task {
      struct promise_type {
        Task get_return_object() { return {}; }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
      };
    };
    Task f() {
      gen();
      if (cond()) co_return;
      kill();
    })");
  EXPECT_EQ(kinds(X), (std::vector<FlowLeak::Kind>{K::CoReturn}));
}

TEST(FlowAnalysis, OneLeakPerExit) {
  // Both the branch and the condition's block fall off the end.
  Analysed X = analyse("void f(int k) { gen(); if (k) { cond(); } }");
  EXPECT_EQ(kinds(X), (std::vector<FlowLeak::Kind>{K::EndOfFunction}));
}

/// Runs Gen at the first statement \p GenAt matches and Kill at the first
/// \p KillAt matches, in function "f" of Prelude + Code.
template <typename GenM, typename KillM>
std::vector<FlowLeak::Kind> genThenKill(llvm::StringRef Code, GenM GenAt,
                                        KillM KillAt) {
  auto AST = buildAST((llvm::Twine(Prelude) + Code).str());
  const auto *F =
      findFirst<FunctionDecl>(*AST, functionDecl(hasName("f"), isDefinition()));
  const auto *G = findFirst<Stmt>(*AST, GenAt);
  const auto *Kl = findFirst<Stmt>(*AST, KillAt);
  if (!F || !G || !Kl)
    return {FlowLeak::Overwritten}; // never expected below
  FlowProblem P;
  unsigned Bit = P.addBit();
  P.addEvent(G, FlowEventKind::Gen, Bit);
  P.addEvent(Kl, FlowEventKind::Kill, Bit);
  FlowResult R = runFlowAnalysis(F, F->getBody(), AST->getASTContext(), P);
  std::vector<FlowLeak::Kind> Kinds;
  for (const FlowLeak &L : R.Leaks[0])
    Kinds.push_back(L.K);
  return Kinds;
}

TEST(FlowAnalysis, EventsInOneExpressionRunInItsOrder) {
  // Events on references, not on calls: each runs where its operand is
  // evaluated (left to right for a call's arguments).
  const char *Code = "void sink(int, int); void f(int a, int b) { sink(a, b); }";
  auto Ref = [](StringRef N) {
    return declRefExpr(to(parmVarDecl(hasName(N))));
  };
  EXPECT_TRUE(genThenKill(Code, Ref("a"), Ref("b")).empty());
  EXPECT_EQ(genThenKill(Code, Ref("b"), Ref("a")),
            (std::vector<FlowLeak::Kind>{K::EndOfFunction}));
}

TEST(FlowAnalysis, EventsOnParenthesesMoveToTheEnclosingElement) {
  // The CFG has no element for parentheses: the kill runs with the call
  // around them.
  const char *Code = "int k(); void sink(int); void f() { gen(); sink((k())); }";
  EXPECT_TRUE(genThenKill(Code, callExpr(callee(functionDecl(hasName("gen")))),
                          parenExpr())
                  .empty());
  EXPECT_EQ(genThenKill("int k(); void sink(int); void f() { sink((k())); "
                        "gen(); }",
                        callExpr(callee(functionDecl(hasName("gen")))),
                        parenExpr()),
            (std::vector<FlowLeak::Kind>{K::EndOfFunction}));
}

// The structured proof (lib/flow/StructuredFlow) stands in for the CFG only
// where it proves there is nothing to report.  Each function below is
// analysed with and without it: the leaks must be the same, and the proof
// must hold exactly where the CFG finds none and the code is in the proof's
// reach (Proved says which).
struct ProofCase {
  const char *Code;
  bool Proved;
};

const ProofCase ProofCases[] = {
    {"void f() { gen(); if (cond()) { kill(); return; } kill(); }", true},
    {"void f() { gen(); if (cond()) return; kill(); }", false},
    {"void f() { if (cond()) { gen(); kill(); } else { gen(); kill(); } }",
     true},
    {"void f() { gen(); if (cond()) kill(); }", false},
    {"void f() { gen(); if (cond()) kill(); else kill(); }", true},
    {"void f() { for (int i = 0; i < 3; ++i) { gen(); kill(); } }", true},
    {"void f() { for (int i = 0; i < 3; ++i) { check(); kill(); } }", true},
    {"void f() { for (int i = 0; i < 3; ++i) { check(); if (cond()) "
     "continue; kill(); } }",
     false},
    {"void f() { while (cond()) { check(); if (cond()) { kill(); break; } "
     "kill(); } }",
     true},
    {"void f() { while (cond()) { check(); if (cond()) break; kill(); } }",
     false},
    {"void f() { gen(); while (cond()) { if (cond()) { kill(); return; } } "
     "kill(); }",
     true},
    {"void f() { gen(); do { if (cond()) continue; } while (cond()); kill(); }",
     true},
    {"void f() { int a[2] = {}; for (int x : a) { check(); if (x) { kill(); "
     "continue; } kill(); } }",
     true},
    {"void f() { for (;;) { check(); if (cond()) { kill(); return; } kill(); "
     "} }",
     true},
    {"void f() { for (int i = 0; i < 2; ++i) for (int j = 0; j < 2; ++j) { "
     "check(); kill(); } }",
     true},
    {"void f() { gen(); kill(); over(); }", true},
    {"void f() { gen(); over(); }", false},
    {"void f() { gen(); return /*quiet*/; }", true},
    {"void f() { gen(); if (cond()) fatal(); kill(); }", true},
    {"void f() { gen(); if (cond()) fatal(); }", false},
    {"void f() { gen(); if (false) return; kill(); }", false},
    {"void f() { gen(); cond() && (kill(), true); }", false},
    {"void f() { gen(); cond() ? kill() : kill(); }", false},
    {"void f() { gen(); auto l = [] { kill(); }; l(); }", false},
    {"void f() { gen(); if (cond()) throw 1; kill(); }", false},
    {"void f() { if (cond()) throw 1; gen(); kill(); }", true},
    {"void f() { gen(); try { cond(); } catch (...) {} kill(); }", false},
    {"void f(int k) { gen(); switch (k) { case 0: kill(); return; } kill(); }",
     false},
    {"void f() { gen(); goto out; out: kill(); }", false},
    {"void f() { gen(); kill(); return; gen(); }", true},
    {"void f() { gen(), kill(); }", false},
    {"void f() { while (true) { gen(); if (cond()) break; kill(); } kill(); "
     "}",
     true},
    {"void f() { while (true) { gen(); if (cond()) break; kill(); } }", false},
    {"void f() { gen(); ({ kill(); }); }", false},
};

TEST(FlowAnalysis, ProofAgreesWithTheCFG) {
  for (const ProofCase &C : ProofCases) {
    Analysed WithProof = analyse(C.Code);
    Analysed CFGOnly = analyse(C.Code, /*ProveFirst=*/false);
    ASSERT_TRUE(CFGOnly.R.Analyzed) << C.Code;
    EXPECT_EQ(kinds(WithProof), kinds(CFGOnly)) << C.Code;
    EXPECT_EQ(WithProof.Proved, C.Proved) << C.Code;
    // A proof where the CFG reports something would hide a leak.
    if (WithProof.Proved) {
      EXPECT_TRUE(kinds(CFGOnly).empty()) << C.Code;
    }
  }
}

TEST(FlowAnalysis, NothingToTrackBuildsNoCFG) {
  auto AST = buildAST("void f() {}");
  const auto *F = findFirst<FunctionDecl>(*AST, functionDecl(hasName("f")));
  FlowProblem P;
  FlowResult R = runFlowAnalysis(F, F->getBody(), AST->getASTContext(), P);
  EXPECT_FALSE(R.Analyzed);
}

} // namespace
} // namespace context_tidy::test
