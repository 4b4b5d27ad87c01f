//===- HandleTracker.cpp - Cancel handles that must be called -------------===//
//
// The entry points; the analysis itself is the Tracker (Tracker.h).
//
//===----------------------------------------------------------------------===//

#include "lib/flow/HandleTracker.h"

#include "lib/flow/Tracker.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace context_tidy {

using handle_tracker::Tracker;

Stmt *analysedBody(const Decl *D) {
  if (!D)
    return nullptr;
  Stmt *Body = D->getBody();
  if (auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  return Body;
}

std::vector<LostHandle> findLostHandles(const Decl *D, ASTContext &Ctx,
                                        const ApiModel &M,
                                        const TrackerOptions &O) {
  Stmt *Body = analysedBody(D);
  if (!Body || D->isInvalidDecl())
    return {};
  if (const auto *DC = dyn_cast<DeclContext>(D))
    if (DC->isDependentContext())
      return {};
  Tracker T(Body, Ctx, M, O);
  if (!T.collect(Body))
    return {};
  if (T.factoryCalls().empty() && !O.CheckSources)
    return {};
  T.build();
  FlowResult R;
  if (T.hasWork())
    R = runFlowAnalysis(D, Body, Ctx, T.Problem);
  return T.results(R);
}

void findFactorySites(const Stmt *Root, const ApiModel &M,
                      const TrackerOptions &O,
                      llvm::SmallVectorImpl<FactorySite> &Out) {
  struct Item {
    const Stmt *S;
    const LambdaExpr *Lambda; ///< the innermost lambda around S
    bool Dropped;             ///< S is in a block or a captured statement
  };
  llvm::SmallVector<Item, 64> Stack{{Root, nullptr, false}};
  while (!Stack.empty()) {
    const Item I = Stack.pop_back_val();
    if (!I.S)
      continue;
    if (const auto *L = dyn_cast<LambdaExpr>(I.S)) {
      // Its captures are evaluated where it is written; its body is a
      // function of its own.
      for (const Expr *Init : L->capture_inits())
        Stack.push_back({Init, I.Lambda, I.Dropped});
      Stack.push_back({L->getBody(), L, false});
      continue;
    }
    const bool Dropped =
        I.Dropped || isa<BlockExpr>(I.S) || isa<CapturedStmt>(I.S);
    if (!Dropped) {
      if (const auto *CE = dyn_cast<CallExpr>(I.S)) {
        if (M.matchCall(CE, Role::CancelFactory))
          Out.push_back({I.Lambda, CE, CE->getBeginLoc()});
      } else if (const auto *DS = dyn_cast<DeclStmt>(I.S)) {
        if (O.CheckSources)
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D))
              if (V->hasLocalStorage() && !V->getType()->isReferenceType() &&
                  M.matchType(V->getType(), Role::SourceType))
                Out.push_back({I.Lambda, nullptr, V->getLocation()});
      }
    }
    if (const auto *BE = dyn_cast<BlockExpr>(I.S)) {
      Stack.push_back({BE->getBody(), I.Lambda, true});
      continue;
    }
    for (const Stmt *Child : I.S->children())
      Stack.push_back({Child, I.Lambda, Dropped});
  }
}

std::optional<LostHandle> findDiscardedHandle(const CallExpr *Call,
                                              const Expr *Root,
                                              ASTContext &Ctx,
                                              const ApiModel &M) {
  if (!Call || !Root || Root->containsErrors() ||
      Root->isInstantiationDependent())
    return std::nullopt;
  TrackerOptions O;
  Tracker T(const_cast<Expr *>(Root), Ctx, M, O);
  return T.followCall(Call);
}

} // namespace context_tidy
