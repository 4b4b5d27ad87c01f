//===- ExprWrappers.h - Looking through nodes that keep a value -*- C++ -*-===//
//
// Several analyses ask what an expression is made of under the nodes that
// only carry its value along: parentheses, implicit conversions, cleanups,
// temporaries and copies or moves.  Each may also look through a few
// others (default arguments, functional casts, `&f`); one loop serves
// them all.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_AST_EXPRWRAPPERS_H
#define CONTEXT_TIDY_LIB_AST_EXPRWRAPPERS_H

namespace clang {
class Expr;
} // namespace clang

namespace context_tidy {

/// What skipWrappers looks through besides parentheses, implicit
/// conversions, ExprWithCleanups, temporaries and copy or move
/// constructions of one argument.
enum WrapperKind : unsigned char {
  NoExtraWrappers = 0,
  /// A default argument or default member initializer: its expression.
  DefaultArguments = 1U << 0,
  /// `T(x)` written as a cast.
  FunctionalCasts = 1U << 1,
  /// `&f`: the function or object whose address is taken.
  AddressOf = 1U << 2,
};

/// \p E under at most \p MaxSteps of those nodes (\p Extra: the WrapperKind
/// bits also looked through); null for null.
const clang::Expr *skipWrappers(const clang::Expr *E, unsigned Extra,
                                unsigned MaxSteps = 8);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_AST_EXPRWRAPPERS_H
