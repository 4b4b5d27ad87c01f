//===- JoinRule.cpp - Joins of a thread that blocks blind -----------------===//

#include "lib/waits/JoinRule.h"

#include "lib/ast/Callables.h"
#include "lib/ast/ExprWrappers.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

const Expr *skipToCallable(const Expr *E) {
  return skipWrappers(E, FunctionalCasts | AddressOf);
}

/// The body of the callable a thread object was constructed with: a
/// local `std::thread t([&] { ... });` or `std::thread t(&C::run, this);`.
const Stmt *joinedBody(const ValueDecl *Thread) {
  const auto *V = dyn_cast_or_null<VarDecl>(Thread);
  if (!V || !V->isLocalVarDecl())
    return nullptr;
  const auto *CE =
      dyn_cast_or_null<CXXConstructExpr>(skipToCallable(V->getInit()));
  if (!CE || CE->getNumArgs() == 0)
    return nullptr;
  const Expr *F = skipToCallable(CE->getArg(0));
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(F))
    return L->getBody();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(F))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return visibleBody(FD);
  return nullptr;
}

} // namespace

const CallExpr *joinedCallableBlocks(WaitRuleContext &R, const Scope &S,
                                     const BlindCall &B, ASTContext &Ctx) {
  const Stmt *Body = joinedBody(B.Object);
  if (!Body || observesCancellation(Body, S.Tokens, R.model()))
    return nullptr;
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur))
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(Cur)) {
      if (std::optional<BlindCall> Inner = classifyBlockingCall(
              CE, Ctx, R.model(), R.Options.MaxLatencySeconds)) {
        if (Inner->Kind != BlockingKind::Select &&
            !(Inner->Entry->Flags & JoinsCallable))
          return CE;
      } else if (std::optional<BoundedCall> W =
                     classifyBoundedWait(CE, Ctx, R.model())) {
        if (W->Bound && W->Bound->seconds() >= R.Options.MaxLatencySeconds)
          return CE;
      }
    }
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  return nullptr;
}

} // namespace context_tidy
