//===- DetachedCalls.cpp - Calls that cut the cancellation chain ----------===//

#include "lib/contexts/DetachedCalls.h"

#include "lib/contexts/CancellationScope.h"
#include "lib/contexts/StoredContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace context_tidy {

namespace {

bool isPassableKind(ContextKind K) {
  return K == ContextKind::Token || K == ContextKind::Source ||
         K == ContextKind::Context;
}

QualType canonicalBare(QualType T) {
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

/// The callee's parameters of the call's arguments: a member call's object
/// is not among them.  Null for operators and calls without a callee.
const FunctionDecl *plainCallee(const CallExpr *Call) {
  if (!Call || isa<CXXOperatorCallExpr>(Call) || isa<CUDAKernelCallExpr>(Call))
    return nullptr;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || FD->isInvalidDecl() || isa<CXXConstructorDecl>(FD) ||
      isa<CXXDestructorDecl>(FD))
    return nullptr;
  // A static method called through an object still has its arguments in
  // order; a call through a member pointer has no direct callee.
  return FD;
}

bool sameParameterTypes(const FunctionDecl *Narrow, const FunctionDecl *Wide,
                        unsigned Skip) {
  for (unsigned I = 0, J = 0; I < Narrow->getNumParams(); ++I, ++J) {
    if (J == Skip)
      ++J;
    QualType A = Narrow->getParamDecl(I)->getType();
    QualType B = Wide->getParamDecl(J)->getType();
    if (A.getCanonicalType().getUnqualifiedType() !=
        B.getCanonicalType().getUnqualifiedType())
      return false;
  }
  return true;
}

bool sameMethodKind(const FunctionDecl *A, const FunctionDecl *B) {
  const auto *MA = dyn_cast<CXXMethodDecl>(A);
  const auto *MB = dyn_cast<CXXMethodDecl>(B);
  if (!MA || !MB)
    return !MA && !MB;
  return MA->isStatic() == MB->isStatic();
}

} // namespace

bool canPassAs(QualType From, QualType To) {
  if (From.isNull() || To.isNull())
    return false;
  QualType F = canonicalBare(From);
  QualType T = canonicalBare(To);
  if (F == T)
    return true;
  if (F->isPointerType() && T->isPointerType()) {
    F = F->getPointeeType().getUnqualifiedType();
    T = T->getPointeeType().getUnqualifiedType();
    if (F == T)
      return true;
  } else if (F->isPointerType() || T->isPointerType()) {
    return false;
  }
  const CXXRecordDecl *FR = F->getAsCXXRecordDecl();
  const CXXRecordDecl *TR = T->getAsCXXRecordDecl();
  if (!FR || !TR || !FR->hasDefinition())
    return false;
  return FR->isDerivedFrom(TR);
}

bool bindsAsIs(QualType From, QualType To) {
  if (!canPassAs(From, To))
    return false;
  QualType F = From.getNonReferenceType();
  QualType T = To.getNonReferenceType();
  if (To->isLValueReferenceType() && F.isConstQualified() &&
      !T.isConstQualified())
    return false;
  if (F->isPointerType() && T->isPointerType() &&
      F->getPointeeType().isConstQualified() &&
      !T->getPointeeType().isConstQualified())
    return false;
  return true;
}

llvm::SmallVector<OmittedToken, 1> OmissionFinder::find(const CallExpr *Call) {
  llvm::SmallVector<OmittedToken, 1> Out;
  const FunctionDecl *FD = plainCallee(Call);
  if (!FD || isContextLibraryCode(FD, M) ||
      M.matchCall(Call, Role::BlockingCall) ||
      M.matchCall(Call, Role::DetachFunction))
    return Out;
  const llvm::SmallVector<TokenParameter, 1> &Tokens = tokenParameters(FD);
  unsigned N = std::min(Call->getNumArgs(), FD->getNumParams());
  for (const TokenParameter &P : Tokens)
    if (P.Index < N && isa<CXXDefaultArgExpr>(Call->getArg(P.Index)))
      Out.push_back({P.Index, FD->getParamDecl(P.Index)->getType(), P.Kind,
                     nullptr, false});
  if (!Tokens.empty() || FD->getPrimaryTemplate())
    return Out;
  Out = overloadsOf(FD->getCanonicalDecl());
  return Out;
}

const llvm::SmallVector<OmissionFinder::TokenParameter, 1> &
OmissionFinder::tokenParameters(const FunctionDecl *FD) {
  auto [It, Inserted] = Tokens.try_emplace(FD);
  if (!Inserted)
    return It->second;
  llvm::SmallVector<TokenParameter, 1> Found;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    ContextKind K = classifyReferent(FD->getParamDecl(I)->getType(), M);
    if (isPassableKind(K))
      Found.push_back({I, K});
  }
  // classifyReferent does not touch Tokens: It is still valid.
  It->second = std::move(Found);
  return It->second;
}

const llvm::SmallVector<OmittedToken, 1> &
OmissionFinder::overloadsOf(const FunctionDecl *FD) {
  auto [It, Inserted] = Overloads.try_emplace(FD);
  if (!Inserted)
    return It->second;
  llvm::SmallVector<OmittedToken, 1> Found;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (FD->getIdentifier() && (DC->isRecord() || DC->isFileContext())) {
    for (const NamedDecl *ND : DC->lookup(FD->getDeclName())) {
      const auto *O = dyn_cast<FunctionDecl>(ND->getUnderlyingDecl());
      if (!O || O->getCanonicalDecl() == FD || O->isDeleted() ||
          O->isInvalidDecl() || O->getNumParams() != FD->getNumParams() + 1 ||
          !sameMethodKind(O, FD))
        continue;
      for (unsigned K = 0; K < O->getNumParams(); ++K) {
        QualType T = O->getParamDecl(K)->getType();
        ContextKind Kind = classifyReferent(T, M);
        if (isPassableKind(Kind) && sameParameterTypes(FD, O, K))
          Found.push_back({K, T, Kind, O, false});
      }
    }
  }
  It->second = std::move(Found);
  return It->second;
}

const NamedDecl *asRoot(const Expr *E, const ApiModel &M) {
  if (!E)
    return nullptr;
  E = E->IgnoreUnlessSpelledInSource();
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    return isRootContextFunction(FD, M) ? FD : nullptr;
  }
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(E))
    D = ME->getMemberDecl();
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!VD || !VD->isStaticDataMember() ||
      !M.matchDecl(VD, Role::RootContext))
    return nullptr;
  return VD;
}

llvm::SmallVector<FreshRoot, 1> findFreshRoots(const CallExpr *Call,
                                               const ApiModel &M) {
  llvm::SmallVector<FreshRoot, 1> Out;
  const FunctionDecl *FD = plainCallee(Call);
  if (!FD || M.matchCall(Call, Role::DetachFunction))
    return Out;
  unsigned N = std::min(Call->getNumArgs(), FD->getNumParams());
  for (unsigned I = 0; I < N; ++I) {
    const Expr *Arg = Call->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    const NamedDecl *Root = asRoot(Arg, M);
    if (!Root)
      continue;
    QualType T = FD->getParamDecl(I)->getType();
    if (classifyReferent(T, M) == ContextKind::Context)
      Out.push_back({Arg->IgnoreUnlessSpelledInSource(), Root, T, false});
  }
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = MCE->getImplicitObjectArgument();
    if (const NamedDecl *Root = asRoot(Object, M))
      if (isContextLibraryCode(FD, M) &&
          classifyReferent(FD->getReturnType(), M) == ContextKind::Context)
        Out.push_back({Object->IgnoreUnlessSpelledInSource(), Root,
                       Object->getType(), true});
  }
  return Out;
}

bool inMacroOfRole(SourceLocation Loc, Role R, const ApiModel &M,
                   const SourceManager &SM, const LangOptions &LO) {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!Name.empty() && M.matchPlainName(Name, R))
      return true;
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
  return false;
}

CleanupCode::CleanupCode(llvm::ArrayRef<const Stmt *> Roots, const ApiModel &M,
                         const SourceManager &SM, const LangOptions &LO) {
  llvm::SmallVector<std::pair<const Stmt *, bool>, 32> Stack;
  for (const Stmt *R : Roots)
    Stack.push_back({R, false});
  auto IsGuardType = [&](QualType T) {
    return !T.isNull() && M.matchType(T.getNonReferenceType(),
                                      Role::ScopeGuardType) != nullptr;
  };
  while (!Stack.empty()) {
    auto [S, InCleanup] = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Catch = dyn_cast<CXXCatchStmt>(S)) {
      Stack.push_back({Catch->getHandlerBlock(), true});
      continue;
    }
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      bool Inside = InCleanup ||
                    inMacroOfRole(L->getBeginLoc(), Role::ScopeGuardMacro, M,
                                  SM, LO);
      if (Inside)
        Lambdas.insert(L);
      for (const Expr *Init : L->capture_inits())
        Stack.push_back({Init, InCleanup});
      Stack.push_back({L->getBody(), Inside});
      // A generic lambda's specializations have bodies of their own.
      if (L->isGenericLambda())
        if (const FunctionTemplateDecl *T = L->getDependentCallOperator())
          for (const FunctionDecl *Spec : T->specializations())
            Stack.push_back({Spec->getBody(), Inside});
      continue;
    }
    bool ChildrenInCleanup = InCleanup;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (InCleanup)
        Calls.insert(CE);
      if (M.matchCall(CE, Role::ScopeGuardFactory) ||
          IsGuardType(CE->getType()))
        ChildrenInCleanup = true;
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      if (IsGuardType(Construct->getType()))
        ChildrenInCleanup = true;
    }
    for (const Stmt *C : S->children())
      Stack.push_back({C, ChildrenInCleanup});
  }
}

} // namespace context_tidy
