//===- StopWakersTest.cpp - Which waits the stop path wakes up ------------===//
#include "lib/waits/StopWakers.h"
#include "TestAST.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class StopWakersTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) {
    AST = buildAST(("#include <condition_variable>\n#include <functional>\n"
                    "#include <semaphore>\n"
                    "#include <stop_token>\n#include <thread>\n" +
                    Code)
                       .str());
  }
  const Stmt *body(llvm::StringRef Fn) {
    const auto *F = findFirst<FunctionDecl>(
        *AST, functionDecl(isExpansionInMainFile(), isDefinition(),
                           hasName(Fn)));
    EXPECT_NE(F, nullptr) << Fn.str();
    return F ? F->getBody() : nullptr;
  }
  const ValueDecl *object(llvm::StringRef Name) {
    const auto *D = findFirst<ValueDecl>(
        *AST, valueDecl(isExpansionInMainFile(), hasName(Name),
                        anyOf(varDecl(), fieldDecl())));
    EXPECT_NE(D, nullptr) << Name.str();
    return D;
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST_F(StopWakersTest, StopCallbacksThatWakeTheObject) {
  parse(R"(
    std::condition_variable cv, other;
    std::counting_semaphore<1> sem{0};
    void callback(std::stop_token st) {
      std::stop_callback cb(st, [] { cv.notify_all(); });
    }
    void named(std::stop_token st) {
      auto wake = [] { sem.release(); };
      std::stop_callback cb(st, wake);
    }
    void helper() { other.notify_one(); }
    void throughHelper(std::stop_token st) {
      std::stop_callback cb(st, [] { helper(); });
    }
    void plainNotify() { cv.notify_all(); }
  )");
  StopWakers W(M);
  EXPECT_TRUE(W.bodyWakesOnStop(body("callback"), object("cv")));
  EXPECT_FALSE(W.bodyWakesOnStop(body("callback"), object("other")));
  EXPECT_TRUE(W.bodyWakesOnStop(body("named"), object("sem")));
  EXPECT_TRUE(W.bodyWakesOnStop(body("throughHelper"), object("other")))
      << "one call deep";
  EXPECT_FALSE(W.bodyWakesOnStop(body("plainNotify"), object("cv")))
      << "no stop request, no callback";
}

TEST_F(StopWakersTest, RequestStopAndWakeInOneFunction) {
  parse(R"(
    struct Worker {
      ~Worker() {
        thread_.request_stop();
        sem_.release();
      }
      void poke() { idle_.release(); }
      std::counting_semaphore<4> sem_{0}, idle_{0};
      std::jthread thread_;
    };
    struct Held {
      Held() : cb_(src_.get_token(), [this] { cv_.notify_all(); }) {}
      std::stop_source src_;
      std::condition_variable cv_;
      std::stop_callback<std::function<void()>> cb_;
    };
    std::condition_variable local;
    void owner(std::stop_source src) {
      src.request_stop();
      local.notify_all();
    }
  )");
  StopWakers W(M);
  EXPECT_TRUE(W.classWakesOnStop(cast<FieldDecl>(object("sem_"))));
  EXPECT_FALSE(W.classWakesOnStop(cast<FieldDecl>(object("idle_"))));
  EXPECT_TRUE(W.classWakesOnStop(cast<FieldDecl>(object("cv_"))))
      << "a stop callback member initialised in the constructor";
  EXPECT_TRUE(W.bodyWakesOnStop(body("owner"), object("local")));
  const Stmt *Owner = body("owner");
  const SourceManager &SM = AST->getSourceManager();
  SourceLocation Start = cast<CompoundStmt>(Owner)->getLBracLoc();
  SourceLocation End = cast<CompoundStmt>(Owner)->getRBracLoc();
  EXPECT_FALSE(W.requestsStopBefore(Owner, Start, SM));
  EXPECT_TRUE(W.requestsStopBefore(Owner, End, SM));
}

} // namespace
} // namespace context_tidy::test
