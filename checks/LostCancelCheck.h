//===- LostCancelCheck.h - context-lost-cancel -----------------*- C++ -*-===//
//
// Reports the cancel handle of WithCancel/WithTimeout/WithDeadline (and the
// other cancel factories of the API model) when some path from where it is
// bound to a function exit neither calls it nor hands it on, and when it is
// thrown away at once.  With CheckSources, also reports local cancellation
// sources whose token was given to a thread or other owner and that are not
// asked to stop on every path.  The analysis is lib/flow/HandleTracker.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_LOSTCANCELCHECK_H
#define CONTEXT_TIDY_CHECKS_LOSTCANCELCHECK_H

#include "checks/ContextCheck.h"
#include "lib/flow/CancelHandles.h"
#include "llvm/ADT/DenseSet.h"

namespace context_tidy {
struct LostHandle;
} // namespace context_tidy

namespace clang::tidy::context {

class LostCancelCheck : public ContextCheck {
public:
  LostCancelCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  /// Analyses the functions around the factory calls (and sources) under
  /// \p Root: \p Fn, whose body Root is, or the lambdas in it.  When Root
  /// is an \p Initializer outside any body, the calls directly in it are
  /// checked for discarded handles.
  void visit(const Stmt *Root, const Decl *Fn, const Expr *Initializer,
             ASTContext &Ctx);
  void analyse(const Decl *Fn, ASTContext &Ctx);
  void report(const context_tidy::LostHandle &L, const Stmt *Body,
              const SourceManager &SM);

  const bool IgnoreMain;
  const bool CheckSources;
  llvm::DenseSet<const Decl *> Analysed;
  context_tidy::HandleShapeCache Shapes;
  /// Reported locations (an instantiated template reports once).
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_LOSTCANCELCHECK_H
