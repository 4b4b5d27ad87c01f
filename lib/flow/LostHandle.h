//===- LostHandle.h - What the lost-cancel analysis reports ----*- C++ -*-===//
//
// The result of the analysis behind context-lost-cancel (HandleTracker.h):
// a handle or source that some path does not release, or a handle thrown
// away, and the options the analysis takes.  On its own so that the files
// that implement the analysis (Tracker.h) and its interface
// (HandleTracker.h) both read it without including each other.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_LOSTHANDLE_H
#define CONTEXT_TIDY_LIB_FLOW_LOSTHANDLE_H

#include "lib/flow/FlowAnalysis.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace context_tidy {

class HandleShapeCache;

struct TrackerOptions {
  /// Also track local cancellation sources whose token is handed out.
  bool CheckSources = false;
  /// Where to keep the shapes of factories' result types across calls;
  /// none: each analysis finds them again.
  HandleShapeCache *Shapes = nullptr;
};

/// One handle (or source) that is not released, or a discarded handle.
struct LostHandle {
  enum Kind : unsigned char {
    NotCalled,      ///< a bound handle some path never calls or hands on
    Discarded,      ///< the factory's handle is thrown away at once
    SourceNotReleased, ///< a source whose token an owner waits on
  } K;
  clang::SourceLocation Loc; ///< the binding (or the call, for Discarded)
  std::string Name;          ///< the variable; empty for Discarded
  /// Name is a pair/tuple/struct that holds the handle, not the handle.
  bool InHolder = false;
  std::string Factory;       ///< the factory as declared ("WithTimeout")
  /// Discarded: another element of the result (the context) was kept.
  bool ContextKept = false;
  /// NotCalled: the handle is never called, passed on or copied at all.
  bool NeverUsed = false;
  /// SourceNotReleased: a release method of the source's class, if known.
  std::string ReleaseName;
  /// Where the handle leaks: one entry per leaking exit or rebinding.
  llvm::SmallVector<FlowLeak, 2> Leaks;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_LOSTHANDLE_H
