//===- ApiModelTest.cpp - The API model on mocks and real headers ---------===//
#include "lib/model/ApiModel.h"
#include "TestAST.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace context_tidy::test {
namespace {

/// The call to the function or method named \p Callee in \p AST.
const Expr *callTo(ASTUnit &AST, llvm::StringRef Callee) {
  return findFirst<CallExpr>(
      AST, callExpr(isExpansionInMainFile(), callee(functionDecl(hasName(Callee)))));
}

TEST(ApiModel, FindsMethodsDeclaredInABaseClass) {
  // libstdc++ declares future::wait in std::__basic_future.
  auto AST = buildAST(R"(
    #include <future>
    void f(std::future<int> &fu, std::shared_future<int> &sf) {
      fu.wait(); fu.get(); sf.wait();
    })");
  ApiModel M;
  const auto *Wait = findFirst<CXXMemberCallExpr>(
      *AST, cxxMemberCallExpr(isExpansionInMainFile(),
                              callee(cxxMethodDecl(hasName("wait"))),
                              on(hasType(cxxRecordDecl(hasName("future"))))));
  ASSERT_NE(Wait, nullptr);
  EXPECT_EQ(qualifiedName(Wait->getMethodDecl()->getParent()), "std::__basic_future");
  const ApiEntry *E = M.matchCall(Wait, Role::BlockingCall);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->Pattern, "::std::future::wait");
  EXPECT_NE(M.matchCall(callTo(*AST, "get"), Role::BlockingCall), nullptr);
}

TEST(ApiModel, MatchesThroughInlineNamespacesAndDerivedClasses) {
  auto AST = buildAST(R"(
    #include <condition_variable>
    #include <mutex>
    struct MyCv : std::condition_variable {};
    void f(MyCv &cv, std::condition_variable_any &any, std::unique_lock<std::mutex> &l) {
      cv.wait(l);
      any.notify_one();
    })");
  ApiModel M;
  EXPECT_NE(M.matchCall(callTo(*AST, "wait"), Role::BlockingCall), nullptr);
  EXPECT_NE(M.matchCall(callTo(*AST, "notify_one"), Role::WakeMethod), nullptr);
  EXPECT_EQ(M.matchCall(callTo(*AST, "wait"), Role::PollTimeout), nullptr);
}

TEST(ApiModel, ConstructingAClassNamedLikeAFactoryIsNotAFactory) {
  auto AST = buildAST(R"(
    #include <likecontext/context.h>
    #include <gocxx/context.h>
    void f(std::shared_ptr<likectx::Context> p, gocxx::context::ContextPtr q) {
      likectx::WithCancel c(p);
      auto r = gocxx::context::WithCancel(q);
    })");
  ApiModel M;
  const auto *Construct = findFirst<CXXConstructExpr>(
      *AST, cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasName("WithCancel"))))));
  ASSERT_NE(Construct, nullptr);
  EXPECT_EQ(M.matchCall(Construct, Role::CancelFactory), nullptr);
  EXPECT_NE(M.matchCall(callTo(*AST, "WithCancel"), Role::CancelFactory), nullptr);
}

TEST(ApiModel, GoStyleContextsAreRecognisedByShape) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    #include <likecontext/context.h>
    namespace other { struct Context { int Done(); }; }
    namespace v8 { class Context {}; }
    )");
  ApiModel M;
  auto Record = [&](llvm::StringRef Name) {
    return findFirst<CXXRecordDecl>(*AST, cxxRecordDecl(hasName(Name), isDefinition()));
  };
  EXPECT_NE(M.matchRecord(Record("::golang::context::_Context"), Role::ContextType), nullptr);
  EXPECT_NE(M.matchRecord(Record("::likectx::Context"), Role::ContextType), nullptr);
  // Derived from a context: a context, whatever its name.
  EXPECT_NE(M.matchRecord(Record("::likectx::WithCancel"), Role::ContextType), nullptr);
  EXPECT_EQ(M.matchRecord(Record("::other::Context"), Role::ContextType), nullptr);
  EXPECT_EQ(M.matchRecord(Record("::v8::Context"), Role::ContextType), nullptr);
}

TEST(ApiModel, TypedefNamesAreMatched) {
  auto AST = buildAST(R"(
    #include <gocxx/context.h>
    gocxx::context::CancelFunc c;
    std::function<void()> plain;
    )");
  ApiModel M;
  const auto *C = findFirst<VarDecl>(*AST, varDecl(hasName("c")));
  const auto *Plain = findFirst<VarDecl>(*AST, varDecl(hasName("plain")));
  EXPECT_NE(M.matchType(C->getType(), Role::CancelHandleType), nullptr);
  EXPECT_EQ(M.matchType(Plain->getType(), Role::CancelHandleType), nullptr);
}

TEST(ApiModel, AnnotationsAssignRoles) {
  auto AST = buildAST(R"(
    #include <chrono>
    struct [[clang::annotate("context::token")]] MyToken {};
    [[clang::annotate("context::blocking")]] void drain();
    [[clang::annotate("context::timeout:1")]] void retry(int n, std::chrono::milliseconds d);
    void later(int n, [[clang::annotate("context::deadline")]] long when);
    void use() { drain(); retry(1, std::chrono::milliseconds(2)); later(1, 2); }
    )");
  ApiModel M;
  const auto *Tok = findFirst<CXXRecordDecl>(*AST, cxxRecordDecl(hasName("MyToken")));
  EXPECT_NE(M.matchRecord(Tok, Role::TokenType), nullptr);
  EXPECT_EQ(M.matchRecord(Tok, Role::SourceType), nullptr);
  EXPECT_NE(M.matchCall(callTo(*AST, "drain"), Role::BlockingCall), nullptr);
  const auto *Retry = cast<CallExpr>(callTo(*AST, "retry"));
  const ApiEntry *E = M.matchCall(Retry, Role::RelativeTimeout);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->Arg, 1);
  const auto *Later = cast<CallExpr>(callTo(*AST, "later"));
  EXPECT_EQ(ApiModel::annotatedParameter(Later->getDirectCallee(), Role::AbsoluteDeadline), 1);
}

TEST(ApiModel, OptionsExtendAndProfilesRestrict) {
  auto AST = buildAST(R"(
    #include <chrono>
    #include <thread>
    namespace mylib { void wait_all(); void retry_for(int, std::chrono::seconds); }
    void use(std::thread &t) { mylib::wait_all(); mylib::retry_for(1, std::chrono::seconds(1)); t.join(); }
    )");
  ApiModel::Config C;
  C.Extra.emplace_back(Role::BlockingCall, "mylib::wait_all");
  C.Extra.emplace_back(Role::RelativeTimeout, "::mylib::retry_for:1");
  C.Profiles[static_cast<size_t>(Profile::Std)] = false;
  ApiModel M(C);
  EXPECT_TRUE(M.errors().empty());
  EXPECT_NE(M.matchCall(callTo(*AST, "wait_all"), Role::BlockingCall), nullptr);
  const ApiEntry *E = M.matchCall(callTo(*AST, "retry_for"), Role::RelativeTimeout);
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->Arg, 1);
  EXPECT_EQ(M.matchCall(callTo(*AST, "join"), Role::BlockingCall), nullptr);
  ApiModel Default;
  EXPECT_NE(Default.matchCall(callTo(*AST, "join"), Role::BlockingCall), nullptr);
}

TEST(ApiModel, RepeatedQueriesKeepTheObjectsClassApart) {
  // matchFunction caches per callee, object class and role: the same
  // inherited method is blocking on one class and not on another, asked
  // about alternately (Fast, Slow, Fast, Slow) and again.
  auto AST = buildAST(R"(
    struct Base { void wait(); };
    struct Slow : Base {};
    struct Fast : Base {};
    void f(Fast &a, Slow &b, Fast &c, Slow &d) { a.wait(); b.wait(); c.wait(); d.wait(); }
    )");
  ApiModel::Config C;
  C.Extra.emplace_back(Role::BlockingCall, "Slow::wait");
  ApiModel M(C);
  auto Waits = match(cxxMemberCallExpr(isExpansionInMainFile()).bind("c"),
                     AST->getASTContext());
  ASSERT_EQ(Waits.size(), 4u);
  auto IsSlow = [](const BoundNodes &N) {
    return N.getNodeAs<CXXMemberCallExpr>("c")
               ->getImplicitObjectArgument()
               ->IgnoreParenImpCasts()
               ->getType()
               ->getAsCXXRecordDecl()
               ->getName() == "Slow";
  };
  // Twice over, and once more after the caches are cleared.
  for (int Round = 0; Round < 3; ++Round) {
    if (Round == 2)
      M.clearCaches();
    unsigned Slow = 0;
    for (const BoundNodes &N : Waits) {
      const auto *Call = N.getNodeAs<Expr>("c");
      Slow += IsSlow(N);
      EXPECT_EQ(M.matchCall(Call, Role::BlockingCall) != nullptr, IsSlow(N))
          << "round " << Round;
      EXPECT_EQ(M.matchCall(Call, Role::WakeMethod), nullptr);
    }
    EXPECT_EQ(Slow, 2u);
  }
}

TEST(ApiModel, ReportsInvalidPatterns) {
  ApiModel::Config C;
  C.Extra.emplace_back(Role::BlockingCall, "bad[");
  ApiModel M(C);
  ASSERT_EQ(M.errors().size(), 1u);
  EXPECT_NE(M.errors()[0].find("bad["), std::string::npos);
}

TEST(ApiModel, ArgumentIndexFindsDurationsAndShiftsForMembers) {
  auto AST = buildAST(R"(
    #include <golang/context.h>
    #include <gocxx/context.h>
    #include <azure/core/context.hpp>
    using namespace std::chrono_literals;
    void use(golang::context::Context g, gocxx::context::ContextPtr p, Azure::Core::Context a) {
      golang::context::with_timeout(g, 0.5);
      gocxx::context::WithTimeout(p, 10ms);
      gocxx::context::WithValue(p, "k", nullptr);
      a.WithValue(Azure::Core::Context::Key(), 1);
    })");
  ApiModel M;
  auto Index = [&](llvm::StringRef Name, Role R, const char *OnClass = nullptr) {
    const auto *Call = cast<CallExpr>(callTo(*AST, Name));
    if (OnClass)
      Call = findFirst<CallExpr>(*AST, cxxMemberCallExpr(isExpansionInMainFile(), callee(cxxMethodDecl(hasName(Name), ofClass(hasName(OnClass))))));
    const ApiEntry *E = M.matchCall(Call, R);
    EXPECT_NE(E, nullptr) << Name.str();
    if (!E)
      return -2;
    llvm::SmallVector<const Expr *, 4> Args(Call->arguments().begin(), Call->arguments().end());
    return M.argumentIndex(*E, Call->getDirectCallee(), Args);
  };
  EXPECT_EQ(Index("with_timeout", Role::RelativeTimeout), 1);
  EXPECT_EQ(Index("WithTimeout", Role::RelativeTimeout), 1);
  EXPECT_EQ(Index("::gocxx::context::WithValue", Role::WithValue), 2);
  EXPECT_EQ(Index("WithValue", Role::WithValue, "Context"), 1);
}

TEST(ApiModel, EveryRoleAndProfileHasAName) {
  for (unsigned I = 0; I < static_cast<unsigned>(Role::NumRoles); ++I) {
    Role R = static_cast<Role>(I);
    EXPECT_EQ(roleFromName(roleName(R)), R);
    EXPECT_FALSE(roleDescription(R).empty());
  }
  for (unsigned I = 0; I < static_cast<unsigned>(Profile::NumProfiles); ++I)
    EXPECT_EQ(profileFromName(profileName(static_cast<Profile>(I))),
              static_cast<Profile>(I));
}

TEST(ApiModel, EveryBuiltinPatternCompiles) {
  ApiModel M;
  EXPECT_TRUE(M.errors().empty()) << M.errors().front();
}

// docs/api-model.md lists every built-in entry; this keeps it in step.
TEST(ApiModel, DocumentationListsEveryBuiltinEntry) {
  auto Doc = llvm::MemoryBuffer::getFile(std::string(CONTEXT_TIDY_SOURCE_DIR) +
                                         "/docs/api-model.md");
  ASSERT_TRUE(static_cast<bool>(Doc)) << "docs/api-model.md is missing";
  // Rows of the built-in tables: "| role | `pattern` | ...".
  std::set<std::pair<std::string, std::string>> Rows;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Doc)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (!Line.consume_front("| "))
      continue;
    auto [Role, Rest] = Line.split(" | `");
    size_t End = Rest.find("` |");
    if (End != llvm::StringRef::npos)
      Rows.emplace(Role.str(), Rest.substr(0, End).str());
  }
  for (const ApiEntry &E : builtinEntries()) {
    std::string Cell;
    for (char C : E.Pattern) // Markdown tables escape pipes
      Cell += C == '|' ? std::string("\\|") : std::string(1, C);
    EXPECT_TRUE(Rows.count({roleName(E.R).str(), Cell}))
        << "docs/api-model.md does not list `" << Cell << "` as "
        << roleName(E.R).str();
  }
}

// The names a fix-it can spell: plain fully qualified names only, the
// user's before the built-in ones.
TEST(ApiModel, QualifiedNamesPutTheUsersFirstAndSkipPatterns) {
  ApiModel::Config C;
  C.Extra.emplace_back(Role::ScopedLock, "::mylib::Guard");
  C.Extra.emplace_back(Role::ScopedLock, "mylib::Unrooted");
  C.Extra.emplace_back(Role::ScopedLock, "::mylib::(A|B)Lock");
  ApiModel M(C);
  EXPECT_TRUE(M.errors().empty());
  llvm::SmallVector<llvm::StringRef, 2> Names =
      M.qualifiedNames(Role::ScopedLock);
  ASSERT_EQ(Names.size(), 2u);
  EXPECT_EQ(Names[0], "mylib::Guard");
  EXPECT_EQ(Names[1], "std::lock_guard");

  ApiModel::Config NoStd;
  NoStd.Profiles.fill(false);
  EXPECT_TRUE(ApiModel(NoStd).qualifiedNames(Role::ScopedLock).empty());
}

} // namespace
} // namespace context_tidy::test
