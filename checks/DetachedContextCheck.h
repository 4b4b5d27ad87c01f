//===- DetachedContextCheck.h - context-detached-context -------*- C++ -*-===//
//
// Reports, in a cancellable scope (lib/contexts/CancellationScope.h, the scopes of
// context-uncancellable-wait), a call that cuts the cancellation chain:
//  - it omits the token: the callee's token or context parameter is left
//    to its default (`client.Get(key)` where `Get(const std::string &,
//    const Context & = {})`), or a same-named overload takes the token
//    this call's overload does not (.NET's CA2016);
//  - it passes a fresh root (`Background()`, `TODO()`) where the callee
//    takes a context, as the parent of a derivation or any other argument;
// and only when a token of the scope could be passed there as it is.
//
// See docs/checks/context-detached-context.md.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_DETACHEDCONTEXTCHECK_H
#define CONTEXT_TIDY_CHECKS_DETACHEDCONTEXTCHECK_H

#include "checks/ContextCheck.h"
#include "lib/contexts/CancellationScope.h"
#include "lib/contexts/DetachedCalls.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>

namespace context_tidy {
class RootCallSummaries;
class SummaryTable;
} // namespace context_tidy

namespace clang::tidy::context {

class DetachedContextCheck : public ContextCheck {
public:
  DetachedContextCheck(StringRef Name, ClangTidyContext *Context);
  ~DetachedContextCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  struct FunctionState;
  void analyse(const context_tidy::Scope &S, FunctionState &F, ASTContext &Ctx);
  bool isExemptFunction(const FunctionDecl *FD, ASTContext &Ctx) const;
  /// The summaries of fresh roots one or more calls down (FollowCalls).
  context_tidy::RootCallSummaries &rootCalls(ASTContext &Ctx);

  const bool IgnoreMain;
  const bool IgnoreTests;
  const bool IgnoreCleanup;
  const bool FollowCalls;
  std::unique_ptr<context_tidy::SummaryTable> Table;
  std::unique_ptr<context_tidy::RootCallSummaries> RootCalls;
  /// Calls already reported: a template reports once per location.
  llvm::DenseSet<SourceLocation> Reported;
  std::unique_ptr<context_tidy::OmissionFinder> Omissions;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_DETACHEDCONTEXTCHECK_H
