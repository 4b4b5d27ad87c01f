//===- TrackerBindings.cpp - The variables that hold a handle -------------===//

#include "lib/flow/Tracker.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace context_tidy {
namespace handle_tracker {

namespace {

/// A variable whose storage belongs to this function: a local by value or a
/// parameter by value, or a binding of such a structured binding.
bool isOwnedLocal(const ValueDecl *D) {
  if (const auto *V = dyn_cast_or_null<VarDecl>(D))
    return V->hasLocalStorage() && !V->getType()->isReferenceType();
  if (const auto *B = dyn_cast_or_null<BindingDecl>(D)) {
    const auto *V = dyn_cast_or_null<VarDecl>(B->getDecomposedDecl());
    return V && V->hasLocalStorage() && !V->getType()->isReferenceType();
  }
  return false;
}

/// A namespace-scope variable of an empty class, such as std::ignore: an
/// assignment to it throws the value away.
bool isSwallowingVariable(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE)
    return false;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || V->hasLocalStorage())
    return false;
  const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() && RD->isEmpty();
}

} // namespace

/// The local variable an lvalue expression names, if any.
const ValueDecl *namedLocal(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE || !isOwnedLocal(DRE->getDecl()))
    return nullptr;
  return DRE->getDecl();
}

void Tracker::addVar(const ValueDecl *V, Holding H) {
  auto &Hs = Vars[V];
  for (const Holding &X : Hs)
    if (X.Site == H.Site && X.K == H.K)
      return;
  Hs.push_back(H);
  Work.push_back({V, H});
}

Outcome Tracker::bindingTo(const ValueDecl *V, VK K, const Flow &F,
                           unsigned SI, const Stmt *AnchorStmt,
                           const VarDecl *AnchorDecl, SourceLocation Where) {
  Site &S = Sites[SI];
  addVar(V, {SI, K});
  if (!F.Fresh && !F.Extracted)
    return Outcome::Bound; // an alias of a tracked variable
  if (K == VK::Wrapped) {
    // The handle does not exist yet; a previous one from this call that is
    // still unreleased is lost when the variable is created again.
    if (AnchorDecl)
      Problem.addDeclEvent(AnchorDecl, FlowEventKind::Overwrite, S.Bit);
    else
      Problem.addEvent(AnchorStmt, FlowEventKind::Overwrite, S.Bit);
    return Outcome::Bound;
  }
  FlowEventKind Ev = F.Fresh ? FlowEventKind::GenCheck : FlowEventKind::Gen;
  if (AnchorDecl) {
    Problem.addDeclEvent(AnchorDecl, Ev, S.Bit);
  } else {
    Problem.addEvent(AnchorStmt, Ev, S.Bit);
    Gens.insert({AnchorStmt, S.Bit});
  }
  S.Generated = true;
  if (!S.Primary) {
    S.Primary = V;
    S.PrimaryIsHolder = K != VK::Handle;
    S.WarnLoc = Where;
  }
  return Outcome::Bound;
}

Outcome Tracker::varInit(const DeclStmt *DS, const Flow &F, unsigned SI) {
  const VarDecl *V = nullptr;
  for (const Decl *D : DS->decls())
    if (const auto *X = dyn_cast<VarDecl>(D))
      if (X->getInit() == F.E)
        V = X;
  if (!V || V->isInvalidDecl())
    return Outcome::Unknown;
  if (V->getType()->isReferenceType()) {
    // A reference bound to the value: to a temporary it extends its life
    // like a variable; to a variable it is an alias.
    if (!V->hasLocalStorage())
      return Outcome::Transferred;
  } else if (!V->hasLocalStorage()) {
    return Outcome::Transferred; // a static or thread_local
  }
  if (F.K == VK::Handle && isScopeGuardVar(V))
    return Outcome::Invoked;
  const Site &S = Sites[SI];
  if (const auto *DD = dyn_cast<DecompositionDecl>(V)) {
    if (F.K != VK::Holder || S.Shape.Index < 0)
      return Outcome::Unknown;
    for (const BindingDecl *B : DD->bindings())
      if (bindingIndex(B) == S.Shape.Index)
        return bindingTo(B, VK::Handle, F, SI, nullptr, V, B->getLocation());
    return Outcome::Unknown;
  }
  return bindingTo(V, F.K, F, SI, nullptr, V, V->getLocation());
}

Outcome Tracker::assignment(const Expr *LHS, const Stmt *Assign, const Flow &F,
                            unsigned SI) {
  if (const CallExpr *Tie = tieCall(LHS->IgnoreParenImpCasts(), M))
    return tieAssignment(Tie, Assign, F, SI);
  const ValueDecl *V = namedLocal(LHS);
  if (!V)
    return Outcome::Transferred; // a member, a global, an element, *p
  if (F.K == VK::Handle && isa<VarDecl>(V) &&
      isScopeGuardVar(cast<VarDecl>(V)))
    return Outcome::Invoked;
  return bindingTo(V, F.K, F, SI, Assign, nullptr, LHS->getExprLoc());
}

Outcome Tracker::tieAssignment(const CallExpr *Tie, const Stmt *Assign,
                               const Flow &F, unsigned SI) {
  const Site &S = Sites[SI];
  if (F.K != VK::Holder || S.Shape.Index < 0 ||
      S.Shape.Index >= static_cast<int>(Tie->getNumArgs()))
    return Outcome::Unknown;
  const Expr *Arg = Tie->getArg(S.Shape.Index);
  if (isSwallowingVariable(Arg)) {
    if (F.Fresh)
      KeptOtherElement = true;
    return F.Fresh ? Outcome::Discarded : Outcome::NonUse;
  }
  const ValueDecl *V = namedLocal(Arg);
  if (!V)
    return Outcome::Transferred;
  return bindingTo(V, VK::Handle, F, SI, Assign, nullptr,
                   Arg->IgnoreParenImpCasts()->getExprLoc());
}

void Tracker::kill(const Stmt *At, unsigned SI) {
  Site &S = Sites[SI];
  S.Used = true;
  if (Kills.insert({At, S.Bit}).second)
    Problem.addEvent(At, FlowEventKind::Kill, S.Bit);
}

void Tracker::processVar(const ValueDecl *V, Holding H) {
  auto It = Refs.find(V);
  if (It == Refs.end())
    return;
  for (const DeclRefExpr *DRE : It->second) {
    if (inScopeGuardMacro(DRE->getLocation())) {
      kill(DRE, H.Site);
      continue;
    }
    const Stmt *At = nullptr;
    Outcome Out = follow({DRE, H.K, false, false}, H.Site, At);
    switch (Out) {
    case Outcome::Invoked:
    case Outcome::Transferred:
    case Outcome::Unknown:
      kill(DRE, H.Site);
      break;
    case Outcome::Bound:
      // Unwrapping a wrapped result binds the handle; it does not use it.
      if (H.K != VK::Wrapped)
        Sites[H.Site].Used = true;
      break;
    case Outcome::Overwrite:
      if (At && H.K != VK::Wrapped)
        Overwrites.push_back({V, At});
      break;
    case Outcome::Discarded:
    case Outcome::NonUse:
      break;
    }
  }
}

} // namespace handle_tracker
} // namespace context_tidy
