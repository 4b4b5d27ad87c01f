//===- NonpositiveTimeoutCheck.h - context-nonpositive-timeout --*- C++ -*-===//
//
// Reports timeouts that are zero or negative, deadlines that have already
// passed when they are given, and conversions that truncate a timeout to
// zero, on the APIs the model lists as taking a timeout (RelativeTimeout),
// a deadline (AbsoluteDeadline) or a poll-style timeout (PollTimeout, where
// zero is an idiom and only a negative value or a truncation is reported).
// With FollowCalls, also a call that gives such a value (an argument or a
// default argument) to a parameter that reaches one of those timeouts
// unchanged, one or more calls down (lib/summaries/TimeoutParams.h).
//
// Documentation: docs/checks/context-nonpositive-timeout.md
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_NONPOSITIVETIMEOUTCHECK_H
#define CONTEXT_TIDY_CHECKS_NONPOSITIVETIMEOUTCHECK_H

#include "checks/ContextCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace context_tidy {
class SummaryTable;
class TimeoutParamSummaries;
struct TimeoutParam;
} // namespace context_tidy

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::context {

class NonpositiveTimeoutCheck : public ContextCheck {
public:
  NonpositiveTimeoutCheck(StringRef Name, ClangTidyContext *Context);
  ~NonpositiveTimeoutCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// A call that gives a parameter reaching a timeout a value that is not
  /// positive (FollowCalls).
  void checkThroughCall(const CallExpr *Call, ASTContext &Ctx);
  /// Whether \p Call gives a parameter of \p Callee of duration or number
  /// type a constant that is not positive (cheap: before any summary).
  bool passesNonpositive(const CallExpr *Call, const FunctionDecl *Callee,
                         ASTContext &Ctx) const;
  void reportThroughCall(const CallExpr *Call, const FunctionDecl *Callee,
                         const context_tidy::TimeoutParam &T,
                         ASTContext &Ctx);

  bool FollowCalls = false;
  std::unique_ptr<context_tidy::SummaryTable> Table;
  std::unique_ptr<context_tidy::TimeoutParamSummaries> Params;
  Preprocessor *PP = nullptr;
  /// Calls already reported, by their range (a template's instantiations
  /// share them).
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
  /// Whether a callee takes a timeout, for calls that are not member calls
  /// (whose answer depends on the object's class too).
  llvm::DenseMap<const FunctionDecl *, bool> TakesTimeout;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_NONPOSITIVETIMEOUTCHECK_H
