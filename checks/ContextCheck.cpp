//===- ContextCheck.cpp - What every context-* check shares ---------------===//

#include "checks/ContextCheck.h"

#include "checks/CheckOptions.h"
#include "lib/ast/UserCode.h"
#include "lib/contexts/CancellationScope.h"
#include "llvm/ADT/DenseMap.h"
#include <mutex>

using namespace context_tidy;
using namespace clang::ast_matchers;

namespace clang::tidy::context {

namespace {

struct ModelOption {
  StringRef Name;
  Role Roles[3];
  unsigned NumRoles;
};

// Every option that extends the API model, and the roles it feeds.
const ModelOption ModelOptions[] = {
    {"ContextTypes", {Role::ContextType}, 1},
    {"TokenTypes", {Role::TokenType}, 1},
    {"SourceTypes", {Role::SourceType}, 1},
    {"CancelHandleTypes", {Role::CancelHandleType}, 1},
    {"StopCallbackTypes", {Role::StopCallbackType}, 1},
    {"MapTypes", {Role::MapType}, 1},
    {"CancelFactories", {Role::CancelFactory}, 1},
    {"ReleaseMethods", {Role::ReleaseMethod}, 1},
    {"ScopeGuards",
     {Role::ScopeGuardType, Role::ScopeGuardFactory, Role::ScopeGuardMacro},
     3},
    {"BlockingFunctions", {Role::BlockingCall}, 1},
    {"WakeMethods", {Role::WakeMethod}, 1},
    {"SelectFunctions", {Role::SelectFunction}, 1},
    {"TimeoutFunctions", {Role::RelativeTimeout}, 1},
    {"DeadlineFunctions", {Role::AbsoluteDeadline}, 1},
    {"PollFunctions", {Role::PollTimeout}, 1},
    {"RootContexts", {Role::RootContext}, 1},
    {"AssertionMacros", {Role::AssertionMacro}, 1},
    {"DetachFunctions", {Role::DetachFunction}, 1},
    {"TestMacros", {Role::TestMacro}, 1},
    {"ScopedLocks", {Role::ScopedLock}, 1},
};

std::string defaultProfiles() {
  std::string S;
  for (unsigned I = 0; I < static_cast<unsigned>(Profile::User); ++I) {
    if (!S.empty())
      S += ';';
    S += profileName(static_cast<Profile>(I));
  }
  return S;
}

} // namespace

llvm::ArrayRef<StringRef> ContextCheck::modelOptionNames() {
  static const std::vector<StringRef> Names = [] {
    std::vector<StringRef> V{"Profiles"};
    for (const ModelOption &O : ModelOptions)
      V.push_back(O.Name);
    return V;
  }();
  return Names;
}

ContextCheck::ContextCheck(StringRef Name, ClangTidyContext *Context,
                           std::initializer_list<StringRef> StoredModelOptions)
    : ClangTidyCheck(Name, Context), TidyContext(Context) {
  OptionReader Read(Name, Options, Context);
  std::vector<StringRef> ProfileNames;
  ProfileNames.reserve(static_cast<size_t>(Profile::NumProfiles));
  for (unsigned I = 0; I < static_cast<unsigned>(Profile::NumProfiles); ++I)
    ProfileNames.push_back(profileName(static_cast<Profile>(I)));
  OptionReader::EnumList Profiles =
      Read.enumerators("Profiles", defaultProfiles(), ProfileNames,
                       OptionReader::Scope::LocalOrGlobal);
  ProfilesOption = Profiles.Text;
  ApiModel::Config Config;
  Config.Profiles.fill(false);
  Config.Profiles[static_cast<size_t>(Profile::User)] = true;
  for (unsigned I : Profiles.Enumerated)
    Config.Profiles[I] = true;
  for (const ModelOption &O : ModelOptions) {
    OptionReader::PatternList List = Read.patterns(
        O.Name, /*WithArgument=*/true, OptionReader::Scope::LocalOrGlobal);
    for (const std::string &Item : List.Usable)
      for (unsigned I = 0; I < O.NumRoles; ++I)
        Config.Extra.emplace_back(O.Roles[I], Item);
    if (llvm::is_contained(StoredModelOptions, O.Name))
      StoredOptions.emplace_back(O.Name, List.Text);
  }
  Model = std::make_unique<ApiModel>(Config);
  // The options' patterns were checked above: these are the built-in
  // table's, which the unit tests keep empty.
  for (const std::string &Error : Model->errors())
    configurationDiag("%0: %1") << Name << Error;
}

/// The matchers of all context-* checks that the host registered on one
/// MatchFinder (one translation unit), run in one traversal of the user's
/// code.
struct SharedUserCodeTraversal {
  MatchFinder Finder;
  /// Whether it ran on the current translation unit.
  bool Ran = false;
  /// Function bodies walked into scopes, for the current translation unit.
  ScopeWalks Walks;
};

namespace {

bool QuietOnCompileErrors = false;
bool TraversalStartsAtTopLevelDecls = false;

/// The shared traversal of each host MatchFinder.  clang-tidy (and clangd,
/// at each build of a file) makes a MatchFinder and the checks for each
/// translation unit; the checks hold the traversal, so it lives as long as
/// they do.
std::shared_ptr<SharedUserCodeTraversal> sharedTraversal(const MatchFinder *F) {
  static std::mutex Mutex;
  static llvm::DenseMap<const MatchFinder *,
                        std::weak_ptr<SharedUserCodeTraversal>>
      Registry;
  const std::lock_guard<std::mutex> Lock(Mutex);
  if (std::shared_ptr<SharedUserCodeTraversal> S = Registry.lookup(F).lock())
    return S;
  // Entries of finished translation units are dropped as new ones come.
  for (auto It = Registry.begin(); It != Registry.end();) {
    auto Next = std::next(It);
    if (It->second.expired())
      Registry.erase(It);
    It = Next;
  }
  auto S = std::make_shared<SharedUserCodeTraversal>();
  Registry[F] = S;
  return S;
}

/// A declaration at the top level of the translation unit: the first node
/// of a host traversal whose scope is the main file's top-level
/// declarations (clangd).  Only the lexical context is looked at.
AST_MATCHER(Decl, isTopLevel) {
  const DeclContext *DC = Node.getLexicalDeclContext();
  return DC && DC->isTranslationUnit();
}

} // namespace

namespace {

/// A lambda written outside any function body (lib/contexts/CancellationScope.h).
/// The matcher never asks for the parent map (building it walks the whole
/// translation unit, headers included).
AST_MATCHER(LambdaExpr, isOutsideFunctions) {
  return isLambdaOutsideFunctions(Node);
}

} // namespace

void ContextCheck::addScopeMatchers(MatchFinder *Finder,
                                    MatchFinder::MatchCallback *Callback) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     Callback);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader()),
                                isOutsideFunctions())
                         .bind("lambda"),
                     Callback);
}

void ContextCheck::setQuietOnCompileErrors(bool Quiet) {
  QuietOnCompileErrors = Quiet;
}

void ContextCheck::setTraversalStartsAtTopLevelDecls(bool TopLevel) {
  TraversalStartsAtTopLevelDecls = TopLevel;
}

/// Runs the shared traversal at the first node of the host's traversal;
/// the first context-* check to see it runs it for all.  Its ID is the
/// check's, so --enable-check-profile counts the cost of all context-*
/// checks under the first one's name.
class ContextCheck::UserCodeRunner : public MatchFinder::MatchCallback {
public:
  explicit UserCodeRunner(ContextCheck &Check) : Check(Check) {}
  void onStartOfTranslationUnit() override {
    Check.Shared->Ran = false;
    Check.Shared->Walks.clear();
  }
  void run(const MatchFinder::MatchResult &Result) override {
    SharedUserCodeTraversal &S = *Check.Shared;
    if (S.Ran)
      return;
    S.Ran = true;
    if (QuietOnCompileErrors &&
        Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
      return;
    // Diagnostics outside the main file are shown where clang-tidy's header
    // filter lets them through (the command line's --header-filter is in
    // these options too).
    const ClangTidyOptions &Opts = Check.TidyContext->getOptions();
    ShownFiles Shown(Opts.HeaderFilterRegex.value_or(""),
                     Opts.ExcludeHeaderFilterRegex.value_or(""));
    UserCodeScope Scope(*Result.Context, Shown);
    S.Finder.matchAST(*Result.Context);
  }
  StringRef getID() const override { return Check.getID(); }

private:
  ContextCheck &Check;
};

ContextCheck::~ContextCheck() = default;

ScopeWalks &ContextCheck::scopeWalks() { return Shared->Walks; }

void ContextCheck::registerMatchers(MatchFinder *Finder) {
  Shared = sharedTraversal(Finder);
  registerUserCodeMatchers(&Shared->Finder);
  Runner = std::make_unique<UserCodeRunner>(*this);
  // The trigger is tried on every node of its kind in the host's traversal,
  // headers included: a decl() matcher, tried on each of the millions of
  // declarations of <future> or Asio, cost 6% of the parse on its own.
  // clang-tidy's traversal starts at the translation unit; clangd's at the
  // main file's top-level declarations, headers not traversed at all.
  if (TraversalStartsAtTopLevelDecls)
    Finder->addMatcher(decl(isTopLevel()), Runner.get());
  else
    Finder->addMatcher(translationUnitDecl(), Runner.get());
}

void ContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Profiles", ProfilesOption);
  for (const auto &[OptName, Value] : StoredOptions)
    Options.store(Opts, OptName, Value);
}

} // namespace clang::tidy::context
