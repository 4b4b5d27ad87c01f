//===- Callables.h - The callable an expression hands over ------*- C++ -*-===//
//
// A callable is handed to a thread, a stop callback or a wait's predicate
// as an expression that may only carry it along: parentheses, implicit
// conversions, temporaries, a construction from it (a copy, or
// `std::function<void()>{lambda}`), a local variable initialised with it.
// callableOf() answers which lambda (or function) is under those nodes;
// each caller says which of the other routes it follows (functional casts,
// `&f`, local variables) and whether a function counts as an answer.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_AST_CALLABLES_H
#define CONTEXT_TIDY_LIB_AST_CALLABLES_H

namespace clang {
class CXXRecordDecl;
class DeclContext;
class Expr;
class FunctionDecl;
class LambdaExpr;
class Stmt;
} // namespace clang

namespace context_tidy {

/// What callableOf follows or accepts besides parentheses, implicit
/// conversions, temporaries and constructions of at least one argument (it
/// follows their first).
enum CallableRoute : unsigned char {
  NoExtraRoutes = 0,
  /// `T(x)` written as a cast: x.
  ThroughFunctionalCasts = 1U << 0,
  /// `&f`: f.
  ThroughAddressOf = 1U << 1,
  /// A reference to a local variable: its initializer.
  ThroughLocalVariables = 1U << 2,
  /// A reference to a function is an answer (else it ends the search with
  /// none).
  AcceptFunctions = 1U << 3,
};

/// The callable an expression hands over: a lambda, or (with
/// AcceptFunctions) a function.  Both null when it is neither.
struct Callable {
  const clang::LambdaExpr *Lambda = nullptr;
  const clang::FunctionDecl *Function = nullptr;
};

/// The lambda, or function, that \p E is, or names, within \p MaxSteps of
/// the nodes above (\p Routes: the CallableRoute bits also followed or
/// accepted); none for null, for anything else, and past \p MaxSteps.
Callable callableOf(const clang::Expr *E, unsigned Routes,
                    unsigned MaxSteps = 8);

/// The class whose member \p DC is, or whose member function's lambda it
/// is in (a lambda's closure type is skipped); null outside any class.
const clang::CXXRecordDecl *enclosingClass(const clang::DeclContext *DC);

/// The body of \p FD's definition when the translation unit has it and it
/// is not dependent (a template's pattern); null otherwise, and for null.
const clang::Stmt *visibleBody(const clang::FunctionDecl *FD);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_AST_CALLABLES_H
