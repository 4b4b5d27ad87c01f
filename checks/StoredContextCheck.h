//===- StoredContextCheck.h - context-stored-context -----------*- C++ -*-===//
//
// Reports contexts, cancellation tokens, sources and cancel handles kept
// where they outlive the request that owns them: in static storage (globals,
// static locals, static data members, thread_locals), as values of
// associative containers, as values of another context (WithValue), and,
// with CheckMembers, in non-static data members.  See
// docs/checks/context-stored-context.md.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_CHECKS_STOREDCONTEXTCHECK_H
#define CONTEXT_TIDY_CHECKS_STOREDCONTEXTCHECK_H

#include "checks/ContextCheck.h"
#include "lib/contexts/StoredContext.h"
#include "lib/model/NameMatch.h"
#include "lib/model/TypeClassifier.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <string>

namespace clang::tidy::context {

class StoredContextCheck : public ContextCheck {
public:
  StoredContextCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  class UseCollector;
  /// One thing to report.
  struct Finding {
    enum WhatKind : unsigned char { Static, ValueMap, Member, ContextValue };
    WhatKind What = Static;
    std::string Name;
    context_tidy::StorageKind Storage = context_tidy::StorageKind::None;
    context_tidy::ContextKind Kind = context_tidy::ContextKind::None;
    SourceLocation Loc;       ///< the warning
    bool Nested = false;      ///< the context-like type is inside another
    SourceLocation NestedLoc; ///< where it is written, if it is
    const NamedDecl *TypeDecl = nullptr; ///< else: the context-like type
    SourceLocation DeclaredLoc;   ///< an instantiation: the template's declaration
    QualType InstantiatedType;    ///< its type in the instantiation
    const VarDecl *Var = nullptr; ///< canonical; for the never-cancelled case
  };

  void checkVar(const VarDecl *VD, ASTContext &Ctx);
  void checkField(const FieldDecl *FD, ASTContext &Ctx);
  void checkCall(const CallExpr *Call, ASTContext &Ctx);
  void checkWithValue(const CallExpr *Call, const context_tidy::ApiEntry &E,
                      ASTContext &Ctx);
  void noteSignalHandler(const Expr *Handler);
  void noteRelease(const VarDecl *Var, const CallExpr *Call, ASTContext &Ctx);
  /// Reports \p F now, or later for what the rest of the translation unit
  /// decides (a map of cancellers that is erased from is a registry).
  void report(const Decl *D, const Finding &F);
  /// What \p D stores, as a finding without a location; false if nothing.
  bool analyze(const DeclaratorDecl *D, Finding &F) const;
  void fillNotes(const DeclaratorDecl *D, const context_tidy::Containment &C,
                 unsigned Target, Finding &F) const;
  bool isExemptFunctionContext(const VarDecl *VD) const;
  bool usedInExemptFunction(const DeclRefExpr *Ref, const VarDecl *Var,
                            ASTContext &Ctx) const;
  bool isAllowedName(const FunctionDecl *FD) const;
  bool inSystemHeader(SourceLocation Loc, const SourceManager &SM) const;
  void emit(const Finding &F);
  /// Matches the uses of what is pending (a second pass over the user's
  /// code, only when something is).
  void collectUses();

  bool CheckMembers;
  std::string AllowedNamesOption;
  bool AllowNeverCancelled;
  context_tidy::NameTable AllowedNames;

  // Per translation unit.
  ASTContext *Ctx = nullptr;
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
  /// A variable with static storage that stores a context: decided at the
  /// end of the translation unit, when its uses are known.
  struct Pending {
    Finding F;
    /// Never cancelled as initialized: exempt unless written later.
    bool NeverCancelled = false;
    /// File-local: exempt if only root-context functions use it.
    bool FileLocal = false;
    bool Used = false;
    bool UsedOutside = false;
    /// The functions (and enclosing functions) that cancel it.
    llvm::SmallVector<const FunctionDecl *, 2> ReleasedIn;
  };
  llvm::MapVector<const VarDecl *, Pending> PendingStatic;
  llvm::DenseSet<const VarDecl *> Written;
  /// Functions registered as signal handlers (and lambdas so passed).
  llvm::DenseSet<const FunctionDecl *> SignalHandlers;
  /// Maps of sources or cancel handles: reported unless entries are erased
  /// from them (a registry of in-flight work).
  llvm::MapVector<const Decl *, Finding> PendingMaps;
  llvm::DenseSet<const Decl *> Erased;
};

} // namespace clang::tidy::context

#endif // CONTEXT_TIDY_CHECKS_STOREDCONTEXTCHECK_H
