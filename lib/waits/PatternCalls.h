//===- PatternCalls.h - Member calls as written in template patterns -*- C++ -*-===//
//
// In a template's pattern a member call is resolved only when nothing in it
// is type-dependent.  `cv_.wait(lock, [&] { return done_; })` in a member of
// a class template is not: the closure type of a lambda in a dependent
// context is dependent, so the call is a CallExpr over an
// UnresolvedMemberExpr, although `cv_` has a non-dependent type
// (std::condition_variable) and the overload it will call is already known.
//
// memberCall() gives the same view of both: the object as written, the
// method, the written arguments.  For an unresolved call it takes the
// method from the overload set when the object's type is not dependent and
// exactly one candidate admits the number of written arguments (wait(lock)
// and wait(lock, pred) differ in arity); otherwise it gives nothing.  An
// object of dependent type (a template parameter) is left out: its
// methods are not known until instantiation.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_PATTERNCALLS_H
#define CONTEXT_TIDY_LIB_WAITS_PATTERNCALLS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class CallExpr;
class CXXMethodDecl;
class CXXRecordDecl;
class Expr;
} // namespace clang

namespace context_tidy {

struct MemberCall {
  const clang::CallExpr *Call = nullptr;
  /// The object as written (not `this` of an implicit member access).
  const clang::Expr *Object = nullptr;
  /// The class of the object (through a pointer for `->`).
  const clang::CXXRecordDecl *ObjectClass = nullptr;
  const clang::CXXMethodDecl *Method = nullptr;
  /// The arguments as written (no default arguments).
  llvm::SmallVector<const clang::Expr *, 4> Args;
  /// The member name's location.
  clang::SourceLocation NameLoc;
};

/// The member call \p CE, resolved (a CXXMemberCallExpr) or, in a
/// template's pattern, unresolved on an object of non-dependent class type
/// with a single candidate of matching arity.  nullopt otherwise, and for
/// calls on `this` without an object written.
std::optional<MemberCall> memberCall(const clang::CallExpr *CE);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_PATTERNCALLS_H
