//===- ContextCheck.cpp - What every context-* check shares ---------------===//

#include "checks/ContextCheck.h"

#include "checks/CheckOptions.h"
#include "lib/UserCode.h"

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
    : ClangTidyCheck(Name, Context) {
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

/// Runs the check's matchers when clang-tidy's traversal matches the
/// translation unit (its first node).  Its ID is the check's, so that
/// --enable-check-profile counts the check's whole cost under its name.
class ContextCheck::UserCodeRunner : public MatchFinder::MatchCallback {
public:
  explicit UserCodeRunner(ContextCheck &Check) : Check(Check) {}
  void run(const MatchFinder::MatchResult &Result) override {
    UserCodeScope Scope(*Result.Context);
    Check.UserCodeFinder->matchAST(*Result.Context);
  }
  StringRef getID() const override { return Check.getID(); }

private:
  ContextCheck &Check;
};

ContextCheck::~ContextCheck() = default;

void ContextCheck::registerMatchers(MatchFinder *Finder) {
  UserCodeFinder = std::make_unique<MatchFinder>();
  registerUserCodeMatchers(UserCodeFinder.get());
  Runner = std::make_unique<UserCodeRunner>(*this);
  Finder->addMatcher(translationUnitDecl(), Runner.get());
}

void ContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Profiles", ProfilesOption);
  for (const auto &[OptName, Value] : StoredOptions)
    Options.store(Opts, OptName, Value);
}

} // namespace clang::tidy::context
