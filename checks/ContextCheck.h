//===- ContextCheck.h - What every context-* check shares ------*- C++ -*-===//
//
// The adapter between clang-tidy and lib/: every context-* check derives
// from ContextCheck, which builds the API model from the check's options.
//
// Model options are semicolon-separated lists added to the built-in table
// (docs/api-model.md).  Each is read as the check's own option first and
// then as a global option, so one CheckOptions line can serve all checks:
//
//   CheckOptions:
//     CancelFactories: 'mylib::NewCancellable;mylib::Detach'
//     context-nonpositive-timeout.TimeoutFunctions: 'retry_for:1'
//
// A check's matchers run on the code outside system headers only
// (lib/UserCode.h): the check registers them in registerUserCodeMatchers(),
// and ContextCheck runs them once per translation unit, with the traversal
// scope set to that code, when clang-tidy's own traversal meets the
// translation unit.  Nothing of the check is tried on a header's nodes.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_CONTEXTCHECK_H
#define CONTEXT_TIDY_CHECKS_CONTEXTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/ApiModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>

namespace clang::tidy::context {

class ContextCheck : public ClangTidyCheck {
public:
  /// \p StoredModelOptions are the model options this check documents;
  /// they are written back by storeOptions() (and so by --dump-config).
  ContextCheck(StringRef Name, ClangTidyContext *Context,
               std::initializer_list<StringRef> StoredModelOptions);
  ~ContextCheck() override;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  /// Registers one matcher on the translation unit, which runs the check's
  /// own matchers on the code outside system headers.
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  /// The check's matchers; check() receives their matches.  (Public, as
  /// every check declares its override.)
  virtual void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) = 0;

  /// The names of all model options, for documentation and tests.
  static llvm::ArrayRef<StringRef> modelOptionNames();

protected:
  const context_tidy::ApiModel &model() const { return *Model; }

private:
  class UserCodeRunner;
  std::unique_ptr<ast_matchers::MatchFinder> UserCodeFinder;
  std::unique_ptr<UserCodeRunner> Runner;
  std::unique_ptr<context_tidy::ApiModel> Model;
  std::string ProfilesOption;
  llvm::SmallVector<std::pair<StringRef, std::string>, 4> StoredOptions;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_CONTEXTCHECK_H
