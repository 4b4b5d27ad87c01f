//===- RootCalls.cpp - Summary kind: work started from a fresh root -------===//

#include "lib/summaries/RootCalls.h"

#include "lib/contexts/DetachedCalls.h"
#include "lib/model/NameMatch.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

const RootCallSummary &RootCallSummaries::of(const FunctionDecl *FD,
                                             unsigned Depth) {
  return kindRecord<RootCallSummary>(
      Table, Memo, FD, Depth,
      [&](const FunctionDecl *Def, RootCallSummary &Out) {
        compute(Def, Depth, Out);
      });
}

void RootCallSummaries::compute(const FunctionDecl *FD, unsigned Depth,
                                RootCallSummary &Out) {
  const LocalFacts *F = Table.facts(FD);
  if (!F || !F->TokenParams.empty())
    return;
  const ApiModel &M = Table.model();
  const SourceManager &SM = Table.context().getSourceManager();
  for (const LocalCall &LC : F->Calls) {
    const CallExpr *Call = LC.Call;
    if (llvm::SmallVector<FreshRoot, 1> Roots = findFreshRoots(Call, M);
        !Roots.empty()) {
      const FreshRoot &R = Roots.front();
      RootCall C;
      C.ParamType = R.ParamType;
      C.Root =
          R.RootDecl->getName().str() + (isa<CallExpr>(R.Root) ? "()" : "");
      C.Callee = simpleName(Call->getDirectCallee());
      C.Chain.push_back(
          chainStep(F->Function, C.Callee, R.Root->getBeginLoc(), SM));
      Out.Roots.push_back(std::move(C));
      return; // one root is enough to say why
    }
    const FunctionDecl *Callee = Table.calleeBelow(Call, Depth);
    if (!Callee || anyObserving(writtenArguments(Call), M))
      continue;
    const RootCallSummary &Sub = of(Callee, Depth - 1);
    if (Sub.Roots.empty())
      continue;
    RootCall C = Sub.Roots.front();
    C.Chain.insert(C.Chain.begin(), chainStep(F->Function, summaryName(Callee),
                                              Call->getExprLoc(), SM));
    Out.Roots.push_back(std::move(C));
    return;
  }
}

} // namespace context_tidy
