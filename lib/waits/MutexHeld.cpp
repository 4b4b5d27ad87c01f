//===- MutexHeld.cpp - Which mutex a wait releases, where it is held ------===//

#include "lib/waits/MutexHeld.h"

#include "lib/ast/ExprWrappers.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

const Expr *stripToConstruction(const Expr *E) {
  return skipWrappers(E, FunctionalCasts);
}

struct LockEvents {
  /// A guard's lifetime: from its declaration to the end of its block.
  llvm::SmallVector<std::pair<SourceLocation, SourceLocation>, 2> Guards;
  /// Member calls on the mutex (lock, unlock, try_lock).
  llvm::SmallVector<SourceLocation, 2> Calls;
};

bool constructsWith(const Expr *Init, const ValueDecl *Mutex) {
  const auto *CE = dyn_cast_or_null<CXXConstructExpr>(stripToConstruction(Init));
  if (!CE)
    return false;
  for (const Expr *A : CE->arguments())
    if (objectDecl(A) == Mutex)
      return true;
  return false;
}

void collectLockEvents(const Stmt *S, const ValueDecl *Mutex,
                       SourceLocation BlockEnd, LockEvents &Out,
                       unsigned Depth = 0) {
  if (!S || Depth > 64 || isa<LambdaExpr>(S))
    return;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    BlockEnd = CS->getRBracLoc();
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        if (V->getInit() && constructsWith(V->getInit(), Mutex))
          Out.Guards.push_back({V->getLocation(), BlockEnd});
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    if (objectDecl(MC->getImplicitObjectArgument()) == Mutex)
      Out.Calls.push_back(MC->getExprLoc());
  }
  for (const Stmt *C : S->children())
    collectLockEvents(C, Mutex, BlockEnd, Out, Depth + 1);
}

} // namespace

const ValueDecl *waitMutex(const CallExpr *Wait) {
  if (!Wait)
    return nullptr;
  return waitMutex(Wait->getDirectCallee(), writtenArguments(Wait));
}

const ValueDecl *waitMutex(const FunctionDecl *FD,
                           llvm::ArrayRef<const Expr *> Args) {
  if (!FD || Args.empty() || FD->getNumParams() == 0)
    return nullptr;
  // The lock is taken by non-const lvalue reference:
  // wait(unique_lock<mutex>&), condition_variable_any::wait(Lock&).
  QualType P = FD->getParamDecl(0)->getType();
  if (!P->isLValueReferenceType() || P.getNonReferenceType().isConstQualified() ||
      !P.getNonReferenceType()->isRecordType())
    return nullptr;
  const ValueDecl *Lock = objectDecl(Args[0]);
  const auto *V = dyn_cast_or_null<VarDecl>(Lock);
  if (!V)
    return nullptr;
  const VarDecl *Def = V->getDefinition();
  const Expr *Init = Def ? Def->getInit() : V->getInit();
  const auto *CE = dyn_cast_or_null<CXXConstructExpr>(stripToConstruction(Init));
  if (!CE || CE->getNumArgs() == 0)
    return nullptr;
  return objectDecl(CE->getArg(0));
}

bool notifyIsRaceFree(const Stmt *Body, const ValueDecl *Mutex,
                      SourceLocation After, const CallExpr *Notify,
                      const SourceManager &SM) {
  if (!Body || !Mutex || !Notify)
    return true;
  SourceLocation At = Notify->getBeginLoc();
  if (After.isInvalid())
    After = Body->getBeginLoc();
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  auto Within = [&](SourceLocation L, std::pair<SourceLocation, SourceLocation> R) {
    return !Before(L, R.first) && !Before(R.second, L);
  };
  LockEvents E;
  collectLockEvents(Body, cast<ValueDecl>(Mutex->getCanonicalDecl()),
                    Body->getEndLoc(), E);
  for (const auto &G : E.Guards)
    if (Within(At, G) || Within(After, G) ||
        (!Before(G.first, After) && Before(G.first, At)))
      return true;
  bool CallBeforeChange = false;
  for (SourceLocation C : E.Calls) {
    if (!Before(C, After) && Before(C, At))
      return true; // taken between the change and the notify
    if (Before(C, After))
      CallBeforeChange = true;
    else if (CallBeforeChange)
      return true; // lock(); change; ...; unlock() around the change
  }
  return false;
}

bool mutexHeldAt(const Stmt *Body, const ValueDecl *Mutex, SourceLocation At,
                 const SourceManager &SM) {
  if (!Body || !Mutex || At.isInvalid())
    return false;
  LockEvents E;
  collectLockEvents(Body, cast<ValueDecl>(Mutex->getCanonicalDecl()),
                    Body->getEndLoc(), E);
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  for (const auto &G : E.Guards)
    if (!Before(At, G.first) && !Before(G.second, At))
      return true;
  bool CallBefore = false;
  for (SourceLocation C : E.Calls) {
    if (Before(C, At))
      CallBefore = true;
    else if (CallBefore)
      return true;
  }
  return false;
}

bool takesMutex(const Stmt *Body, const ValueDecl *Mutex) {
  if (!Body || !Mutex)
    return false;
  LockEvents E;
  collectLockEvents(Body, cast<ValueDecl>(Mutex->getCanonicalDecl()),
                    Body->getEndLoc(), E);
  return !E.Guards.empty() || !E.Calls.empty();
}

} // namespace context_tidy
