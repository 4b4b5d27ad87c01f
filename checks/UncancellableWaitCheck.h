//===- UncancellableWaitCheck.h - context-uncancellable-wait ---*- C++ -*-===//
//
// Reports a blocking call that cannot observe the cancellation token in
// scope: a function, lambda or coroutine handed a std::stop_token (a Go-style
// context, folly::CancellationToken, seastar::abort_source&, ...) that then
// waits in condition_variable::wait, future::get, thread::join,
// semaphore::acquire, a channel pop, a long sleep, or a Go-style select
// with neither a done case nor a default case.  Cancelling the token then
// does not stop the wait, and whoever joins the thread hangs.
//
// See docs/checks/context-uncancellable-wait.md.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_UNCANCELLABLEWAITCHECK_H
#define CONTEXT_TIDY_CHECKS_UNCANCELLABLEWAITCHECK_H

#include "checks/CheckFacts.h"
#include "checks/ContextCheck.h"
#include "lib/calls/CallWaitRule.h"
#include "lib/contexts/CancellationScope.h"
#include "lib/waits/WaitRules.h"
#include "llvm/ADT/SetVector.h"
#include <memory>

namespace clang::tidy::context {

class UncancellableWaitCheck : public ContextCheck {
public:
  UncancellableWaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// Runs the rules on scope \p S: the lost wakeups and latency of stop
  /// flags on every call, then, in a cancellable scope (or any, in
  /// StrictMode), its waits (lib/waits/BlindWaitRule.h).
  void analyse(context_tidy::WaitRuleContext &R,
               context_tidy::CallRuleContext *C, const context_tidy::Scope &S,
               ASTContext &Ctx);
  /// The facts phase: keeps \p FD if it is a definition to export.
  void collectDefinition(const FunctionDecl *FD, ASTContext &Ctx);
  /// The function summaries of the translation unit of \p Ctx.
  context_tidy::CallSummaries &summaries(ASTContext &Ctx);

  context_tidy::WaitRuleOptions RuleOptions;
  /// Made at the start of each translation unit.
  std::unique_ptr<context_tidy::WaitRuleState> State;
  /// The rules across calls and the facts of other translation units.
  CheckFacts Facts;
  /// The facts phase: the externally visible functions the main file
  /// defines, and their unit.
  llvm::SetVector<const FunctionDecl *> Defined;
  ASTContext *DefinedContext = nullptr;
  /// Made when first needed in each translation unit.
  std::unique_ptr<context_tidy::CallSummaries> Summaries;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_UNCANCELLABLEWAITCHECK_H
