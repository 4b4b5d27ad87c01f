//===- TimePointFolder.cpp - Folding time points and deadlines ------------===//
//
// The Folder's walk over a time point expression (now(), a constant time
// point, plus or minus a constant duration, time_point_cast and floor,
// conversions, fixed variables), and foldDeadline on top of it.
//
//===----------------------------------------------------------------------===//

#include "lib/values/ChronoTypes.h"
#include "lib/values/DurationFolder.h"

#include "clang/AST/ASTContext.h"

using namespace clang;

namespace context_tidy {

std::optional<TimeQuantity> Folder::timeVariable(const ValueDecl *D,
                                                 unsigned VarDepth,
                                                 unsigned NodeDepth) {
  const Expr *Init = nullptr;
  const VarDecl *Var = fixedVariable(D, Init);
  if (!Var)
    return std::nullopt;
  std::optional<TimeQuantity> TQ = time(Init, VarDepth + 1, NodeDepth + 1);
  if (TQ)
    noteDecl(Var, VarDepth);
  return TQ;
}

/// The time point \p From as one of type \p To: a conversion between time
/// points of other durations (the offset from now() keeps its own unit).
std::optional<TimeQuantity> Folder::timeAs(const Expr *From, QualType To,
                                           unsigned VarDepth,
                                           unsigned NodeDepth) {
  std::optional<TimeQuantity> TQ = time(From, VarDepth, NodeDepth + 1);
  if (!TQ)
    return std::nullopt;
  if (!TQ->IsNow) {
    std::optional<Quantity> Q = adapt(TQ->SinceEpoch, To);
    if (!Q)
      return std::nullopt;
    TQ->SinceEpoch = *Q;
  }
  return TQ;
}

std::optional<TimeQuantity> Folder::time(const Expr *E, unsigned VarDepth,
                                         unsigned NodeDepth) {
  if (VarDepth > MaxVariableDepth || NodeDepth > MaxNodeDepth || unfoldable(E))
    return std::nullopt;
  std::optional<DurationKind> TK = timePointKind(E->getType(), M);
  if (!TK)
    return std::nullopt;
  const Expr *S = skipTemporaries(E);
  if (const auto *Cast = dyn_cast<CastExpr>(S)) {
    switch (Cast->getCastKind()) {
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_ConstructorConversion:
    case CK_UserDefinedConversion:
      S = Cast->getSubExpr();
      break;
    default:
      return std::nullopt;
    }
  }
  if (S != E)
    return timeAs(S, E->getType(), VarDepth, NodeDepth);

  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (M.matchCall(CE, Role::ClockNow)) {
      TimeQuantity TQ;
      TQ.IsNow = true;
      return TQ;
    }
  }

  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind OO = Op->getOperator();
    if (Op->getNumArgs() == 2 && (OO == OO_Plus || OO == OO_Minus)) {
      const Expr *A = Op->getArg(0), *B = Op->getArg(1);
      if (OO == OO_Plus && durationKind(A->getType(), M))
        std::swap(A, B);
      if (timePointKind(A->getType(), M) && durationKind(B->getType(), M)) {
        std::optional<TimeQuantity> TQ = time(A, VarDepth, NodeDepth + 1);
        if (!TQ)
          return std::nullopt;
        std::optional<Quantity> D = value(B, VarDepth, NodeDepth + 1);
        if (!D)
          return std::nullopt;
        if (OO == OO_Minus) {
          D = negate(*D);
          if (!D)
            return std::nullopt;
        }
        if (TQ->AtMost)
          return std::nullopt;
        if (TQ->IsNow && !TQ->Offset) {
          TQ->Offset = *D; // kept in the unit it was written in
          return TQ;
        }
        // now() + a + b: in the finer of the two units; a constant time
        // point: in the time point's unit.
        Quantity Base = TQ->IsNow ? *TQ->Offset : TQ->SinceEpoch;
        Period P = TQ->IsNow ? commonPeriod(Base.Unit, D->Unit) : TK->Unit;
        bool Float = TQ->IsNow ? (Base.IsFloat || D->IsFloat) : TK->FloatRep;
        if (P.Den == 0)
          return std::nullopt;
        std::optional<Quantity> X = convert(Base, P, Float, Rounding::Exact);
        std::optional<Quantity> Y = convert(*D, P, Float, Rounding::Exact);
        if (!X || !Y)
          return std::nullopt;
        std::optional<Quantity> Sum = add(*X, *Y);
        if (!Sum)
          return std::nullopt;
        if (TQ->IsNow)
          TQ->Offset = *Sum;
        else
          TQ->SinceEpoch = *Sum;
        return TQ;
      }
    }
  }

  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (const Expr *Arg = singleArgument(CE)) {
      if (timePointKind(Arg->getType(), M))
        return timeAs(Arg, E->getType(), VarDepth, NodeDepth);
      if (durationKind(Arg->getType(), M)) {
        std::optional<Quantity> D =
            adapt(value(Arg, VarDepth, NodeDepth + 1), E->getType());
        if (!D)
          return std::nullopt;
        TimeQuantity TQ;
        TQ.SinceEpoch = *D;
        return TQ;
      }
    }
  }

  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    // time_point_cast and floor, on now(): rounded down, still not after.
    if (CE->getNumArgs() == 1 && CE->getDirectCallee() &&
        M.matchCall(CE, Role::DurationCast) &&
        timePointKind(CE->getArg(0)->getType(), M)) {
      Rounding R = castRounding(CE->getDirectCallee());
      std::optional<TimeQuantity> TQ =
          time(CE->getArg(0), VarDepth, NodeDepth + 1);
      if (!TQ)
        return std::nullopt;
      if (TQ->IsNow) {
        if ((R != Rounding::TowardZero && R != Rounding::Floor) ||
            (TQ->Offset && TQ->Offset->sign() > 0))
          return std::nullopt;
        TQ->AtMost = true;
        return TQ;
      }
      std::optional<Quantity> Q =
          convert(TQ->SinceEpoch, TK->Unit, TK->FloatRep, R);
      if (!Q)
        return std::nullopt;
      TQ->SinceEpoch = *Q;
      return TQ;
    }
  }

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (std::optional<TimeQuantity> TQ =
            timeVariable(DRE->getDecl(), VarDepth, NodeDepth))
      return TQ;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (isa<VarDecl>(ME->getMemberDecl()))
      if (std::optional<TimeQuantity> TQ =
              timeVariable(ME->getMemberDecl(), VarDepth, NodeDepth))
        return TQ;

  std::optional<Quantity> Q = evaluated(E);
  if (!Q)
    return std::nullopt;
  noteMacro(E, VarDepth);
  TimeQuantity TQ;
  TQ.SinceEpoch = *Q;
  return TQ;
}

std::optional<FoldedDeadline> foldDeadline(const Expr *E, const ASTContext &Ctx,
                                           const ApiModel &M, bool Seconds) {
  if (unfoldable(E))
    return std::nullopt;
  QualType CT = E->getType().getNonReferenceType().getCanonicalType();
  if (!timePointKind(E->getType(), M)) {
    // A number of seconds since the epoch (pygolang's with_deadline).
    if (!Seconds || !CT->isArithmeticType() || CT->isBooleanType())
      return std::nullopt;
    std::optional<FoldedDuration> D = foldDuration(E, Ctx, M, true);
    if (!D)
      return std::nullopt;
    FoldedDeadline R;
    R.Value.Kind = DeadlineValue::Constant;
    R.Value.SinceEpoch = D->Value;
    R.Truncated = D->Truncated;
    R.Origins = D->Origins;
    return R;
  }
  Folder F(Ctx, M);
  std::optional<TimeQuantity> TQ = F.time(E, 0);
  if (!TQ)
    return std::nullopt;
  FoldedDeadline R;
  R.Origins = F.Origins;
  if (TQ->IsNow) {
    R.Value.Kind = DeadlineValue::Now;
    R.Value.AtMost = TQ->AtMost;
    if (TQ->Offset) {
      R.Value.Offset = toDurationValue(*TQ->Offset);
      if (TQ->Offset->sign() == 0)
        R.Truncated = F.Trunc;
    }
    return R;
  }
  // A constant time point: Clang's evaluator has the last word.
  std::optional<Quantity> Theirs = F.evaluated(E);
  R.Value.Kind = DeadlineValue::Constant;
  if (Theirs && !sameValue(*Theirs, TQ->SinceEpoch)) {
    R.Value.SinceEpoch = toDurationValue(*Theirs);
    R.Origins.clear();
    return R;
  }
  R.Value.SinceEpoch = toDurationValue(TQ->SinceEpoch);
  if (TQ->SinceEpoch.sign() == 0)
    R.Truncated = F.Trunc;
  return R;
}

} // namespace context_tidy
