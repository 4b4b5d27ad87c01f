//===- Blocks.h - Summary kind: calling a function blocks -------*- C++ -*-===//
//
// Whether calling a function blocks without observing any cancellation
// token, and for how long: the waits of context-uncancellable-wait one or
// more calls below the call in hand (a retry helper that sleeps 30s, a
// token-less helper that waits on a condition variable).
//
// A function blocks when its body, or a function it calls (to the depth of
// SummaryTable.h), makes a blocking call (lib/waits/BlockingCalls.h) that
// is
//  - a blind wait (not a join, not a select): unbounded;
//  - a sleep, or a bounded wait (Role::BoundedWait), of at least
//    MaxLatencySeconds: bounded by its duration, when that is a constant,
//    a value found by structure (lib/values/MemberValues.h), or a
//    parameter of the function (resolved at each call with the argument
//    it passes, or the default argument);
// and that is not
//  - in a function that names a token, source or context anywhere (it may
//    observe one: a function summarised as blocking observes none);
//  - after a stop request in the same function (it is on the stop path);
//  - on an object that the stop path wakes (lib/waits/StopWakers.h: a stop
//    callback, or a member function that requests stop and wakes it), even
//    racily (the lost wakeup is the lost-wakeup rules' finding), or that a
//    readiness test showed ready (lib/waits/ReadinessGuard.h).
// A bound that is none of those is dropped (not reported), as a
// non-constant bound is outside StrictMode.
//
// The record keeps at most one effect per kind of bound: the unbounded
// one, the longest constant one, the one that depends on a parameter; of
// two alike, the one with the shorter chain, then the first.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_BLOCKS_H
#define CONTEXT_TIDY_LIB_SUMMARIES_BLOCKS_H

#include "lib/summaries/FunctionSummary.h"
#include "lib/summaries/SummaryTable.h"
#include <functional>

namespace clang {
class ValueDecl;
} // namespace clang

namespace context_tidy {

class StopWakers;
class ValueSources;

enum class BlockKind : uint8_t {
  Wait,        ///< a blind wait on an object: unbounded
  Sleep,       ///< a sleep
  BoundedWait, ///< a wait with a timeout or a deadline
};

/// One way calling a function blocks.
struct BlockEffect {
  BlockKind Kind = BlockKind::Wait;
  BlockBound Bound;
  /// The blocking call's simple name: "wait", "sleep_for".
  std::string Api;
  /// From the summarised function down to the blocking call.
  SummaryChain Chain;
  /// In this translation unit: the blocking call, and what it waits on.
  const clang::CallExpr *Leaf = nullptr;
  const clang::ValueDecl *Object = nullptr;
};

struct BlockSummary {
  llvm::SmallVector<BlockEffect, 2> Effects;
};

class BlockSummaries {
public:
  /// \p Wakers answers the stop-path questions; \p Values gives the values
  /// found by structure (made when first needed).
  BlockSummaries(SummaryTable &Table, double MaxLatencySeconds,
                 StopWakers &Wakers, std::function<ValueSources &()> Values);

  /// The summaries of functions whose bodies this unit does not see,
  /// imported from other translation units (Facts.h); unset: none.
  std::function<const BlockSummary *(const clang::FunctionDecl *)> Imported;
  ~BlockSummaries();

  /// The summary of \p FD (empty when it does not block, or is not
  /// summarised): from its body, or imported when this unit has none.
  const BlockSummary &of(const clang::FunctionDecl *FD,
                         unsigned Depth = SummaryLimits::MaxDepth);

  /// The longest way \p Call (to a function the table follows) blocks, its
  /// parameter bounds resolved with the call's arguments: a constant or a
  /// value found by structure.  Nullopt when it does not block at least
  /// MaxLatencySeconds, or only by a bound that is not known.
  std::optional<BlockEffect> atCall(const clang::CallExpr *Call);

private:
  void compute(const clang::FunctionDecl *FD, unsigned Depth,
               BlockSummary &Out);
  /// \p B with its parameter replaced by what \p Call passes; the caller
  /// \p Caller's own parameters stay parameters (null: the top).
  std::optional<BlockBound> resolve(const BlockBound &B,
                                    const clang::CallExpr *Call,
                                    const clang::FunctionDecl *Callee,
                                    const clang::FunctionDecl *Caller);
  /// The bound of a duration \p E (not constant) read in \p Within; with
  /// \p NumberUnit, of a plain number of that unit.
  std::optional<BlockBound>
  boundOfExpr(const clang::Expr *E, const clang::FunctionDecl *Within,
              std::optional<Period> NumberUnit = std::nullopt);
  bool exempt(const LocalFacts &F, const clang::CallExpr *Call,
              const clang::ValueDecl *Object, bool Blind);
  void add(BlockSummary &Out, BlockEffect E) const;

  SummaryTable &Table;
  double MaxLatencySeconds;
  StopWakers &Wakers;
  std::function<ValueSources &()> Values;
  DepthMemo<BlockSummary> Memo;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_BLOCKS_H
