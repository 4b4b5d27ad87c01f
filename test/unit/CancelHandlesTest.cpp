//===- CancelHandlesTest.cpp - Where a factory's cancel handle is ---------===//
#include "lib/flow/CancelHandles.h"
#include "TestAST.h"

#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class CancelHandlesTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) { AST = buildAST(Code); }
  QualType typeOf(llvm::StringRef Var) {
    const auto *V = findFirst<ValueDecl>(
        *AST, valueDecl(isExpansionInMainFile(), hasName(Var)));
    EXPECT_NE(V, nullptr) << Var.str();
    return V ? V->getType() : QualType();
  }
  /// The type a function returns.
  QualType returnOf(llvm::StringRef Fn) {
    const auto *F = findFirst<FunctionDecl>(*AST, functionDecl(hasName(Fn)));
    EXPECT_NE(F, nullptr) << Fn.str();
    return F ? F->getReturnType() : QualType();
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST_F(CancelHandlesTest, RecognisesInvocableHandles) {
  parse(R"(
    #include <functional>
    #include <memory>
    #include <gocxx/context.h>
    #include <goincpp/context.h>
    std::function<void()> f;
    std::function<void(int)> withArg;
    void (*fp)();
    auto lambda = [] {};
    goincpp::CancelFunc callable;
    gocxx::context::CancelCauseFunc cause;
    gocxx::context::ContextPtr ctx;
    int number;
  )");
  EXPECT_TRUE(isCancelHandleType(typeOf("f"), M));
  EXPECT_FALSE(isCancelHandleType(typeOf("withArg"), M));
  EXPECT_TRUE(isCancelHandleType(typeOf("withArg"), M, /*TakesCause=*/true));
  EXPECT_TRUE(isCancelHandleType(typeOf("fp"), M));
  EXPECT_TRUE(isCancelHandleType(typeOf("lambda"), M));
  EXPECT_TRUE(isCancelHandleType(typeOf("callable"), M));
  // A typedef the model names a cancel handle, whatever its signature.
  EXPECT_TRUE(isCancelHandleType(typeOf("cause"), M));
  EXPECT_FALSE(isCancelHandleType(typeOf("ctx"), M));
  EXPECT_FALSE(isCancelHandleType(typeOf("number"), M));
}

TEST_F(CancelHandlesTest, FindsTheHandleInEachPortsResult) {
  parse(R"(
    #include <golang/context.h>
    #include <bongo/context.h>
    #include <gocxx/context.h>
    #include <goincpp/context.h>
    #include <azure/core/context.hpp>
    #include <optional>
    std::optional<std::pair<int, std::function<void()>>> opt();
    void use() {
      (void)golang::context::with_cancel({});
      (void)bongo::context::with_cancel({});
      (void)gocxx::context::WithCancel({});
      (void)goincpp::withCancel({});
      (void)opt();
    }
  )");
  auto Pair = findCancelHandle(returnOf("::golang::context::with_cancel"), M);
  ASSERT_TRUE(Pair.has_value());
  EXPECT_FALSE(Pair->Wrapped);
  EXPECT_EQ(Pair->Index, 1);
  ASSERT_NE(Pair->Field, nullptr);
  EXPECT_EQ(Pair->Field->getName(), "second");

  auto Tuple = findCancelHandle(returnOf("::bongo::context::with_cancel"), M);
  ASSERT_TRUE(Tuple.has_value());
  EXPECT_FALSE(Tuple->Wrapped);
  EXPECT_EQ(Tuple->Index, 1);
  EXPECT_EQ(Tuple->Field, nullptr);

  auto Result = findCancelHandle(returnOf("::gocxx::context::WithCancel"), M);
  ASSERT_TRUE(Result.has_value());
  EXPECT_TRUE(Result->Wrapped);
  EXPECT_EQ(Result->Index, 1);

  auto Struct = findCancelHandle(returnOf("::goincpp::withCancel"), M);
  ASSERT_TRUE(Struct.has_value());
  EXPECT_EQ(Struct->Index, 1);
  ASSERT_NE(Struct->Field, nullptr);
  EXPECT_EQ(Struct->Field->getName(), "cancel");

  auto Optional = findCancelHandle(returnOf("opt"), M);
  ASSERT_TRUE(Optional.has_value());
  EXPECT_TRUE(Optional->Wrapped);

  // Azure's WithDeadline returns a context: no handle at all.
  EXPECT_FALSE(findCancelHandle(returnOf("::Azure::Core::Context::WithDeadline"), M));
}

TEST_F(CancelHandlesTest, CauseHandlesNeedTheCauseFlag) {
  parse(R"(
    #include <functional>
    struct WithCause {
      int ctx;
      std::function<void(const char *)> cancel;
    };
    WithCause make();
    void use() { (void)make(); }
  )");
  QualType R = returnOf("make");
  EXPECT_FALSE(findCancelHandle(R, M, /*TakesCause=*/false));
  auto S = findCancelHandle(R, M, /*TakesCause=*/true);
  ASSERT_TRUE(S.has_value());
  EXPECT_EQ(S->Field->getName(), "cancel");
}

TEST_F(CancelHandlesTest, TwoCallableElementsAreAmbiguous) {
  parse(R"(
    #include <functional>
    #include <utility>
    std::pair<std::function<void()>, std::function<void()>> twice();
    void use() { (void)twice(); }
  )");
  EXPECT_FALSE(findCancelHandle(returnOf("twice"), M));
}

TEST_F(CancelHandlesTest, ReadsElementsUnwrapsAndTies) {
  parse(R"(
    #include <gocxx/context.h>
    #include <golang/context.h>
    #include <tuple>
    void use(gocxx::context::ContextPtr p, golang::context::Context g) {
      auto r = gocxx::context::WithCancel(p);
      auto a = r.value().second;
      auto b = r->first;
      auto q = golang::context::with_cancel(g);
      auto c = std::get<1>(q);
      golang::context::Context ctx;
      golang::func<void()> cancel;
      std::tie(ctx, cancel) = q;
    }
  )");
  auto Shape = findCancelHandle(returnOf("::gocxx::context::WithCancel"), M);
  ASSERT_TRUE(Shape.has_value());

  const auto *Second = findFirst<MemberExpr>(
      *AST, memberExpr(isExpansionInMainFile(), member(hasName("second"))));
  ASSERT_NE(Second, nullptr);
  std::optional<ElementRead> R = elementRead(Second, M);
  ASSERT_TRUE(R.has_value());
  EXPECT_TRUE(readsHandle(*R, *Shape));
  // The object is r.value(), which unwraps r.
  const auto *Value = dyn_cast<CXXMemberCallExpr>(R->Object->IgnoreImplicit());
  ASSERT_NE(Value, nullptr);
  EXPECT_NE(unwrappedObject(Value, M), nullptr);

  const auto *First = findFirst<MemberExpr>(
      *AST, memberExpr(isExpansionInMainFile(), member(hasName("first"))));
  ASSERT_NE(First, nullptr);
  R = elementRead(First, M);
  ASSERT_TRUE(R.has_value());
  EXPECT_FALSE(readsHandle(*R, *Shape));
  const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(R->Object->IgnoreImplicit());
  ASSERT_NE(Arrow, nullptr);
  EXPECT_NE(unwrappedObject(Arrow, M), nullptr);

  const auto *Get = findFirst<CallExpr>(
      *AST, callExpr(isExpansionInMainFile(), callee(functionDecl(hasName("get")))));
  ASSERT_NE(Get, nullptr);
  R = elementRead(Get, M);
  ASSERT_TRUE(R.has_value());
  EXPECT_EQ(R->Index, 1);
  EXPECT_EQ(tieCall(Get, M), nullptr);

  const auto *Tie = findFirst<CallExpr>(
      *AST, callExpr(isExpansionInMainFile(), callee(functionDecl(hasName("tie")))));
  ASSERT_NE(Tie, nullptr);
  EXPECT_EQ(tieCall(Tie, M), Tie);
  EXPECT_FALSE(elementRead(Tie, M).has_value());
}

TEST_F(CancelHandlesTest, BindingIndexIsThePosition) {
  parse(R"(
    #include <golang/context.h>
    void use(golang::context::Context g) {
      auto [ctx, cancel] = golang::context::with_cancel(g);
    }
  )");
  const auto *B = findFirst<BindingDecl>(*AST, bindingDecl(hasName("cancel")));
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(bindingIndex(B), 1);
  const auto *C = findFirst<BindingDecl>(*AST, bindingDecl(hasName("ctx")));
  EXPECT_EQ(bindingIndex(C), 0);
}

} // namespace
} // namespace context_tidy::test
