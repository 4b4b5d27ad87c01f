//===- Statements.h - Kinds of statements the walks share -------*- C++ -*-===//
//
// Questions about a statement's kind that the walks of function bodies
// (lib/contexts/CancellationScope.cpp, lib/summaries/SummaryTable.cpp) and
// the loop rules ask: is it a loop, what is a loop's condition, are its
// operands never evaluated.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_AST_STATEMENTS_H
#define CONTEXT_TIDY_LIB_AST_STATEMENTS_H

namespace clang {
class Expr;
class Stmt;
} // namespace clang

namespace context_tidy {

/// A while, do, for or range-for loop.
bool isLoop(const clang::Stmt *S);

/// The condition of a while, do or for loop (null for a range-for, a for
/// without one, or any other statement).
const clang::Expr *loopCondition(const clang::Stmt *Loop);

/// An expression whose operands are never evaluated: sizeof, alignof,
/// noexcept, requires, a concept's specialization, a typeid of a type or a
/// non-polymorphic object.
bool isUnevaluated(const clang::Stmt *S);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_AST_STATEMENTS_H
