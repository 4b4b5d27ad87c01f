//===- BlockingCalls.cpp - Calls that block, and what they wait on --------===//

#include "lib/waits/BlockingCalls.h"

#include "lib/ast/ExprWrappers.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxCallDepth = 16;

/// \p E under temporaries, copies and functional casts.
const Expr *skipTemporaries(const Expr *E) {
  return skipWrappers(E, FunctionalCasts, MaxCallDepth);
}

/// \p E when it is a call the classifiers look at: free of errors, not
/// dependent, to a valid function named directly.  Null otherwise.
const CallExpr *classifiableCall(const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E);
  if (!CE || CE->containsErrors() || CE->isTypeDependent() ||
      CE->isValueDependent())
    return nullptr;
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || FD->isInvalidDecl())
    return nullptr;
  return CE;
}

/// `Clock::now() + d` with a constant d: how long a sleep_until sleeps.
std::optional<DurationValue> nowPlusConstant(const Expr *E,
                                             const ASTContext &Ctx,
                                             const ApiModel &M) {
  E = skipTemporaries(E);
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
  if (!Op || Op->getOperator() != OO_Plus || Op->getNumArgs() != 2)
    return std::nullopt;
  const auto *Now = dyn_cast<CallExpr>(skipTemporaries(Op->getArg(0)));
  if (!Now || !M.matchCall(Now, Role::ClockNow))
    return std::nullopt;
  return evaluateDuration(Op->getArg(1), Ctx, M);
}

bool mentionsDoneOrDefault(const Stmt *S, const ApiModel &M,
                           unsigned Depth = 0) {
  if (!S || Depth > 64)
    return false;
  if (isa<LambdaExpr>(S))
    return false; // a case's handler, not a case
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (M.matchPlainName(simpleName(DRE->getDecl()), Role::SelectDefault))
      return true;
  } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
    if (const FunctionDecl *FD = CE->getDirectCallee()) {
      if (M.matchPlainName(simpleName(FD), Role::SelectDefault))
        return true;
      if (M.matchCall(CE, Role::DoneMethod))
        if (const Expr *Obj = callObject(CE))
          if (classifyReferent(Obj->getType(), M) == ContextKind::Context)
            return true;
    }
  }
  for (const Stmt *Child : S->children())
    if (mentionsDoneOrDefault(Child, M, Depth + 1))
      return true;
  return false;
}

QualType plainType(QualType T) {
  if (T.isNull())
    return T;
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

bool isPointerLike(QualType T, const ApiModel &M) {
  const ApiEntry *E = M.matchType(T, Role::WrapperType);
  return E && (E->Flags & PointerLike);
}

/// The class a declaration of type T refers to, and whether it is reached
/// through a pointer.
const CXXRecordDecl *referentRecord(QualType T, const ApiModel &M,
                                    bool &Indirect) {
  Indirect = false;
  for (unsigned Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    T = T.getNonReferenceType().getUnqualifiedType();
    if (classifyType(T, M) != ContextKind::None)
      return T->getAsCXXRecordDecl();
    if (const auto *PT = T->getAs<PointerType>()) {
      Indirect = true;
      T = PT->getPointeeType();
      continue;
    }
    if (!isPointerLike(T, M))
      return nullptr;
    llvm::SmallVector<QualType, 4> Args = templateTypeArguments(T);
    if (Args.empty())
      return nullptr;
    Indirect = true;
    T = Args.front();
  }
  return nullptr;
}

const CXXMethodDecl *findDoneMethod(const CXXRecordDecl *RD,
                                    const ApiModel &M, unsigned Depth = 0) {
  if (!RD || Depth > 8)
    return nullptr;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return nullptr;
  for (const CXXMethodDecl *MD : Def->methods())
    if (MD->getIdentifier() && M.matchFunction(MD, Role::DoneMethod))
      return MD;
  for (const CXXBaseSpecifier &B : Def->bases())
    if (const CXXMethodDecl *MD =
            findDoneMethod(B.getType()->getAsCXXRecordDecl(), M, Depth + 1))
      return MD;
  return nullptr;
}

} // namespace

std::optional<double> parseDurationString(llvm::StringRef Text) {
  Text = Text.trim();
  size_t UnitAt = Text.find_first_not_of("0123456789.");
  if (UnitAt == 0 || UnitAt == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef Number = Text.substr(0, UnitAt);
  llvm::StringRef Unit = Text.substr(UnitAt).trim();
  double Value;
  if (Number.getAsDouble(Value) || Value < 0)
    return std::nullopt;
  double Scale;
  if (Unit == "ns")
    Scale = 1e-9;
  else if (Unit == "us")
    Scale = 1e-6;
  else if (Unit == "ms")
    Scale = 1e-3;
  else if (Unit == "s")
    Scale = 1;
  else if (Unit == "min")
    Scale = 60;
  else if (Unit == "h")
    Scale = 3600;
  else
    return std::nullopt;
  return Value * Scale;
}

const ValueDecl *objectDecl(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < MaxCallDepth; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
      continue;
    }
    if (const auto *C = dyn_cast<ExplicitCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_Deref && U->getOpcode() != UO_AddrOf)
        return nullptr;
      E = U->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1) {
        E = Op->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      if (CE->getNumArgs() == 1 && CE->isCallToStdMove()) {
        E = CE->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *D = DRE->getDecl();
      if (isa<VarDecl>(D) || isa<BindingDecl>(D))
        return cast<ValueDecl>(D->getCanonicalDecl());
      return nullptr;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const ValueDecl *D = ME->getMemberDecl();
      if (isa<FieldDecl>(D) || isa<VarDecl>(D))
        return cast<ValueDecl>(D->getCanonicalDecl());
      return nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

const Expr *callObject(const CallExpr *Call) {
  if (!Call)
    return nullptr;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Call))
    return MCE->getImplicitObjectArgument();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (Op->getNumArgs() > 0)
      return Op->getArg(0);
  return nullptr;
}

llvm::SmallVector<const Expr *, 4> writtenArguments(const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 4> Out;
  if (!Call)
    return Out;
  unsigned First = 0;
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()))
    First = 1;
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const Expr *A = Call->getArg(I);
    if (!A || isa<CXXDefaultArgExpr>(A))
      continue;
    Out.push_back(A);
  }
  return Out;
}

std::optional<BlindCall> classifyBlockingCall(const Expr *E,
                                              const ASTContext &Ctx,
                                              const ApiModel &M,
                                              double MinSleepSeconds) {
  const CallExpr *CE = classifiableCall(E);
  if (!CE)
    return std::nullopt;
  const FunctionDecl *FD = CE->getDirectCallee();
  llvm::SmallVector<const Expr *, 4> Args = writtenArguments(CE);

  if (const ApiEntry *Sel = M.matchCall(CE, Role::SelectFunction)) {
    bool HasCase = llvm::any_of(Args, [](const Expr *A) {
      QualType T = plainType(A->getType());
      return !T.isNull() && T->isRecordType();
    });
    if (HasCase) {
      BlindCall B;
      B.Call = CE;
      B.Kind = BlockingKind::Select;
      B.Entry = Sel;
      B.Name = simpleName(FD);
      return B;
    }
  }

  const ApiEntry *Entry = M.matchCall(CE, Role::BlockingCall);
  if (!Entry)
    return std::nullopt;
  if ((Entry->Flags & BlindOnlyWithoutArgs) && !Args.empty())
    return std::nullopt; // get(Duration): bounded
  if (anyObserving(Args, M))
    return std::nullopt; // the aware overload
  BlindCall B;
  B.Call = CE;
  B.Entry = Entry;
  B.Name = simpleName(FD);
  B.Object = objectDecl(callObject(CE));
  if (Entry->Flags & SleepCall) {
    B.Kind = BlockingKind::Sleep;
    if (!Args.empty()) {
      B.Length = Args[0];
      B.LengthIsDeadline = !durationPeriod(Args[0]->getType(), M);
      std::optional<DurationValue> D = evaluateDuration(Args[0], Ctx, M);
      if (!D)
        D = nowPlusConstant(Args[0], Ctx, M);
      if (D) {
        if (D->seconds() < MinSleepSeconds)
          return std::nullopt;
        B.SleepLength = D;
      }
    }
  }
  return B;
}

std::optional<BoundedCall> classifyBoundedWait(const Expr *E,
                                               const ASTContext &Ctx,
                                               const ApiModel &M) {
  const CallExpr *CE = classifiableCall(E);
  if (!CE)
    return std::nullopt;
  const FunctionDecl *FD = CE->getDirectCallee();
  const ApiEntry *Entry = M.matchCall(CE, Role::BoundedWait);
  if (!Entry)
    return std::nullopt;
  llvm::SmallVector<const Expr *, 4> Args = writtenArguments(CE);
  if (anyObserving(Args, M))
    return std::nullopt; // the aware overload
  BoundedCall B;
  B.Call = CE;
  B.Name = simpleName(FD);
  B.Object = objectDecl(callObject(CE));
  int Index = M.argumentIndex(*Entry, FD, Args);
  if (Index >= 0 && static_cast<size_t>(Index) < Args.size()) {
    B.BoundArg = Args[Index];
    QualType T = Args[Index]->getType().getCanonicalType();
    if ((Entry->Flags & MillisecondsIfArithmetic) && T->isArithmeticType() &&
        !T->isBooleanType()) {
      B.NumberUnit = Period{1, 1000};
      B.Bound = evaluateDuration(Args[Index], Ctx, M, /*Seconds=*/true);
      if (B.Bound)
        B.Bound->Unit = *B.NumberUnit;
      return B;
    }
    B.BoundIsDeadline = !durationPeriod(Args[Index]->getType(), M);
    B.Bound = evaluateDuration(Args[Index], Ctx, M);
    if (!B.Bound)
      B.Bound = nowPlusConstant(Args[Index], Ctx, M);
  }
  return B;
}

bool selectObservesCancellation(const CallExpr *Select, const ApiModel &M) {
  for (const Expr *A : writtenArguments(Select))
    if (mentionsDoneOrDefault(A, M))
      return true;
  return false;
}

std::optional<unsigned> awareOverloadTokenIndex(const CallExpr *Call,
                                                QualType TokenType) {
  const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  if (!MCE || TokenType.isNull())
    return std::nullopt;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(MCE->getDirectCallee());
  if (!MD || !MD->getParent())
    return std::nullopt;
  llvm::SmallVector<const Expr *, 4> Args = writtenArguments(Call);
  if (Args.empty())
    return std::nullopt;
  unsigned Index = Args.size() - 1;
  QualType Want = plainType(TokenType);
  for (const NamedDecl *ND : MD->getParent()->lookup(MD->getDeclName())) {
    const FunctionDecl *F = ND->getAsFunction();
    if (!F || F->getNumParams() != Args.size() + 1)
      continue;
    if (plainType(F->getParamDecl(Index)->getType()) == Want)
      return Index;
  }
  return std::nullopt;
}

bool hasAwareOverload(const CallExpr *Call, const ApiModel &M) {
  const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  if (!MCE)
    return false;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(MCE->getDirectCallee());
  if (!MD || !MD->getParent())
    return false;
  for (const NamedDecl *ND : MD->getParent()->lookup(MD->getDeclName())) {
    const FunctionDecl *F = ND->getAsFunction();
    if (!F)
      continue;
    for (const ParmVarDecl *P : F->parameters())
      if (M.matchType(plainType(P->getType()), Role::TokenType))
        return true;
  }
  return false;
}

std::string doneCallSpelling(const ValueDecl *D, const ApiModel &M) {
  if (!D || !D->getIdentifier())
    return {};
  bool Indirect = false;
  const CXXRecordDecl *RD = referentRecord(D->getType(), M, Indirect);
  const CXXMethodDecl *Done = findDoneMethod(RD, M);
  if (!Done)
    return {};
  return D->getName().str() + (Indirect ? "->" : ".") +
         Done->getName().str() + "()";
}

} // namespace context_tidy
