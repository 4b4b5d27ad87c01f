//===- StopWakers.cpp - Which waits the stop path wakes up ----------------===//

#include "lib/waits/StopWakers.h"

#include "lib/ast/Callables.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/StopRequests.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

/// A stop callback, or something holding one (std::optional,
/// std::unique_ptr of a stop callback).
bool isStopCallbackHolder(QualType T, const ApiModel &M, unsigned Depth = 0) {
  if (T.isNull() || Depth > 3)
    return false;
  T = T.getNonReferenceType().getUnqualifiedType();
  if (M.matchType(T, Role::StopCallbackType))
    return true;
  if (!M.matchType(T, Role::WrapperType))
    return false;
  llvm::SmallVector<QualType, 4> Args = templateTypeArguments(T);
  return !Args.empty() && isStopCallbackHolder(Args.front(), M, Depth + 1);
}

/// Collects the objects that \p S wakes: Role::WakeMethod calls anywhere in
/// it, in the bodies of lambdas it contains or names (a local variable
/// initialised with a lambda), and one call deep into functions it calls.
/// Each wake is recorded with the body it is written in.
void collectWakes(const Stmt *S, const ApiModel &M, SourceLocation Request,
                  llvm::DenseMap<const ValueDecl *,
                                 llvm::SmallVector<StopWake, 1>> &Out,
                  llvm::SmallPtrSetImpl<const Stmt *> &Seen,
                  unsigned CallDepth, const Stmt *Body = nullptr) {
  llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 16> Stack{
      {S, Body ? Body : S}};
  while (!Stack.empty()) {
    auto [Cur, In] = Stack.pop_back_val();
    if (!Cur || !Seen.insert(Cur).second)
      continue;
    if (const auto *L = dyn_cast<LambdaExpr>(Cur)) {
      Stack.push_back({L->getBody(), L->getBody()});
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Cur)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (V->isLocalVarDecl() && V->getInit())
          if (const LambdaExpr *L =
                  callableOf(V->getInit(), ThroughFunctionalCasts).Lambda)
            Stack.push_back({L->getBody(), L->getBody()});
    }
    if (const auto *CE = dyn_cast<CallExpr>(Cur)) {
      if (M.matchCall(CE, Role::WakeMethod)) {
        if (const ValueDecl *Obj = objectDecl(callObject(CE))) {
          StopWake W;
          W.Wake = CE;
          W.Body = In;
          W.After = In->getBeginLoc();
          W.Request = Request;
          W.FromCallback = true;
          Out[Obj].push_back(W);
        }
      } else if (CallDepth > 0) {
        if (const FunctionDecl *FD = CE->getDirectCallee()) {
          const FunctionDecl *Def = nullptr;
          if (FD->hasBody(Def) && Def && !Def->isDependentContext())
            collectWakes(Def->getBody(), M, Request, Out, Seen, CallDepth - 1);
        }
      }
    }
    for (const Stmt *C : Cur->children())
      Stack.push_back({C, In});
  }
}

} // namespace

void StopWakers::scan(llvm::ArrayRef<const Stmt *> Roots, Summary &S) {
  llvm::SmallVector<std::pair<const ValueDecl *, const CallExpr *>, 4> Direct;
  llvm::SmallVector<const Stmt *, 32> Stack(Roots.begin(), Roots.end());
  auto Callback = [&](llvm::ArrayRef<const Expr *> Args, SourceLocation At,
                      const Expr *Object) {
    llvm::SmallPtrSet<const Stmt *, 16> Seen;
    for (const Expr *A : Args)
      collectWakes(A, M, At, S.WokenOnStop, Seen, /*CallDepth=*/1);
    // The token it is registered on: the argument (or the registering
    // object) of token, source or context type; the callable: the others.
    const ValueDecl *Token = nullptr;
    llvm::SmallVector<const Expr *, 2> Callables;
    if (Object && classifyReferent(Object->getType(), M) != ContextKind::None)
      Token = objectDecl(Object);
    for (const Expr *A : Args) {
      if (classifyReferent(A->getType(), M) != ContextKind::None)
        Token = Token ? Token : objectDecl(A);
      else
        Callables.push_back(A);
    }
    if (Token && llvm::any_of(Callables, [&](const Expr *C) {
          return stopCallbackEffectUnknown(C, M);
        }))
      S.UnknownRoutes.push_back({Token, At});
  };
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur))
      continue;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Cur)) {
      if (isStopCallbackHolder(CE->getType(), M)) {
        Callback(llvm::ArrayRef<const Expr *>(CE->getArgs(), CE->getNumArgs()),
                 CE->getBeginLoc(), nullptr);
        continue;
      }
    } else if (const auto *CE = dyn_cast<CallExpr>(Cur)) {
      const Expr *Obj = callObject(CE);
      if (M.matchCall(CE, Role::StopCallbackRegistration) ||
          (!Obj && isStopCallbackHolder(CE->getType(), M)) ||
          (Obj && isStopCallbackHolder(Obj->getType(), M))) {
        Callback(writtenArguments(CE), CE->getBeginLoc(), Obj);
        continue;
      }
      if (callRequestsStop(CE, M))
        S.Releases.push_back(CE->getBeginLoc());
      else if (M.matchCall(CE, Role::WakeMethod))
        if (const ValueDecl *D = objectDecl(Obj))
          Direct.push_back({D, CE});
    }
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  if (S.Releases.empty() || Roots.empty())
    return;
  // The stack visits children in reverse: the first request in source
  // order is the one the wakes follow.
  SourceLocation First = S.Releases.front();
  for (SourceLocation R : S.Releases)
    if (R < First)
      First = R;
  for (auto [D, CE] : Direct) {
    StopWake W;
    W.Wake = CE;
    W.Body = Roots.front();
    W.After = First;
    W.Request = First;
    S.WokenOnStop[D].push_back(W);
  }
}

const StopWakers::Summary &StopWakers::summarise(const Stmt *Body) {
  auto It = Bodies.find(Body);
  if (It != Bodies.end())
    return It->second;
  Summary S;
  scan({Body}, S);
  return Bodies.try_emplace(Body, std::move(S)).first->second;
}

bool StopWakers::bodyWakesOnStop(const Stmt *Body, const ValueDecl *Object) {
  if (!Body || !Object)
    return false;
  return summarise(Body).WokenOnStop.count(
      cast<ValueDecl>(Object->getCanonicalDecl()));
}

void StopWakers::bodyWakes(const Stmt *Body, const ValueDecl *Object,
                           llvm::SmallVectorImpl<StopWake> &Out) {
  if (!Body || !Object)
    return;
  const Summary &S = summarise(Body);
  auto It = S.WokenOnStop.find(cast<ValueDecl>(Object->getCanonicalDecl()));
  if (It != S.WokenOnStop.end())
    Out.append(It->second.begin(), It->second.end());
}

void StopWakers::classWakes(const CXXRecordDecl *Owner,
                            const ValueDecl *Object,
                            llvm::SmallVectorImpl<StopWake> &Out) {
  if (!Owner || !Object || !(Owner = Owner->getDefinition()))
    return;
  if (!classWakesOnStop(Owner, Object))
    return;
  auto It = Classes.find(Owner)->second.WokenOnStop.find(
      cast<ValueDecl>(Object->getCanonicalDecl()));
  Out.append(It->second.begin(), It->second.end());
}

bool StopWakers::classWakesOnStop(const FieldDecl *Field) {
  if (!Field)
    return false;
  return classWakesOnStop(dyn_cast_or_null<CXXRecordDecl>(Field->getParent()),
                          Field);
}

bool StopWakers::classWakesOnStop(const CXXRecordDecl *RD,
                                  const ValueDecl *Object) {
  if (!RD || !Object || !(RD = RD->getDefinition()))
    return false;
  Object = cast<ValueDecl>(Object->getCanonicalDecl());
  auto It = Classes.find(RD);
  if (It == Classes.end()) {
    Summary Class;
    llvm::SmallVector<const Stmt *, 8> CallbackRoots;
    for (const FieldDecl *F : RD->fields())
      if (F->hasInClassInitializer() && F->getInClassInitializer())
        CallbackRoots.push_back(F->getInClassInitializer());
    llvm::SmallVector<const Stmt *, 8> MethodBodies;
    for (const Decl *D : RD->decls()) {
      const FunctionDecl *FD = D->getAsFunction();
      if (!FD)
        continue;
      const FunctionDecl *Def = nullptr;
      if (!FD->hasBody(Def) || !Def || Def->isDependentContext())
        continue;
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->isWritten() && Init->getInit())
            CallbackRoots.push_back(Init->getInit());
      if (const Stmt *Body = Def->getBody())
        MethodBodies.push_back(Body);
    }
    // Stop callbacks held by the class: only what their callbacks wake.
    scan(CallbackRoots, Class);
    // Each member function on its own: release and wake in the same body.
    for (const Stmt *Body : MethodBodies) {
      const Summary &B = summarise(Body);
      for (const auto &[D, Wakes] : B.WokenOnStop)
        Class.WokenOnStop[D].append(Wakes.begin(), Wakes.end());
    }
    It = Classes.try_emplace(RD, std::move(Class)).first;
  }
  return It->second.WokenOnStop.count(Object);
}

bool StopWakers::unknownStopRouteBefore(const Stmt *Body,
                                        llvm::ArrayRef<const ValueDecl *> Tokens,
                                        SourceLocation Loc,
                                        const SourceManager &SM) {
  if (!Body || Loc.isInvalid())
    return false;
  for (const auto &[Token, At] : summarise(Body).UnknownRoutes)
    if (At.isValid() && SM.isBeforeInTranslationUnit(At, Loc) &&
        llvm::is_contained(Tokens, Token))
      return true;
  return false;
}

bool StopWakers::requestsStopBefore(const Stmt *Body, SourceLocation Loc,
                                    const SourceManager &SM) {
  if (!Body || Loc.isInvalid())
    return false;
  for (SourceLocation R : summarise(Body).Releases)
    if (R.isValid() && SM.isBeforeInTranslationUnit(R, Loc))
      return true;
  return false;
}

} // namespace context_tidy
