//===- DetachedCalls.h - Calls that cut the cancellation chain -*- C++ -*-===//
//
// The questions context-detached-context asks of one call, answered from
// the call's callee and the API model:
//  - does the call leave a token or context parameter to its default
//    (`client.Get(key)` where `Get(const std::string &, const Context & =
//    {})`), or call an overload without one where a same-named overload
//    takes one (`Get(key)` beside `Get(key, const Context &)`)?
//  - does it pass a fresh root context (`Background()`) where the callee
//    takes a context, as the parent of a derivation or as any other
//    argument of context type?
// and which code runs as clean-up (catch handlers, lambdas handed to scope
// guards), where a cancelled token must not be passed.
//
// Which token "could be passed" is decided by type: the token's type, after
// references and cv-qualifiers, is the parameter's or a class derived from
// it (canPassAs).  A std::stop_token is never "the caller's context" for an
// Azure::Core::Context parameter.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_CONTEXTS_DETACHEDCALLS_H
#define CONTEXT_TIDY_LIB_CONTEXTS_DETACHEDCALLS_H

#include "lib/model/ApiModel.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class CallExpr;
class FunctionDecl;
class LambdaExpr;
class LangOptions;
class NamedDecl;
class Expr;
class SourceManager;
class Stmt;
} // namespace clang

namespace context_tidy {

/// Whether a value of type \p From is of the kind a parameter of type \p To
/// takes: the same type after references and cv-qualifiers, the same
/// pointee for pointers, or a class derived from the parameter's class.
bool canPassAs(clang::QualType From, clang::QualType To);

/// canPassAs, and the value also binds as it is: a const object (or a
/// pointer to const) is not passed to a non-const lvalue reference (or a
/// pointer to non-const).
bool bindsAsIs(clang::QualType From, clang::QualType To);

/// A call that does not pass a token or context the callee could take.
struct OmittedToken {
  /// The defaulted parameter (of the callee), or the token parameter of
  /// the overload that takes one.
  unsigned ParamIndex = 0;
  clang::QualType ParamType;
  ContextKind Kind = ContextKind::None;
  /// Null: the callee's own parameter is left to its default.  Otherwise
  /// the overload that takes the token.
  const clang::FunctionDecl *Overload = nullptr;
  /// More than one overload (or position) would take a token.
  bool Ambiguous = false;
};

/// The parameters of \p Call's callee that are left to a default and whose
/// type is a token, source or context; then, if there is none and the
/// callee takes no such parameter at all, the same-named overloads (in the
/// callee's class or namespace) that take the callee's parameters and one
/// token, source or context more.  Operators, constructors, function
/// templates' specializations (for the overload search), methods of
/// context, token or source classes and blocking calls of the model
/// (context-uncancellable-wait's) yield nothing.
class OmissionFinder {
public:
  explicit OmissionFinder(const ApiModel &M) : M(M) {}
  llvm::SmallVector<OmittedToken, 1> find(const clang::CallExpr *Call);
  void clear() {
    Overloads.clear();
    Tokens.clear();
  }

private:
  /// A parameter of a callee that takes a token or context.
  struct TokenParameter {
    unsigned Index;
    ContextKind Kind;
  };
  const llvm::SmallVector<OmittedToken, 1> &
  overloadsOf(const clang::FunctionDecl *FD);
  /// The callee's token parameters, found once per callee.
  const llvm::SmallVector<TokenParameter, 1> &
  tokenParameters(const clang::FunctionDecl *FD);
  const ApiModel &M;
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<TokenParameter, 1>>
      Tokens;
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<OmittedToken, 1>>
      Overloads;
};

/// A root context passed where the callee takes a context.
struct FreshRoot {
  /// A call (Background(), TODO(), ...) or a variable
  /// (Azure::Core::Context::ApplicationContext) of Role::RootContext.
  const clang::Expr *Root = nullptr;
  const clang::NamedDecl *RootDecl = nullptr;
  clang::QualType ParamType;             ///< the parameter it is passed to
  /// The root is the object of a method of a context class
  /// (`Background().WithCancel()`), not an argument.
  bool AsObject = false;
};

/// The root-context calls (Role::RootContext) that \p Call passes as an
/// argument whose parameter is a context, or as the object of a method of
/// a context class.  A call to a detach function (Role::DetachFunction)
/// yields nothing: it detaches on purpose.
llvm::SmallVector<FreshRoot, 1> findFreshRoots(const clang::CallExpr *Call,
                                               const ApiModel &M);

/// Whether \p E (implicit conversions, temporaries and copies looked
/// through) is a call to a root-context function or names a root-context
/// variable; the function or variable.
const clang::NamedDecl *asRoot(const clang::Expr *E, const ApiModel &M);

/// Clean-up code in a body: the calls made in catch handlers, and the
/// lambdas handed to scope guards (Role::ScopeGuardType,
/// ScopeGuardFactory, ScopeGuardMacro) or written in a catch handler,
/// with every lambda nested in those.  Nested lambdas' own calls are not
/// collected (each lambda is a scope of its own).
class CleanupCode {
public:
  CleanupCode(llvm::ArrayRef<const clang::Stmt *> Roots, const ApiModel &M,
              const clang::SourceManager &SM, const clang::LangOptions &LO);
  bool contains(const clang::CallExpr *Call) const {
    return Calls.contains(Call);
  }
  bool contains(const clang::LambdaExpr *L) const {
    return Lambdas.contains(L);
  }

private:
  llvm::DenseSet<const clang::CallExpr *> Calls;
  llvm::DenseSet<const clang::LambdaExpr *> Lambdas;
};

/// Whether \p Loc is in the expansion of a macro of role \p R, at any
/// depth (the outermost macro counts: `TEST(a, b)` expands through
/// GTEST_TEST_).
bool inMacroOfRole(clang::SourceLocation Loc, Role R, const ApiModel &M,
                   const clang::SourceManager &SM,
                   const clang::LangOptions &LO);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_CONTEXTS_DETACHEDCALLS_H
