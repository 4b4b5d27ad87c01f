//===- TrackerSources.cpp - Local sources whose token an owner holds ------===//

#include "lib/flow/Tracker.h"

#include "lib/model/TypeClassifier.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {
namespace handle_tracker {

bool Tracker::handedToOwner(const Expr *E, const VarDecl *&Owner) const {
  Flow F{E, VK::Handle, false, false};
  for (unsigned Steps = 0; Steps < 32; ++Steps) {
    const Stmt *P = parent(F.E);
    if (!P)
      return false;
    if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
        isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) ||
        isa<ImplicitCastExpr>(P)) {
      F.E = cast<Expr>(P);
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (Ctor && Ctor->isCopyOrMoveConstructor()) {
        F.E = CE;
        continue;
      }
      // A scope guard runs at scope exit: it is not an owner that waits.
      if (M.matchType(CE->getType(), Role::ScopeGuardType) ||
          inScopeGuardMacro(CE->getBeginLoc()))
        return false;
      // An object constructed with it: a thread, a worker.
      const Stmt *Up = parent(CE);
      while (Up && (isa<ExprWithCleanups>(Up) || isa<CXXBindTemporaryExpr>(Up)))
        Up = parent(Up);
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(Up))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            if (V->hasLocalStorage())
              Owner = V;
      return true;
    }
    if (isa<InitListExpr>(P) || isa<CXXParenListInitExpr>(P))
      return true;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(P)) {
      // Stored in a container: threads.emplace_back(work, token).
      const Expr *Obj = MCE->getImplicitObjectArgument();
      if (Obj && Obj != F.E &&
          M.matchType(Obj->getType().getNonReferenceType(),
                      Role::ContainerType))
        return true;
      return false;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->getOpcode() == BO_Assign && BO->getRHS() == F.E &&
             !namedLocal(BO->getLHS());
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P))
      return OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
             OCE->getArg(1) == F.E && !namedLocal(OCE->getArg(0));
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      if (!llvm::is_contained(L->capture_inits(), F.E))
        return false;
      F.E = L; // an init-capture: the lambda carries it
      continue;
    }
    return false;
  }
  return false;
}

bool Tracker::followToken(const Expr *Tok, unsigned Depth,
                          const VarDecl *&Owner) const {
  if (handedToOwner(Tok, Owner))
    return true;
  if (Depth > 0)
    return false;
  // Kept in a local token variable first, handed out later.
  const Stmt *P = parent(Tok);
  while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) ||
               isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) ||
               isa<CXXConstructExpr>(P)))
    P = parent(P);
  const auto *DS = dyn_cast_or_null<DeclStmt>(P);
  if (!DS || !DS->isSingleDecl())
    return false;
  const auto *T = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!T || !T->hasLocalStorage())
    return false;
  auto It = Refs.find(T);
  if (It == Refs.end())
    return false;
  for (const DeclRefExpr *DRE : It->second)
    if (followToken(DRE, Depth + 1, Owner))
      return true;
  return false;
}

bool Tracker::lambdaReleases(const LambdaExpr *L, const VarDecl *Src) const {
  llvm::SmallVector<const Stmt *, 32> Stack{L->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
      const Expr *Obj = MCE->getImplicitObjectArgument();
      const auto *DRE =
          Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
      if (DRE && DRE->getDecl() == Src &&
          M.matchCall(MCE, Role::ReleaseMethod))
        return true;
    }
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  return false;
}

void Tracker::trackOwner(const VarDecl *Owner, unsigned SI) {
  auto It = Refs.find(Owner);
  if (It == Refs.end())
    return;
  for (const DeclRefExpr *DRE : It->second) {
    const Stmt *P = parent(DRE);
    while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P)))
      P = parent(P);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(P)) {
      // t.join(): the owner is done with the token.
      const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
      if (MCE && M.matchCall(MCE, Role::BlockingCall))
        kill(DRE, SI);
      continue;
    }
    if (P && (isa<CallExpr>(P) || isa<CXXConstructExpr>(P) ||
              isa<ReturnStmt>(P)))
      kill(DRE, SI); // the owner itself is handed on
  }
}

void Tracker::trackSource(const VarDecl *V) {
  Site S;
  S.Source = V;
  S.Bit = Problem.addBit();
  S.Primary = V;
  S.WarnLoc = V->getLocation();
  Sites.push_back(S);
  unsigned SI = Sites.size() - 1;
  Problem.addDeclEvent(V, FlowEventKind::Overwrite, S.Bit);
  auto It = Refs.find(V);
  if (It == Refs.end())
    return;
  for (const DeclRefExpr *DRE : It->second) {
    const Expr *E = DRE;
    const Stmt *P = parent(E);
    while (P && (isa<ParenExpr>(P) ||
                 (isa<ImplicitCastExpr>(P) &&
                  cast<ImplicitCastExpr>(P)->getCastKind() != CK_ToVoid))) {
      E = cast<Expr>(P);
      P = parent(P);
    }
    if (!P)
      continue;
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
      if (!MCE)
        continue;
      if (M.matchCall(MCE, Role::ReleaseMethod)) {
        kill(DRE, SI);
        continue;
      }
      if (classifyType(MCE->getType(), M) == ContextKind::Token) {
        const VarDecl *Owner = nullptr;
        if (followToken(MCE, 0, Owner)) {
          Problem.addEvent(DRE, FlowEventKind::Gen, S.Bit);
          Sites[SI].Generated = true;
          if (Owner)
            trackOwner(Owner, SI);
        }
      }
      continue; // stop_requested(), ...
    }
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      // Captured by reference (a copy of a source shares its state: that is
      // a transfer).
      if (!llvm::is_contained(L->capture_inits(), E) || E != DRE) {
        kill(DRE, SI);
        continue;
      }
      if (lambdaReleases(L, V)) {
        kill(DRE, SI);
        continue;
      }
      const VarDecl *Owner = nullptr;
      if (handedToOwner(L, Owner)) {
        Problem.addEvent(DRE, FlowEventKind::Gen, S.Bit);
        Sites[SI].Generated = true;
        if (Owner)
          trackOwner(Owner, SI);
      }
      continue;
    }
    if (isComparisonLike(P) || isVoidCast(P) || isUnevaluated(P))
      continue;
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P))
      if (OCE->getOperator() == OO_Equal && OCE->getArg(0) == E) {
        Problem.addEvent(OCE, FlowEventKind::Overwrite, S.Bit);
        continue;
      }
    kill(DRE, SI); // passed, moved, returned, stored, its address taken
  }
}

} // namespace handle_tracker
} // namespace context_tidy
