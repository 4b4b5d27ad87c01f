//===- NameMatchTest.cpp - Qualified names and name patterns --------------===//
#include "lib/model/NameMatch.h"
#include "TestAST.h"

#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

std::string qualifiedNameOf(llvm::StringRef Code, llvm::StringRef Name) {
  auto AST = buildAST(Code);
  const auto *D = findFirst<NamedDecl>(*AST, namedDecl(hasName(Name)));
  EXPECT_NE(D, nullptr) << Name.str();
  return D ? qualifiedName(D) : "";
}

TEST(QualifiedName, DropsInlineNamespaces) {
  EXPECT_EQ(qualifiedNameOf("namespace std { inline namespace __1 {"
                            " class stop_token {}; } }",
                            "stop_token"),
            "std::stop_token");
  EXPECT_EQ(qualifiedNameOf("namespace std { namespace chrono {"
                            " inline namespace _V2 { struct steady_clock {"
                            " static int now(); }; } } }",
                            "now"),
            "std::chrono::steady_clock::now");
}

TEST(QualifiedName, HasNoTemplateArguments) {
  auto AST = buildAST("namespace ns { template <class T> struct F {"
                      " void get() {} }; }"
                      "void use() { ns::F<int> f; f.get(); }");
  const auto *Call = findFirst<CXXMemberCallExpr>(*AST, cxxMemberCallExpr());
  ASSERT_NE(Call, nullptr);
  EXPECT_EQ(qualifiedName(Call->getMethodDecl()), "ns::F::get");
}

TEST(QualifiedName, NamesAnonymousNamespacesAndConstructors) {
  EXPECT_EQ(qualifiedNameOf("namespace { namespace a { int v; } }", "v"),
            "(anonymous namespace)::a::v");
  auto AST = buildAST("namespace a { struct T { T(int) {} }; } a::T t(1);");
  const auto *C = findFirst<CXXConstructorDecl>(*AST, cxxConstructorDecl());
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(qualifiedName(C), "a::T::T");
  EXPECT_EQ(simpleName(C), "T");
}

TEST(QualifiedName, SpellsOperators) {
  auto AST = buildAST("struct F { void operator()() {} };");
  const auto *M = findFirst<CXXMethodDecl>(*AST, cxxMethodDecl());
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(simpleName(M), "operator()");
  EXPECT_EQ(qualifiedName(M), "F::operator()");
}

std::vector<unsigned> matches(const NameTable &T, llvm::StringRef Qualified) {
  llvm::StringRef Last = Qualified;
  size_t Sep = Qualified.rfind("::");
  if (Sep != llvm::StringRef::npos)
    Last = Qualified.substr(Sep + 2);
  llvm::SmallVector<unsigned, 4> Out;
  if (T.mayMatch(Last))
    T.match(Last, Qualified, Out);
  return {Out.begin(), Out.end()};
}

TEST(NameTable, SuffixesMatchOnlyAtScopeBoundaries) {
  NameTable T;
  ASSERT_TRUE(T.add("context::WithCancel", 1));
  ASSERT_TRUE(T.add("WithTimeout", 2));
  EXPECT_EQ(matches(T, "context::WithCancel"), std::vector<unsigned>{1});
  EXPECT_EQ(matches(T, "gocxx::context::WithCancel"), std::vector<unsigned>{1});
  EXPECT_TRUE(matches(T, "gocxx::mycontext::WithCancel").empty());
  EXPECT_TRUE(matches(T, "WithCancel").empty());
  EXPECT_EQ(matches(T, "a::b::WithTimeout"), std::vector<unsigned>{2});
  EXPECT_TRUE(matches(T, "a::b::MyWithTimeout").empty());
  EXPECT_FALSE(T.mayMatch("Other"));
}

TEST(NameTable, FullyQualifiedPatternsMatchWholeNames) {
  NameTable T;
  ASSERT_TRUE(T.add("::std::stop_token", 7));
  EXPECT_EQ(matches(T, "std::stop_token"), std::vector<unsigned>{7});
  EXPECT_TRUE(matches(T, "boost::std::stop_token").empty());
}

TEST(NameTable, RegularExpressionsAreAnchored) {
  NameTable T;
  ASSERT_TRUE(T.add("::folly::F14.*Map", 3));
  ASSERT_TRUE(T.add("ASSERT_.*", 4));
  EXPECT_EQ(matches(T, "folly::F14FastMap"), std::vector<unsigned>{3});
  EXPECT_TRUE(matches(T, "folly::F14FastMapX::y").empty());
  EXPECT_TRUE(matches(T, "x::folly::F14FastMap").empty());
  std::vector<unsigned> Out;
  llvm::SmallVector<unsigned, 2> Hits;
  T.matchUnqualified("ASSERT_EQ", Hits);
  EXPECT_EQ(Hits.size(), 1u);
  Hits.clear();
  T.matchUnqualified("EXPECT_EQ", Hits);
  EXPECT_TRUE(Hits.empty());
}

TEST(NameTable, RejectsInvalidRegularExpressions) {
  NameTable T;
  std::string Error;
  EXPECT_FALSE(T.add("broken(", 1, &Error));
  EXPECT_FALSE(Error.empty());
  EXPECT_TRUE(T.empty());
}

TEST(NameTable, RejectsLiteralsThatNameNothing) {
  NameTable T;
  for (const char *Pattern : {"::", "a::", "::::b", "a::::b", "retry_for:x"}) {
    std::string Error;
    EXPECT_FALSE(T.add(Pattern, 1, &Error)) << Pattern;
    EXPECT_FALSE(Error.empty()) << Pattern;
  }
  EXPECT_TRUE(T.empty());
  EXPECT_TRUE(T.add("", 1));
  EXPECT_TRUE(T.add(" ::a::b ", 1));
  EXPECT_FALSE(T.empty());
}

} // namespace
} // namespace context_tidy::test
