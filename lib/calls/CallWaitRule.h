//===- CallWaitRule.h - Waits one or more calls down -----------*- C++ -*-===//
//
// context-uncancellable-wait's rules for a call of a function whose
// summary blocks (lib/summaries/Blocks.h), the call being the wait:
//  - in a cancellable scope (lib/contexts/CancellationScope.h), a call that
//    passes none of the scope's tokens to a function that takes none:
//    blocking without a bound is a blind wait, reported at the call;
//    sleeping MaxStopLatency or more is a blind sleep, or (in a loop that
//    checks the token on every iteration) a stop latency, as a sleep
//    written at the call would be; a bounded wait that long is a stop
//    latency.  Not when the scope requested stop before the call, when a
//    null test of every token guards it, when the scope's stop path wakes
//    the object the wait is on, or a stop callback of the scope does what
//    is not followed (the exemptions of BlindWaitRule.h);
//  - in a loop whose condition reads a stop flag that the stop path
//    writes (StopLatencyRule.h; also a member function that writes it and
//    then notifies, or a destructor or joining function that calls one
//    that writes it), the loop around the call or one around that, a
//    call that sleeps or waits with a timeout of MaxStopLatency or more is
//    a stop latency, unless the stop path wakes that wait.
// Each finding has a note for each step of the chain down to the blocking
// call.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_CALLS_CALLWAITRULE_H
#define CONTEXT_TIDY_LIB_CALLS_CALLWAITRULE_H

#include "lib/summaries/Blocks.h"
#include "lib/summaries/CallSites.h"
#include "lib/summaries/SummaryTable.h"
#include "lib/waits/WaitRules.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace context_tidy {

/// The summaries the rules across calls read, for one translation unit.
class CallSummaries {
public:
  /// \p Imported gives the summaries of functions defined in other
  /// translation units (null: none).
  CallSummaries(clang::ASTContext &Ctx, const ApiModel &M,
                WaitRuleState &State, double MaxLatencySeconds,
                const std::function<const BlockSummary *(
                    const clang::FunctionDecl *)> &Imported = nullptr);
  const clang::ASTContext *Context;
  SummaryTable Table;
  BlockSummaries Blocks;
  CallSites Sites;
};

/// What the rules across calls run with.
struct CallRuleContext {
  WaitRuleContext &R;
  CallSummaries &Summaries;
};

/// The first rule above, on the calls of cancellable scope \p S.
void checkCallWaits(CallRuleContext &C, const Scope &S, clang::ASTContext &Ctx);

/// The second, on \p Call, a call in a loop of a scope without a token.
void checkFlagCallLatency(CallRuleContext &C, const ScopeCall &Call,
                          const clang::Stmt *Body, clang::ASTContext &Ctx);

/// Notes down \p Chain: "'f' calls 'g' here", ..., "'wait' blocks here";
/// a step of another translation unit (imported, no location here) is
/// noted at \p Call with its place as text.
void noteChain(WaitRuleContext &R, const SummaryChain &Chain,
               llvm::StringRef Last, clang::SourceLocation Call);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_CALLS_CALLWAITRULE_H
