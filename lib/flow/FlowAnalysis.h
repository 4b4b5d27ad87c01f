//===- FlowAnalysis.h - Must-release analysis on Clang's CFG ---*- C++ -*-===//
//
// A forward "must be released" dataflow over one function body.  Each
// tracked resource is a bit.  The caller attaches events to statements:
//
//   Gen        the resource now exists and must be released;
//   GenCheck   the same, and if the bit is already set (a loop came back,
//              or the statement ran again) the previous one is leaked;
//   Kill       released, or ownership handed elsewhere;
//   Overwrite  the variable holding it is overwritten: leaked if set.
//
// Events attached to a DeclStmt's variable fire where the CFG declares that
// variable.  The analysis builds the CFG once (trivially false branches
// pruned, so `if constexpr` and `if (false)` bodies are unreachable; only
// the statement classes that carry events are elements besides calls,
// declarations and exits; a second build with every class is the fallback
// when an event's statement is still no element), runs one worklist pass
// over bit vectors (may-be-unreleased, union at joins) with each block's
// events listed once, then reports the function exits (return, co_return,
// explicit throw, the end of the body) a set bit reaches, once per exit.  Paths through [[noreturn]] calls and
// through "quiet" returns (test assertions) end without a report; loops
// with no exit report nothing at their exits.
//
// This file knows no API: what the events are is the caller's business.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_FLOWANALYSIS_H
#define CONTEXT_TIDY_LIB_FLOW_FLOWANALYSIS_H

#include "lib/flow/FlowProblem.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class Stmt;
} // namespace clang

namespace context_tidy {

/// Where a set bit leaves the function, or is lost.
struct FlowLeak {
  enum Kind : unsigned char {
    Return,        ///< a return statement (At)
    CoReturn,      ///< a co_return statement (At)
    Throw,         ///< a throw expression (At)
    EndOfFunction, ///< falling off the end of the body (At is the body)
    Rebind,        ///< a GenCheck reached with the bit set (At)
    Overwritten,   ///< an Overwrite reached with the bit set (At)
  } K;
  const clang::Stmt *At;
};

struct FlowResult {
  /// False when no CFG could be built (then there are no leaks).
  bool Analyzed = false;
  /// For each bit, where it leaks, in source order of the CFG walk.
  std::vector<llvm::SmallVector<FlowLeak, 2>> Leaks;
};

/// Runs \p P over \p Body, the body of \p D (a function, method or lambda
/// call operator; a coroutine's own body, not its CoroutineBodyStmt).
/// With \p ProveFirst, a body that lib/flow/StructuredFlow proves leak-free gets
/// its (empty) result without a CFG; the result is the same either way.
FlowResult runFlowAnalysis(const clang::Decl *D, clang::Stmt *Body,
                           clang::ASTContext &Ctx, const FlowProblem &P,
                           bool ProveFirst = true);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_FLOWANALYSIS_H
