//===- TimeoutParams.h - Summary kind: timeout parameters -------*- C++ -*-===//
//
// Which parameters of a function are, unchanged, the timeout of a call
// below it: `void waitReady(std::chrono::milliseconds d) { cv.wait_for(lk,
// d); }`, or `void retry(int s) { ctx = WithTimeout(ctx, seconds(s)); }`,
// directly or through up to SummaryLimits::MaxDepth calls.  A call of such
// a function with a constant argument (or default argument) that is zero
// or negative gives that timeout a value that is not positive: the finding
// of context-nonpositive-timeout, one or more calls above the API.
//
// A parameter counts when
//  - the function reads it once, and that read is the timeout argument of
//    a timeout API (the model's RelativeTimeout and PollTimeout roles, as
//    the check decides: TimeoutApi) or the argument, for a parameter that
//    counts, of a function it calls;
//  - the read is the parameter itself (through exact conversions between
//    duration units), or a number parameter converted to a duration
//    (`std::chrono::seconds(n)`): FunctionSummary.h's parameterOf;
//  - the function does not write it.
// A parameter that the body also tests (`if (d <= 0ms) return;`, or `d <
// 0 ? wait() : wait_for(d)`: a sentinel that means "no timeout") is read
// more than once, and does not count.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_TIMEOUTPARAMS_H
#define CONTEXT_TIDY_LIB_SUMMARIES_TIMEOUTPARAMS_H

#include "lib/summaries/FunctionSummary.h"
#include "lib/summaries/SummaryTable.h"
#include <functional>

namespace context_tidy {

/// A parameter of a function that reaches a timeout unchanged.
struct TimeoutParam {
  unsigned Param = 0;
  /// Set when the parameter is a number of this unit (`seconds(n)`).
  std::optional<Period> NumberUnit;
  /// The API's timeout is a poll's: zero is an idiom there, not a bug.
  bool Poll = false;
  /// The API makes a context with that timeout (WithTimeout).
  bool CreatesContext = false;
  /// The timeout API's simple name ("wait_for").
  std::string Api;
  /// From the summarised function down to the timeout call.
  SummaryChain Chain;
};

struct TimeoutParamSummary {
  llvm::SmallVector<TimeoutParam, 1> Params;
};

/// What the check calls a timeout API: the call's timeout argument, as the
/// model's argument index gives it, and whether it is a poll's (null: not a
/// timeout API).
struct TimeoutApiCall {
  const clang::Expr *Arg = nullptr;
  bool Poll = false;
  bool CreatesContext = false;
};
using TimeoutApi = std::function<TimeoutApiCall(const clang::CallExpr *Call)>;

class TimeoutParamSummaries {
public:
  TimeoutParamSummaries(SummaryTable &Table, TimeoutApi Api);

  /// The parameters of \p FD that reach a timeout, within \p Depth calls.
  const TimeoutParamSummary &of(const clang::FunctionDecl *FD,
                                unsigned Depth = SummaryLimits::MaxDepth);

private:
  void compute(const clang::FunctionDecl *FD, unsigned Depth,
               TimeoutParamSummary &Out);

  SummaryTable &Table;
  TimeoutApi Api;
  DepthMemo<TimeoutParamSummary> Memo;
  /// How many times each parameter of a summarised body is read.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<unsigned, 4>>
      Reads;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_TIMEOUTPARAMS_H
