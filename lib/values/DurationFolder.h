//===- DurationFolder.h - Folding durations and time points -----*- C++ -*-===//
//
// What foldDuration and foldDeadline (Duration.h) run on.  Two evaluators
// work together.  The Folder walks the expression itself, so that it can
// also fold what C++ does not call a constant expression (a const variable
// of class type inside arithmetic), say where the value came from, and see
// a conversion that turns a positive value into zero on the way.  It reads
// numbers and the model's duration literals (`100ms`) itself, and asks
// Clang's constant evaluator for what it does not model (a constexpr call).
// When it had to ask, Clang's evaluator is also run on the whole expression
// and is the authority: when both have a value and they disagree, Clang's
// wins and the folder's extras are dropped.  A value folded from literal
// numbers alone is exact and is not checked again (the evaluator would run
// each literal operator's body).
//
// The Folder's leaves, variables, literals and structure are in
// DurationFolder.cpp, its arithmetic, conversions and casts in
// DurationArithmetic.cpp, its time points in TimePointFolder.cpp.  Internal
// to lib/values/.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_VALUES_DURATIONFOLDER_H
#define CONTEXT_TIDY_LIB_VALUES_DURATIONFOLDER_H

#include "lib/model/ApiModel.h"
#include "lib/values/Duration.h"
#include "lib/values/Quantity.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class ASTContext;
} // namespace clang

namespace context_tidy {

constexpr unsigned MaxVariableDepth = 8;
constexpr unsigned MaxNodeDepth = 200;

/// A time point: now() plus an optional constant, or a constant.
struct TimeQuantity {
  bool IsNow = false;
  std::optional<Quantity> Offset; // IsNow
  bool AtMost = false;            // IsNow: rounded down after adding Offset
  Quantity SinceEpoch;            // !IsNow
};

class Folder {
public:
  Folder(const clang::ASTContext &Ctx, const ApiModel &M) : Ctx(Ctx), M(M) {}

  /// The value of a duration or number expression.
  std::optional<Quantity> value(const clang::Expr *E, unsigned VarDepth,
                                unsigned NodeDepth = 0);
  /// The value of a time point expression.
  std::optional<TimeQuantity> time(const clang::Expr *E, unsigned VarDepth,
                                   unsigned NodeDepth = 0);

  /// Clang's evaluator on E alone.
  std::optional<Quantity> evaluated(const clang::Expr *E) const;

  std::optional<Truncation> Trunc;
  llvm::SmallVector<ValueOrigin, 2> Origins;
  /// Whether value() asked Clang's evaluator for a part of the expression
  /// (a constexpr call, a literal operator outside the model).
  bool UsedEvaluator = false;

private:
  std::optional<Quantity> evaluatedUncached(const clang::Expr *E) const;
  // Clang's evaluator by expression: foldDuration asks it for the whole
  // expression, then value() asks again for the same node when it is a
  // leaf (a chrono literal, a constexpr call), at about 25,000 instructions
  // each on a literal operator.
  mutable llvm::DenseMap<const clang::Expr *, std::optional<Quantity>>
      Evaluated;

  std::optional<Quantity> structural(const clang::Expr *E, unsigned VarDepth,
                                     unsigned NodeDepth);
  std::optional<Quantity> leaf(const clang::Expr *E, unsigned VarDepth);
  std::optional<Quantity> numericCast(const Quantity &Q, clang::QualType To,
                                      const clang::Expr *Where);
  std::optional<Quantity> adapt(std::optional<Quantity> Q, clang::QualType To);
  std::optional<Quantity> variable(const clang::ValueDecl *D, clang::QualType T,
                                   unsigned VarDepth, unsigned NodeDepth);
  std::optional<Quantity> durationOperator(const clang::CXXOperatorCallExpr *Op,
                                           unsigned VarDepth,
                                           unsigned NodeDepth);
  std::optional<Quantity> scalarOperator(const clang::BinaryOperator *Op,
                                         unsigned VarDepth, unsigned NodeDepth);
  std::optional<Quantity> quotient(Quantity Out, const Quantity &X,
                                   const Quantity &Y, bool Float,
                                   clang::SourceLocation Loc);
  std::optional<Quantity> durationCast(const clang::CallExpr *CE,
                                       unsigned VarDepth, unsigned NodeDepth);
  std::optional<Quantity> literal(const clang::Expr *E, unsigned VarDepth);
  std::optional<TimeQuantity> timeAs(const clang::Expr *From,
                                     clang::QualType To, unsigned VarDepth,
                                     unsigned NodeDepth);
  std::optional<TimeQuantity> timeVariable(const clang::ValueDecl *D,
                                           unsigned VarDepth,
                                           unsigned NodeDepth);
  void noteTruncation(llvm::StringRef Operation, const Quantity &From,
                      const Quantity &To, clang::SourceLocation Loc);
  void noteDecl(const clang::NamedDecl *D, unsigned VarDepth);
  void noteMacro(const clang::Expr *E, unsigned VarDepth);

  const clang::ASTContext &Ctx;
  const ApiModel &M;
};

/// Whether \p E has no value to fold: null, dependent, or containing errors.
bool unfoldable(const clang::Expr *E);

/// \p E without parentheses, full-expression wrappers, temporaries,
/// substituted template parameters and default member initialisers.
const clang::Expr *skipTemporaries(const clang::Expr *E);

/// The variable \p D when its value is fixed: constexpr, or const (not
/// volatile) with an initialiser, which is stored in \p Init.  Parameters
/// are not: their "initialiser" is a default argument.
const clang::VarDecl *fixedVariable(const clang::ValueDecl *D,
                                    const clang::Expr *&Init);

/// The only argument of a constructor call, when it has one (arguments
/// left to their defaults do not count).
const clang::Expr *singleArgument(const clang::CXXConstructExpr *CE);

/// How the cast function \p FD rounds: floor, ceil, round, or toward zero
/// (duration_cast, time_point_cast).
Rounding castRounding(const clang::FunctionDecl *FD);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_VALUES_DURATIONFOLDER_H
