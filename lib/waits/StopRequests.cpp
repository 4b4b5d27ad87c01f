//===- StopRequests.cpp - What a call or a stop callback does on stop -----===//

#include "lib/waits/StopRequests.h"

#include "lib/ast/Callables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace context_tidy {

namespace {

bool inSystemHeader(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation Loc = D->getLocation();
  return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

/// The body a stop callback's callable runs, or null when it is not a
/// lambda or a function the translation unit shows.
const Stmt *callableBody(const Expr *E) {
  Callable C = callableOf(E, ThroughFunctionalCasts | ThroughAddressOf |
                                 ThroughLocalVariables | AcceptFunctions);
  return C.Lambda ? C.Lambda->getBody() : visibleBody(C.Function);
}

bool bodyEffectUnknown(const Stmt *Body, const ApiModel &M, unsigned Depth,
                       llvm::SmallPtrSetImpl<const Stmt *> &Seen);

/// Whether a call made by a stop callback may reach a wait by a route the
/// analysis does not follow.
bool callEffectUnknown(const CallExpr *CE, const ApiModel &M, unsigned Depth,
                       llvm::SmallPtrSetImpl<const Stmt *> &Seen) {
  if (M.matchCall(CE, Role::WakeMethod))
    return false; // followed: the wakes of the stop path
  if (M.matchCall(CE, Role::ReleaseMethod))
    return true; // stops other work, whose end may wake the wait
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return true; // a function pointer, a dependent call
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    const CXXRecordDecl *RD = MD->getParent();
    if (MD->getOverloadedOperator() == OO_Call) {
      // A lambda named by a local: its body.  A type-erased callable
      // (std::function) or another functor: unknown.
      if (RD && RD->isLambda())
        return bodyEffectUnknown(visibleBody(MD), M, Depth, Seen);
      if (inSystemHeader(MD))
        return true;
    }
    if (MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
        !(RD && RD->hasAttr<FinalAttr>()))
      return true;
  }
  if (inSystemHeader(FD))
    return false; // the library's own code: no stop request of the model
  const Stmt *Body = visibleBody(FD);
  if (!Body || Depth == 0)
    return true;
  return bodyEffectUnknown(Body, M, Depth - 1, Seen);
}

bool bodyEffectUnknown(const Stmt *Body, const ApiModel &M, unsigned Depth,
                       llvm::SmallPtrSetImpl<const Stmt *> &Seen) {
  if (!Body)
    return true;
  if (!Seen.insert(Body).second)
    return false; // recursion: already being looked at
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur))
      continue; // a lambda is looked at where it is called
    if (const auto *CE = dyn_cast<CallExpr>(Cur))
      if (callEffectUnknown(CE, M, Depth, Seen))
        return true;
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  return false;
}

} // namespace

bool callRequestsStop(const CallExpr *Call, const ApiModel &M,
                      unsigned Depth) {
  if (!Call)
    return false;
  if (M.matchCall(Call, Role::ReleaseMethod))
    return true;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (Depth == 0 || !FD || inSystemHeader(FD))
    return false;
  const Stmt *Body = visibleBody(FD);
  if (!Body)
    return false;
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur))
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(Cur))
      if (callRequestsStop(CE, M, Depth - 1))
        return true;
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  return false;
}

bool stopCallbackEffectUnknown(const Expr *Callable, const ApiModel &M) {
  llvm::SmallPtrSet<const Stmt *, 8> Seen;
  return bodyEffectUnknown(callableBody(Callable), M, /*Depth=*/2, Seen);
}

} // namespace context_tidy
