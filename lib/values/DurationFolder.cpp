//===- DurationFolder.cpp - Folding durations -----------------------------===//
//
// The Folder's walk over a duration or number expression: its structure
// (temporaries, conversions, constructors, count()), the leaves it reads
// itself (numbers, the model's duration literals), the variables, enumerators
// and members of fixed aggregates it follows, what it asks Clang's evaluator,
// and foldDuration, which compares the two (DurationFolder.h).
//
//===----------------------------------------------------------------------===//

#include "lib/values/DurationFolder.h"
#include "lib/values/ChronoTypes.h"
#include "lib/values/LiteralNumber.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <limits>

using namespace clang;

namespace context_tidy {

namespace {

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

} // namespace

bool unfoldable(const Expr *E) {
  return !E || E->isValueDependent() || E->isTypeDependent() ||
         E->containsErrors();
}

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
  if (unfoldable(E))
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

std::optional<Quantity> Folder::value(const Expr *E, unsigned VarDepth,
                                      unsigned NodeDepth) {
  if (VarDepth > MaxVariableDepth || NodeDepth > MaxNodeDepth || unfoldable(E))
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

std::optional<FoldedDuration> foldDuration(const Expr *E, const ASTContext &Ctx,
                                           const ApiModel &M, bool Seconds) {
  if (unfoldable(E))
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

} // namespace context_tidy
