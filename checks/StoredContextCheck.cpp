//===- StoredContextCheck.cpp - context-stored-context --------------------===//
//
// What context-stored-context reports: its options, its matchers (the
// declarations and calls of the user's code, then the uses of what waits
// for them) and the wording of its diagnostics.  Which declarations store a
// context, and which are exempt, is lib/contexts/StoredContextFinder.h's.
//
//===----------------------------------------------------------------------===//

#include "checks/StoredContextCheck.h"

#include "checks/CheckOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

std::string plural(ContextKind K) { return contextKindName(K).str() + "s"; }

/// A call StoredContextFinder::checkCall() looks at: one that stores a value in
/// a context, or registers a signal handler.  Filtered in the matcher: every
/// other call is spared the bound nodes and the callback.
AST_MATCHER_P(CallExpr, mayStoreOrRegister, const ApiModel *, M) {
  if (isa<CXXOperatorCallExpr>(Node) || Node.containsErrors() ||
      !Node.getDirectCallee())
    return false;
  return M->matchCall(&Node, Role::WithValue) ||
         M->matchCall(&Node, Role::SignalHandlerRegistration);
}

} // namespace

StoredContextCheck::StoredContextCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : ContextCheck(Name, Context, {"MapTypes"}) {
  OptionReader Read(Name, Options, Context);
  StoredContextOptions Opts;
  CheckMembers = Read.boolean("CheckMembers", false);
  Opts.CheckMembers = CheckMembers;
  OptionReader::PatternList Allowed =
      Read.patterns("AllowedNames", /*WithArgument=*/false);
  AllowedNamesOption = Allowed.Text;
  for (unsigned I = 0; I < Allowed.Usable.size(); ++I)
    Opts.AllowedNames.add(Allowed.Usable[I], I);
  AllowNeverCancelled = Read.boolean("AllowNeverCancelled", true);
  Opts.AllowNeverCancelled = AllowNeverCancelled;
  Analysis = std::make_unique<StoredContextFinder>(model(), std::move(Opts));
}

void StoredContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "CheckMembers", CheckMembers ? "true" : "false");
  Options.store(Opts, "AllowedNames", AllowedNamesOption);
  Options.store(Opts, "AllowNeverCancelled",
                AllowNeverCancelled ? "true" : "false");
}

void StoredContextCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // Run on the code outside system headers only (ContextCheck).
  Finder->addMatcher(varDecl(unless(parmVarDecl())).bind("var"), this);
  Finder->addMatcher(fieldDecl().bind("field"), this);
  Finder->addMatcher(callExpr(mayStoreOrRegister(&model())).bind("call"),
                     this);
}

/// The second pass: the uses of the variables and maps the first pass left
/// pending, matched only when there are some.  Its matchers are tried on
/// every call and reference of the user's code (forEachArgumentWithParam on
/// each call), which cost more than the rest of the check together on code
/// that stores nothing (docs/performance.md).
class StoredContextCheck::UseCollector : public MatchFinder::MatchCallback {
public:
  explicit UseCollector(StoredContextCheck &Check) : Check(Check) {}
  void run(const MatchFinder::MatchResult &Result) override {
    Check.check(Result);
  }
  void registerMatchers(MatchFinder &Finder, bool Statics, bool Maps) {
    // Erasures from maps: a map of sources that entries leave is a registry
    // of in-flight work.
    if (Maps)
      Finder.addMatcher(
          cxxMemberCallExpr(
              on(ignoringParenImpCasts(
                  anyOf(declRefExpr(to(varDecl().bind("erasedVar"))),
                        memberExpr(member(fieldDecl().bind("erasedField")))))))
              .bind("eraseCall"),
          this);
    if (!Statics)
      return;
    // Uses of file-local globals: one only root-context functions use is
    // their root.
    Finder.addMatcher(
        declRefExpr(to(varDecl(hasGlobalStorage()).bind("used"))).bind("use"),
        this);
    // Cancellations of variables with static storage: one a signal handler
    // cancels is the process's shutdown switch, not a request's.
    auto Released = ignoringParenImpCasts(
        declRefExpr(to(varDecl(hasGlobalStorage()).bind("released"))));
    Finder.addMatcher(cxxMemberCallExpr(on(Released)).bind("releaseCall"),
                      this);
    Finder.addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("()"),
                                          hasArgument(0, Released))
                          .bind("releaseCall"),
                      this);
    if (!Check.AllowNeverCancelled)
      return;
    // Writes to variables with static storage: a never-cancelled token that
    // is assigned later is a stored token after all.
    auto Ref = ignoringParenImpCasts(
        declRefExpr(to(varDecl(hasGlobalStorage()).bind("written"))));
    Finder.addMatcher(binaryOperator(isAssignmentOperator(), hasLHS(Ref)),
                      this);
    Finder.addMatcher(
        cxxOperatorCallExpr(isAssignmentOperator(), hasArgument(0, Ref)),
        this);
    Finder.addMatcher(
        cxxMemberCallExpr(on(Ref), callee(cxxMethodDecl(unless(isConst())))),
        this);
    auto NonConstRef = parmVarDecl(
        hasType(lValueReferenceType(pointee(unless(isConstQualified())))));
    Finder.addMatcher(callExpr(forEachArgumentWithParam(Ref, NonConstRef)),
                      this);
    Finder.addMatcher(
        cxxConstructExpr(forEachArgumentWithParam(Ref, NonConstRef)), this);
    Finder.addMatcher(
        unaryOperator(hasOperatorName("&"), hasUnaryOperand(Ref)), this);
  }

private:
  StoredContextCheck &Check;
};

void StoredContextCheck::collectUses() {
  const bool Statics = Analysis->hasPendingStatics();
  const bool Maps = Analysis->hasPendingMaps();
  if (!Ctx || (!Statics && !Maps))
    return;
  UseCollector Collector(*this);
  MatchFinder Finder;
  Collector.registerMatchers(Finder, Statics, Maps);
  // The traversal scope is still the user's code (ContextCheck).
  Finder.matchAST(*Ctx);
}

void StoredContextCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *W = Result.Nodes.getNodeAs<VarDecl>("written")) {
    Analysis->noteWritten(W);
    return;
  }
  if (const auto *U = Result.Nodes.getNodeAs<VarDecl>("used")) {
    Analysis->noteUse(U, Result.Nodes.getNodeAs<DeclRefExpr>("use"),
                      *Result.Context);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("eraseCall")) {
    Analysis->noteErasure(Call, Result.Nodes.getNodeAs<VarDecl>("erasedVar"),
                          Result.Nodes.getNodeAs<FieldDecl>("erasedField"));
    return;
  }
  if (const auto *R = Result.Nodes.getNodeAs<VarDecl>("released")) {
    if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("releaseCall"))
      Analysis->noteRelease(R, Call, *Result.Context);
    return;
  }
  auto Emit = [this](const StoredFinding &F) { emit(F); };
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var"))
    Analysis->checkVar(VD, *Result.Context, Emit);
  else if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("field"))
    Analysis->checkField(FD, *Result.Context, Emit);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call"))
    Analysis->checkCall(Call, *Result.Context, Emit);
}

void StoredContextCheck::emit(const StoredFinding &F) {
  const StringRef Kind = contextKindName(F.Kind);
  const char *Tail =
      " and outlives the request that owns it; pass it down as a parameter";
  switch (F.What) {
  case StoredFinding::Static:
    if (F.Nested)
      diag(F.Loc, std::string("a %0 is stored in %1 '%2'") + Tail)
          << Kind << storageKindName(F.Storage) << F.Name;
    else
      diag(F.Loc, std::string("%0 '%2' is stored in a %1") + Tail)
          << Kind << storageKindName(F.Storage) << F.Name;
    break;
  case StoredFinding::Member:
    if (F.Nested)
      diag(F.Loc, std::string("a %0 is stored in data member '%1'") + Tail)
          << Kind << F.Name;
    else
      diag(F.Loc, std::string("%0 '%1' is stored in a data member") + Tail)
          << Kind << F.Name;
    break;
  case StoredFinding::ValueMap:
    diag(F.Loc, "map '%0' stores %1 as values; they outlive the requests "
                "that own them; pass each %2 down as a parameter instead")
        << F.Name << plural(F.Kind) << Kind;
    break;
  case StoredFinding::ContextValue:
    diag(F.Loc, std::string("a %0 is stored as a value of another context") +
                    Tail)
        << Kind;
    break;
  }
  if (F.DeclaredLoc.isValid()) {
    diag(F.DeclaredLoc, "'%0' is declared here with type %1 in this "
                        "instantiation",
         DiagnosticIDs::Note)
        << F.Name << F.InstantiatedType;
    return;
  }
  if (!F.Nested)
    return;
  if (F.NestedLoc.isValid())
    diag(F.NestedLoc, "the %0 type is nested here", DiagnosticIDs::Note)
        << Kind;
  else if (F.TypeDecl)
    diag(F.TypeDecl->getLocation(), "the %0 type '%1' is declared here",
         DiagnosticIDs::Note)
        << Kind << F.TypeDecl->getQualifiedNameAsString();
}

void StoredContextCheck::onEndOfTranslationUnit() {
  collectUses();
  Analysis->finish([this](const StoredFinding &F) { emit(F); });
  Ctx = nullptr;
  model().clearCaches();
}

} // namespace clang::tidy::context
