//===- Tracker.h - One body's cancel handles, followed ---------*- C++ -*-===//
//
// The state of one lost-cancel analysis, shared by the files that implement
// it (internal to lib/flow/; the interface is HandleTracker.h):
//
//  - Tracker.cpp: the walk that collects a body's factory calls, variable
//    references and sources, the parents of the nodes it follows, and the
//    driver that turns each factory call into a site and the sites into
//    LostHandles;
//  - TrackerUses.cpp: following a value up the AST to what is done with it
//    (invoked, bound, transferred, overwritten, discarded, looked at);
//  - TrackerBindings.cpp: the variables that hold a handle and each of
//    their references;
//  - TrackerSources.cpp: local cancellation sources whose token is handed
//    to an owner (CheckSources).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_FLOW_TRACKER_H
#define CONTEXT_TIDY_LIB_FLOW_TRACKER_H

#include "lib/ast/Statements.h"
#include "lib/flow/CancelHandles.h"
#include "lib/flow/FlowAnalysis.h"
#include "lib/flow/LostHandle.h"
#include "lib/model/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace clang {
class CallExpr;
class DeclRefExpr;
class DeclStmt;
class Expr;
class LambdaExpr;
class Stmt;
} // namespace clang

namespace context_tidy {
namespace handle_tracker {

/// What a value carries: a wrapped result, the unwrapped holder (pair,
/// tuple, struct), the handle itself, a source, or a source's token.
enum class VK : unsigned char { Wrapped, Holder, Handle };

enum class Outcome : unsigned char {
  Bound,       ///< kept in a local variable (tracked from there)
  Invoked,     ///< called, or deferred to a scope guard
  Transferred, ///< handed elsewhere: returned, stored, passed, captured
  Discarded,   ///< thrown away with the temporary that held it
  NonUse,      ///< looked at, not used: (void)h, if (h), &h logged
  Overwrite,   ///< the variable is assigned a new value
  Unknown,     ///< something else: treated as handed on (no report)
};

struct Site {
  /// The factory call (null for a source).
  const clang::CallExpr *Call = nullptr;
  const clang::VarDecl *Source = nullptr;
  HandleShape Shape;
  unsigned Bit = 0;
  /// The variable named by the warning.
  const clang::ValueDecl *Primary = nullptr;
  bool PrimaryIsHolder = false;
  clang::SourceLocation WarnLoc;
  bool Generated = false; ///< some path binds it
  bool Used = false;      ///< some invocation, transfer or alias
};

struct Holding {
  unsigned Site;
  VK K;
};

/// A value being followed up the AST.
struct Flow {
  const clang::Expr *E;
  VK K;
  bool Fresh;     ///< a temporary that owns the only copy (from the call)
  bool Extracted; ///< unwrapped from a variable holding a wrapped result
};

// isUnevaluated(P): lib/ast/Statements.h.
/// P compares or tests its operand: ==, <, !, &&, a conversion to bool.
bool isComparisonLike(const clang::Stmt *P);
/// P is an explicit cast to void.
bool isVoidCast(const clang::Stmt *P);
/// The local variable an lvalue expression names, if any.
const clang::ValueDecl *namedLocal(const clang::Expr *E);

/// Follows the cancel handles of one body (or of one initializer, for
/// findDiscardedHandle) and turns them into a FlowProblem.
class Tracker {
public:
  /// \p Root is the statement whose parents the tracker may ask for.
  Tracker(clang::Stmt *Root, clang::ASTContext &Ctx, const ApiModel &M,
          const TrackerOptions &O)
      : Root(Root), Ctx(Ctx), SM(Ctx.getSourceManager()), M(M), O(O) {}

  /// Walks \p Body and collects what the analysis needs.  False if the body
  /// has errors.
  bool collect(const clang::Stmt *Body);
  /// Follows each factory call and each tracked variable; fills Problem.
  void build();
  /// The factory calls found by collect().
  llvm::ArrayRef<const clang::CallExpr *> factoryCalls() const { return Calls; }
  /// Follows one factory call; for findDiscardedHandle.
  std::optional<LostHandle> followCall(const clang::CallExpr *C);
  std::vector<LostHandle> results(const FlowResult &R) const;
  FlowProblem Problem;
  bool hasWork() const { return !Problem.empty(); }

private:
  /// The parents of the nodes the analysis follows.  The walks up start at
  /// a node collect() recorded (a factory call, a variable's reference) and
  /// stay within its statement, so the map holds the statements of those
  /// nodes, each added when first asked about; building it for the whole
  /// body cost more than the rest of the tracking (docs/performance.md).
  /// A node outside them makes it build the whole body's map.
  const clang::Stmt *parent(const clang::Stmt *S) const;
  const clang::Expr *transparentParent(const clang::Stmt *P,
                                       const Flow &F) const;
  Outcome follow(Flow F, unsigned SI, const clang::Stmt *&At);
  Outcome followLambda(const clang::LambdaExpr *L, unsigned SI,
                       const clang::Stmt *&At);
  Outcome handleUse(Flow F, const clang::Stmt *P, unsigned SI,
                    const clang::Stmt *&At);
  Outcome bindingTo(const clang::ValueDecl *V, VK K, const Flow &F, unsigned SI,
                    const clang::Stmt *AnchorStmt,
                    const clang::VarDecl *AnchorDecl,
                    clang::SourceLocation Where);
  Outcome varInit(const clang::DeclStmt *DS, const Flow &F, unsigned SI);
  Outcome assignment(const clang::Expr *LHS, const clang::Stmt *Assign,
                     const Flow &F, unsigned SI);
  Outcome tieAssignment(const clang::CallExpr *Tie, const clang::Stmt *Assign,
                        const Flow &F, unsigned SI);
  void addVar(const clang::ValueDecl *V, Holding H);
  void processVar(const clang::ValueDecl *V, Holding H);
  bool inScopeGuardMacro(clang::SourceLocation Loc) const;
  bool inAssertionMacro(clang::SourceLocation Loc) const;
  bool isScopeGuardVar(const clang::VarDecl *V) const {
    return M.matchType(V->getType(), Role::ScopeGuardType) != nullptr;
  }
  void kill(const clang::Stmt *At, unsigned SI);
  Outcome addressUse(const clang::Expr *Addr) const;

  // Sources.
  void trackSource(const clang::VarDecl *V);
  bool followToken(const clang::Expr *Tok, unsigned Depth,
                   const clang::VarDecl *&Owner) const;
  bool handedToOwner(const clang::Expr *E, const clang::VarDecl *&Owner) const;
  bool lambdaReleases(const clang::LambdaExpr *L,
                      const clang::VarDecl *Src) const;
  void trackOwner(const clang::VarDecl *Owner, unsigned SI);

  clang::Stmt *Root;
  mutable std::unique_ptr<clang::ParentMap> PM;
  /// Whether PM holds the whole body (else only the statements added).
  mutable bool WholeBody = false;
  /// A statement of a compound statement (or the root), and its parent.
  struct Anchor {
    const clang::Stmt *S = nullptr;
    const clang::Stmt *Parent = nullptr;
  };
  /// The statement each recorded node lies in.
  llvm::DenseMap<const clang::Stmt *, Anchor> AnchorOf;
  /// The statement of the node parent() was last asked about.
  mutable Anchor LastAnchor;
  mutable llvm::DenseSet<const clang::Stmt *> Added;
  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const ApiModel &M;
  const TrackerOptions &O;

  llvm::SmallVector<const clang::CallExpr *, 4> Calls;
  llvm::SmallVector<const clang::VarDecl *, 2> SourceVars;
  llvm::DenseMap<const clang::ValueDecl *,
                 llvm::SmallVector<const clang::DeclRefExpr *, 4>>
      Refs;
  std::vector<Site> Sites;
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<Holding, 1>> Vars;
  llvm::SmallVector<std::pair<const clang::ValueDecl *, Holding>, 8> Work;
  /// Variables overwritten by an assignment, and where.
  llvm::SmallVector<std::pair<const clang::ValueDecl *, const clang::Stmt *>, 4>
      Overwrites;
  llvm::DenseSet<std::pair<const clang::Stmt *, unsigned>> Gens, Kills;
  std::vector<LostHandle> Discards;
  /// Set when a fresh result is discarded after reading another element.
  bool KeptOtherElement = false;
};

} // namespace handle_tracker
} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_FLOW_TRACKER_H
