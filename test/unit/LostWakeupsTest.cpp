//===- LostWakeupsTest.cpp - Flag reads and unlocked flag tests -----------===//
#include "lib/waits/LostWakeups.h"
#include "FindCalls.h"
#include "TestAST.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class LostWakeupsTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) { AST = buildAST(Code); }
  /// The body of the function \p Fn.
  const Stmt *body(llvm::StringRef Fn) {
    const auto *B = findFirst<CompoundStmt>(
        *AST, compoundStmt(isExpansionInMainFile(),
                           hasParent(functionDecl(hasName(Fn)))));
    EXPECT_NE(B, nullptr) << Fn.str();
    return B;
  }
  const Stmt *loopIn(llvm::StringRef Fn) {
    const auto *L = findFirst<WhileStmt>(
        *AST, whileStmt(isExpansionInMainFile(),
                        hasAncestor(functionDecl(hasName(Fn)))));
    EXPECT_NE(L, nullptr) << Fn.str();
    return L;
  }
  const VarDecl *localIn(llvm::StringRef Fn, llvm::StringRef Name) {
    const auto *V = findFirst<VarDecl>(
        *AST, varDecl(isExpansionInMainFile(), hasName(Name),
                      hasAncestor(functionDecl(hasName(Fn)))));
    EXPECT_NE(V, nullptr) << Name.str();
    return V;
  }
  /// The names of \p Fields, sorted.
  static std::vector<std::string>
  names(llvm::ArrayRef<const FieldDecl *> Fields) {
    std::vector<std::string> Out;
    for (const FieldDecl *F : Fields)
      Out.push_back(F->getNameAsString());
    llvm::sort(Out);
    return Out;
  }
  unsigned line(SourceLocation Loc) {
    return AST->getSourceManager().getSpellingLineNumber(Loc);
  }
  /// flagsTestedOutsideLock on the while loop of \p Fn, its wait and its
  /// local `lock`.
  llvm::SmallVector<UnlockedFlagTest, 1>
  unlockedTests(llvm::StringRef Fn,
                llvm::ArrayRef<const FieldDecl *> PredicateFlags = {}) {
    return flagsTestedOutsideLock(loopIn(Fn), callIn(*AST, Fn, "wait"),
                                  localIn(Fn, "lock"), PredicateFlags,
                                  AST->getSourceManager());
  }
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(LostWakeupsTest, FlagReadsEachOnceAndFiltered) {
  parse(R"(
    #include <atomic>
    struct S {
      bool stop_ = false;
      std::atomic<bool> done_{false};
      int count_ = 0;
      int *ptr_ = nullptr;
      double ratio_ = 0;
      bool test() {
        bool a = stop_ && ptr_;
        bool b = done_ && count_ > 0 && ratio_ > 0;
        return a && b && stop_;
      }
    };
  )");
  const Stmt *Test = body("test");
  // Pointers and floating point are not flags; stop_ is read twice.
  EXPECT_EQ(names(flagReads(Test)),
            (std::vector<std::string>{"count_", "done_", "stop_"}));
  EXPECT_EQ(flagReads(Test).size(), 3u);
  EXPECT_EQ(exitFlags(Test), flagReads(Test));
  // With a filter: only the reads it accepts (here, by line).
  auto ReadOnLine = [&](unsigned N) {
    return names(flagReads(
        Test, [&](const Expr *E) { return line(E->getBeginLoc()) == N; }));
  };
  EXPECT_EQ(ReadOnLine(11), (std::vector<std::string>{"count_", "done_"}));
  EXPECT_EQ(ReadOnLine(12), (std::vector<std::string>{"stop_"}));
  EXPECT_TRUE(flagReads(Test, [](const Expr *) { return false; }).empty());
  EXPECT_TRUE(flagReads(nullptr).empty());
}

TEST_F(LostWakeupsTest, FlagTestedOutsideTheLockUnlessRetested) {
  parse(R"(
    #include <condition_variable>
    #include <mutex>
    struct W {
      std::mutex mu_;
      std::condition_variable cv_;
      bool stop_ = false;
      void unguarded() {
        while (!stop_) {
          std::unique_lock<std::mutex> lock(mu_);
          cv_.wait(lock);
        }
      }
      void retested() {
        while (!stop_) {
          std::unique_lock<std::mutex> lock(mu_);
          if (stop_)
            break;
          cv_.wait(lock);
        }
      }
      void readAfterTheWait() {
        while (!stop_) {
          std::unique_lock<std::mutex> lock(mu_);
          cv_.wait(lock);
          if (stop_)
            break;
        }
      }
    };
  )");
  llvm::SmallVector<UnlockedFlagTest, 1> Unguarded = unlockedTests("unguarded");
  ASSERT_EQ(Unguarded.size(), 1u);
  EXPECT_EQ(Unguarded[0].Flag->getName(), "stop_");
  EXPECT_EQ(line(Unguarded[0].Test), 9u) << "the loop's condition";
  // A read between the lock and the wait tests the flag again under it.
  EXPECT_TRUE(unlockedTests("retested").empty());
  // A read after the wait does not.
  EXPECT_EQ(unlockedTests("readAfterTheWait").size(), 1u);
  // Nor does the wait's predicate read it (its flags are passed in).
  const FieldDecl *Stop = Unguarded[0].Flag;
  EXPECT_TRUE(unlockedTests("unguarded", {Stop}).empty());
}

} // namespace
} // namespace context_tidy::test
