//===- StructuredFlow.h - A must-release proof without a CFG ---*- C++ -*-===//
//
// Most functions release every resource FlowAnalysis tracks on every path,
// and their control flow is blocks, ifs, loops and returns.  For those, a
// walk of the statements proves that no event of a FlowProblem can be
// reported, without building the CFG (which costs more than the rest of
// the tracking: docs/performance.md).
//
// The walk follows every path the CFG has and more: both arms of every if
// (the CFG prunes trivially false ones), every call as returning (the CFG
// ends paths at [[noreturn]] calls), every loop as exiting through its
// condition.  Each full expression runs its events as one step, so the
// proof gives up on any that could depend on their order or on a branch
// inside the expression: two events of one bit in one full expression, an
// event under &&, ||, ?:, in a lambda's body or an unevaluated operand.
// It gives up on what it does not model: goto and labels, switch, try,
// statement expressions, throw with a resource possibly held, and any
// statement it does not know.  A proof then says what the CFG would: no
// leak.  When the walk gives up, or finds a path that may leak, only the
// CFG can say where; FlowAnalysis builds it.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_STRUCTUREDFLOW_H
#define CONTEXT_TIDY_LIB_FLOW_STRUCTUREDFLOW_H

namespace clang {
class Stmt;
} // namespace clang

namespace context_tidy {

class FlowProblem;

/// True if no path through \p Body (a function's body, as for
/// runFlowAnalysis) reports any event of \p P: no bit reaches an exit
/// set, and no GenCheck or Overwrite meets its bit set.  False means "not
/// proved", not "leaks".
bool provesNoLeak(const clang::Stmt *Body, const FlowProblem &P);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_STRUCTUREDFLOW_H
