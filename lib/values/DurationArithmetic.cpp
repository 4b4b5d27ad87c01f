//===- DurationArithmetic.cpp - Arithmetic, conversions, casts ------------===//
//
// The Folder's operators on durations and numbers (+, -, *, / as C++ and
// <chrono> define them, with overflow and division by zero as no value),
// the conversions between numeric types and between duration units, and
// duration_cast with its siblings floor, ceil and round (DurationFolder.h).
//
//===----------------------------------------------------------------------===//

#include "lib/values/ChronoTypes.h"
#include "lib/values/DurationFolder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include <cmath>
#include <limits>

using namespace clang;

namespace context_tidy {

namespace {

/// "seconds" for the written target of duration_cast<std::chrono::seconds>.
std::string targetName(const CallExpr *CE, QualType Result, const ApiModel &M) {
  const auto *DRE = dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts());
  if (DRE && DRE->getNumTemplateArgs() > 0) {
    const TemplateArgumentLoc &A = DRE->getTemplateArgs()[0];
    if (A.getArgument().getKind() == TemplateArgument::Type) {
      const Type *Ty = A.getArgument().getAsType().getTypePtr();
      while (Ty) {
        if (const auto *TT = dyn_cast<TypedefType>(Ty))
          return TT->getDecl()->getName().str();
        QualType Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
        if (Next.getTypePtr() == Ty)
          break;
        Ty = Next.getTypePtr();
      }
    }
  }
  std::optional<DurationKind> K = durationKind(Result, M);
  if (!K)
    return "";
  if (K->FloatRep)
    return "duration<double>";
  return chronoUnitName(K->Unit).str();
}

std::string castName(const CallExpr *CE, QualType Result, const ApiModel &M) {
  const FunctionDecl *FD = CE->getDirectCallee();
  std::string Name = FD && FD->getIdentifier() ? FD->getName().str() : "cast";
  std::string Target = targetName(CE, Result, M);
  if (!Target.empty())
    Name += "<" + Target + ">";
  return "'" + Name + "'";
}

} // namespace

/// Converts a number to the arithmetic type To, as C++ does.
std::optional<Quantity> Folder::numericCast(const Quantity &Q, QualType To,
                                            const Expr *Where) {
  To = To.getCanonicalType();
  Quantity Out = Q;
  Out.Plain = true;
  Out.Unit = Period{};
  if (To->isRealFloatingType()) {
    Out.IsFloat = true;
    Out.F = Q.asDouble();
    return Out;
  }
  if (!To->isIntegralOrEnumerationType() || To->isBooleanType())
    return std::nullopt;
  uint64_t Width = Ctx.getIntWidth(To);
  bool Signed = To->isSignedIntegerOrEnumerationType();
  Wide V;
  if (Q.IsFloat) {
    if (!std::isfinite(Q.F) || Q.F < -9.2e18 || Q.F > 9.2e18)
      return std::nullopt;
    V = static_cast<Wide>(std::trunc(Q.F));
  } else {
    V = Q.I;
  }
  Wide Min = Signed ? -(static_cast<Wide>(1) << (Width - 1)) : 0;
  Wide Max = Signed ? (static_cast<Wide>(1) << (Width - 1)) - 1
                    : (static_cast<Wide>(1) << Width) - 1;
  if (Width > 64 || V < Min || V > Max || !fitsInt64(V))
    return std::nullopt; // wraps: leave it to Clang's evaluator
  Out.IsFloat = false;
  Out.I = static_cast<int64_t>(V);
  if (Q.IsFloat) {
    Quantity From = Q;
    From.Plain = true;
    noteTruncation("the conversion to '" +
                       To.getAsString(Ctx.getPrintingPolicy()) + "'",
                   From, Out, Where->getBeginLoc());
  }
  return Out;
}

/// Q (a value of another type) as a value of type To: a duration converted
/// exactly to To's period, or a number left as it is.
std::optional<Quantity> Folder::adapt(std::optional<Quantity> Q, QualType To) {
  if (!Q)
    return std::nullopt;
  std::optional<DurationKind> K = durationKind(To, M);
  if (!K)
    K = timePointKind(To, M); // a time point: in its duration's unit
  if (K) {
    if (Q->Plain)
      return std::nullopt;
    if (Q->Unit == K->Unit && Q->IsFloat == K->FloatRep)
      return Q;
    return convert(*Q, K->Unit, K->FloatRep, Rounding::Exact);
  }
  if (!Q->Plain)
    return std::nullopt;
  return Q;
}

/// X / Y into \p Out (whose unit, or Plain, is set): in doubles when
/// \p Float, else in integers, noting an integer division that makes a
/// positive value zero.  Nullopt on a division by zero, an overflow, or a
/// floating-point operand of an integer division.
std::optional<Quantity> Folder::quotient(Quantity Out, const Quantity &X,
                                         const Quantity &Y, bool Float,
                                         SourceLocation Loc) {
  if (Float) {
    if (Y.asDouble() == 0)
      return std::nullopt;
    Out.IsFloat = true;
    Out.F = X.asDouble() / Y.asDouble();
    return Out;
  }
  if (X.IsFloat || Y.IsFloat || Y.I == 0 ||
      (X.I == std::numeric_limits<int64_t>::min() && Y.I == -1))
    return std::nullopt;
  Out.I = X.I / Y.I;
  Quantity Exact = Out;
  Exact.IsFloat = true;
  Exact.F = static_cast<double>(X.I) / static_cast<double>(Y.I);
  noteTruncation("integer division", Exact, Out, Loc);
  return Out;
}

/// A number of ticks from a duration, or a number, as an operand of
/// arithmetic on durations.
std::optional<Quantity> Folder::durationOperator(const CXXOperatorCallExpr *Op,
                                                 unsigned VarDepth,
                                                 unsigned NodeDepth) {
  OverloadedOperatorKind OO = Op->getOperator();
  QualType T = Op->getType();
  std::optional<DurationKind> Result = durationKind(T, M);
  unsigned N = Op->getNumArgs();
  if (N == 1 && Result && (OO == OO_Minus || OO == OO_Plus)) {
    std::optional<Quantity> Q =
        adapt(value(Op->getArg(0), VarDepth, NodeDepth + 1), T);
    if (!Q)
      return std::nullopt;
    return OO == OO_Minus ? negate(*Q) : Q;
  }
  if (N != 2)
    return std::nullopt;
  const Expr *A = Op->getArg(0), *B = Op->getArg(1);
  std::optional<DurationKind> DA = durationKind(A->getType(), M);
  std::optional<DurationKind> DB = durationKind(B->getType(), M);
  bool NA = !DA && isNumber(A->getType()), NB = !DB && isNumber(B->getType());

  if ((OO == OO_Plus || OO == OO_Minus) && DA && DB && Result) {
    std::optional<Quantity> X = adapt(value(A, VarDepth, NodeDepth + 1), T);
    if (!X)
      return std::nullopt;
    std::optional<Quantity> Y = adapt(value(B, VarDepth, NodeDepth + 1), T);
    if (!Y)
      return std::nullopt;
    if (OO == OO_Minus) {
      Y = negate(*Y);
      if (!Y)
        return std::nullopt;
    }
    return add(*X, *Y);
  }

  if (OO == OO_Star && Result && ((DA && NB) || (NA && DB))) {
    const Expr *DurE = DA ? A : B, *NumE = DA ? B : A;
    std::optional<Quantity> D = value(DurE, VarDepth, NodeDepth + 1);
    if (!D)
      return std::nullopt;
    std::optional<Quantity> K = value(NumE, VarDepth, NodeDepth + 1);
    if (!K)
      return std::nullopt;
    Quantity Out;
    Out.Unit = Result->Unit;
    if (!(D->Unit == Result->Unit))
      return std::nullopt;
    if (Result->FloatRep) {
      Out.IsFloat = true;
      Out.F = D->asDouble() * K->asDouble();
      return Out;
    }
    if (D->IsFloat || K->IsFloat || __builtin_mul_overflow(D->I, K->I, &Out.I))
      return std::nullopt;
    return Out;
  }

  if (OO == OO_Slash && Result && DA && NB) {
    std::optional<Quantity> D = value(A, VarDepth, NodeDepth + 1);
    if (!D || !(D->Unit == Result->Unit))
      return std::nullopt;
    std::optional<Quantity> K = value(B, VarDepth, NodeDepth + 1);
    if (!K)
      return std::nullopt;
    Quantity Out;
    Out.Unit = Result->Unit;
    return quotient(Out, *D, *K, Result->FloatRep, Op->getOperatorLoc());
  }

  if (OO == OO_Slash && DA && DB && isNumber(T)) {
    std::optional<Quantity> X = value(A, VarDepth, NodeDepth + 1);
    if (!X)
      return std::nullopt;
    std::optional<Quantity> Y = value(B, VarDepth, NodeDepth + 1);
    if (!Y)
      return std::nullopt;
    Period P = commonPeriod(X->Unit, Y->Unit);
    if (P.Den == 0)
      return std::nullopt;
    bool Float = X->IsFloat || Y->IsFloat || T->isRealFloatingType();
    X = convert(*X, P, Float, Rounding::Exact);
    Y = convert(*Y, P, Float, Rounding::Exact);
    if (!X || !Y)
      return std::nullopt;
    Quantity Out;
    Out.Plain = true;
    return quotient(Out, *X, *Y, Float, Op->getOperatorLoc());
  }
  return std::nullopt;
}

std::optional<Quantity> Folder::scalarOperator(const BinaryOperator *Op,
                                               unsigned VarDepth,
                                               unsigned NodeDepth) {
  BinaryOperatorKind K = Op->getOpcode();
  if (K != BO_Add && K != BO_Sub && K != BO_Mul && K != BO_Div)
    return std::nullopt;
  QualType T = Op->getType().getCanonicalType();
  if (!isNumber(T) || T->isUnsignedIntegerOrEnumerationType())
    return std::nullopt;
  std::optional<Quantity> X = value(Op->getLHS(), VarDepth, NodeDepth + 1);
  if (!X || !X->Plain)
    return std::nullopt;
  std::optional<Quantity> Y = value(Op->getRHS(), VarDepth, NodeDepth + 1);
  if (!Y || !Y->Plain)
    return std::nullopt;
  Quantity Out;
  Out.Plain = true;
  if (T->isRealFloatingType()) {
    double A = X->asDouble(), B = Y->asDouble();
    Out.IsFloat = true;
    switch (K) {
    case BO_Add:
      Out.F = A + B;
      break;
    case BO_Sub:
      Out.F = A - B;
      break;
    case BO_Mul:
      Out.F = A * B;
      break;
    default:
      if (B == 0)
        return std::nullopt;
      Out.F = A / B;
      break;
    }
    return Out;
  }
  if (X->IsFloat || Y->IsFloat)
    return std::nullopt;
  bool Overflow = false;
  switch (K) {
  case BO_Add:
    Overflow = __builtin_add_overflow(X->I, Y->I, &Out.I);
    break;
  case BO_Sub:
    Overflow = __builtin_sub_overflow(X->I, Y->I, &Out.I);
    break;
  case BO_Mul:
    Overflow = __builtin_mul_overflow(X->I, Y->I, &Out.I);
    break;
  default:
    if (Y->I == 0 ||
        (X->I == std::numeric_limits<int64_t>::min() && Y->I == -1))
      return std::nullopt;
    Out.I = X->I / Y->I;
    break;
  }
  if (Overflow)
    return std::nullopt;
  // The operation happens in T: a result that does not fit is Clang's
  // business (it wraps or is undefined).
  Quantity Checked = Out;
  if (!numericCast(Out, T, Op))
    return std::nullopt;
  if (K == BO_Div) {
    Quantity Exact = Out;
    Exact.IsFloat = true;
    Exact.F = static_cast<double>(X->I) / static_cast<double>(Y->I);
    noteTruncation("integer division", Exact, Checked, Op->getOperatorLoc());
  }
  return Out;
}

Rounding castRounding(const FunctionDecl *FD) {
  llvm::StringRef Name = FD->getIdentifier() ? FD->getName() : "";
  if (Name == "floor")
    return Rounding::Floor;
  if (Name == "ceil")
    return Rounding::Ceil;
  if (Name == "round")
    return Rounding::Nearest;
  return Rounding::TowardZero;
}

std::optional<Quantity> Folder::durationCast(const CallExpr *CE,
                                             unsigned VarDepth,
                                             unsigned NodeDepth) {
  std::optional<DurationKind> Result = durationKind(CE->getType(), M);
  if (!Result || CE->getNumArgs() != 1 || !CE->getDirectCallee() ||
      !M.matchCall(CE, Role::DurationCast))
    return std::nullopt;
  const Expr *Arg = CE->getArg(0);
  if (!durationKind(Arg->getType(), M))
    return std::nullopt;
  std::optional<Quantity> In = value(Arg, VarDepth, NodeDepth + 1);
  if (!In)
    return std::nullopt;
  std::optional<Quantity> Out = convert(*In, Result->Unit, Result->FloatRep,
                                        castRounding(CE->getDirectCallee()));
  if (Out)
    noteTruncation(castName(CE, CE->getType(), M), *In, *Out,
                   CE->getBeginLoc());
  return Out;
}

} // namespace context_tidy
