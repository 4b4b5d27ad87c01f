//===- CancelHandles.h - Where a factory's cancel handle is ----*- C++ -*-===//
//
// A cancel factory (WithCancel, with_timeout, withDeadline, ...) returns the
// child context together with a cancel handle, in one of several shapes:
//
//   std::pair<Context, std::function<void()>>          pygolang, goincpp
//   std::tuple<context_type, std::function<void()>>     bongo
//   struct CancelContext { ContextPtr ctx; CancelFunc cancel; }
//   Result<std::pair<ContextPtr, CancelFunc>>           gocxx (a wrapper that
//   std::optional<...>, expected<...>                    may hold an error)
//
// The handle is the element that is invocable with no argument (one cause
// argument for the *Cause factories): a std::function, a function pointer,
// a class with operator(), or a type the API model names a cancel handle.
// A wrapper's value is reached through the API model's `unwrap` members
// (value(), operator*, operator->, a data member `value`, ...); elements
// through fields, the model's `tuple_element` functions (get<I>) and
// structured bindings.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_CANCELHANDLES_H
#define CONTEXT_TIDY_LIB_FLOW_CANCELHANDLES_H

#include "lib/model/ApiModel.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace clang {
class BindingDecl;
class CallExpr;
class Expr;
class FieldDecl;
} // namespace clang

namespace context_tidy {

/// Where the cancel handle is in a factory's result type.
struct HandleShape {
  /// The result must be unwrapped (value(), *r, r->, r.value) before the
  /// handle exists: a wrapper that may hold an error instead.
  bool Wrapped = false;
  /// The unwrapped type that holds the handle (a pair, tuple or struct), or
  /// the handle's own type when Index is -1.
  clang::QualType Holder;
  /// The handle's position among Holder's elements (a tuple-like's template
  /// argument, or a struct's field), or -1 when Holder is the handle.
  int Index = -1;
  /// The field that holds the handle, when Holder has public fields
  /// (std::pair::second, a struct's member).
  const clang::FieldDecl *Field = nullptr;
  /// The handle's type.
  clang::QualType Handle;
};

/// Whether \p T (through references and cv-qualifiers) is a cancel handle:
/// a type the model names a cancel handle, or something invocable with no
/// argument (with \p TakesCause, also with exactly one).
bool isCancelHandleType(clang::QualType T, const ApiModel &M,
                        bool TakesCause = false);

/// Where the cancel handle is in \p Result, the type a factory returns.
/// Nullopt when none is found, or more than one element could be it.
std::optional<HandleShape> findCancelHandle(clang::QualType Result,
                                            const ApiModel &M,
                                            bool TakesCause = false);

/// findCancelHandle's answers, by type node and TakesCause: every call of a
/// factory asks about the same result type.  Holds type pointers: one per
/// translation unit, like the model's own caches.
class HandleShapeCache {
public:
  std::optional<HandleShape> find(clang::QualType Result, const ApiModel &M,
                                  bool TakesCause);
  void clear() { Shapes.clear(); }

private:
  llvm::DenseMap<std::pair<const void *, unsigned>, std::optional<HandleShape>>
      Shapes;
};

/// If \p E unwraps a wrapper (a member call, operator or data member in the
/// model's unwrap role), the wrapper expression; else null.
const clang::Expr *unwrappedObject(const clang::Expr *E, const ApiModel &M);

/// An element of a tuple-like or struct value read by an expression.
struct ElementRead {
  const clang::Expr *Object = nullptr; ///< the pair/tuple/struct
  int Index = -1;                      ///< element position, -1 if unknown
  const clang::FieldDecl *Field = nullptr;
};

/// If \p E reads one element of a value (`v.second`, `v->cancel`,
/// `get<1>(v)` through the model's tuple_element role), what it reads.
std::optional<ElementRead> elementRead(const clang::Expr *E,
                                       const ApiModel &M);

/// Whether element \p R of a value of shape \p S is its cancel handle.
bool readsHandle(const ElementRead &R, const HandleShape &S);

/// If \p E is a call that ties variables for an assignment (`tie(a, b)`,
/// the model's tuple_element role with several arguments), the call.
const clang::CallExpr *tieCall(const clang::Expr *E, const ApiModel &M);

/// The position of binding \p B in its structured binding declaration.
int bindingIndex(const clang::BindingDecl *B);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_CANCELHANDLES_H
