//===- ChronoTypes.cpp - Duration and time point types --------------------===//
//
// The period of a duration type read from its std::ratio, the duration of a
// time point type, the units of <chrono> (their suffixes and names), and the
// value of a duration as the code spells it.
//
//===----------------------------------------------------------------------===//

#include "lib/values/ChronoTypes.h"
#include "lib/values/Quantity.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

/// The units of <chrono> that have a suffix: period, suffix, typedef.
struct ChronoUnit {
  Period Unit;
  const char *Suffix;
  const char *Name;
};
constexpr ChronoUnit ChronoUnits[] = {
    {{1, 1000000000}, "ns", "nanoseconds"},
    {{1, 1000000}, "us", "microseconds"},
    {{1, 1000}, "ms", "milliseconds"},
    {{1, 1}, "s", "seconds"},
    {{60, 1}, "min", "minutes"},
    {{3600, 1}, "h", "hours"},
    {{86400, 1}, "d", "days"},
};

const ChronoUnit *chronoUnit(const Period &P) {
  for (const ChronoUnit &U : ChronoUnits)
    if (U.Unit == P)
      return &U;
  return nullptr;
}

const ClassTemplateSpecializationDecl *specializationOf(QualType T, Role R,
                                                        const ApiModel &M) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (!M.matchType(T.getUnqualifiedType(), R))
    return nullptr;
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
}

/// The type given as the second template argument of \p T, a class of role
/// \p R (a duration's period, a time point's duration), or a null type.
QualType secondTypeArgument(QualType T, Role R, const ApiModel &M) {
  const auto *Spec = specializationOf(T, R, M);
  if (!Spec || Spec->getTemplateArgs().size() < 2)
    return QualType();
  const TemplateArgument &A = Spec->getTemplateArgs()[1];
  if (A.getKind() != TemplateArgument::Type)
    return QualType();
  return A.getAsType();
}

} // namespace

std::optional<DurationKind> durationKind(QualType T, const ApiModel &M) {
  std::optional<Period> P = durationPeriod(T, M);
  if (!P)
    return std::nullopt;
  DurationKind K;
  K.Unit = *P;
  const auto *Spec = specializationOf(T, Role::DurationType, M);
  const TemplateArgument &Rep = Spec->getTemplateArgs()[0];
  K.FloatRep = Rep.getKind() == TemplateArgument::Type &&
               Rep.getAsType()->isRealFloatingType();
  return K;
}

std::optional<DurationKind> timePointKind(QualType T, const ApiModel &M) {
  QualType D = secondTypeArgument(T, Role::TimePointType, M);
  if (D.isNull())
    return std::nullopt;
  return durationKind(D, M);
}

bool isNumber(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isBooleanType())
    return false;
  return T->isIntegralOrUnscopedEnumerationType() || T->isRealFloatingType() ||
         T->isEnumeralType();
}

std::optional<Period> durationPeriod(QualType T, const ApiModel &M) {
  QualType PeriodType = secondTypeArgument(T, Role::DurationType, M);
  if (PeriodType.isNull())
    return std::nullopt;
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      PeriodType->getAsCXXRecordDecl());
  if (!Ratio || Ratio->getTemplateArgs().size() < 1)
    return std::nullopt;
  Period P;
  const TemplateArgumentList &Args = Ratio->getTemplateArgs();
  if (Args[0].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  P.Num = Args[0].getAsIntegral().getSExtValue();
  if (Args.size() > 1) {
    if (Args[1].getKind() != TemplateArgument::Integral)
      return std::nullopt;
    P.Den = Args[1].getAsIntegral().getSExtValue();
  }
  if (P.Num <= 0 || P.Den <= 0)
    return std::nullopt;
  // std::ratio reduces itself; a hand-written period may not be.
  Wide G = gcdWide(P.Num, P.Den);
  P.Num /= static_cast<int64_t>(G);
  P.Den /= static_cast<int64_t>(G);
  return P;
}

const Expr *writtenDuration(const Expr *E, const ApiModel &M) {
  const Expr *Original = E;
  while (E) {
    const Expr *Next = nullptr;
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      Next = MT->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      Next = B->getSubExpr();
    else if (const auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
      CastKind K = IC->getCastKind();
      if (K == CK_NoOp || K == CK_ConstructorConversion ||
          K == CK_LValueToRValue)
        Next = IC->getSubExpr();
    } else if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      // An implicit converting constructor between duration types: no
      // parentheses or braces of its own.
      if (!isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() == 1 &&
          CE->getParenOrBraceRange().isInvalid() &&
          durationKind(CE->getType(), M) &&
          durationKind(CE->getArg(0)->getType(), M))
        Next = CE->getArg(0);
    }
    if (!Next)
      break;
    E = Next;
  }
  if (!E || (!durationKind(E->getType(), M) && !isNumber(E->getType())))
    return Original;
  return E;
}

llvm::StringRef periodSuffix(const Period &P) {
  const ChronoUnit *U = chronoUnit(P);
  return U ? U->Suffix : "";
}

llvm::StringRef chronoUnitName(const Period &P) {
  const ChronoUnit *U = chronoUnit(P);
  return U ? U->Name : "";
}

std::optional<Period> timePointPeriod(QualType T, const ApiModel &M) {
  std::optional<DurationKind> K = timePointKind(T, M);
  if (!K)
    return std::nullopt;
  return K->Unit;
}

} // namespace context_tidy
