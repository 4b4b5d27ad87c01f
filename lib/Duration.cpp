//===- Duration.cpp - Constant values of durations ------------------------===//

#include "lib/Duration.h"

#include "lib/TypeClassifier.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxVariableDepth = 8;

std::optional<DurationValue> fromScalar(const APValue &V, Period Unit,
                                        const ASTContext &Ctx) {
  DurationValue D;
  D.Unit = Unit;
  if (V.isInt()) {
    D.Int = V.getInt();
    return D;
  }
  if (V.isFloat()) {
    llvm::APFloat F = V.getFloat();
    bool LosesInfo = false;
    // EnumToSemantics, not IEEEdouble(): in LLVM 22 the latter is inline and
    // reads the data symbol APFloatBase::semIEEEdouble, which a clang-tidy
    // of another version lacks, so the plugin would fail to load before its
    // version guard could explain why.
    F.convert(llvm::APFloat::EnumToSemantics(llvm::APFloat::S_IEEEdouble),
              llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
    D.IsFloat = true;
    D.Float = F.convertToDouble();
    return D;
  }
  return std::nullopt;
}

/// The tick count of an evaluated duration object: its first scalar field
/// (libstdc++ __r, libc++ __rep_).
const APValue *tickCount(const APValue &V) {
  if (!V.isStruct())
    return nullptr;
  for (unsigned I = 0; I < V.getStructNumFields(); ++I) {
    const APValue &F = V.getStructField(I);
    if (F.isInt() || F.isFloat())
      return &F;
  }
  return nullptr;
}

const Expr *skipWrappers(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      E = C->getArg(0);
    else
      return E;
  }
}

std::optional<DurationValue> evaluate(const Expr *E, const ASTContext &Ctx,
                                      const ApiModel &M, bool Seconds,
                                      unsigned Depth) {
  if (!E || Depth > MaxVariableDepth || E->isValueDependent() ||
      E->isTypeDependent() || E->containsErrors())
    return std::nullopt;
  QualType T = E->getType();
  std::optional<Period> Unit = durationPeriod(T, M);
  bool Scalar = !Unit && Seconds && T->isArithmeticType() && !T->isBooleanType();
  if (!Unit && !Scalar)
    return std::nullopt;

  Expr::EvalResult R;
  if (E->EvaluateAsRValue(R, Ctx) && !R.HasSideEffects) {
    if (Scalar)
      return fromScalar(R.Val, Period{}, Ctx);
    if (const APValue *Count = tickCount(R.Val))
      return fromScalar(*Count, *Unit, Ctx);
    return std::nullopt;
  }

  // A const variable with a constant initialiser has a fixed value even
  // when C++ does not call it a constant expression.
  const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(E));
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getType().isConstQualified() ||
      Var->getType().isVolatileQualified() || !Var->getAnyInitializer())
    return std::nullopt;
  const VarDecl *Def = nullptr;
  const Expr *Init = Var->getAnyInitializer(Def);
  std::optional<DurationValue> V = evaluate(Init, Ctx, M, Seconds, Depth + 1);
  if (V && Unit && !(V->Unit == *Unit))
    return std::nullopt; // a conversion the caller did not ask about
  return V;
}

} // namespace

int DurationValue::sign() const {
  if (IsFloat)
    return Float < 0 ? -1 : (Float > 0 ? 1 : 0);
  if (Int.isNegative())
    return -1;
  return Int.isZero() ? 0 : 1;
}

double DurationValue::seconds() const {
  double Count = IsFloat ? Float : static_cast<double>(Int.getSExtValue());
  if (!IsFloat && Int.getSignificantBits() > 64)
    Count = Int.isNegative() ? -1e300 : 1e300;
  return Count * static_cast<double>(Unit.Num) / static_cast<double>(Unit.Den);
}

llvm::StringRef periodSuffix(const Period &P) {
  if (P.Num == 1 && P.Den == 1000000000)
    return "ns";
  if (P.Num == 1 && P.Den == 1000000)
    return "us";
  if (P.Num == 1 && P.Den == 1000)
    return "ms";
  if (P.Num == 1 && P.Den == 1)
    return "s";
  if (P.Num == 60 && P.Den == 1)
    return "min";
  if (P.Num == 3600 && P.Den == 1)
    return "h";
  if (P.Num == 86400 && P.Den == 1)
    return "d";
  return "";
}

std::string DurationValue::format() const {
  std::string S;
  llvm::raw_string_ostream OS(S);
  llvm::StringRef Suffix = periodSuffix(Unit);
  if (Suffix.empty()) {
    OS << llvm::format("%g", seconds()) << "s";
    return S;
  }
  if (IsFloat)
    OS << llvm::format("%g", Float);
  else
    OS << llvm::toString(Int, 10);
  OS << Suffix;
  return S;
}

std::optional<Period> durationPeriod(QualType T, const ApiModel &M) {
  if (T.isNull())
    return std::nullopt;
  T = T.getNonReferenceType();
  if (!M.matchType(T.getUnqualifiedType(), Role::DurationType))
    return std::nullopt;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 2)
    return std::nullopt;
  const TemplateArgument &PeriodArg = Spec->getTemplateArgs()[1];
  if (PeriodArg.getKind() != TemplateArgument::Type)
    return std::nullopt;
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      PeriodArg.getAsType()->getAsCXXRecordDecl());
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
  return P;
}

std::optional<DurationValue> evaluateDuration(const Expr *E,
                                              const ASTContext &Ctx,
                                              const ApiModel &M, bool Seconds) {
  return evaluate(E, Ctx, M, Seconds, 0);
}

} // namespace context_tidy
