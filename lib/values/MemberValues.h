//===- MemberValues.h - The values a member or variable can hold -*- C++ -*-===//
//
// The smallest value a duration expression can have when it is not a
// constant, but every value that can reach it is one, found by structure:
//
//  - a data member: its default member initializer, the mem-initializer of
//    each constructor of its class, and every assignment to it (and every
//    aggregate initialisation of its class) in the code in view: the main
//    file, and the member functions of its class wherever they are
//    defined.  Members are followed by field, whatever object they are
//    reached through: copying a whole object (`options_(options)`) copies
//    values the field already had, so it adds none.  Any other write
//    (a compound assignment, an increment, a non-const member call, its
//    address taken, a non-const reference bound to it) makes it unknown, as
//    does a user-provided constructor that neither initialises it nor is
//    covered by a default member initializer;
//  - a local variable, a lambda's init-capture, or a variable captured by
//    copy (a capture refers to the enclosing variable): its initializer,
//    when nothing in its function writes it afterwards (Clang's
//    ExprMutationAnalyzer);
//  - a parameter that its function never writes: when the function is not
//    visible outside the translation unit (an anonymous namespace, a static
//    function, a member of a class in an anonymous namespace), the
//    arguments of every call of it in view, or the default argument where a
//    call omits it; otherwise its default argument only, which makes the
//    value a default ("by default": callers elsewhere may pass other
//    values);
//  - a public member of a class that is visible outside the translation
//    unit likewise holds its values by default (code elsewhere may assign
//    it);
//  - a const variable with an initializer: that initializer.
//
// A conversion of a number to a duration (`std::chrono::seconds(n)`) maps
// each value of `n`; a conversion between duration types keeps the value.
// Anything else (arithmetic, a call) is not followed: the value is unknown.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_VALUES_MEMBERVALUES_H
#define CONTEXT_TIDY_LIB_VALUES_MEMBERVALUES_H

#include "lib/model/ApiModel.h"
#include "lib/values/Duration.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Expr;
class FieldDecl;
class FunctionDecl;
class NamedDecl;
class ParmVarDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace context_tidy {

/// The smallest value a non-constant duration expression can have.
struct KnownDuration {
  DurationValue Min;
  /// The values include a default (a default argument of a function
  /// callable from elsewhere, or a public member's initializer): other
  /// code may supply smaller ones.
  bool ByDefault = false;
  /// The member, parameter or variable that holds the smallest value
  /// (the last one followed to it).
  const clang::NamedDecl *Source = nullptr;
  /// Where the smallest value is written.
  clang::SourceLocation MinLoc;
};

/// Finds the values of members, variables and parameters in one
/// translation unit.  The writes and calls of the code in view are
/// collected once, the first time they are needed.
class ValueSources {
public:
  ValueSources(clang::ASTContext &Ctx, const ApiModel &M);
  ~ValueSources();

  /// The smallest value of \p E, a duration (or a conversion of a number
  /// to one), when it is not a constant but all its values are, as
  /// described in the file comment.  Nullopt otherwise (also for a
  /// constant: fold those with foldDuration).
  /// With \p NumberUnit, \p E may also be a plain number of that unit
  /// (the timeout of `poll`, a number of milliseconds).
  std::optional<KnownDuration>
  smallestDuration(const clang::Expr *E,
                   std::optional<Period> NumberUnit = std::nullopt);

  struct Index; ///< the writes and calls of the code in view

private:
  struct Leaves {
    /// Each constant, and the declaration whose value it is.
    llvm::SmallVector<std::pair<const clang::Expr *, const clang::NamedDecl *>,
                      4>
        Exprs;
    bool ByDefault = false;
  };
  bool sources(const clang::Expr *E, const clang::NamedDecl *Via, Leaves &Out,
               unsigned Depth);
  bool paramSources(const clang::ParmVarDecl *P, Leaves &Out, unsigned Depth);
  bool fieldSources(const clang::FieldDecl *F, Leaves &Out, unsigned Depth);
  bool varWritten(const clang::VarDecl *V);
  Index &index();

  clang::ASTContext &Ctx;
  const ApiModel &M;
  std::unique_ptr<Index> Idx;
  llvm::DenseSet<const clang::CXXRecordDecl *> ScannedClasses;
  llvm::DenseMap<const clang::VarDecl *, bool> Written;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_VALUES_MEMBERVALUES_H
