//===- StoredContextCheck.h - context-stored-context -----------*- C++ -*-===//
//
// Reports contexts, cancellation tokens, sources and cancel handles kept
// where they outlive the request that owns them: in static storage (globals,
// static locals, static data members, thread_locals), as values of
// associative containers, as values of another context (WithValue), and,
// with CheckMembers, in non-static data members.  See
// docs/checks/context-stored-context.md.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_STOREDCONTEXTCHECK_H
#define CONTEXT_TIDY_CHECKS_STOREDCONTEXTCHECK_H

#include "checks/ContextCheck.h"
#include "lib/contexts/StoredContextFinder.h"
#include <memory>
#include <string>

namespace clang::tidy::context {

class StoredContextCheck : public ContextCheck {
public:
  StoredContextCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  class UseCollector;
  /// Words \p F as a warning and its notes.
  void emit(const context_tidy::StoredFinding &F);
  /// Matches the uses of what is pending (a second pass over the user's
  /// code, only when something is).
  void collectUses();

  bool CheckMembers;
  std::string AllowedNamesOption;
  bool AllowNeverCancelled;
  /// What the translation unit stores (made with the options).
  std::unique_ptr<context_tidy::StoredContextFinder> Analysis;
  ASTContext *Ctx = nullptr; ///< the translation unit's
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_STOREDCONTEXTCHECK_H
