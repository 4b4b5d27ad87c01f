//===- CancellationScope.h - Bodies that were handed a token ---*- C++ -*-===//
//
// A cancellable scope is a function, lambda or coroutine body that can see a
// cancellation token it did not make itself:
//  - a named parameter whose type refers to a token, source or context of
//    the API model (by value, reference, pointer or pointer-like owner:
//    std::stop_token, seastar::abort_source&, a port's ContextPtr), which
//    includes the std::stop_token first parameter of a std::jthread
//    callable;
//  - for a lambda, a capture (explicit, implicit or init-capture) of one.
// Not a scope: a method of a class that is itself a context, token or
// source (the context library's own implementation), nor a body whose only
// token is a local it made itself.  A lambda nested in a scope is a scope
// of its own only if it has such a parameter or capture.
//
// collectScopes() walks a function once and yields its body and every
// lambda body nested in it, each with its tokens and the calls it makes
// (not those of nested lambdas), each call with its innermost loop.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_CONTEXTS_CANCELLATIONSCOPE_H
#define CONTEXT_TIDY_LIB_CONTEXTS_CANCELLATIONSCOPE_H

#include "lib/model/ApiModel.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class CallExpr;
class FunctionDecl;
class LambdaExpr;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// A token a scope can observe.
struct ScopeToken {
  const clang::ValueDecl *Decl = nullptr; ///< canonical declaration
  ContextKind Kind = ContextKind::None;
  /// The parameter, the explicit capture, or (implicit capture) the
  /// captured variable.
  clang::SourceLocation Loc;
  bool ExplicitCapture = false;
};

/// A call made directly in a scope's body.
struct ScopeCall {
  const clang::CallExpr *Call = nullptr;
  const clang::Stmt *InnermostLoop = nullptr; ///< within the same body
};

struct Scope {
  /// The function, or the lambda's call operator (a generic lambda's
  /// specialization).
  const clang::FunctionDecl *Function = nullptr;
  const clang::LambdaExpr *Lambda = nullptr;
  /// The statements analysed: the function body (a coroutine's user body).
  const clang::Stmt *Body = nullptr;
  /// Bodies of the functions this one is nested in, innermost first.
  llvm::SmallVector<const clang::Stmt *, 2> EnclosingBodies;
  llvm::SmallVector<ScopeToken, 2> Tokens;
  /// A method (or a lambda inside one) of a class that is itself a
  /// context, token or source.
  bool InContextLibrary = false;
  /// The scope this lambda is written in, as an index among the scopes of
  /// one collectScopes call; -1 for the outermost.
  int Parent = -1;
  llvm::SmallVector<ScopeCall, 8> Calls;
};

/// The tokens in scope of \p FD (a function, or a lambda's call operator
/// with \p Lambda its expression), in declaration order: parameters, then
/// captures.
llvm::SmallVector<ScopeToken, 2> scopeTokens(const clang::FunctionDecl *FD,
                                             const clang::LambdaExpr *Lambda,
                                             const ApiModel &M);

/// Whether \p FD is a member of a class that is itself a context, token or
/// source, or a lambda nested in such a member.
bool isContextLibraryCode(const clang::FunctionDecl *FD, const ApiModel &M);

/// The walks of collectScopes by function, for one translation unit (it
/// holds AST pointers).  What a scope holds (its body, its calls and their
/// loops, its lambdas) does not depend on the model, only its tokens do:
/// checks with different models share one walk of each function.
class ScopeWalks {
public:
  void clear() { ByFunction.clear(); }

private:
  friend void collectScopes(const clang::FunctionDecl *, const ApiModel &,
                            llvm::SmallVectorImpl<Scope> &, ScopeWalks *);
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<Scope, 2>>
      ByFunction;
};

/// Walks \p FD's body (and a constructor's member initialisers) once and
/// appends a Scope for it and for every lambda nested in it (each
/// specialization of a generic lambda), outermost first.  Dependent code
/// (uninstantiated templates) yields nothing.  With \p Walks, a function
/// walked before is not walked again.
void collectScopes(const clang::FunctionDecl *FD, const ApiModel &M,
                   llvm::SmallVectorImpl<Scope> &Out,
                   ScopeWalks *Walks = nullptr);

/// Whether \p L is written outside any function body: in the initializer
/// of a namespace-scope variable or in a default member initialiser (not a
/// default argument).  Decided from the closure type's declaration
/// contexts, so that no parent map is needed.
bool isLambdaOutsideFunctions(const clang::LambdaExpr &L);

/// The same for a lambda outside any function (a namespace-scope variable,
/// a default member initialiser).
void collectScopes(const clang::LambdaExpr *L, const ApiModel &M,
                   llvm::SmallVectorImpl<Scope> &Out);

/// Whether \p S reads one of \p Tokens, or calls a method on an object of
/// token, source or context type (`stop_.stop_requested()`,
/// `ctx->Err()`).  Nested lambdas are not looked into.
bool observesCancellation(const clang::Stmt *S,
                          llvm::ArrayRef<ScopeToken> Tokens,
                          const ApiModel &M);

/// Whether loop \p Loop observes cancellation on every iteration: in its
/// condition (or a for loop's increment), or in a statement of its body
/// that runs on every iteration (not inside a branch, a nested loop's body
/// or a lambda; an `if`'s condition counts).  The polling idiom.
bool loopObservesCancellationEachIteration(const clang::Stmt *Loop,
                                           llvm::ArrayRef<ScopeToken> Tokens,
                                           const ApiModel &M);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_CONTEXTS_CANCELLATIONSCOPE_H
