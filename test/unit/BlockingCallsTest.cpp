//===- BlockingCallsTest.cpp - Calls that block ---------------------------===//
#include "FindCalls.h"
#include "lib/waits/BlockingCalls.h"

#include "clang/AST/DeclCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class BlockingCallsTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) { AST = buildAST(Code); }
  std::optional<BlindCall> classify(llvm::StringRef In, llvm::StringRef Callee,
                                    unsigned N = 0, double MinSleep = 0.1) {
    const CallExpr *C = callIn(*AST, In, Callee, N);
    if (!C)
      return std::nullopt;
    return classifyBlockingCall(C, AST->getASTContext(), M, MinSleep);
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST(DurationString, ParsesNumbersWithUnits) {
  EXPECT_DOUBLE_EQ(*parseDurationString("100ms"), 0.1);
  EXPECT_DOUBLE_EQ(*parseDurationString("1s"), 1.0);
  EXPECT_DOUBLE_EQ(*parseDurationString(" 250us "), 250e-6);
  EXPECT_DOUBLE_EQ(*parseDurationString("500ns"), 500e-9);
  EXPECT_DOUBLE_EQ(*parseDurationString("2min"), 120.0);
  EXPECT_DOUBLE_EQ(*parseDurationString("1h"), 3600.0);
  EXPECT_DOUBLE_EQ(*parseDurationString("0.5s"), 0.5);
  EXPECT_DOUBLE_EQ(*parseDurationString("0ms"), 0.0);
  EXPECT_FALSE(parseDurationString(""));
  EXPECT_FALSE(parseDurationString("ms"));
  EXPECT_FALSE(parseDurationString("100"));
  EXPECT_FALSE(parseDurationString("-1s"));
  EXPECT_FALSE(parseDurationString("10 parsecs"));
  EXPECT_FALSE(parseDurationString("1.2.3s"));
}

TEST_F(BlockingCallsTest, StandardWaitsAreBlindUnlessAwareOrBounded) {
  parse(R"(
    #include <condition_variable>
    #include <future>
    #include <mutex>
    #include <thread>
    std::mutex m;
    std::condition_variable cv;
    std::condition_variable_any cva;
    void probe(std::stop_token st, std::future<int> f, std::thread &t,
               std::jthread &jt) {
      std::unique_lock<std::mutex> lk(m);
      cv.wait(lk);
      cva.wait(lk, [] { return true; });
      cva.wait(lk, st, [] { return true; });
      (void)std::move(f).get();
      t.join();
      jt.join();
      cv.wait_for(lk, std::chrono::seconds(1));
    }
  )");
  auto Wait = classify("probe", "wait", 0);
  ASSERT_TRUE(Wait);
  EXPECT_EQ(Wait->Kind, BlockingKind::Wait);
  EXPECT_EQ(Wait->Name, "wait");
  ASSERT_NE(Wait->Object, nullptr);
  EXPECT_EQ(Wait->Object->getName(), "cv");
  EXPECT_TRUE(classify("probe", "wait", 1));
  EXPECT_FALSE(classify("probe", "wait", 2)) << "takes the stop token";
  auto Get = classify("probe", "get");
  ASSERT_TRUE(Get);
  ASSERT_NE(Get->Object, nullptr);
  EXPECT_EQ(Get->Object->getName(), "f") << "through std::move";
  EXPECT_TRUE(classify("probe", "join", 0));
  EXPECT_FALSE(classify("probe", "join", 1)) << "jthread::join";
  EXPECT_FALSE(classify("probe", "wait_for"));
}

TEST_F(BlockingCallsTest, SleepsShorterThanTheMinimumAreNotWaits) {
  parse(R"(
    #include <chrono>
    #include <thread>
    using namespace std::chrono_literals;
    void probe(std::chrono::seconds configured) {
      std::this_thread::sleep_for(10ms);
      std::this_thread::sleep_for(1s);
      std::this_thread::sleep_for(configured);
      std::this_thread::sleep_until(std::chrono::steady_clock::now() + 50ms);
      std::this_thread::sleep_until(std::chrono::steady_clock::now() + 3s);
    }
  )");
  EXPECT_FALSE(classify("probe", "sleep_for", 0));
  auto Long = classify("probe", "sleep_for", 1);
  ASSERT_TRUE(Long);
  EXPECT_EQ(Long->Kind, BlockingKind::Sleep);
  ASSERT_TRUE(Long->SleepLength);
  EXPECT_EQ(Long->SleepLength->format(), "1s");
  EXPECT_FALSE(classify("probe", "sleep_for", 1, /*MinSleep=*/2.0));
  auto Unknown = classify("probe", "sleep_for", 2);
  ASSERT_TRUE(Unknown);
  EXPECT_FALSE(Unknown->SleepLength);
  EXPECT_FALSE(classify("probe", "sleep_until", 0));
  auto Until = classify("probe", "sleep_until", 1);
  ASSERT_TRUE(Until);
  EXPECT_EQ(Until->SleepLength->format(), "3s");
}

TEST_F(BlockingCallsTest, FollyBoundedFormsAndObjects) {
  parse(R"(
    #include <folly/futures/Future.h>
    #include <folly/synchronization/Baton.h>
    #include <utility>
    struct Holder {
      folly::Baton<> baton;
      void probe(folly::Future<int> f, folly::Baton<> *p) {
        baton.wait();
        p->wait();
        (void)std::move(f).get();
        (void)std::move(f).get(std::chrono::seconds(1));
      }
    };
  )");
  auto Member = classify("probe", "wait", 0);
  ASSERT_TRUE(Member);
  ASSERT_NE(Member->Object, nullptr);
  EXPECT_TRUE(isa<FieldDecl>(Member->Object));
  EXPECT_EQ(Member->Object->getName(), "baton");
  auto Pointer = classify("probe", "wait", 1);
  ASSERT_TRUE(Pointer && Pointer->Object);
  EXPECT_EQ(Pointer->Object->getName(), "p");
  EXPECT_TRUE(classify("probe", "get", 0));
  EXPECT_FALSE(classify("probe", "get", 1)) << "get(Duration) is bounded";
}

TEST_F(BlockingCallsTest, SelectsNeedADoneOrDefaultCase) {
  parse(R"(
    #include <golang/context.h>
    #include <bongo/context.h>
    using namespace golang;
    void probe(context::Context ctx, chan<int> ch) {
      int v;
      select({ch.recvs(&v)});
      select({ch.recvs(&v), _default});
      select({ctx->done().recvs(), ch.recvs(&v)});
    }
    void other(bongo::context::context_type ctx, bongo::channel<int> &ch) {
      bongo::select(bongo::recv_case<int>(ch, [&](int) { ctx->done(); }));
      bongo::select(bongo::recv_case<int>(ch, [](int) {}), bongo::default_case([] {}));
    }
  )");
  for (unsigned I = 0; I < 3; ++I) {
    auto S = classify("probe", "select", I);
    ASSERT_TRUE(S);
    EXPECT_EQ(S->Kind, BlockingKind::Select);
    EXPECT_EQ(selectObservesCancellation(S->Call, M), I != 0) << I;
  }
  auto Handler = classify("other", "select", 0);
  ASSERT_TRUE(Handler);
  EXPECT_FALSE(selectObservesCancellation(Handler->Call, M))
      << "a handler is not a case";
  auto Default = classify("other", "select", 1);
  ASSERT_TRUE(Default);
  EXPECT_TRUE(selectObservesCancellation(Default->Call, M));
}

TEST_F(BlockingCallsTest, FindsTheAwareOverload) {
  parse(R"(
    #include <condition_variable>
    #include <mutex>
    std::mutex m;
    std::condition_variable cv;
    std::condition_variable_any cva;
    void probe(std::stop_token st) {
      std::unique_lock<std::mutex> lk(m);
      cva.wait(lk, [] { return true; });
      cva.wait(lk);
      cv.wait(lk, [] { return true; });
    }
  )");
  const auto *P = findFirst<ParmVarDecl>(
      *AST, parmVarDecl(isExpansionInMainFile(), hasName("st")));
  ASSERT_NE(P, nullptr);
  const CallExpr *WithPred = callIn(*AST, "probe", "wait", 0);
  const CallExpr *NoPred = callIn(*AST, "probe", "wait", 1);
  const CallExpr *Plain = callIn(*AST, "probe", "wait", 2);
  EXPECT_EQ(awareOverloadTokenIndex(WithPred, P->getType()), 1u);
  EXPECT_FALSE(awareOverloadTokenIndex(NoPred, P->getType()));
  EXPECT_FALSE(awareOverloadTokenIndex(Plain, P->getType()));
  EXPECT_TRUE(hasAwareOverload(NoPred, M));
  EXPECT_FALSE(hasAwareOverload(Plain, M));
}

TEST_F(BlockingCallsTest, SpellsTheDoneChannel) {
  parse(R"(
    #include <golang/context.h>
    #include <gocxx/context.h>
    void a(golang::context::Context ctx);
    void b(gocxx::context::Context &ref, gocxx::context::ContextPtr ptr);
  )");
  auto Param = [&](llvm::StringRef Name) {
    return findFirst<ParmVarDecl>(
        *AST, parmVarDecl(isExpansionInMainFile(), hasName(Name)));
  };
  EXPECT_EQ(doneCallSpelling(Param("ctx"), M), "ctx->done()");
  EXPECT_EQ(doneCallSpelling(Param("ref"), M), "ref.Done()");
  EXPECT_EQ(doneCallSpelling(Param("ptr"), M), "ptr->Done()");
}

} // namespace
} // namespace context_tidy::test
