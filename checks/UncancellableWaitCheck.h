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

#include "checks/ContextCheck.h"
#include "lib/contexts/CancellationScope.h"
#include "lib/values/MemberValues.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/LostWakeups.h"
#include "lib/waits/PatternCalls.h"
#include "lib/waits/StopWakers.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>
#include <memory>

namespace clang::tidy::context {

class UncancellableWaitCheck : public ContextCheck {
public:
  UncancellableWaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  enum class Woken : uint8_t { No, RaceFree, Racy };
  void analyse(const context_tidy::Scope &S, ASTContext &Ctx);
  /// Whether the stop path wakes \p Object, and if only racily, which wake.
  Woken wokenOnStop(const context_tidy::Scope &S, const ValueDecl *Object,
                    const CallExpr *Wait, const SourceManager &SM,
                    context_tidy::StopWake &Racy);
  void report(const context_tidy::Scope &S, const context_tidy::BlindCall &B,
              ASTContext &Ctx);
  /// How long a sleep or a bounded wait can last: its constant length, or
  /// the smallest value of the member, variable or parameter it reads
  /// (lib/values/MemberValues.h).  Nullopt when unknown.
  struct Bound {
    context_tidy::DurationValue Value;
    /// Set when the value was found by structure, not written at the call.
    const NamedDecl *Source = nullptr;
    bool ByDefault = false;
    SourceLocation MinLoc;
    /// "10s", "10s by default"
    std::string text() const;
  };
  std::optional<Bound> boundOf(const std::optional<context_tidy::DurationValue> &Constant,
                               const Expr *Arg, bool IsDeadline, ASTContext &Ctx);
  /// The note at the smallest value of a bound found by structure.
  void noteBoundSource(const std::optional<Bound> &B);
  /// 'sleep_for' can delay noticing a stop request on 'st' by 2s.
  void reportLatency(const context_tidy::Scope &S, const CallExpr *Call,
                     StringRef Name, bool Sleep,
                     const std::optional<Bound> &Length);
  void reportLostWakeup(const context_tidy::Scope &S, const CallExpr *Wait,
                        const ValueDecl *Object,
                        const context_tidy::StopWake &Racy);
  /// Lost wakeups of waits whose exit reads a stop flag of their class.
  /// \p Where is the function (or lambda) that waits.
  void checkFlagWait(const context_tidy::ScopeCall &C, const DeclContext *Where,
                     ASTContext &Ctx);
  /// A wait in a loop whose condition tests a stop flag before the wait's
  /// lock is taken (lib/waits/LostWakeups.h, flagsTestedOutsideLock).
  /// \p WaitBound is null for an unbounded wait.
  void checkUnlockedFlagTest(const context_tidy::ScopeCall &C,
                             const context_tidy::MemberCall &MC,
                             const context_tidy::FlagWait &W,
                             const std::optional<Bound> *WaitBound,
                             const DeclContext *Where, ASTContext &Ctx);
  /// A sleep or bounded wait of MaxStopLatency or more in a loop whose
  /// condition reads a stop flag (a flag member that the destructor, or a
  /// member function that joins, writes).
  void checkFlagLatency(const context_tidy::ScopeCall &C, ASTContext &Ctx);
  /// The same for the waits of a template's pattern.
  void checkFlagWaitsInPattern(const FunctionDecl *FD, ASTContext &Ctx);
  /// Stop callbacks in a template's pattern that notify an object of
  /// dependent type, waited on in a condition variable's shape, without a
  /// mutex (lib/waits/PatternWakeups.h).
  void checkDependentWakeups(const FunctionDecl *FD, ASTContext &Ctx);
  /// For a join: the blocking call in the joined callable that makes the
  /// join blind (it blocks at least MaxStopLatency and the callable never
  /// observes the scope's tokens), or null.
  const CallExpr *joinedCallableBlocks(const context_tidy::Scope &S,
                                       const context_tidy::BlindCall &B,
                                       ASTContext &Ctx);
  /// Whether the scope (or one it is nested in) registers a stop callback
  /// on one of its tokens, before \p Wait, whose effect is not followed.
  bool wokenByUnknownRoute(const context_tidy::Scope &S, const CallExpr *Wait,
                           const SourceManager &SM);
  /// Whether the scope cancels one of its tokens; \p Remaining gets the
  /// others.
  bool cancelsItsOwnToken(const context_tidy::Scope &S,
                          llvm::SmallVectorImpl<context_tidy::ScopeToken> &Remaining);
  void analyseCalls(const context_tidy::Scope &S, ASTContext &Ctx,
                    bool Cancellable);

  bool StrictMode = false;
  std::string MaxStopLatency;
  double MaxLatencySeconds = 1;
  /// Calls already reported: a template reports once per location.
  llvm::DenseSet<SourceLocation> Reported;
  /// Notifies already reported as lost wakeups.
  llvm::DenseSet<SourceLocation> ReportedWakes;
  std::unique_ptr<context_tidy::StopWakers> Wakers;
  std::unique_ptr<context_tidy::ClassWakers> FlagWakers;
  std::unique_ptr<context_tidy::ValueSources> Values;
  const ASTContext *ValuesContext = nullptr;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_UNCANCELLABLEWAITCHECK_H
