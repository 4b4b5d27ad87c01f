//===- MemberValues.cpp - The values a member or variable can hold --------===//

#include "lib/values/MemberValues.h"

#include "lib/ast/ExprWrappers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxMemberDepth = 8;

/// \p E without what does not change its value: parentheses, implicit
/// conversions, temporaries, copies, default arguments and default member
/// initializers (their expressions).
const Expr *stripValue(const Expr *E) {
  return skipWrappers(E, DefaultArguments, 16);
}

/// The field \p E names (a data member, reached through any object).
const FieldDecl *fieldOf(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts()
                                                  : nullptr);
  if (!ME)
    return nullptr;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  return F ? cast<FieldDecl>(F->getCanonicalDecl()) : nullptr;
}

/// A construction of a duration type from one argument:
/// `std::chrono::seconds(n)`, `milliseconds{ms}`.
const CXXConstructExpr *durationConstruction(const Expr *E, const ApiModel &M) {
  E = stripValue(E);
  if (const auto *F = dyn_cast_or_null<CXXFunctionalCastExpr>(E))
    E = stripValue(F->getSubExpr());
  const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E);
  if (!CE || CE->getNumArgs() != 1 || !durationPeriod(CE->getType(), M))
    return nullptr;
  return CE;
}

std::optional<double> numberOf(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent() || E->isTypeDependent() || E->containsErrors())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsRValue(R, Ctx) || R.HasSideEffects)
    return std::nullopt;
  if (R.Val.isInt())
    return R.Val.getInt().isSigned()
               ? static_cast<double>(R.Val.getInt().getSExtValue())
               : static_cast<double>(R.Val.getInt().getZExtValue());
  if (R.Val.isFloat()) {
    llvm::APFloat F = R.Val.getFloat();
    bool LosesInfo = false;
    F.convert(Ctx.getFloatTypeSemantics(Ctx.DoubleTy),
              llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
    return F.convertToDouble();
  }
  return std::nullopt;
}

} // namespace

/// Writes of data members, and calls of functions, in the code in view.
struct ValueSources::Index {
  /// Each write's value; null for a write whose value is not assigned as a
  /// whole (+=, ++, a non-const call, an escaping reference or address).
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Expr *, 2>> Writes;
  /// The arguments of each call (or construction) of a function.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<llvm::SmallVector<const Expr *, 4>, 2>>
      Calls;
  /// Functions named other than as a callee (their address taken).
  llvm::DenseSet<const FunctionDecl *> Escaped;
  llvm::DenseSet<const Expr *> Callees;
  llvm::DenseSet<const Decl *> Scanned;
};

namespace {

// RecursiveASTVisitor is a CRTP base that calls these members by name:
// hiding its methods is how it is used.
// NOLINTBEGIN(bugprone-derived-method-shadowing-base-method)
class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(ValueSources::Index &I) : I(I) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (isa_and_nonnull<FunctionDecl>(D) && !I.Scanned.insert(D).second)
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  void unknown(const Expr *E) {
    if (const FieldDecl *F = fieldOf(E))
      I.Writes[F].push_back(nullptr);
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    if (const FieldDecl *F = fieldOf(BO->getLHS()))
      I.Writes[F].push_back(BO->getOpcode() == BO_Assign ? BO->getRHS()
                                                          : nullptr);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      unknown(UO->getSubExpr());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getNumArgs() == 0)
      return true;
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      if (const FieldDecl *F = fieldOf(Op->getArg(0)))
        I.Writes[F].push_back(Op->getArg(1));
    } else if (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
               Op->getOperator() == OO_MinusMinus ||
               (MD && !MD->isConst())) {
      unknown(Op->getArg(0));
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (isa<CXXOperatorCallExpr>(CE))
      return true;
    const Expr *Callee = CE->getCallee() ? CE->getCallee()->IgnoreParenImpCasts()
                                         : nullptr;
    if (Callee)
      I.Callees.insert(Callee);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const CXXMethodDecl *MD = MC->getMethodDecl(); MD && !MD->isConst())
        unknown(MC->getImplicitObjectArgument());
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return true;
    llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
    for (unsigned N = 0; N < Args.size() && N < FD->getNumParams(); ++N)
      if (bindsMutably(FD->getParamDecl(N)->getType()))
        unknown(Args[N]);
    I.Calls[FD->getCanonicalDecl()].push_back(std::move(Args));
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor)
      return true;
    llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
    for (unsigned N = 0; N < Args.size() && N < Ctor->getNumParams(); ++N)
      if (bindsMutably(Ctor->getParamDecl(N)->getType()))
        unknown(Args[N]);
    I.Calls[Ctor->getCanonicalDecl()].push_back(std::move(Args));
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      if (!I.Callees.contains(DRE))
        I.Escaped.insert(FD->getCanonicalDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    if (const auto *FD = dyn_cast<FunctionDecl>(ME->getMemberDecl()))
      if (!I.Callees.contains(ME))
        I.Escaped.insert(FD->getCanonicalDecl());
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->getInit() && bindsMutably(V->getType()))
      unknown(V->getInit());
    return true;
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm())
      return true;
    const auto *RD = ILE->getType()->getAsCXXRecordDecl();
    if (!RD || RD->isUnion() || RD->getNumBases() != 0)
      return true;
    unsigned N = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (F->isUnnamedBitField())
        continue;
      if (N >= ILE->getNumInits())
        break;
      I.Writes[cast<FieldDecl>(F->getCanonicalDecl())].push_back(
          ILE->getInit(N++));
    }
    return true;
  }

private:
  static bool bindsMutably(QualType T) {
    return T->isLValueReferenceType() &&
           !T.getNonReferenceType().isConstQualified();
  }
  ValueSources::Index &I;
};
// NOLINTEND(bugprone-derived-method-shadowing-base-method)

} // namespace

ValueSources::ValueSources(ASTContext &Ctx, const ApiModel &M)
    : Ctx(Ctx), M(M) {}

ValueSources::~ValueSources() = default;

ValueSources::Index &ValueSources::index() {
  if (Idx)
    return *Idx;
  Idx = std::make_unique<Index>();
  Collector C(*Idx);
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (D->getBeginLoc().isValid() &&
        SM.isInMainFile(SM.getExpansionLoc(D->getBeginLoc())))
      C.TraverseDecl(D);
  return *Idx;
}

bool ValueSources::varWritten(const VarDecl *V) {
  auto It = Written.find(V);
  if (It != Written.end())
    return It->second;
  bool W = true;
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(
          V->getParentFunctionOrMethod()))
    if (const FunctionDecl *Def = FD->getDefinition())
      if (const Stmt *Body = Def->getBody())
        W = ExprMutationAnalyzer(*Body, Ctx).isMutated(V);
  Written[V] = W;
  return W;
}

bool ValueSources::paramSources(const ParmVarDecl *P, Leaves &Out,
                                unsigned Depth) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
  if (!FD || FD->isDependentContext())
    return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda())
      return false;
  unsigned Pos = P->getFunctionScopeIndex();
  if (varWritten(P))
    return false;
  const auto *Virtual = dyn_cast<CXXMethodDecl>(FD);
  if (!FD->isExternallyVisible() && !(Virtual && Virtual->isVirtual())) {
    // Every call is in this translation unit: the arguments they pass.
    Index &I = index();
    const FunctionDecl *Canon = FD->getCanonicalDecl();
    auto It = I.Calls.find(Canon);
    if (!I.Escaped.contains(Canon) && It != I.Calls.end() &&
        !It->second.empty()) {
      for (const auto &Args : It->second) {
        const Expr *A = Pos < Args.size() ? Args[Pos] : nullptr;
        if (!A)
          A = P->hasDefaultArg() && !P->hasUninstantiatedDefaultArg() &&
                      !P->hasUnparsedDefaultArg()
                  ? P->getDefaultArg()
                  : nullptr;
        if (!A || !sources(A, P, Out, Depth + 1))
          return false;
      }
      return true;
    }
  }
  if (!P->hasDefaultArg() || P->hasUninstantiatedDefaultArg() ||
      P->hasUnparsedDefaultArg())
    return false;
  Out.ByDefault = true;
  return sources(P->getDefaultArg(), P, Out, Depth + 1);
}

bool ValueSources::fieldSources(const FieldDecl *F, Leaves &Out,
                                unsigned Depth) {
  const auto *RD = dyn_cast_or_null<CXXRecordDecl>(F->getParent());
  if (!RD || !(RD = RD->getDefinition()) || RD->isDependentContext() ||
      RD->isUnion())
    return false;
  Index &I = index();
  // The member functions of the class, wherever they are defined.
  if (ScannedClasses.insert(RD).second) {
    Collector C(I);
    for (Decl *D : RD->decls())
      if (FunctionDecl *FD = D->getAsFunction()) {
        const FunctionDecl *Def = nullptr;
        if (FD->hasBody(Def) && Def)
          C.TraverseDecl(const_cast<FunctionDecl *>(Def));
      }
  }
  const FieldDecl *Canon = cast<FieldDecl>(F->getCanonicalDecl());
  const Expr *InClass =
      F->hasInClassInitializer() ? F->getInClassInitializer() : nullptr;
  bool Any = false;
  if (InClass) {
    if (!sources(InClass, F, Out, Depth + 1))
      return false;
    Any = true;
  }
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted())
      continue;
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def) || !Def) {
      // An implicit or defaulted constructor uses the default member
      // initializer; a user-provided one whose body is elsewhere may do
      // anything.
      if (Ctor->isUserProvided())
        return false;
      continue;
    }
    const auto *CD = cast<CXXConstructorDecl>(Def);
    if (CD->isDelegatingConstructor())
      continue;
    bool Inits = false;
    for (const CXXCtorInitializer *Init : CD->inits()) {
      if (Init->getMember() != Canon &&
          (!Init->getMember() ||
           Init->getMember()->getCanonicalDecl() != Canon))
        continue;
      Inits = true;
      if (isa<CXXDefaultInitExpr>(Init->getInit()))
        continue; // the default member initializer, counted above
      if (!Init->isWritten() || !sources(Init->getInit(), F, Out, Depth + 1))
        return false;
      Any = true;
    }
    if (!Inits && !InClass)
      return false; // default-initialised
  }
  auto It = I.Writes.find(Canon);
  if (It != I.Writes.end())
    for (const Expr *W : It->second) {
      if (!W || !sources(W, F, Out, Depth + 1))
        return false;
      Any = true;
    }
  if (!Any)
    return false;
  if (F->getAccess() == AS_public && RD->isExternallyVisible())
    Out.ByDefault = true; // others may assign it
  return true;
}

bool ValueSources::sources(const Expr *E, const NamedDecl *Via, Leaves &Out,
                           unsigned Depth) {
  if (!E || Depth > MaxMemberDepth)
    return false;
  E = stripValue(E);
  if (!E || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
    return false;
  if (durationPeriod(E->getType(), M)) {
    if (evaluateDuration(E, Ctx, M)) {
      Out.Exprs.push_back({E, Via});
      return true;
    }
    // A conversion from another duration keeps the value.
    if (const CXXConstructExpr *CE = durationConstruction(E, M))
      if (durationPeriod(CE->getArg(0)->getType(), M))
        return sources(CE->getArg(0), Via, Out, Depth + 1);
  } else if (E->getType()->isArithmeticType()) {
    if (numberOf(E, Ctx)) {
      Out.Exprs.push_back({E, Via});
      return true;
    }
  } else {
    return false;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return false;
    if (const auto *P = dyn_cast<ParmVarDecl>(V))
      return paramSources(P, Out, Depth);
    if (V->isLocalVarDecl() || V->isInitCapture()) {
      if (V->isStaticLocal() || varWritten(V) || !V->getInit())
        return false;
      return sources(V->getInit(), V, Out, Depth + 1);
    }
    if (V->getType().isConstQualified() && V->getAnyInitializer())
      return sources(V->getAnyInitializer(), V, Out, Depth + 1);
    return false;
  }
  if (const FieldDecl *F = fieldOf(E))
    return fieldSources(F, Out, Depth);
  return false;
}

std::optional<KnownDuration>
ValueSources::smallestDuration(const Expr *E,
                               std::optional<Period> NumberUnit) {
  if (!E)
    return std::nullopt;
  E = writtenDuration(E, M);
  Leaves L;
  std::optional<Period> Unit;
  QualType T = E->getType().getCanonicalType();
  if (NumberUnit && T->isArithmeticType() && !T->isBooleanType()) {
    // A plain number of NumberUnit: each value of the number.
    Unit = NumberUnit;
    if (!sources(E, nullptr, L, 0))
      return std::nullopt;
  } else if (const CXXConstructExpr *CE = durationConstruction(E, M);
      CE && CE->getArg(0)->getType()->isArithmeticType()) {
    Unit = durationPeriod(CE->getType(), M);
    if (!sources(CE->getArg(0), nullptr, L, 0))
      return std::nullopt;
  } else if (!durationPeriod(E->getType(), M) || !sources(E, nullptr, L, 0)) {
    return std::nullopt;
  }
  if (L.Exprs.empty())
    return std::nullopt;
  std::optional<KnownDuration> Best;
  for (auto [Leaf, Via] : L.Exprs) {
    std::optional<DurationValue> D;
    if (Unit) {
      std::optional<double> N = numberOf(Leaf, Ctx);
      if (!N)
        return std::nullopt;
      D.emplace();
      D->Unit = *Unit;
      if (*N == static_cast<double>(static_cast<int64_t>(*N))) {
        D->Int = llvm::APSInt(llvm::APInt(64, static_cast<int64_t>(*N), true),
                              /*isUnsigned=*/false);
      } else {
        D->IsFloat = true;
        D->Float = *N;
      }
    } else {
      D = evaluateDuration(Leaf, Ctx, M);
      if (!D)
        return std::nullopt;
    }
    if (!Best || D->seconds() < Best->Min.seconds()) {
      Best.emplace();
      Best->Min = *D;
      Best->MinLoc = Leaf->getBeginLoc();
      Best->Source = Via;
    }
  }
  // A constant reached without following a declaration is a constant,
  // not a value found by structure (foldDuration's).
  if (!Best || !Best->Source)
    return std::nullopt;
  Best->ByDefault = L.ByDefault;
  return Best;
}

} // namespace context_tidy
