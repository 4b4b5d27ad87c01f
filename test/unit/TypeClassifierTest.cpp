//===- TypeClassifierTest.cpp - Context-like types ------------------------===//
#include "lib/model/TypeClassifier.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class TypeClassifierTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) { AST = buildAST(Code); }
  QualType typeOf(llvm::StringRef Var) {
    const auto *V = findFirst<ValueDecl>(*AST, valueDecl(isExpansionInMainFile(), hasName(Var)));
    EXPECT_NE(V, nullptr) << Var.str();
    return V ? V->getType() : QualType();
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST_F(TypeClassifierTest, ClassifiesWhatATypeIs) {
  parse(R"(
    #include <stop_token>
    #include <gocxx/context.h>
    #include <folly/CancellationToken.h>
    #include <seastar/core/abort_source.hh>
    std::stop_token tok; std::stop_source src;
    gocxx::context::CancelFunc cancel;
    std::function<void()> plain;
    folly::CancellationToken ftok;
    seastar::abort_source as;
    gocxx::context::Context *raw;
    const std::stop_token &ref = tok;
  )");
  EXPECT_EQ(classifyType(typeOf("tok"), M), ContextKind::Token);
  EXPECT_EQ(classifyType(typeOf("ref"), M), ContextKind::Token);
  EXPECT_EQ(classifyType(typeOf("src"), M), ContextKind::Source);
  EXPECT_EQ(classifyType(typeOf("cancel"), M), ContextKind::CancelHandle);
  EXPECT_EQ(classifyType(typeOf("plain"), M), ContextKind::None);
  EXPECT_EQ(classifyType(typeOf("ftok"), M), ContextKind::Token);
  EXPECT_EQ(classifyType(typeOf("as"), M), ContextKind::Source);
  // A pointer is not itself a context; it refers to one.
  EXPECT_EQ(classifyType(typeOf("raw"), M), ContextKind::None);
  EXPECT_EQ(classifyReferent(typeOf("raw"), M), ContextKind::Context);
}

TEST_F(TypeClassifierTest, LooksThroughSmartPointers) {
  parse(R"(
    #include <gocxx/context.h>
    #include <golang/context.h>
    gocxx::context::ContextPtr p;
    std::unique_ptr<gocxx::context::Context> u;
    golang::context::Context g;
    std::vector<gocxx::context::ContextPtr> *notAHandle;
  )");
  EXPECT_EQ(classifyReferent(typeOf("p"), M), ContextKind::Context);
  EXPECT_EQ(classifyReferent(typeOf("u"), M), ContextKind::Context);
  EXPECT_EQ(classifyReferent(typeOf("g"), M), ContextKind::Context);
  EXPECT_EQ(classifyReferent(typeOf("notAHandle"), M), ContextKind::None);
}

TEST_F(TypeClassifierTest, FindsContextsInsideCompositeTypes) {
  parse(R"(
    #include <gocxx/context.h>
    #include <map>
    #include <optional>
    #include <stop_token>
    #include <thread>
    #include <tuple>
    #include <variant>
    #include <vector>
    std::vector<gocxx::context::ContextPtr> v;
    std::optional<std::pair<int, std::stop_source>> o;
    std::tuple<int, std::variant<long, gocxx::context::CancelFunc>> t;
    std::jthread thread;
    std::map<gocxx::context::ContextPtr, int> keyed;
    std::stop_token arr[3];
    struct Holder { std::stop_token t; } holder;
  )");
  auto V = findContextLike(typeOf("v"), M);
  ASSERT_TRUE(V.has_value());
  EXPECT_EQ(V->Kind, ContextKind::Context);
  EXPECT_EQ(V->Path.size(), 3u); // vector, shared_ptr, Context
  EXPECT_EQ(findContextLike(typeOf("o"), M)->Kind, ContextKind::Source);
  EXPECT_EQ(findContextLike(typeOf("t"), M)->Kind, ContextKind::CancelHandle);
  EXPECT_EQ(findContextLike(typeOf("arr"), M)->Kind, ContextKind::Token);
  // Members of arbitrary classes do not count.
  EXPECT_FALSE(findContextLike(typeOf("thread"), M).has_value());
  EXPECT_FALSE(findContextLike(typeOf("holder"), M).has_value());
  // Keys are found; mapTypes() tells them apart.
  EXPECT_TRUE(findContextLike(typeOf("keyed"), M).has_value());
  auto KV = mapTypes(typeOf("keyed"), M);
  ASSERT_TRUE(KV.has_value());
  EXPECT_EQ(classifyReferent(KV->first, M), ContextKind::Context);
  EXPECT_EQ(classifyReferent(KV->second, M), ContextKind::None);
}

TEST_F(TypeClassifierTest, MapKeysAndMapValues) {
  parse(R"(
    #include <gocxx/context.h>
    #include <map>
    #include <stop_token>
    #include <unordered_map>
    #include <vector>
    std::map<gocxx::context::ContextPtr, int> keyed;
    std::map<int, std::pair<long, std::stop_source>> valued;
    using Alias = std::unordered_map<int, gocxx::context::CancelFunc>;
    Alias aliased;
    std::vector<std::map<gocxx::context::ContextPtr, int>> nestedKeys;
    std::vector<std::stop_token> notAMap;
  )");
  FindOptions NoKeys;
  NoKeys.MapKeys = false;
  // Keys are walked by default, and not when asked.
  EXPECT_TRUE(findContextLike(typeOf("keyed"), M).has_value());
  EXPECT_FALSE(findContextLike(typeOf("keyed"), M, NoKeys).has_value());
  EXPECT_FALSE(findContextLike(typeOf("nestedKeys"), M, NoKeys).has_value());
  EXPECT_FALSE(findContextLikeMapValue(typeOf("keyed"), M).has_value());

  auto V = findContextLikeMapValue(typeOf("valued"), M);
  ASSERT_TRUE(V.has_value());
  EXPECT_EQ(V->Kind, ContextKind::Source);
  // map -> pair (argument 1) -> stop_source (argument 1 of the pair)
  ASSERT_EQ(V->Path.size(), 3u);
  ASSERT_EQ(V->ArgIndex.size(), 3u);
  EXPECT_EQ(V->ArgIndex[0], -1);
  EXPECT_EQ(V->ArgIndex[1], 1);
  EXPECT_EQ(V->ArgIndex[2], 1);

  auto A = findContextLikeMapValue(typeOf("aliased"), M);
  ASSERT_TRUE(A.has_value());
  EXPECT_EQ(A->Kind, ContextKind::CancelHandle);
  EXPECT_FALSE(findContextLikeMapValue(typeOf("notAMap"), M).has_value());

  // A container element is reached through its argument 0.
  auto P = findContextLike(typeOf("notAMap"), M, NoKeys);
  ASSERT_TRUE(P.has_value());
  EXPECT_EQ(P->ArgIndex.back(), 0);
}

} // namespace
} // namespace context_tidy::test
