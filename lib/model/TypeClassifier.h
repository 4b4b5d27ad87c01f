//===- TypeClassifier.h - Is this type a context, token, ...? --*- C++ -*-===//
//
// Type questions the checks share, answered from the API model:
//  - what a type *is*: a context, a token, a source, a cancel handle;
//  - what a parameter *refers to*: the same, through references, pointers
//    and pointer-like owners (std::shared_ptr<Context>);
//  - what a type *contains*: through wrappers (optional, pair, tuple,
//    variant, smart pointers), containers and arrays, but never through the
//    members of an arbitrary class (a std::jthread is not a stored context).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_MODEL_TYPECLASSIFIER_H
#define CONTEXT_TIDY_LIB_MODEL_TYPECLASSIFIER_H

#include "lib/model/ApiModel.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class Expr;
} // namespace clang

namespace context_tidy {

enum class ContextKind : unsigned char {
  None,
  Context,      ///< Role::ContextType
  Token,        ///< Role::TokenType
  Source,       ///< Role::SourceType
  CancelHandle, ///< Role::CancelHandleType
};

llvm::StringRef contextKindName(ContextKind K); // "context", "stop token", ...

/// A kind whose value can observe a stop request: a context, a token or a
/// source (not a cancel handle, which only requests one).
inline bool isObservingKind(ContextKind K) {
  return K == ContextKind::Token || K == ContextKind::Source ||
         K == ContextKind::Context;
}

/// What T itself is, ignoring references and cv-qualifiers: typedef names
/// in its sugar are tried first (a port's CancelFunc), then its class.
ContextKind classifyType(clang::QualType T, const ApiModel &M);

/// What T refers to: T itself, or what a pointer, reference or pointer-like
/// wrapper (Role::WrapperType with PointerLike) points to, repeatedly.
ContextKind classifyReferent(clang::QualType T, const ApiModel &M);

/// Whether one of \p Exprs refers to a context, a token or a source
/// (classifyReferent of its type): a call given one may observe it.
bool anyObserving(llvm::ArrayRef<const clang::Expr *> Exprs,
                  const ApiModel &M);

/// The type arguments of T's class template specialization, keeping the
/// sugar they were written with when T's spelling has it.  Empty if T is
/// not a specialization.
llvm::SmallVector<clang::QualType, 4> templateTypeArguments(clang::QualType T);

/// A context-like type found inside another.
struct Containment {
  ContextKind Kind = ContextKind::None;
  clang::QualType Found; ///< the context-like type itself
  /// The types walked, outermost first, ending with Found.
  llvm::SmallVector<clang::QualType, 4> Path;
  /// Parallel to Path: how Path[I] was reached from Path[I - 1]: the index
  /// among templateTypeArguments(Path[I - 1]), or -1 (the first element, a
  /// pointee, an array element).
  llvm::SmallVector<int, 4> ArgIndex;
};

/// How findContextLike walks.
struct FindOptions {
  /// Walk the key types of Role::MapType specializations too.  Off for the
  /// question "is a context stored here": a context used as a key is not.
  bool MapKeys = true;
};

/// Whether T is or contains a context-like type (see the file comment).
/// Map types are walked through both key and mapped types; callers that
/// care about the difference use mapTypes().
std::optional<Containment> findContextLike(clang::QualType T,
                                           const ApiModel &M);
std::optional<Containment> findContextLike(clang::QualType T,
                                           const ApiModel &M,
                                           FindOptions Opts);

/// For a Role::MapType specialization (through typedefs), its key and
/// mapped types.
std::optional<std::pair<clang::QualType, clang::QualType>>
mapTypes(clang::QualType T, const ApiModel &M);

/// For a Role::MapType specialization (through typedefs) whose mapped type
/// is or contains a context-like type (walked without map keys): where.
/// Path starts with T (references stripped) and goes through the mapped
/// type.  Nullopt for any other type, and when contexts are only keys.
std::optional<Containment> findContextLikeMapValue(clang::QualType T,
                                                   const ApiModel &M);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_MODEL_TYPECLASSIFIER_H
