//===- TrackerUses.cpp - What is done with a handle's value ---------------===//

#include "lib/flow/Tracker.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "llvm/Config/llvm-config.h"

using namespace clang;

namespace context_tidy {
namespace handle_tracker {

namespace {

bool isBuiltinMoveLike(const CallExpr *CE) {
  switch (CE->getBuiltinCallee()) {
  case Builtin::BImove:
  case Builtin::BIforward:
  case Builtin::BImove_if_noexcept:
  case Builtin::BIas_const:
#if LLVM_VERSION_MAJOR >= 17
  case Builtin::BIforward_like:
#endif
    return true;
  default:
    return false;
  }
}

/// Whether A and B are specializations of the same class template.
bool sameTemplate(QualType A, QualType B) {
  const auto *SA = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      A->getAsCXXRecordDecl());
  const auto *SB = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      B->getAsCXXRecordDecl());
  return SA && SB &&
         SA->getSpecializedTemplate()->getCanonicalDecl() ==
             SB->getSpecializedTemplate()->getCanonicalDecl();
}

} // namespace

bool isComparisonLike(const Stmt *P) {
  if (const auto *BO = dyn_cast<BinaryOperator>(P))
    return BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(P))
    return UO->getOpcode() == UO_LNot;
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P)) {
    switch (OCE->getOperator()) {
    case OO_EqualEqual:
    case OO_ExclaimEqual:
    case OO_Exclaim:
    case OO_Less:
    case OO_Greater:
    case OO_LessEqual:
    case OO_GreaterEqual:
    case OO_Spaceship:
    case OO_AmpAmp:
    case OO_PipePipe:
      return true;
    default:
      return false;
    }
  }
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
    switch (ICE->getCastKind()) {
    case CK_PointerToBoolean:
    case CK_MemberPointerToBoolean:
    case CK_IntegralToBoolean:
      return true;
    default:
      return false;
    }
  }
  return false;
}

bool isVoidCast(const Stmt *P) {
  const auto *CE = dyn_cast<ExplicitCastExpr>(P);
  return CE && CE->getType()->isVoidType();
}

const Expr *Tracker::transparentParent(const Stmt *P, const Flow &F) const {
  const Expr *E = F.E;
  if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
      isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P))
    return cast<Expr>(P);
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
    switch (ICE->getCastKind()) {
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_FunctionToPointerDecay:
    case CK_ConstructorConversion:
    case CK_AtomicToNonAtomic:
    case CK_NonAtomicToAtomic:
      return ICE;
    default:
      return nullptr;
    }
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    if (CE->getNumArgs() == 0 || CE->getArg(0) != E)
      return nullptr;
    for (unsigned I = 1; I < CE->getNumArgs(); ++I)
      if (!isa<CXXDefaultArgExpr>(CE->getArg(I)))
        return nullptr;
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && Ctor->isCopyOrMoveConstructor())
      return CE;
    if (F.K == VK::Handle && isCancelHandleType(CE->getType(), M, true))
      return CE;
    if (F.K == VK::Holder && sameTemplate(CE->getType(), E->getType())) {
      // A converting copy into another pair type: the same handle.
      std::optional<HandleShape> S = findCancelHandle(CE->getType(), M, true);
      if (S && !S->Wrapped)
        return CE;
    }
    return nullptr;
  }
  if (const auto *EC = dyn_cast<ExplicitCastExpr>(P)) {
    if (EC->getType()->isVoidType())
      return nullptr;
    switch (EC->getCastKind()) {
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_ConstructorConversion:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
      return EC;
    default:
      return nullptr;
    }
  }
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    if (CE->getNumArgs() >= 1 && CE->getArg(0) == E && isBuiltinMoveLike(CE))
      return CE;
    return nullptr;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Comma && BO->getRHS() == E)
      return BO;
    return nullptr;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    // (*fp)() on a function pointer.
    if (UO->getOpcode() == UO_Deref && F.K == VK::Handle &&
        E->getType()->isFunctionPointerType())
      return UO;
    return nullptr;
  }
  return nullptr;
}

Outcome Tracker::followLambda(const LambdaExpr *L, unsigned SI,
                              const Stmt *&At) {
  Flow F{L, VK::Handle, false, false};
  while (true) {
    const Stmt *P = parent(F.E);
    if (!P)
      return Outcome::Transferred;
    if (const Expr *Up = transparentParent(P, F)) {
      F.E = Up;
      continue;
    }
    if (isUnevaluated(P))
      return Outcome::NonUse;
    if (const auto *CE = dyn_cast<CallExpr>(P)) {
      if (CE->getCallee()->IgnoreParenImpCasts() == F.E)
        return Outcome::Invoked;
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE))
        if (OCE->getOperator() == OO_Call && OCE->getArg(0) == F.E)
          return Outcome::Invoked;
      return Outcome::Transferred; // a scope guard factory, a thread, ...
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V || V->getInit() != F.E)
          continue;
        if (!V->hasLocalStorage() || isScopeGuardVar(V))
          return Outcome::Invoked;
        // The closure holds the handle: calling or passing it counts.
        addVar(V, {SI, VK::Handle});
        return Outcome::Bound;
      }
      return Outcome::Unknown;
    }
    return Outcome::Transferred;
  }
}

Outcome Tracker::follow(Flow F, unsigned SI, const Stmt *&At) {
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    const Stmt *P = parent(F.E);
    if (!P)
      return F.Fresh ? Outcome::Transferred : Outcome::NonUse;
    if (const Expr *Up = transparentParent(P, F)) {
      F.E = Up;
      continue;
    }
    if (isUnevaluated(P))
      return Outcome::NonUse;
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      if (llvm::is_contained(L->capture_inits(), F.E))
        return followLambda(L, SI, At);
      return Outcome::Unknown;
    }
    // Unwrapping a result.
    if (F.K == VK::Wrapped) {
      // r.value() is a call whose callee, the MemberExpr, is P.
      const Stmt *U = P;
      if (const auto *ME = dyn_cast<MemberExpr>(P))
        if (const auto *MCE =
                dyn_cast_or_null<CXXMemberCallExpr>(parent(ME)))
          if (MCE->getCallee() == ME)
            U = MCE;
      if (unwrappedObject(dyn_cast<Expr>(U), M) == F.E) {
        F.E = cast<Expr>(U);
        F.K = VK::Holder;
        if (!F.Fresh)
          F.Extracted = true;
        continue;
      }
    }
    // Reading one element of a pair, tuple or struct.
    if (F.K == VK::Holder) {
      if (std::optional<ElementRead> R = elementRead(dyn_cast<Expr>(P), M)) {
        if (R->Object == F.E) {
          if (readsHandle(*R, Sites[SI].Shape)) {
            F.E = cast<Expr>(P);
            F.K = VK::Handle;
            continue;
          }
          if (F.Fresh)
            KeptOtherElement = true;
          return F.Fresh ? Outcome::Discarded : Outcome::NonUse;
        }
      }
    }
    return handleUse(F, P, SI, At);
  }
  return Outcome::Unknown;
}

Outcome Tracker::handleUse(Flow F, const Stmt *P, unsigned SI,
                           const Stmt *&At) {
  const Expr *E = F.E;
  // A wrapped result that is never unwrapped is never reported.
  auto Dropped = [&] {
    return F.Fresh && F.K != VK::Wrapped ? Outcome::Discarded
                                         : Outcome::NonUse;
  };

  // Statements.
  if (isa<ReturnStmt>(P) || isa<CoreturnStmt>(P))
    return Outcome::Transferred;
  if (const auto *DS = dyn_cast<DeclStmt>(P))
    return varInit(DS, F, SI);
  if (!isa<Expr>(P)) {
    if (isa<CXXForRangeStmt>(P) || isa<SwitchStmt>(P))
      return Outcome::Unknown;
    return Dropped(); // an expression statement
  }

  // Assignments.
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Assign) {
      if (BO->getRHS() == E)
        return assignment(BO->getLHS(), BO, F, SI);
      if (BO->getLHS() == E) {
        At = BO;
        return Outcome::Overwrite;
      }
    }
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P)) {
    if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2) {
      if (OCE->getArg(1) == E)
        return assignment(OCE->getArg(0), OCE, F, SI);
      if (OCE->getArg(0) == E) {
        At = OCE;
        return Outcome::Overwrite;
      }
    }
  }
  // A variable tied for an assignment: std::tie(ctx, cancel) = ...
  if (const CallExpr *Tie = tieCall(dyn_cast<Expr>(P), M)) {
    if (!F.Fresh && llvm::is_contained(Tie->arguments(), E)) {
      const Stmt *Up = parent(Tie);
      while (Up && (isa<MaterializeTemporaryExpr>(Up) ||
                    isa<ImplicitCastExpr>(Up) || isa<ParenExpr>(Up)))
        Up = parent(Up);
      if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Up))
        if (Assign->getOperator() == OO_Equal) {
          At = Assign;
          return Outcome::Overwrite;
        }
    }
  }

  if (isComparisonLike(P) || isVoidCast(P))
    return Dropped();

  // Calls: invocation of the handle, a method on the value, or an argument.
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    if (ME->getBase() != E)
      return Outcome::Unknown;
    const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
    if (!MCE || MCE->getCallee() != ME)
      return F.K == VK::Handle ? Dropped() : Outcome::Unknown;
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (F.K == VK::Handle && MD &&
        (MD->getOverloadedOperator() == OO_Call ||
         M.matchCall(MCE, Role::ReleaseMethod)))
      return Outcome::Invoked;
    if (F.K == VK::Handle)
      return Dropped(); // operator bool, target(), ...
    return F.Fresh ? Outcome::Unknown : Outcome::NonUse;
  }
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
      if (OCE->getOperator() == OO_Call && OCE->getArg(0) == E)
        return F.K == VK::Handle ? Outcome::Invoked : Outcome::Unknown;
      if (OCE->getNumArgs() > 0 && OCE->getArg(0) == E &&
          isa_and_nonnull<CXXMethodDecl>(OCE->getDirectCallee()) &&
          F.K != VK::Handle)
        return F.Fresh ? Outcome::Unknown : Outcome::NonUse;
    }
    if (CE->getCallee()->IgnoreParenImpCasts() == E ||
        CE->getCallee() == E)
      return F.K == VK::Handle ? Outcome::Invoked : Outcome::Unknown;
    return Outcome::Transferred; // passed to a function
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->getOpcode() == UO_AddrOf)
      return addressUse(UO);
    return Outcome::Unknown;
  }
  if (isa<CXXConstructExpr>(P) || isa<InitListExpr>(P) ||
      isa<CXXNewExpr>(P) || isa<ParenListExpr>(P) ||
      isa<CXXParenListInitExpr>(P) || isa<CXXThrowExpr>(P))
    return Outcome::Transferred;
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
    if (ICE->getType()->isVoidPointerType())
      return Outcome::NonUse;
  }
  return Outcome::Unknown;
}

Outcome Tracker::addressUse(const Expr *Addr) const {
  // &h logged (a variadic argument, streamed) or compared is no use; a
  // pointer that goes anywhere else may be used to call the handle.
  const Expr *E = Addr;
  const Stmt *Up = parent(E);
  while (Up && (isa<ParenExpr>(Up) || isa<CastExpr>(Up))) {
    if (const auto *C = dyn_cast<CastExpr>(Up))
      if (C->getType()->isVoidType())
        return Outcome::NonUse; // (void)&h
    E = cast<Expr>(Up);
    Up = parent(Up);
  }
  if (!Up)
    return Outcome::Transferred;
  if (isComparisonLike(Up))
    return Outcome::NonUse;
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Up))
    if (OCE->getOperator() == OO_LessLess && OCE->getNumArgs() == 2 &&
        OCE->getArg(1) == E)
      return Outcome::NonUse; // os << &h
  if (const auto *CE = dyn_cast<CallExpr>(Up)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->isVariadic())
      for (unsigned I = FD->getNumParams(); I < CE->getNumArgs(); ++I)
        if (CE->getArg(I) == E)
          return Outcome::NonUse; // printf("%p", (void *)&h)
  }
  return Outcome::Transferred;
}

} // namespace handle_tracker
} // namespace context_tidy
