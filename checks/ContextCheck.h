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
// A check's matchers run on the code whose diagnostics clang-tidy can show
// only (lib/ast/UserCode.h: the main file and the headers the header filter
// lets through): the check registers them in registerUserCodeMatchers(),
// and the matchers of all context-* checks of a translation unit go into
// one MatchFinder, run once, with the traversal scope set to that code,
// when the host's traversal meets its first node: the translation unit in
// clang-tidy, the first top-level declaration of the main file in clangd
// (which traverses only those).  Nothing of the checks is tried on a
// system or hidden header's nodes, and the user's code is walked once for
// all of them.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_CONTEXTCHECK_H
#define CONTEXT_TIDY_CHECKS_CONTEXTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/model/ApiModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>

namespace context_tidy {
class ScopeWalks;
} // namespace context_tidy

namespace clang::tidy::context {

struct SharedUserCodeTraversal;

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
  /// Adds the check's matchers to the traversal of the user's code that
  /// all context-* checks of the translation unit share, and registers one
  /// matcher on the first node of the host's traversal, which runs that
  /// traversal once.
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  /// The check's matchers; check() receives their matches.  (Public, as
  /// every check declares its override.)
  virtual void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) = 0;

  /// The names of all model options, for documentation and tests.
  static llvm::ArrayRef<StringRef> modelOptionNames();

  /// When set, the checks report nothing on a translation unit that has a
  /// compile error (one not promoted from a warning by -Werror).  For
  /// editors, which build the file at every edit: context-clangd sets it.
  /// Unset (clang-tidy, the plugin), only the code with errors is skipped.
  static void setQuietOnCompileErrors(bool Quiet);

  /// Whether the host's traversal starts at the main file's top-level
  /// declarations (clangd narrows its traversal scope to them: the
  /// translation unit node is never visited) rather than at the translation
  /// unit (clang-tidy).  The shared traversal of the context-* checks is run
  /// from the host's first node, which a check finds with a matcher on that
  /// node's kind; context-clangd sets it.
  static void setTraversalStartsAtTopLevelDecls(bool TopLevel);

protected:
  const context_tidy::ApiModel &model() const { return *Model; }
  /// Registers \p Callback for the bodies lib/contexts/CancellationScope.h turns
  /// into scopes: every function with a body (template instantiations
  /// included; lambdas are analysed with the function they are written in),
  /// bound as "function", and every lambda outside any function
  /// (namespace-scope variables, default member initialisers), as "lambda".
  static void addScopeMatchers(ast_matchers::MatchFinder *Finder,
                               ast_matchers::MatchFinder::MatchCallback *Callback);
  /// The walks of function bodies into scopes, shared by the context-*
  /// checks for the translation unit (lib/contexts/CancellationScope.h).
  context_tidy::ScopeWalks &scopeWalks();

private:
  class UserCodeRunner;
  ClangTidyContext *TidyContext;
  std::shared_ptr<SharedUserCodeTraversal> Shared;
  std::unique_ptr<UserCodeRunner> Runner;
  std::unique_ptr<context_tidy::ApiModel> Model;
  std::string ProfilesOption;
  llvm::SmallVector<std::pair<StringRef, std::string>, 4> StoredOptions;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_CONTEXTCHECK_H
