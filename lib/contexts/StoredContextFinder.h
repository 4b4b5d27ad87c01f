//===- StoredContextFinder.h - Stored contexts of a TU ----------*- C++ -*-===//
//
// What context-stored-context reports in one translation unit, decided
// from the declarations and calls its matchers find (StoredContext.h
// answers the questions about each):
//  - a variable with static storage, a value map or (with CheckMembers) a
//    data member whose type keeps a context, token, source or cancel
//    handle, and a context-like value stored in another context
//    (WithValue);
//  - which of those are exempt once the rest of the translation unit is
//    known: a variable never cancelled as initialized and never written, a
//    file-local global that only root-context functions use (the library's
//    root), a variable a signal handler cancels (the process's shutdown
//    switch), a map of sources or cancel handles that entries are erased
//    from (a registry of in-flight work).
// The caller finds the declarations, calls and uses (the check's matchers)
// and words the findings; each finding is handed to it once.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_CONTEXTS_STOREDCONTEXTFINDER_H
#define CONTEXT_TIDY_LIB_CONTEXTS_STOREDCONTEXTFINDER_H

#include "lib/contexts/StoredContext.h"
#include "lib/model/ApiModel.h"
#include "lib/model/NameMatch.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <utility>

namespace clang {
class ASTContext;
class CallExpr;
class Decl;
class DeclRefExpr;
class DeclaratorDecl;
class Expr;
class FieldDecl;
class FunctionDecl;
class NamedDecl;
class VarDecl;
} // namespace clang

namespace context_tidy {

/// One thing to report.
struct StoredFinding {
  enum WhatKind : unsigned char { Static, ValueMap, Member, ContextValue };
  WhatKind What = Static;
  std::string Name;
  StorageKind Storage = StorageKind::None;
  ContextKind Kind = ContextKind::None;
  clang::SourceLocation Loc;       ///< the warning
  bool Nested = false;             ///< the context-like type is inside another
  clang::SourceLocation NestedLoc; ///< where it is written, if it is
  const clang::NamedDecl *TypeDecl = nullptr; ///< else: the context-like type
  /// An instantiation: the template's declaration.
  clang::SourceLocation DeclaredLoc;
  clang::QualType InstantiatedType; ///< its type in the instantiation
  /// Canonical; for the never-cancelled case.
  const clang::VarDecl *Var = nullptr;
};

/// What the check's options decide.
struct StoredContextOptions {
  /// Non-static data members count.
  bool CheckMembers = false;
  /// A token, source or context that is never cancelled as initialized
  /// (hasNeverCancelledInitializer) and never written is exempt.
  bool AllowNeverCancelled = true;
  /// Functions whose static locals and uses are exempt, as root-context
  /// functions are.
  NameTable AllowedNames;
};

/// The findings of one translation unit: those decided by a declaration or
/// call alone are handed over at once; variables with static storage and
/// maps of sources or cancel handles wait for their uses (noteWritten,
/// noteUse, noteErasure, noteRelease) and are handed over by finish().
class StoredContextFinder {
public:
  using Report = llvm::function_ref<void(const StoredFinding &)>;

  StoredContextFinder(const ApiModel &M, StoredContextOptions Opts)
      : M(M), Options(std::move(Opts)) {}
  const StoredContextOptions &options() const { return Options; }

  /// A variable (not a parameter) of the user's code.
  void checkVar(const clang::VarDecl *VD, clang::ASTContext &Ctx, Report R);
  /// A data member of the user's code.
  void checkField(const clang::FieldDecl *FD, clang::ASTContext &Ctx, Report R);
  /// A call that may store a value in a context (Role::WithValue) or
  /// register a signal handler (Role::SignalHandlerRegistration).
  void checkCall(const clang::CallExpr *Call, clang::ASTContext &Ctx, Report R);

  /// Whether a variable with static storage waits for its uses.
  bool hasPendingStatics() const { return !PendingStatic.empty(); }
  /// Whether a map of sources or cancel handles waits for its erasures.
  bool hasPendingMaps() const { return !PendingMaps.empty(); }

  /// \p Var, with global storage, is assigned, modified, passed by
  /// non-const reference or has its address taken.
  void noteWritten(const clang::VarDecl *Var);
  /// \p Var, with global storage, is used by \p Ref (may be null).
  void noteUse(const clang::VarDecl *Var, const clang::DeclRefExpr *Ref,
               clang::ASTContext &Ctx);
  /// \p Call, a member call on the variable \p Var or the member \p Field
  /// (one of them is set), counts if it erases (Role::EraseMethod).
  void noteErasure(const clang::CallExpr *Call, const clang::VarDecl *Var,
                   const clang::FieldDecl *Field);
  /// \p Call, a member call or call operator on \p Var (with global
  /// storage), counts if it cancels: the functions it is in are noted.
  void noteRelease(const clang::VarDecl *Var, const clang::CallExpr *Call,
                   clang::ASTContext &Ctx);

  /// Hands over what the uses did not exempt, then forgets the translation
  /// unit.
  void finish(Report R);

private:
  /// Reports \p F now, or later for what the rest of the translation unit
  /// decides (a map of cancellers that is erased from is a registry).
  void report(const clang::Decl *D, const StoredFinding &F, Report R);
  /// Hands \p F over, once per location and kind.
  void emit(const StoredFinding &F, Report R);
  /// What \p D stores, as a finding without a location; false if nothing.
  bool analyze(const clang::DeclaratorDecl *D, StoredFinding &F) const;
  void checkWithValue(const clang::CallExpr *Call, const ApiEntry &E,
                      clang::ASTContext &Ctx, Report R);
  void noteSignalHandler(const clang::Expr *Handler);
  bool isExemptFunctionContext(const clang::VarDecl *VD) const;
  bool usedInExemptFunction(const clang::DeclRefExpr *Ref,
                            const clang::VarDecl *Var,
                            clang::ASTContext &Ctx) const;
  bool isAllowedName(const clang::FunctionDecl *FD) const;

  const ApiModel &M;
  StoredContextOptions Options;

  // Per translation unit.
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
  /// A variable with static storage that stores a context: decided at the
  /// end of the translation unit, when its uses are known.
  struct Pending {
    StoredFinding F;
    /// Never cancelled as initialized: exempt unless written later.
    bool NeverCancelled = false;
    /// File-local: exempt if only root-context functions use it.
    bool FileLocal = false;
    bool Used = false;
    bool UsedOutside = false;
    /// The functions (and enclosing functions) that cancel it.
    llvm::SmallVector<const clang::FunctionDecl *, 2> ReleasedIn;
  };
  llvm::MapVector<const clang::VarDecl *, Pending> PendingStatic;
  llvm::DenseSet<const clang::VarDecl *> Written;
  /// Functions registered as signal handlers (and lambdas so passed).
  llvm::DenseSet<const clang::FunctionDecl *> SignalHandlers;
  /// Maps of sources or cancel handles: reported unless entries are erased
  /// from them (a registry of in-flight work).
  llvm::MapVector<const clang::Decl *, StoredFinding> PendingMaps;
  llvm::DenseSet<const clang::Decl *> Erased;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_CONTEXTS_STOREDCONTEXTFINDER_H
