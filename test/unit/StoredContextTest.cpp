//===- StoredContextTest.cpp - Where declarations keep contexts -----------===//
#include "lib/contexts/StoredContext.h"
#include "lib/contexts/StoredContextFinder.h"
#include "FindCalls.h"
#include "TestAST.h"

#include "clang/AST/DeclTemplate.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

class StoredContextTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Code) { AST = buildAST(Code); }
  const VarDecl *var(llvm::StringRef Name) {
    const auto *V = findFirst<VarDecl>(
        *AST, varDecl(isExpansionInMainFile(), hasName(Name)));
    EXPECT_NE(V, nullptr) << Name.str();
    return V;
  }
  const FunctionDecl *function(llvm::StringRef Name) {
    const auto *F = findFirst<FunctionDecl>(
        *AST, functionDecl(isExpansionInMainFile(), hasName(Name)));
    EXPECT_NE(F, nullptr) << Name.str();
    return F;
  }
  std::string where(SourceLocation Loc) {
    const SourceManager &SM = AST->getSourceManager();
    return std::to_string(SM.getSpellingLineNumber(Loc)) + ":" +
           std::to_string(SM.getSpellingColumnNumber(Loc));
  }
  std::unique_ptr<ASTUnit> AST;
  ApiModel M;
};

TEST_F(StoredContextTest, StorageKinds) {
  parse(R"(
    #include <stop_token>
    std::stop_source global;
    static std::stop_source fileStatic;
    thread_local std::stop_source perThread;
    struct S { static std::stop_source member; };
    void f(std::stop_source param) {
      static std::stop_source local;
      std::stop_source automatic;
    }
  )");
  EXPECT_EQ(staticStorageKind(var("global")), StorageKind::Global);
  EXPECT_EQ(staticStorageKind(var("fileStatic")), StorageKind::Global);
  EXPECT_EQ(staticStorageKind(var("perThread")), StorageKind::ThreadLocal);
  EXPECT_EQ(staticStorageKind(var("member")), StorageKind::StaticMember);
  EXPECT_EQ(staticStorageKind(var("local")), StorageKind::StaticLocal);
  EXPECT_EQ(staticStorageKind(var("automatic")), StorageKind::None);
  EXPECT_EQ(staticStorageKind(var("param")), StorageKind::None);
  EXPECT_EQ(storageKindName(StorageKind::StaticMember), "static data member");
}

TEST_F(StoredContextTest, RootContextFunctions) {
  parse(R"(
    #include <gocxx/context.h>
    namespace lib {
    gocxx::context::ContextPtr Background();
    int TODO();
    gocxx::context::ContextPtr todo_later();
    }
  )");
  EXPECT_TRUE(isRootContextFunction(function("Background"), M));
  // ReturnsContext: a function so named that makes no context is not one.
  EXPECT_FALSE(isRootContextFunction(function("TODO"), M));
  EXPECT_FALSE(isRootContextFunction(function("todo_later"), M));
  EXPECT_FALSE(isRootContextFunction(nullptr, M));
}

TEST_F(StoredContextTest, NeverCancelledInitializers) {
  parse(R"(
    #include <stop_token>
    #include <gocxx/context.h>
    #include <folly/CancellationToken.h>
    std::stop_source src;
    std::stop_token none;
    std::stop_token braced{};
    std::stop_token temporary = std::stop_token();
    std::stop_token fromSource = src.get_token();
    std::stop_source noState(std::nostopstate);
    std::stop_source noStateCast = std::stop_source(std::nostopstate);
    std::stop_source withState;
    folly::CancellationToken follyNone;
    gocxx::context::ContextPtr root = gocxx::context::Background();
    gocxx::context::ContextPtr empty;
    std::stop_token *pointer = nullptr;
    extern std::stop_token declaredElsewhere;
  )");
  EXPECT_TRUE(hasNeverCancelledInitializer(var("none"), M));
  EXPECT_TRUE(hasNeverCancelledInitializer(var("braced"), M));
  EXPECT_TRUE(hasNeverCancelledInitializer(var("temporary"), M));
  EXPECT_FALSE(hasNeverCancelledInitializer(var("fromSource"), M));
  EXPECT_TRUE(hasNeverCancelledInitializer(var("noState"), M));
  EXPECT_TRUE(hasNeverCancelledInitializer(var("noStateCast"), M));
  EXPECT_FALSE(hasNeverCancelledInitializer(var("withState"), M));
  EXPECT_TRUE(hasNeverCancelledInitializer(var("follyNone"), M));
  EXPECT_TRUE(hasNeverCancelledInitializer(var("root"), M));
  EXPECT_FALSE(hasNeverCancelledInitializer(var("empty"), M));
  EXPECT_FALSE(hasNeverCancelledInitializer(var("pointer"), M));
  EXPECT_FALSE(hasNeverCancelledInitializer(var("declaredElsewhere"), M));
}

TEST_F(StoredContextTest, NeverCancelledTagIsInTheModel) {
  parse(R"(
    #include <stop_token>
    auto tag = std::nostopstate;
  )");
  EXPECT_NE(M.matchType(var("tag")->getType(), Role::NeverCancelledTag),
            nullptr);
  EXPECT_EQ(M.matchType(var("tag")->getType(), Role::TokenType), nullptr);
}

TEST_F(StoredContextTest, TemplateInstantiations) {
  parse(R"(
    #include <stop_token>
    template <class T> struct Registry { static T instance; T field; };
    template <class T> T Registry<T>::instance;
    template <class T> T &perType() { static T value; return value; }
    void use() {
      Registry<std::stop_source>::instance.request_stop();
      perType<std::stop_source>();
    }
  )");
  const auto *Inst = findFirst<VarDecl>(
      *AST, varDecl(hasName("instance"), hasType(cxxRecordDecl(hasName("::std::stop_source"))),
                    isExpansionInMainFile()));
  ASSERT_NE(Inst, nullptr);
  Inst = Inst->getCanonicalDecl();
  EXPECT_TRUE(isInTemplateInstantiation(Inst));
  const DeclaratorDecl *From = instantiatedFrom(Inst);
  ASSERT_NE(From, nullptr);
  EXPECT_TRUE(From->getType()->isDependentType());
  EXPECT_EQ(where(instantiationPoint(Inst)), "7:7");

  const auto *Value = findFirst<VarDecl>(
      *AST, varDecl(hasName("value"), hasType(cxxRecordDecl(hasName("::std::stop_source")))));
  ASSERT_NE(Value, nullptr);
  EXPECT_TRUE(isInTemplateInstantiation(Value));
  const DeclaratorDecl *ValueFrom = instantiatedFrom(Value);
  ASSERT_NE(ValueFrom, nullptr);
  EXPECT_NE(ValueFrom, Value);
  EXPECT_EQ(ValueFrom->getLocation(), Value->getLocation());
  EXPECT_EQ(where(instantiationPoint(Value)), "8:7");

  const auto *Field = findFirst<FieldDecl>(
      *AST, fieldDecl(hasName("field"), hasType(cxxRecordDecl(hasName("::std::stop_source")))));
  ASSERT_NE(Field, nullptr);
  EXPECT_TRUE(isInTemplateInstantiation(Field));
  ASSERT_NE(instantiatedFrom(Field), nullptr);
  EXPECT_TRUE(instantiatedFrom(Field)->getType()->isDependentType());

  // The pattern itself is not an instantiation.
  EXPECT_FALSE(isInTemplateInstantiation(From));
  EXPECT_FALSE(instantiationPoint(From).isValid());
}

TEST_F(StoredContextTest, WrittenLocationOfANestedType) {
  parse(R"(
    #include <gocxx/context.h>
    #include <map>
    #include <optional>
    #include <vector>
    using gocxx::context::ContextPtr;
    using List = std::vector<ContextPtr>;
    std::map<int, std::pair<long, ContextPtr>> pairs;
    List aliased;
    std::optional<ContextPtr> *pointer;
    auto deduced = std::vector<ContextPtr>();
  )");
  auto Locate = [&](llvm::StringRef Name, bool Map) -> std::string {
    const VarDecl *V = var(Name);
    std::optional<Containment> C =
        Map ? findContextLikeMapValue(V->getType(), M)
            : findContextLike(V->getType(), M);
    if (!C)
      return "not found";
    unsigned Handle = storedHandleIndex(*C, M, Map ? 1 : 0);
    if (!isNestedHandle(*C, Handle, Map ? 1 : 0))
      return "direct";
    TypeLoc TL =
        findPathTypeLoc(V->getTypeSourceInfo()->getTypeLoc(), *C, Handle);
    return TL.isNull() ? "unwritten" : where(TL.getBeginLoc());
  };
  EXPECT_EQ(Locate("pairs", true), "8:35");
  EXPECT_EQ(Locate("aliased", false), "7:30"); // inside the alias
  EXPECT_EQ(Locate("pointer", false), "10:19");
  EXPECT_EQ(Locate("deduced", false), "unwritten");
}

TEST_F(StoredContextTest, ArraysAreNotNesting) {
  parse(R"(
    #include <stop_token>
    #include <vector>
    std::stop_source sources[3];
    std::vector<std::stop_source> list;
    std::stop_source *pointer;
  )");
  auto Nested = [&](llvm::StringRef Name) {
    std::optional<Containment> C = findContextLike(var(Name)->getType(), M);
    EXPECT_TRUE(C.has_value()) << Name.str();
    return C && isNestedHandle(*C, storedHandleIndex(*C, M));
  };
  EXPECT_FALSE(Nested("sources"));
  EXPECT_TRUE(Nested("list"));
  EXPECT_FALSE(Nested("pointer"));
}

TEST_F(StoredContextTest, FinderDecidesStaticsAndMapsAtTheEnd) {
  parse(R"(
    #include <map>
    #include <stop_token>
    std::stop_source global;
    std::stop_token never;
    std::stop_token neverThenWritten;
    std::map<int, std::stop_source> registry;
    std::map<int, std::stop_source> leaky;
    std::map<int, std::stop_token> tokens;
    struct S { std::stop_source src_; };
    void f() { registry.erase(1); }
  )");
  ASTContext &Ctx = AST->getASTContext();
  const auto *Src = findFirst<FieldDecl>(*AST, fieldDecl(hasName("src_")));
  ASSERT_NE(Src, nullptr);
  std::vector<std::string> Reported;
  auto Record = [&](const StoredFinding &F) { Reported.push_back(F.Name); };

  StoredContextFinder Finder(M, StoredContextOptions());
  for (const char *Name :
       {"global", "never", "neverThenWritten", "registry", "leaky", "tokens"})
    Finder.checkVar(var(Name), Ctx, Record);
  Finder.checkField(Src, Ctx, Record);
  // A map of tokens is reported at once; members only with CheckMembers.
  EXPECT_EQ(Reported, std::vector<std::string>{"tokens"});
  EXPECT_TRUE(Finder.hasPendingStatics());
  EXPECT_TRUE(Finder.hasPendingMaps());
  Finder.noteWritten(var("neverThenWritten"));
  Finder.noteErasure(callIn(*AST, "f", "erase"), var("registry"), nullptr);
  Finder.finish(Record);
  // Never cancelled and never written: exempt; erased from: a registry.
  EXPECT_EQ(Reported, (std::vector<std::string>{"tokens", "global",
                                                "neverThenWritten", "leaky"}));
  EXPECT_FALSE(Finder.hasPendingStatics());
  EXPECT_FALSE(Finder.hasPendingMaps());

  // Each finding once per translation unit; members with CheckMembers.
  StoredContextOptions Members;
  Members.CheckMembers = true;
  StoredContextFinder WithMembers(M, std::move(Members));
  Reported.clear();
  WithMembers.checkField(Src, Ctx, Record);
  WithMembers.checkField(Src, Ctx, Record);
  WithMembers.checkVar(var("tokens"), Ctx, Record);
  WithMembers.finish(Record);
  EXPECT_EQ(Reported, (std::vector<std::string>{"src_", "tokens"}));
}

} // namespace
} // namespace context_tidy::test
