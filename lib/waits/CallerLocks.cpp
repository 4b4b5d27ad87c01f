//===- CallerLocks.cpp - Whether every caller holds the mutex -------------===//

#include "lib/waits/CallerLocks.h"

#include "lib/waits/MutexHeld.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace context_tidy {

namespace {

bool sameLockType(QualType A, QualType B) {
  if (A.isNull() || B.isNull())
    return false;
  A = A.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  B = B.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  return A == B;
}

} // namespace

bool calledOnlyUnderLock(const FunctionDecl *FD, const ValueDecl *Mutex,
                         QualType LockType, const SourceManager &SM) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!MD || !Mutex || MD->getAccess() == AS_public)
    return false;
  const CXXRecordDecl *RD = MD->getParent();
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  const FunctionDecl *Target = MD->getCanonicalDecl();
  unsigned Calls = 0;
  for (const Decl *D : RD->decls()) {
    const FunctionDecl *Caller = D->getAsFunction();
    const FunctionDecl *Def = nullptr;
    if (!Caller || !Caller->hasBody(Def) || !Def || !Def->getBody())
      continue;
    bool LockParam = llvm::any_of(Def->parameters(), [&](const ParmVarDecl *P) {
      return sameLockType(P->getType(), LockType);
    });
    // Each body (the function's, a lambda's) is its own root for the
    // lock events.
    llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 32> Stack{
        {Def->getBody(), Def->getBody()}};
    while (!Stack.empty()) {
      auto [S, Root] = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *L = dyn_cast<LambdaExpr>(S)) {
        Stack.push_back({L->getBody(), L->getBody()});
        continue;
      }
      if (const auto *CE = dyn_cast<CallExpr>(S)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (Callee && Callee->getCanonicalDecl() == Target) {
          ++Calls;
          bool InOwnBody = Root == Def->getBody();
          // Held at the call: a lock of the mutex alive there, or one
          // handed in by the caller's caller.
          if (!(InOwnBody && LockParam) &&
              !notifyIsRaceFree(Root, Mutex, CE->getBeginLoc(), CE, SM))
            return false;
        }
      }
      for (const Stmt *C : S->children())
        Stack.push_back({C, Root});
    }
  }
  return Calls > 0;
}

} // namespace context_tidy
