//===- StoredContext.h - Where a declaration keeps a context ---*- C++ -*-===//
//
// The questions behind context-stored-context, answered from the AST and
// the API model:
//  - which kind of static storage a variable has (global, static local,
//    static data member, thread_local);
//  - whether a function is a library's own root-context function
//    (Background/TODO), whose local statics are the root itself;
//  - whether a variable's initializer makes an object that can never be
//    cancelled (a default-constructed token, a source built from a
//    never_cancelled_tag such as std::nostopstate, a root context);
//  - for a declaration inside a template instantiation: the declaration in
//    the template it came from, and where the instantiation was requested;
//  - where, in the written type of a declaration, a nested context-like
//    type is spelled.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_CONTEXTS_STOREDCONTEXT_H
#define CONTEXT_TIDY_LIB_CONTEXTS_STOREDCONTEXT_H

#include "lib/model/ApiModel.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceLocation.h"

namespace clang {
class DeclaratorDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace context_tidy {

enum class StorageKind : unsigned char {
  None,         ///< automatic storage (or not a variable)
  Global,       ///< a namespace-scope variable (also extern, static, inline)
  StaticLocal,  ///< a function-local static
  StaticMember, ///< a static data member
  ThreadLocal,  ///< thread_local (at any scope)
};

/// The static or thread storage \p VD has, or None.
StorageKind staticStorageKind(const clang::VarDecl *VD);

/// "global variable", "static local variable", "static data member",
/// "thread_local variable".
llvm::StringRef storageKindName(StorageKind K);

/// A function of Role::RootContext (Background, TODO, ...), whose result is
/// a context when the entry says so (ReturnsContext).
bool isRootContextFunction(const clang::FunctionDecl *FD, const ApiModel &M);

/// Whether \p VD, a variable that is itself a token, source or context (by
/// value or through a pointer-like owner), is initialized with an object
/// that can never be cancelled:
///  - a token constructed with no arguments (a token has no source then);
///  - a token or source constructed with an argument of a
///    Role::NeverCancelledTag type (std::stop_source(std::nostopstate));
///  - a context returned by a root-context function (Background()).
/// The initializer may be on another declaration of VD.  Whether the
/// variable is assigned later is the caller's question.
bool hasNeverCancelledInitializer(const clang::VarDecl *VD, const ApiModel &M);

/// Whether \p D (a variable or field) belongs to a template instantiation:
/// a member of a class template specialization, a local of a function
/// template specialization (or of a member function of a class template
/// specialization), or a variable template specialization.  Explicit
/// specializations are not instantiations.
bool isInTemplateInstantiation(const clang::Decl *D);

/// For \p D in a template instantiation: the declaration of the template
/// it was instantiated from (a static data member, a field, a local
/// variable of the function template, the variable template's pattern).
/// Null when it cannot be found.
const clang::DeclaratorDecl *
instantiatedFrom(const clang::DeclaratorDecl *D);

/// Where the innermost template instantiation that contains \p D was
/// requested: the template-id naming the arguments, for an implicit
/// instantiation; the explicit instantiation otherwise.  Invalid if \p D is
/// not in an instantiation.
clang::SourceLocation instantiationPoint(const clang::Decl *D);

/// The written TypeLoc of C.Path[Target] inside \p TL, the TypeLoc of the
/// declaration whose type C was found in (findContextLike or
/// findContextLikeMapValue on TL's type).  Typedefs and aliases on the way
/// are followed into their own declarations.  A null TypeLoc when the
/// element is not written (auto, decltype, alias templates, ...).
clang::TypeLoc findPathTypeLoc(clang::TypeLoc TL, const Containment &C,
                               unsigned Target);

/// The first index of C.Path from \p From on whose type refers to a
/// context-like type (classifyReferent): the handle that is stored.
unsigned storedHandleIndex(const Containment &C, const ApiModel &M,
                           unsigned From = 0);

/// Whether the handle at C.Path[Handle] is inside another type than the
/// one at C.Path[From]: arrays do not count (an array of sources stores
/// sources as plainly as one variable does).
bool isNestedHandle(const Containment &C, unsigned Handle, unsigned From = 0);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_CONTEXTS_STOREDCONTEXT_H
