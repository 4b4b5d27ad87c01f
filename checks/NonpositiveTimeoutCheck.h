//===- NonpositiveTimeoutCheck.h - context-nonpositive-timeout --*- C++ -*-===//
//
// Reports timeouts that are zero or negative, deadlines that have already
// passed when they are given, and conversions that truncate a timeout to
// zero, on the APIs the model lists as taking a timeout (RelativeTimeout),
// a deadline (AbsoluteDeadline) or a poll-style timeout (PollTimeout, where
// zero is an idiom and only a negative value or a truncation is reported).
//
// Documentation: docs/checks/context-nonpositive-timeout.md
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_NONPOSITIVETIMEOUTCHECK_H
#define CONTEXT_TIDY_CHECKS_NONPOSITIVETIMEOUTCHECK_H

#include "checks/ContextCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::context {

class NonpositiveTimeoutCheck : public ContextCheck {
public:
  NonpositiveTimeoutCheck(StringRef Name, ClangTidyContext *Context);

  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
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
