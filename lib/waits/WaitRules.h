//===- WaitRules.h - What the rules of uncancellable-wait share -*- C++ -*-===//
//
// context-uncancellable-wait is a set of rules, one file each: blind waits
// (BlindWaitRule), the delay a sleep or a bounded wait adds to noticing a
// stop (StopLatencyRule), joins of a thread that blocks (JoinRule), lost
// wakeups (LostWakeupRule).  What they share is here: the check's options,
// what they keep across a translation unit (the locations already
// reported, the summaries of stop paths and of the classes' wakers, the
// values of members), the bound of a wait found by value or by structure,
// and whether the stop path wakes a wait.
//
// The rules report through a callback that the check binds to its diag(),
// so that lib/ needs no clang-tidy header: the text, the arguments and the
// order of warnings and notes are the rules' own.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_WAITRULES_H
#define CONTEXT_TIDY_LIB_WAITS_WAITRULES_H

#include "lib/contexts/CancellationScope.h"
#include "lib/model/ApiModel.h"
#include "lib/values/Duration.h"
#include "lib/values/MemberValues.h"
#include "lib/waits/LostWakeups.h"
#include "lib/waits/StopWakers.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class NamedDecl;
class SourceManager;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// The options of context-uncancellable-wait the rules read.
struct WaitRuleOptions {
  /// Report non-constant bounds (and waits in scopes without a token).
  bool StrictMode = false;
  /// MaxStopLatency as written ("1s"), for the messages.
  std::string MaxStopLatency;
  double MaxLatencySeconds = 1;
  /// Function summaries are on (FollowCalls): the lost-wakeup rule also
  /// follows a write and a notify split over two member functions.
  bool FollowCalls = false;
};

/// What the rules keep across one translation unit (it holds AST
/// pointers: the check makes a new one at the start of each).
struct WaitRuleState {
  explicit WaitRuleState(const ApiModel &M) : Wakers(M), FlagWakers(M) {}

  /// Calls already reported: a template reports once per location.
  llvm::DenseSet<clang::SourceLocation> Reported;
  /// Notifies already reported as lost wakeups.
  llvm::DenseSet<clang::SourceLocation> ReportedWakes;
  /// Flag writes a lost-wakeup fix-it already takes the mutex around.
  llvm::DenseSet<const clang::Stmt *> FixedWrites;
  StopWakers Wakers;
  ClassWakers FlagWakers;
  /// The values of members, variables and parameters, made when first
  /// needed, for the ASTContext ValuesContext.
  std::unique_ptr<ValueSources> Values;
  const clang::ASTContext *ValuesContext = nullptr;
};

/// Reports a warning or a note: the check's diag().
using WaitReporter = llvm::function_ref<clang::DiagnosticBuilder(
    clang::SourceLocation, llvm::StringRef, clang::DiagnosticIDs::Level)>;

/// What a rule runs with: the model, the options, the translation unit's
/// state, where diagnostics go.
struct WaitRuleContext {
  const ApiModel &Model;
  const WaitRuleOptions &Options;
  WaitRuleState &State;
  WaitReporter Report;

  const ApiModel &model() const { return Model; }
  clang::DiagnosticBuilder diag(
      clang::SourceLocation Loc, llvm::StringRef Description,
      clang::DiagnosticIDs::Level Level = clang::DiagnosticIDs::Warning) const {
    return Report(Loc, Description, Level);
  }
};

/// The values found by structure for \p Ctx (made when first asked for).
ValueSources &valueSources(WaitRuleState &St, clang::ASTContext &Ctx,
                           const ApiModel &M);

/// How long a sleep or a bounded wait can last: its constant length, or
/// the smallest value of the member, variable or parameter it reads
/// (lib/values/MemberValues.h).
struct LatencyBound {
  DurationValue Value;
  /// Set when the value was found by structure, not written at the call.
  const clang::NamedDecl *Source = nullptr;
  bool ByDefault = false;
  clang::SourceLocation MinLoc;
  /// Shown in the coarsest exact unit even without a Source (a value that
  /// crossed a call: its unit is the callee's parameter's, not the call's).
  bool Coarsest = false;
  /// "10s", "10s by default"
  std::string text() const;
};

/// The bound of a wait: \p Constant when it is known, else the smallest
/// value \p Arg (a duration, not a deadline; or, with \p NumberUnit, a
/// number of that unit) can hold.  Nullopt when unknown.
std::optional<LatencyBound>
boundOf(WaitRuleContext &R, const std::optional<DurationValue> &Constant,
        const clang::Expr *Arg, bool IsDeadline, clang::ASTContext &Ctx,
        std::optional<Period> NumberUnit = std::nullopt);

/// The note at the smallest value of a bound found by structure.
void noteBoundSource(WaitRuleContext &R, const std::optional<LatencyBound> &B);

/// The note at a token of the scope: "stop token 'st' declared here".
void noteToken(WaitRuleContext &R, const ScopeToken &T);

/// Where a diagnostic about \p CE goes: the callee's name.
clang::SourceLocation callNameLoc(const clang::CallExpr *CE);

/// Whether a finding may go at \p Loc: a valid location, not in a system
/// header, not reported yet.
bool mayReportAt(WaitRuleContext &R, clang::SourceLocation Loc,
                 const clang::SourceManager &SM);

/// callNameLoc(\p CE) when a finding may go there (mayReportAt; invalid
/// otherwise).
clang::SourceLocation reportableCallLoc(WaitRuleContext &R,
                                        const clang::CallExpr *CE,
                                        const clang::SourceManager &SM);

enum class Woken : uint8_t { No, RaceFree, Racy };

/// Whether the stop path of scope \p S wakes \p Object, which \p Wait
/// waits on, and if only racily, which wake (\p Racy).
Woken wokenOnStop(WaitRuleContext &R, const Scope &S,
                  const clang::ValueDecl *Object, const clang::CallExpr *Wait,
                  const clang::SourceManager &SM, StopWake &Racy);
/// The same with the stop wakes of \p Wakers (a function summary's
/// question about a wait in the function it summarises).
Woken wokenOnStop(StopWakers &Wakers, const Scope &S,
                  const clang::ValueDecl *Object, const clang::CallExpr *Wait,
                  const clang::SourceManager &SM, StopWake &Racy);

/// Whether the scope (or one it is nested in) registers a stop callback
/// on one of its tokens, before \p Wait, whose effect is not followed.
bool wokenByUnknownRoute(WaitRuleContext &R, const Scope &S,
                         const clang::CallExpr *Wait,
                         const clang::SourceManager &SM);

/// Whether the scope cancels one of its tokens; \p Remaining gets the
/// others.
bool cancelsItsOwnToken(WaitRuleContext &R, const Scope &S,
                        llvm::SmallVectorImpl<ScopeToken> &Remaining);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_WAITRULES_H
