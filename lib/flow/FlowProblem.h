//===- FlowProblem.h - What a must-release analysis tracks ----*- C++ -*-===//
//
// The input of the must-release analyses of this folder: the resources
// (bits) and the events the caller attaches to statements and variables
// (see FlowAnalysis.h for what each event means).  Both FlowAnalysis (on
// Clang's CFG) and StructuredFlow (a proof without one) read it; neither
// includes the other's header through it.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_FLOWPROBLEM_H
#define CONTEXT_TIDY_LIB_FLOW_FLOWPROBLEM_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class Stmt;
class VarDecl;
} // namespace clang

namespace context_tidy {

enum class FlowEventKind : unsigned char { Gen, GenCheck, Kill, Overwrite };

struct FlowEvent {
  FlowEventKind Kind;
  unsigned Bit;
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

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_FLOWPROBLEM_H
