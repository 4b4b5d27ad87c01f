//===- Duration.cpp - Constant values of durations ------------------------===//
//
// Two evaluators work together.  The folder below walks the expression
// itself, so that it can also fold what C++ does not call a constant
// expression (a const variable of class type inside arithmetic), say where
// the value came from, and see a conversion that turns a positive value
// into zero on the way.  It reads numbers and the model's duration literals
// (`100ms`) itself, and asks Clang's constant evaluator for what it does
// not model (a constexpr call).  When it had to ask, Clang's evaluator is
// also run on the whole expression and is the authority: when both have a
// value and they disagree, Clang's wins and the folder's extras are
// dropped.  A value folded from literal numbers alone is exact and is not
// checked again (the evaluator would run each literal operator's body).
//
//===----------------------------------------------------------------------===//

#include "lib/values/Duration.h"
#include "lib/values/LiteralNumber.h"

#include "lib/model/NameMatch.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <cmath>
#include <limits>

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxVariableDepth = 8;
constexpr unsigned MaxNodeDepth = 200;

std::optional<DurationValue> fromScalar(const APValue &V, Period Unit,
                                        const ASTContext &Ctx) {
  DurationValue D;
  D.Unit = Unit;
  if (V.isInt()) {
    D.Int = V.getInt();
    return D;
  }
  if (V.isFloat()) {
    // The semantics of double come from the ASTContext, not from
    // APFloat::IEEEdouble(): in LLVM 22 that inline function names a data
    // symbol LLVM 19 does not have, and a plugin built for 22 would then
    // fail to load into clang-tidy 19 before its version guard could say
    // why.  (Only out-of-line APFloat functions are used here.)
    llvm::APFloat F = V.getFloat();
    bool LosesInfo = false;
    F.convert(Ctx.getFloatTypeSemantics(Ctx.DoubleTy),
              llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
    D.IsFloat = true;
    D.Float = F.convertToDouble();
    return D;
  }
  return std::nullopt;
}

/// The tick count of an evaluated duration or time point object: its first
/// scalar field, looking into nested structs (a time_point holds a
/// duration; libstdc++ __r, libc++ __rep_).
const APValue *tickCount(const APValue &V, unsigned Depth = 0) {
  if (!V.isStruct() || Depth > 3)
    return nullptr;
  for (unsigned I = 0; I < V.getStructNumFields(); ++I) {
    const APValue &F = V.getStructField(I);
    if (F.isInt() || F.isFloat())
      return &F;
    if (F.isStruct())
      if (const APValue *Inner = tickCount(F, Depth + 1))
        return Inner;
  }
  return nullptr;
}

// ---- Types ---------------------------------------------------------------

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

/// A duration type: its period and whether its representation is a
/// floating-point type.
struct DurationKind {
  Period Unit;
  bool FloatRep = false;
};

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

/// The duration of a std::chrono::time_point type.
std::optional<DurationKind> timePointKind(QualType T, const ApiModel &M) {
  const auto *Spec = specializationOf(T, Role::TimePointType, M);
  if (!Spec || Spec->getTemplateArgs().size() < 2)
    return std::nullopt;
  const TemplateArgument &D = Spec->getTemplateArgs()[1];
  if (D.getKind() != TemplateArgument::Type)
    return std::nullopt;
  return durationKind(D.getAsType(), M);
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

// ---- Exact arithmetic on tick counts -----------------------------------

using Wide = __int128;

Wide gcdWide(Wide A, Wide B) {
  if (A < 0)
    A = -A;
  if (B < 0)
    B = -B;
  while (B != 0) {
    Wide T = A % B;
    A = B;
    B = T;
  }
  return A == 0 ? 1 : A;
}

bool fitsInt64(Wide V) {
  return V >= static_cast<Wide>(std::numeric_limits<int64_t>::min()) &&
         V <= static_cast<Wide>(std::numeric_limits<int64_t>::max());
}

/// A number of ticks of Unit; a plain number when Plain.
struct Quantity {
  bool IsFloat = false;
  int64_t I = 0;
  double F = 0;
  Period Unit;
  bool Plain = false;

  double asDouble() const { return IsFloat ? F : static_cast<double>(I); }
  int sign() const {
    if (IsFloat)
      return F < 0 ? -1 : (F > 0 ? 1 : 0);
    return I < 0 ? -1 : (I > 0 ? 1 : 0);
  }
  double seconds() const {
    return asDouble() * static_cast<double>(Unit.Num) /
           static_cast<double>(Unit.Den);
  }
};

DurationValue toDurationValue(const Quantity &Q) {
  DurationValue D;
  D.IsFloat = Q.IsFloat;
  D.Float = Q.F;
  D.Int = llvm::APSInt(llvm::APInt(64, static_cast<uint64_t>(Q.I), true),
                       /*isUnsigned=*/false);
  D.Unit = Q.Unit;
  return D;
}

std::optional<Quantity> fromDurationValue(const DurationValue &D) {
  Quantity Q;
  Q.Unit = D.Unit;
  Q.IsFloat = D.IsFloat;
  Q.F = D.Float;
  if (!D.IsFloat) {
    if (D.Int.isUnsigned() ? D.Int.getActiveBits() > 63
                           : D.Int.getSignificantBits() > 64)
      return std::nullopt;
    Q.I = D.Int.isUnsigned() ? static_cast<int64_t>(D.Int.getZExtValue())
                             : D.Int.getSExtValue();
  }
  return Q;
}

std::string formatNumber(double V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format("%g", V);
  return S;
}

std::string formatQuantity(const Quantity &Q) {
  if (!Q.Plain)
    return toDurationValue(Q).format();
  if (Q.IsFloat)
    return formatNumber(Q.F);
  return std::to_string(Q.I);
}

enum class Rounding : uint8_t { Exact, TowardZero, Floor, Ceil, Nearest };

/// Q in ticks of To (a floating-point representation when ToFloat), rounded
/// as asked.  Nullopt on overflow, or when Exact and the value is not.
std::optional<Quantity> convert(const Quantity &Q, Period To, bool ToFloat,
                                Rounding R) {
  Wide N = static_cast<Wide>(Q.Unit.Num) * To.Den;
  Wide D = static_cast<Wide>(Q.Unit.Den) * To.Num;
  Wide G = gcdWide(N, D);
  N /= G;
  D /= G;
  Quantity Out;
  Out.Unit = To;
  Out.IsFloat = ToFloat;
  if (ToFloat) {
    Out.F = Q.asDouble() * static_cast<double>(N) / static_cast<double>(D);
    return Out;
  }
  if (Q.IsFloat) {
    double V = Q.F * static_cast<double>(N) / static_cast<double>(D);
    if (!std::isfinite(V))
      return std::nullopt;
    double W = std::trunc(V);
    switch (R) {
    case Rounding::Exact:
      if (W != V)
        return std::nullopt;
      break;
    case Rounding::TowardZero:
      break;
    case Rounding::Floor:
      W = std::floor(V);
      break;
    case Rounding::Ceil:
      W = std::ceil(V);
      break;
    case Rounding::Nearest: {
      double Fl = std::floor(V), Diff = V - Fl;
      W = Diff < 0.5
              ? Fl
              : (Diff > 0.5 ? Fl + 1 : (std::fmod(Fl, 2) == 0 ? Fl : Fl + 1));
      break;
    }
    }
    if (W < -9.2e18 || W > 9.2e18)
      return std::nullopt;
    Out.I = static_cast<int64_t>(W);
    return Out;
  }
  if (N > (static_cast<Wide>(1) << 62) || D > (static_cast<Wide>(1) << 62))
    return std::nullopt;
  Wide P = static_cast<Wide>(Q.I) * N;
  Wide Qt = P / D, Rm = P % D;
  switch (R) {
  case Rounding::Exact:
    if (Rm != 0)
      return std::nullopt;
    break;
  case Rounding::TowardZero:
    break;
  case Rounding::Floor:
    if (Rm != 0 && P < 0)
      --Qt;
    break;
  case Rounding::Ceil:
    if (Rm != 0 && P > 0)
      ++Qt;
    break;
  case Rounding::Nearest: {
    Wide Fl = (Rm != 0 && P < 0) ? Qt - 1 : Qt;
    Wide R0 = P - Fl * D; // 0 <= R0 < D
    if (2 * R0 > D || (2 * R0 == D && (Fl & 1)))
      Qt = Fl + 1;
    else
      Qt = Fl;
    break;
  }
  }
  if (!fitsInt64(Qt))
    return std::nullopt;
  Out.I = static_cast<int64_t>(Qt);
  return Out;
}

/// The finer of two periods: ticks of both are whole ticks of it.
Period commonPeriod(Period A, Period B) {
  Period P;
  P.Num = static_cast<int64_t>(gcdWide(A.Num, B.Num));
  Wide L = static_cast<Wide>(A.Den) / gcdWide(A.Den, B.Den) * B.Den;
  P.Den = fitsInt64(L) ? static_cast<int64_t>(L) : 0;
  return P;
}

std::optional<Quantity> negate(Quantity Q) {
  if (Q.IsFloat) {
    Q.F = -Q.F;
    return Q;
  }
  if (Q.I == std::numeric_limits<int64_t>::min())
    return std::nullopt;
  Q.I = -Q.I;
  return Q;
}

bool sameValue(const Quantity &A, const Quantity &B) {
  if (A.sign() != B.sign())
    return false;
  if (!A.IsFloat && !B.IsFloat && A.Unit == B.Unit)
    return A.I == B.I;
  double X = A.seconds(), Y = B.seconds();
  return std::fabs(X - Y) <= 1e-9 * std::max(std::fabs(X), std::fabs(Y));
}

// ---- The folder -----------------------------------------------------------

/// A time point: now() plus an optional constant, or a constant.
struct TimeQuantity {
  bool IsNow = false;
  std::optional<Quantity> Offset; // IsNow
  bool AtMost = false;            // IsNow: rounded down after adding Offset
  Quantity SinceEpoch;            // !IsNow
};

class Folder {
public:
  Folder(const ASTContext &Ctx, const ApiModel &M) : Ctx(Ctx), M(M) {}

  /// The value of a duration or number expression.
  std::optional<Quantity> value(const Expr *E, unsigned VarDepth,
                                unsigned NodeDepth = 0);
  /// The value of a time point expression.
  std::optional<TimeQuantity> time(const Expr *E, unsigned VarDepth,
                                   unsigned NodeDepth = 0);

  /// Clang's evaluator on E alone.
  std::optional<Quantity> evaluated(const Expr *E) const;

  std::optional<Truncation> Trunc;
  llvm::SmallVector<ValueOrigin, 2> Origins;
  /// Whether value() asked Clang's evaluator for a part of the expression
  /// (a constexpr call, a literal operator outside the model).
  bool UsedEvaluator = false;

private:
  std::optional<Quantity> evaluatedUncached(const Expr *E) const;
  // Clang's evaluator by expression: foldDuration asks it for the whole
  // expression, then value() asks again for the same node when it is a
  // leaf (a chrono literal, a constexpr call), at about 25,000 instructions
  // each on a literal operator.
  mutable llvm::DenseMap<const Expr *, std::optional<Quantity>> Evaluated;

  std::optional<Quantity> structural(const Expr *E, unsigned VarDepth,
                                     unsigned NodeDepth);
  std::optional<Quantity> leaf(const Expr *E, unsigned VarDepth);
  std::optional<Quantity> numericCast(const Quantity &Q, QualType To,
                                      const Expr *Where);
  std::optional<Quantity> adapt(std::optional<Quantity> Q, QualType To);
  std::optional<Quantity> variable(const ValueDecl *D, QualType T,
                                   unsigned VarDepth, unsigned NodeDepth);
  std::optional<Quantity> durationOperator(const CXXOperatorCallExpr *Op,
                                           unsigned VarDepth,
                                           unsigned NodeDepth);
  std::optional<Quantity> scalarOperator(const BinaryOperator *Op,
                                         unsigned VarDepth, unsigned NodeDepth);
  std::optional<Quantity> durationCast(const CallExpr *CE, unsigned VarDepth,
                                       unsigned NodeDepth);
  std::optional<Quantity> literal(const Expr *E, unsigned VarDepth);
  std::optional<TimeQuantity>
  timeVariable(const ValueDecl *D, unsigned VarDepth, unsigned NodeDepth);
  void noteTruncation(llvm::StringRef Operation, const Quantity &From,
                      const Quantity &To, SourceLocation Loc);
  void noteDecl(const NamedDecl *D, unsigned VarDepth);
  void noteMacro(const Expr *E, unsigned VarDepth);

  const ASTContext &Ctx;
  const ApiModel &M;
};

const Expr *skipTemporaries(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *FE = dyn_cast<FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *S = dyn_cast<SubstNonTypeTemplateParmExpr>(E))
      E = S->getReplacement();
    else if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
      E = DI->getExpr();
    else
      return E;
  }
  return E;
}

/// The variable \p D when its value is fixed: constexpr, or const (not
/// volatile) with an initialiser.  Parameters are not: their "initialiser"
/// is a default argument.
const VarDecl *fixedVariable(const ValueDecl *D, const Expr *&Init) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  if (!Var || isa<ParmVarDecl>(Var) || Var->isInvalidDecl())
    return nullptr;
  QualType VT = Var->getType();
  if (VT->isReferenceType() || VT.isVolatileQualified() ||
      !(Var->isConstexpr() || VT.isConstQualified()))
    return nullptr;
  const VarDecl *Def = nullptr;
  Init = Var->getAnyInitializer(Def);
  return Init ? Var : nullptr;
}

/// The initialiser of the member \p ME of a fixed aggregate
/// (kConfig.timeout, kConfig.rpc.timeout), and the variable holding it.
const Expr *memberInitializer(const MemberExpr *ME, const VarDecl *&Holder,
                              unsigned Depth = 0) {
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field || ME->isArrow() || Depth > 8 || Field->isBitField() ||
      Field->isMutable())
    return nullptr;
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  const Expr *Init = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
    Holder = fixedVariable(DRE->getDecl(), Init);
    if (!Holder)
      return nullptr;
  } else if (const auto *Inner = dyn_cast<MemberExpr>(Base)) {
    Init = memberInitializer(Inner, Holder, Depth + 1);
  }
  const auto *ILE = dyn_cast_or_null<InitListExpr>(skipTemporaries(Init));
  if (!ILE)
    return nullptr;
  if (ILE->isSyntacticForm() && ILE->getSemanticForm())
    ILE = ILE->getSemanticForm();
  const RecordDecl *RD = Field->getParent();
  const auto *CRD = dyn_cast<CXXRecordDecl>(RD);
  if (RD->isUnion() || (CRD && CRD->getNumBases() != 0) ||
      ILE->getType()->getAsRecordDecl() != RD)
    return nullptr;
  unsigned Index = Field->getFieldIndex();
  if (Index >= ILE->getNumInits())
    return nullptr;
  return ILE->getInit(Index);
}

/// The only argument of a constructor call, when it has one (arguments
/// left to their defaults do not count).
const Expr *singleArgument(const CXXConstructExpr *CE) {
  const Expr *Only = nullptr;
  for (const Expr *A : CE->arguments()) {
    if (isa<CXXDefaultArgExpr>(A))
      continue;
    if (Only)
      return nullptr;
    Only = A;
  }
  return Only;
}

std::optional<Quantity> Folder::evaluated(const Expr *E) const {
  auto [It, Inserted] = Evaluated.try_emplace(E);
  if (Inserted)
    It->second = evaluatedUncached(E);
  return It->second;
}

std::optional<Quantity> Folder::evaluatedUncached(const Expr *E) const {
  if (!E || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
    return std::nullopt;
  QualType T = E->getType();
  std::optional<DurationKind> DK = durationKind(T, M);
  std::optional<DurationKind> TK = DK ? std::nullopt : timePointKind(T, M);
  if (!DK && !TK && !isNumber(T))
    return std::nullopt;
  // A fold that overflows (hours::max() * 2) wraps in Clang's lenient
  // evaluation: not a constant.
  Expr::EvalResult R;
  if (!E->EvaluateAsRValue(R, Ctx) || R.HasSideEffects ||
      R.HasUndefinedBehavior)
    return std::nullopt;
  std::optional<DurationValue> D;
  if (DK || TK) {
    if (const APValue *Count = tickCount(R.Val))
      D = fromScalar(*Count, DK ? DK->Unit : TK->Unit, Ctx);
  } else {
    D = fromScalar(R.Val, Period{}, Ctx);
  }
  if (!D)
    return std::nullopt;
  std::optional<Quantity> Q = fromDurationValue(*D);
  if (Q && !DK && !TK)
    Q->Plain = true;
  return Q;
}

void Folder::noteTruncation(llvm::StringRef Operation, const Quantity &From,
                            const Quantity &To, SourceLocation Loc) {
  if (Trunc || From.sign() <= 0 || To.sign() != 0)
    return;
  Truncation T;
  T.Operation = Operation.str();
  T.From = formatQuantity(From);
  T.To = formatQuantity(To);
  T.Loc = Loc;
  Trunc = T;
}

void Folder::noteDecl(const NamedDecl *D, unsigned VarDepth) {
  if (VarDepth != 0 || !D)
    return;
  for (const ValueOrigin &O : Origins)
    if (O.Decl == D)
      return;
  ValueOrigin O;
  O.Decl = D;
  Origins.push_back(O);
}

void Folder::noteMacro(const Expr *E, unsigned VarDepth) {
  if (VarDepth != 0)
    return;
  SourceLocation L = E->getBeginLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  // Through the arguments of function-like macros to where the token was
  // spelled: SECONDS(TIMEOUT) takes its value from TIMEOUT's body.
  for (unsigned I = 0; I < 64 && L.isMacroID() && SM.isMacroArgExpansion(L);
       ++I)
    L = SM.getImmediateSpellingLoc(L);
  if (!L.isMacroID() || !SM.isMacroBodyExpansion(L))
    return;
  llvm::StringRef Name = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
  if (Name.empty())
    return;
  for (const ValueOrigin &O : Origins)
    if (O.MacroName == Name)
      return;
  ValueOrigin O;
  O.MacroName = Name.str();
  O.MacroTokenLoc = L;
  Origins.push_back(O);
}

std::optional<Quantity> Folder::leaf(const Expr *E, unsigned VarDepth) {
  UsedEvaluator = true;
  std::optional<Quantity> Q = evaluated(E);
  if (Q)
    noteMacro(E, VarDepth);
  return Q;
}

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
  if (std::optional<DurationKind> DK = durationKind(To, M)) {
    if (Q->Plain)
      return std::nullopt;
    if (Q->Unit == DK->Unit && Q->IsFloat == DK->FloatRep)
      return Q;
    return convert(*Q, DK->Unit, DK->FloatRep, Rounding::Exact);
  }
  if (std::optional<DurationKind> TK = timePointKind(To, M)) {
    if (Q->Plain)
      return std::nullopt;
    if (Q->Unit == TK->Unit && Q->IsFloat == TK->FloatRep)
      return Q;
    return convert(*Q, TK->Unit, TK->FloatRep, Rounding::Exact);
  }
  if (!Q->Plain)
    return std::nullopt;
  return Q;
}

std::optional<Quantity> Folder::value(const Expr *E, unsigned VarDepth,
                                      unsigned NodeDepth) {
  if (!E || VarDepth > MaxVariableDepth || NodeDepth > MaxNodeDepth ||
      E->isValueDependent() || E->isTypeDependent() || E->containsErrors())
    return std::nullopt;
  QualType T = E->getType();
  if (!durationKind(T, M) && !isNumber(T))
    return std::nullopt;
  if (std::optional<Quantity> Q = structural(E, VarDepth, NodeDepth))
    return Q;
  return leaf(E, VarDepth);
}

std::optional<Quantity> Folder::variable(const ValueDecl *D, QualType T,
                                         unsigned VarDepth,
                                         unsigned NodeDepth) {
  if (const auto *EC = dyn_cast<EnumConstantDecl>(D)) {
    const llvm::APSInt &V = EC->getInitVal();
    if (V.isUnsigned() ? V.getActiveBits() > 63 : V.getSignificantBits() > 64)
      return std::nullopt;
    Quantity Q;
    Q.Plain = true;
    Q.I = V.isUnsigned() ? static_cast<int64_t>(V.getZExtValue())
                         : V.getSExtValue();
    noteDecl(EC, VarDepth);
    return Q;
  }
  const Expr *Init = nullptr;
  const VarDecl *Var = fixedVariable(D, Init);
  if (!Var)
    return std::nullopt;
  std::optional<Quantity> Q =
      adapt(value(Init, VarDepth + 1, NodeDepth + 1), Var->getType());
  if (Q)
    noteDecl(Var, VarDepth);
  return Q;
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
    Quantity Out = *X;
    if (Out.IsFloat) {
      Out.F = X->F + Y->F;
    } else if (__builtin_add_overflow(X->I, Y->I, &Out.I)) {
      return std::nullopt;
    }
    return Out;
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
    if (Result->FloatRep) {
      if (K->asDouble() == 0)
        return std::nullopt;
      Out.IsFloat = true;
      Out.F = D->asDouble() / K->asDouble();
      return Out;
    }
    if (D->IsFloat || K->IsFloat || K->I == 0 ||
        (D->I == std::numeric_limits<int64_t>::min() && K->I == -1))
      return std::nullopt;
    Out.I = D->I / K->I;
    Quantity Exact = Out;
    Exact.IsFloat = true;
    Exact.F = static_cast<double>(D->I) / static_cast<double>(K->I);
    noteTruncation("integer division", Exact, Out, Op->getOperatorLoc());
    return Out;
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
    if (Float) {
      if (Y->F == 0)
        return std::nullopt;
      Out.IsFloat = true;
      Out.F = X->F / Y->F;
      return Out;
    }
    if (Y->I == 0 ||
        (X->I == std::numeric_limits<int64_t>::min() && Y->I == -1))
      return std::nullopt;
    Out.I = X->I / Y->I;
    Quantity Exact = Out;
    Exact.IsFloat = true;
    Exact.F = static_cast<double>(X->I) / static_cast<double>(Y->I);
    noteTruncation("integer division", Exact, Out, Op->getOperatorLoc());
    return Out;
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
  llvm::StringRef S = periodSuffix(K->Unit);
  if (K->FloatRep)
    return "duration<double>";
  if (S == "ns")
    return "nanoseconds";
  if (S == "us")
    return "microseconds";
  if (S == "ms")
    return "milliseconds";
  if (S == "s")
    return "seconds";
  if (S == "min")
    return "minutes";
  if (S == "h")
    return "hours";
  if (S == "d")
    return "days";
  return "";
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

std::string castName(const CallExpr *CE, QualType Result, const ApiModel &M) {
  const FunctionDecl *FD = CE->getDirectCallee();
  std::string Name = FD && FD->getIdentifier() ? FD->getName().str() : "cast";
  std::string Target = targetName(CE, Result, M);
  if (!Target.empty())
    Name += "<" + Target + ">";
  return "'" + Name + "'";
}

/// A number as written (`100`, `1.5`), or a duration literal of the model
/// (`100ms`): its number, in ticks of the duration type it returns.
std::optional<Quantity> Folder::literal(const Expr *E, unsigned VarDepth) {
  Quantity Q;
  if (const auto *IL = dyn_cast<IntegerLiteral>(E)) {
    if (IL->getValue().getActiveBits() > 63)
      return std::nullopt;
    Q.Plain = true;
    Q.I = static_cast<int64_t>(IL->getValue().getZExtValue());
    noteMacro(E, VarDepth);
    return Q;
  }
  if (const auto *FL = dyn_cast<FloatingLiteral>(E)) {
    Q.Plain = true;
    Q.IsFloat = true;
    Q.F = FL->getValueAsApproximateDouble();
    noteMacro(E, VarDepth);
    return Q;
  }
  const auto *UDL = cast<UserDefinedLiteral>(E);
  std::optional<DurationKind> DK = durationKind(UDL->getType(), M);
  if (!DK || !UDL->getDirectCallee() ||
      !M.matchCall(UDL, Role::DurationLiteral))
    return std::nullopt;
  std::optional<LiteralNumber> N = literalNumber(UDL);
  if (!N)
    return std::nullopt;
  Q.Unit = DK->Unit;
  if (N->IsFloat) {
    if (!DK->FloatRep)
      return std::nullopt;
    Q.IsFloat = true;
    Q.F = N->F;
  } else if (DK->FloatRep) {
    Q.IsFloat = true;
    Q.F = static_cast<double>(N->I);
  } else {
    if (N->I > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return std::nullopt;
    Q.I = static_cast<int64_t>(N->I);
  }
  noteMacro(UDL, VarDepth);
  return Q;
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

std::optional<Quantity> Folder::structural(const Expr *E, unsigned VarDepth,
                                           unsigned NodeDepth) {
  const Expr *S = skipTemporaries(E);
  if (S != E)
    return adapt(value(S, VarDepth, NodeDepth + 1), E->getType());
  QualType T = E->getType();

  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    const Expr *Sub = Cast->getSubExpr();
    switch (Cast->getCastKind()) {
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_ConstructorConversion:
    case CK_UserDefinedConversion:
      return adapt(value(Sub, VarDepth, NodeDepth + 1), T);
    case CK_IntegralCast:
    case CK_IntegralToFloating:
    case CK_FloatingToIntegral:
    case CK_FloatingCast: {
      std::optional<Quantity> Q = value(Sub, VarDepth, NodeDepth + 1);
      if (!Q || !Q->Plain)
        return std::nullopt;
      return numericCast(*Q, T, Cast);
    }
    default:
      return std::nullopt;
    }
  }

  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    std::optional<DurationKind> DK = durationKind(T, M);
    if (!DK)
      return std::nullopt;
    const Expr *Arg = singleArgument(CE);
    if (!Arg)
      return std::nullopt;
    std::optional<Quantity> Q = value(Arg, VarDepth, NodeDepth + 1);
    if (!Q)
      return std::nullopt;
    if (!Q->Plain)
      return adapt(Q, T); // copy, move, or a conversion between units
    // duration(rep): the count, converted to the representation.
    if (Q->IsFloat && !DK->FloatRep)
      return std::nullopt; // not a valid duration constructor
    Quantity Out = *Q;
    Out.Plain = false;
    Out.Unit = DK->Unit;
    if (DK->FloatRep && !Q->IsFloat) {
      Out.IsFloat = true;
      Out.F = static_cast<double>(Q->I);
    }
    return Out;
  }

  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return durationOperator(Op, VarDepth, NodeDepth);

  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    // duration::count(): the tick count as a number.
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    const Expr *Obj = MCE->getImplicitObjectArgument();
    if (!MD || MD->getNumParams() != 0 || !isNumber(T) || !Obj ||
        !durationKind(Obj->getType(), M))
      return std::nullopt;
    std::optional<Quantity> Q = value(Obj, VarDepth, NodeDepth + 1);
    if (!Q)
      return std::nullopt;
    Q->Plain = true;
    Q->Unit = Period{};
    return Q;
  }

  if (isa<IntegerLiteral>(E) || isa<FloatingLiteral>(E) ||
      isa<UserDefinedLiteral>(E))
    return literal(E, VarDepth);

  if (const auto *CE = dyn_cast<CallExpr>(E))
    return durationCast(CE, VarDepth, NodeDepth);

  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return scalarOperator(BO, VarDepth, NodeDepth);

  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_Minus && UO->getOpcode() != UO_Plus)
      return std::nullopt;
    QualType CT = T.getCanonicalType();
    if (!isNumber(CT) || CT->isUnsignedIntegerOrEnumerationType())
      return std::nullopt;
    std::optional<Quantity> Q =
        value(UO->getSubExpr(), VarDepth, NodeDepth + 1);
    if (!Q || !Q->Plain)
      return std::nullopt;
    if (UO->getOpcode() == UO_Minus)
      Q = negate(*Q);
    return Q;
  }

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return variable(DRE->getDecl(), T, VarDepth, NodeDepth);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (isa<VarDecl>(ME->getMemberDecl())) // a static data member
      return variable(ME->getMemberDecl(), T, VarDepth, NodeDepth);
    const VarDecl *Holder = nullptr;
    if (const Expr *Init = memberInitializer(ME, Holder)) {
      std::optional<Quantity> Q =
          adapt(value(Init, VarDepth + 1, NodeDepth + 1), T);
      if (Q)
        noteDecl(Holder, VarDepth);
      return Q;
    }
  }
  return std::nullopt;
}

// ---- Time points ----------------------------------------------------------

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

std::optional<TimeQuantity> Folder::time(const Expr *E, unsigned VarDepth,
                                         unsigned NodeDepth) {
  if (!E || VarDepth > MaxVariableDepth || NodeDepth > MaxNodeDepth ||
      E->isValueDependent() || E->isTypeDependent() || E->containsErrors())
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
  if (S != E) {
    std::optional<TimeQuantity> TQ = time(S, VarDepth, NodeDepth + 1);
    if (!TQ)
      return std::nullopt;
    // A conversion between time points of other durations (the offset
    // from now() keeps its own unit).
    if (!TQ->IsNow) {
      std::optional<Quantity> Q = adapt(TQ->SinceEpoch, E->getType());
      if (!Q)
        return std::nullopt;
      TQ->SinceEpoch = *Q;
    }
    return TQ;
  }

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
        Quantity Sum = *X;
        if (Sum.IsFloat)
          Sum.F = X->F + Y->F;
        else if (__builtin_add_overflow(X->I, Y->I, &Sum.I))
          return std::nullopt;
        if (TQ->IsNow)
          TQ->Offset = Sum;
        else
          TQ->SinceEpoch = Sum;
        return TQ;
      }
    }
  }

  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (const Expr *Arg = singleArgument(CE)) {
      if (timePointKind(Arg->getType(), M)) {
        std::optional<TimeQuantity> TQ = time(Arg, VarDepth, NodeDepth + 1);
        if (!TQ)
          return std::nullopt;
        if (!TQ->IsNow) {
          std::optional<Quantity> Q = adapt(TQ->SinceEpoch, E->getType());
          if (!Q)
            return std::nullopt;
          TQ->SinceEpoch = *Q;
        }
        return TQ;
      }
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

} // namespace

// ---- Public interface -----------------------------------------------------

int DurationValue::sign() const {
  if (IsFloat)
    return Float < 0 ? -1 : (Float > 0 ? 1 : 0);
  if (Int.isSigned() && Int.isNegative())
    return -1;
  return Int.isZero() ? 0 : 1;
}

double DurationValue::seconds() const {
  double Count;
  if (IsFloat)
    Count = Float;
  else if (Int.isUnsigned() ? Int.getActiveBits() > 64
                            : Int.getSignificantBits() > 64)
    Count = sign() < 0 ? -1e300 : 1e300;
  else
    Count = Int.isUnsigned() ? static_cast<double>(Int.getZExtValue())
                             : static_cast<double>(Int.getSExtValue());
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
  const auto *Spec = specializationOf(T, Role::DurationType, M);
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

std::optional<Period> timePointPeriod(QualType T, const ApiModel &M) {
  std::optional<DurationKind> K = timePointKind(T, M);
  if (!K)
    return std::nullopt;
  return K->Unit;
}

std::optional<FoldedDuration> foldDuration(const Expr *E, const ASTContext &Ctx,
                                           const ApiModel &M, bool Seconds) {
  if (!E || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
    return std::nullopt;
  QualType T = E->getType();
  bool IsDuration = durationKind(T, M).has_value();
  QualType CT = T.getNonReferenceType().getCanonicalType();
  bool Scalar =
      !IsDuration && Seconds && CT->isArithmeticType() && !CT->isBooleanType();
  if (!IsDuration && !Scalar)
    return std::nullopt;
  Folder F(Ctx, M);
  std::optional<Quantity> Mine = F.value(E, 0);
  // A value folded from literal numbers alone is exact: asking Clang's
  // evaluator too would cost it a run of each literal operator.
  std::optional<Quantity> Theirs =
      Mine && !F.UsedEvaluator ? std::nullopt : F.evaluated(E);
  FoldedDuration R;
  if (Mine && (!Theirs || sameValue(*Mine, *Theirs))) {
    R.Value = toDurationValue(*Mine);
    R.Origins = F.Origins;
    if (R.Value.sign() == 0)
      R.Truncated = F.Trunc;
  } else if (Theirs) {
    R.Value = toDurationValue(*Theirs);
  } else {
    return std::nullopt;
  }
  if (Scalar)
    R.Value.Unit = Period{}; // a number of seconds
  return R;
}

std::optional<DurationValue> evaluateDuration(const Expr *E,
                                              const ASTContext &Ctx,
                                              const ApiModel &M, bool Seconds) {
  std::optional<FoldedDuration> F = foldDuration(E, Ctx, M, Seconds);
  if (!F)
    return std::nullopt;
  return F->Value;
}

std::string formatCoarsest(const DurationValue &D) {
  std::optional<Quantity> Q = fromDurationValue(D);
  if (!Q || Q->IsFloat)
    return D.format();
  static const Period Ladder[] = {
      {1, 1000000000}, {1, 1000000}, {1, 1000}, {1, 1}};
  bool Above = false;
  for (const Period &P : Ladder) {
    if (P == Q->Unit)
      Above = true;
    else if (Above)
      if (std::optional<Quantity> C = convert(*Q, P, false, Rounding::Exact))
        Q = C;
  }
  return toDurationValue(*Q).format();
}

bool DeadlineValue::alreadyPassed() const {
  if (Kind == Now)
    return !Offset || Offset->sign() <= 0;
  return SinceEpoch.sign() <= 0;
}

std::string DeadlineValue::describe() const {
  if (Kind == Now) {
    std::string S = "'now()";
    if (Offset) {
      if (Offset->sign() < 0) {
        DurationValue Abs = *Offset;
        if (Abs.IsFloat)
          Abs.Float = -Abs.Float;
        else
          Abs.Int = -Abs.Int;
        S += " - " + Abs.format();
      } else {
        S += " + " + Offset->format();
      }
    }
    S += "'";
    if (AtMost)
      S += " rounded down";
    return S;
  }
  if (SinceEpoch.sign() == 0)
    return "the clock's epoch";
  if (!SinceEpoch.IsFloat && SinceEpoch.Int.isSigned() &&
      SinceEpoch.Int.getBitWidth() <= 64 && SinceEpoch.Int.isMinSignedValue())
    return "'time_point::min()'";
  if (SinceEpoch.sign() < 0)
    return "before the clock's epoch (" + formatCoarsest(SinceEpoch) + ")";
  return formatCoarsest(SinceEpoch) + " after the clock's epoch";
}

std::optional<FoldedDeadline> foldDeadline(const Expr *E, const ASTContext &Ctx,
                                           const ApiModel &M, bool Seconds) {
  if (!E || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
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
