//===- CancellationScope.cpp - Bodies that were handed a token ------------===//

#include "lib/contexts/CancellationScope.h"

#include "lib/ast/Statements.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>

using namespace clang;

namespace context_tidy {

namespace {


/// The statements of a function body that the user wrote.
const Stmt *userBody(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const Stmt *Body = FD->getBody();
  if (const auto *CB = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return CB->getBody();
  return Body;
}

struct PendingLambda {
  const LambdaExpr *L;
  llvm::SmallVector<const Stmt *, 2> EnclosingBodies;
  int Parent; ///< the scope the lambda is written in, or -1
};

/// The walk of a function's body and of its lambdas: what a scope holds,
/// which does not depend on the model (tokens are added afterwards).
class ScopeWalker {
public:
  explicit ScopeWalker(llvm::SmallVectorImpl<Scope> &Out) : Out(Out) {}

  void runFunction(const FunctionDecl *FD) {
    if (!FD || FD->isInvalidDecl() || FD->isDependentContext())
      return;
    const Stmt *Body = userBody(FD);
    if (!Body)
      return;
    Scope S;
    S.Function = FD;
    S.Body = Body;
    llvm::SmallVector<const Stmt *, 4> Roots{Body};
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getInit())
          Roots.push_back(Init->getInit());
    add(std::move(S), Roots);
    drain();
  }

  void runLambda(const LambdaExpr *L) {
    Pending.push_back({L, {}, -1});
    drain();
  }

private:
  void drain() {
    while (!Pending.empty()) {
      PendingLambda P = Pending.pop_back_val();
      const LambdaExpr *L = P.L;
      llvm::SmallVector<const FunctionDecl *, 2> Operators;
      if (L->isGenericLambda()) {
        if (const FunctionTemplateDecl *T = L->getDependentCallOperator())
          for (const FunctionDecl *Spec : T->specializations())
            Operators.push_back(Spec);
      } else if (const CXXMethodDecl *Op = L->getCallOperator()) {
        Operators.push_back(Op);
      }
      for (const FunctionDecl *Op : Operators) {
        if (Op->isInvalidDecl() || Op->isDependentContext())
          continue;
        const Stmt *Body = userBody(Op);
        if (!Body)
          continue;
        Scope S;
        S.Function = Op;
        S.Lambda = L;
        S.Body = Body;
        S.EnclosingBodies = P.EnclosingBodies;
        S.Parent = P.Parent;
        add(std::move(S), {Body});
      }
    }
  }

  void add(Scope S, llvm::ArrayRef<const Stmt *> Roots) {
    unsigned Index = Out.size();
    Out.push_back(std::move(S));
    llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 32> Stack;
    for (const Stmt *R : llvm::reverse(Roots))
      Stack.push_back({R, nullptr});
    while (!Stack.empty()) {
      auto [St, Loop] = Stack.pop_back_val();
      if (!St || isUnevaluated(St))
        continue;
      if (const auto *L = dyn_cast<LambdaExpr>(St)) {
        for (const Expr *Init : L->capture_inits())
          Stack.push_back({Init, Loop});
        PendingLambda P{L, {}, static_cast<int>(Index)};
        P.EnclosingBodies.push_back(Out[Index].Body);
        P.EnclosingBodies.append(Out[Index].EnclosingBodies.begin(),
                                 Out[Index].EnclosingBodies.end());
        Pending.push_back(std::move(P));
        continue;
      }
      if (const auto *Co = dyn_cast<CoroutineSuspendExpr>(St)) {
        Stack.push_back({Co->getOperand(), Loop});
        continue;
      }
      if (const auto *CE = dyn_cast<CallExpr>(St))
        Out[Index].Calls.push_back({CE, Loop});
      const Stmt *ChildLoop = isLoop(St) ? St : Loop;
      // The children in reverse, so that they are visited in order.
      const size_t First = Stack.size();
      for (const Stmt *C : St->children())
        Stack.push_back({C, ChildLoop});
      std::reverse(Stack.begin() + First, Stack.end());
    }
  }

  llvm::SmallVectorImpl<Scope> &Out;
  llvm::SmallVector<PendingLambda, 4> Pending;
};

/// What the model says about scopes [First, end) of \p Out: their tokens,
/// and whether they are the context library's own code.
void addModelFacts(llvm::SmallVectorImpl<Scope> &Out, size_t First,
                   const ApiModel &M) {
  for (size_t I = First; I < Out.size(); ++I) {
    Scope &S = Out[I];
    S.Tokens = scopeTokens(S.Function, S.Lambda, M);
    S.InContextLibrary =
        (S.Parent >= 0 && Out[First + S.Parent].InContextLibrary) ||
        isContextLibraryCode(S.Function, M);
  }
}

bool refersToObservingObject(const Expr *E, llvm::ArrayRef<ScopeToken> Tokens,
                             const ApiModel &M) {
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(E))
    D = ME->getMemberDecl();
  if (!D)
    return false;
  const auto *Canon = cast<ValueDecl>(D->getCanonicalDecl());
  for (const ScopeToken &T : Tokens)
    if (T.Decl == Canon)
      return true;
  if (!isa<VarDecl>(D) && !isa<FieldDecl>(D) && !isa<BindingDecl>(D))
    return false;
  return isObservingKind(classifyReferent(D->getType(), M));
}

bool bodyObservesEachIteration(const Stmt *S, llvm::ArrayRef<ScopeToken> Tokens,
                               const ApiModel &M, unsigned Depth) {
  if (!S || Depth > 32)
    return false;
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : CS->body())
      if (bodyObservesEachIteration(Child, Tokens, M, Depth + 1))
        return true;
    return false;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    return observesCancellation(If->getInit(), Tokens, M) ||
           observesCancellation(If->getConditionVariableDeclStmt(), Tokens,
                                M) ||
           observesCancellation(If->getCond(), Tokens, M);
  if (const auto *AS = dyn_cast<AttributedStmt>(S))
    return bodyObservesEachIteration(AS->getSubStmt(), Tokens, M, Depth + 1);
  if (const auto *LS = dyn_cast<LabelStmt>(S))
    return bodyObservesEachIteration(LS->getSubStmt(), Tokens, M, Depth + 1);
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return observesCancellation(W->getCond(), Tokens, M);
  if (const auto *F = dyn_cast<ForStmt>(S))
    return observesCancellation(F->getInit(), Tokens, M) ||
           observesCancellation(F->getCond(), Tokens, M);
  if (const auto *D = dyn_cast<DoStmt>(S))
    return bodyObservesEachIteration(D->getBody(), Tokens, M, Depth + 1) ||
           observesCancellation(D->getCond(), Tokens, M);
  if (const auto *Sw = dyn_cast<SwitchStmt>(S))
    return observesCancellation(Sw->getCond(), Tokens, M);
  if (const auto *Try = dyn_cast<CXXTryStmt>(S))
    return bodyObservesEachIteration(Try->getTryBlock(), Tokens, M, Depth + 1);
  if (isa<CXXForRangeStmt>(S) || isa<CaseStmt>(S) || isa<DefaultStmt>(S))
    return false;
  return observesCancellation(S, Tokens, M);
}

} // namespace

llvm::SmallVector<ScopeToken, 2> scopeTokens(const FunctionDecl *FD,
                                             const LambdaExpr *Lambda,
                                             const ApiModel &M) {
  llvm::SmallVector<ScopeToken, 2> Out;
  if (!FD)
    return Out;
  for (const ParmVarDecl *P : FD->parameters()) {
    if (!P || P->isInvalidDecl() || !P->getIdentifier())
      continue;
    ContextKind K = classifyReferent(P->getType(), M);
    if (isObservingKind(K))
      Out.push_back({cast<ValueDecl>(P->getCanonicalDecl()), K,
                     P->getLocation(), false});
  }
  if (!Lambda)
    return Out;
  for (const LambdaCapture &C : Lambda->captures()) {
    if (!C.capturesVariable())
      continue;
    const ValueDecl *V = C.getCapturedVar();
    if (!V || V->isInvalidDecl() || !V->getIdentifier())
      continue;
    ContextKind K = classifyReferent(V->getType(), M);
    if (!isObservingKind(K))
      continue;
    SourceLocation Loc = C.isImplicit() ? V->getLocation() : C.getLocation();
    Out.push_back(
        {cast<ValueDecl>(V->getCanonicalDecl()), K, Loc, !C.isImplicit()});
  }
  return Out;
}

bool isContextLibraryCode(const FunctionDecl *FD, const ApiModel &M) {
  for (const DeclContext *DC = FD; DC; DC = DC->getParent()) {
    const auto *RD = dyn_cast<CXXRecordDecl>(DC);
    if (!RD || RD->isLambda())
      continue;
    if (M.matchRecord(RD, Role::ContextType) ||
        M.matchRecord(RD, Role::TokenType) ||
        M.matchRecord(RD, Role::SourceType))
      return true;
  }
  return false;
}

void collectScopes(const FunctionDecl *FD, const ApiModel &M,
                   llvm::SmallVectorImpl<Scope> &Out, ScopeWalks *Walks) {
  const size_t First = Out.size();
  if (!Walks) {
    llvm::SmallVector<Scope, 4> Walked;
    ScopeWalker(Walked).runFunction(FD);
    Out.append(Walked.begin(), Walked.end());
  } else {
    auto [It, Inserted] = Walks->ByFunction.try_emplace(FD);
    if (Inserted)
      ScopeWalker(It->second).runFunction(FD);
    Out.append(It->second.begin(), It->second.end());
  }
  addModelFacts(Out, First, M);
}

void collectScopes(const LambdaExpr *L, const ApiModel &M,
                   llvm::SmallVectorImpl<Scope> &Out) {
  if (!L)
    return;
  const size_t First = Out.size();
  llvm::SmallVector<Scope, 4> Walked;
  ScopeWalker(Walked).runLambda(L);
  Out.append(Walked.begin(), Walked.end());
  addModelFacts(Out, First, M);
}

bool observesCancellation(const Stmt *S, llvm::ArrayRef<ScopeToken> Tokens,
                          const ApiModel &M) {
  if (!S)
    return false;
  llvm::SmallVector<const Stmt *, 16> Stack{S};
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur) || isUnevaluated(Cur))
      continue;
    if (const auto *E = dyn_cast<Expr>(Cur))
      if (refersToObservingObject(E, Tokens, M))
        return true;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Cur))
      if (const Expr *Obj = MCE->getImplicitObjectArgument())
        if (isObservingKind(classifyReferent(Obj->getType(), M)))
          return true;
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  return false;
}

bool loopObservesCancellationEachIteration(const Stmt *Loop,
                                           llvm::ArrayRef<ScopeToken> Tokens,
                                           const ApiModel &M) {
  if (!Loop)
    return false;
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    return observesCancellation(W->getConditionVariableDeclStmt(), Tokens,
                                M) ||
           observesCancellation(W->getCond(), Tokens, M) ||
           bodyObservesEachIteration(W->getBody(), Tokens, M, 0);
  if (const auto *D = dyn_cast<DoStmt>(Loop))
    return observesCancellation(D->getCond(), Tokens, M) ||
           bodyObservesEachIteration(D->getBody(), Tokens, M, 0);
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    return observesCancellation(F->getCond(), Tokens, M) ||
           observesCancellation(F->getInc(), Tokens, M) ||
           bodyObservesEachIteration(F->getBody(), Tokens, M, 0);
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    return bodyObservesEachIteration(R->getBody(), Tokens, M, 0);
  return false;
}

bool isLambdaOutsideFunctions(const LambdaExpr &L) {
  const CXXRecordDecl *Closure = L.getLambdaClass();
  if (!Closure || isa_and_nonnull<ParmVarDecl>(Closure->getLambdaContextDecl()))
    return false;
  for (const DeclContext *DC = Closure->getDeclContext(); DC;
       DC = DC->getParent())
    if (DC->isFunctionOrMethod())
      return false;
  return true;
}

} // namespace context_tidy
