//===- FunctionSummary.h - What a call of a function does -------*- C++ -*-===//
//
// The summary of a function: what calling it does that a check about
// cancellation needs to know at the call, computed once per translation
// unit from the function's body and its callees' summaries
// (SummaryTable.h).  One record per kind, each in the file of its kind:
//  - blocks (Blocks.h): calling it blocks, for a bound or without one,
//    without observing any cancellation token;
//  - timeout parameters (TimeoutParams.h): which of its parameters reach a
//    timeout unchanged;
//  - root calls (RootCalls.h): calling it starts work from a fresh root
//    context.
// This file holds what the kinds share: the chain of steps down to an
// operation, a bound, a parameter read.
//
// What a record holds is plain data (names, values, parameter indices, and
// a short chain of steps down to the operation, each a function's name
// and a location as text), plus handles into the translation unit (the
// calls and objects the effects are about, the locations of the steps)
// that the checks use for notes and to compare objects.  Facts.h says
// which part travels to another translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_SUMMARIES_FUNCTIONSUMMARY_H
#define CONTEXT_TIDY_LIB_SUMMARIES_FUNCTIONSUMMARY_H

#include "lib/values/Duration.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class NamedDecl;
class SourceManager;
} // namespace clang

namespace context_tidy {

/// One step of the way from a summarised function down to an operation:
/// the call (or the operation itself, for the last step) in one function's
/// body.
struct ChainStep {
  /// The function whose body holds the step, as it is named in notes.
  std::string Function;
  /// What is called there: the next function, or the operation's API
  /// ("wait", "notify_all"), or the member written ("stop_").
  std::string Callee;
  /// The step's presumed location, "file:line:col".
  std::string Where;
  /// The same location in this translation unit.
  clang::SourceLocation Loc;
};

/// The steps from a function (the first, in its own body) down to an
/// operation (the last); at most SummaryLimits::MaxDepth long.
using SummaryChain = llvm::SmallVector<ChainStep, 3>;

/// A step of \p FD's body at \p Loc that calls or does \p Callee.
ChainStep chainStep(const clang::FunctionDecl *FD, llvm::StringRef Callee,
                    clang::SourceLocation Loc, const clang::SourceManager &SM);

/// How a function's name is shown in notes and chains: its name, or
/// "lambda" for a lambda's call operator.
std::string summaryName(const clang::FunctionDecl *FD);

/// A parameter of a function, as an expression of its body reads it: the
/// parameter itself (a duration, seen through exact conversions between
/// duration units), or a number parameter converted to a duration
/// (`std::chrono::seconds(n)`: NumberUnit is the duration's period).
struct ParamRef {
  unsigned Index = 0;
  std::optional<Period> NumberUnit;
};

/// Whether \p E, in the body of \p FD (a definition), reads one of its
/// parameters as above; with \p NumberUnit, \p E may also be a number
/// parameter read as a number of that unit (the timeout of `poll`).
std::optional<ParamRef>
parameterOf(const clang::Expr *E, const clang::FunctionDecl *FD,
            const ApiModel &M, std::optional<Period> NumberUnit = std::nullopt);

/// How long a blocking operation can last.
struct BlockBound {
  enum Kind : uint8_t {
    /// Until something wakes it.
    Unbounded,
    /// At most Value.
    Constant,
    /// At most the value the caller passes for parameter Param (a duration,
    /// or, with NumberUnit, a number of that unit).
    Parameter,
  };
  Kind K = Unbounded;
  DurationValue Value;
  unsigned Param = 0;
  std::optional<Period> NumberUnit;
  /// Constant: found by structure from a default (a default argument, a
  /// public member's initializer): callers may pass others.
  bool ByDefault = false;
  /// Constant: the declaration whose value it is, when found by structure,
  /// and where that value is written (handles for the note).
  const clang::NamedDecl *Source = nullptr;
  clang::SourceLocation SourceLoc;

  /// Whether this bound can last longer than \p O (Unbounded is the
  /// longest; a Parameter compares as unknown, never longer).
  bool longerThan(const BlockBound &O) const;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_SUMMARIES_FUNCTIONSUMMARY_H
