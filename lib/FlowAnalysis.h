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

#ifndef CONTEXT_TIDY_LIB_FLOWANALYSIS_H
#define CONTEXT_TIDY_LIB_FLOWANALYSIS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class Stmt;
class VarDecl;
} // namespace clang

namespace context_tidy {

enum class FlowEventKind : unsigned char { Gen, GenCheck, Kill, Overwrite };

struct FlowEvent {
  FlowEventKind Kind;
  unsigned Bit;
};

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

class FlowProblem {
public:
  /// A new resource; returns its bit.
  unsigned addBit() { return NumBits++; }
  unsigned numBits() const { return NumBits; }

  /// An event at statement \p S (in the order added, for one statement).
  void addEvent(const clang::Stmt *S, FlowEventKind K, unsigned Bit) {
    StmtEvents[S].push_back({K, Bit});
  }
  /// An event where the CFG declares \p V (after its initialiser).
  void addDeclEvent(const clang::VarDecl *V, FlowEventKind K, unsigned Bit) {
    DeclEvents[V].push_back({K, Bit});
  }
  /// A return statement that ends its path without a report.
  void addQuietExit(const clang::Stmt *S) { QuietExits.insert(S); }

  bool empty() const { return StmtEvents.empty() && DeclEvents.empty(); }

private:
  friend class FlowRunner;
  friend class StructuredProof;
  unsigned NumBits = 0;
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<FlowEvent, 1>>
      StmtEvents;
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<FlowEvent, 1>>
      DeclEvents;
  llvm::DenseSet<const clang::Stmt *> QuietExits;
};

struct FlowResult {
  /// False when no CFG could be built (then there are no leaks).
  bool Analyzed = false;
  /// For each bit, where it leaks, in source order of the CFG walk.
  std::vector<llvm::SmallVector<FlowLeak, 2>> Leaks;
};

/// Runs \p P over \p Body, the body of \p D (a function, method or lambda
/// call operator; a coroutine's own body, not its CoroutineBodyStmt).
/// With \p ProveFirst, a body that lib/StructuredFlow proves leak-free gets
/// its (empty) result without a CFG; the result is the same either way.
FlowResult runFlowAnalysis(const clang::Decl *D, clang::Stmt *Body,
                           clang::ASTContext &Ctx, const FlowProblem &P,
                           bool ProveFirst = true);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOWANALYSIS_H
