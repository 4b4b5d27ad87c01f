//===- TimeoutParams.cpp - Summary kind: parameters that are timeouts -----===//

#include "lib/summaries/TimeoutParams.h"

#include "lib/model/NameMatch.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

/// How many times \p FD's body reads each of its parameters (lambdas in
/// it included: a capture is a read).
llvm::SmallVector<unsigned, 4> parameterReads(const FunctionDecl *FD,
                                              const Stmt *Body) {
  llvm::SmallVector<unsigned, 4> Counts(FD->getNumParams(), 0);
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        if (P->getDeclContext() == FD &&
            P->getFunctionScopeIndex() < Counts.size())
          ++Counts[P->getFunctionScopeIndex()];
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  return Counts;
}

void addParam(TimeoutParamSummary &Out, TimeoutParam T) {
  for (TimeoutParam &Have : Out.Params) {
    if (Have.Param != T.Param)
      continue;
    // Of two ways down, the shorter (fewer notes).
    if (T.Chain.size() < Have.Chain.size())
      Have = std::move(T);
    return;
  }
  Out.Params.push_back(std::move(T));
}

} // namespace

TimeoutParamSummaries::TimeoutParamSummaries(SummaryTable &Table,
                                             TimeoutApi Api)
    : Table(Table), Api(std::move(Api)) {}

const TimeoutParamSummary &TimeoutParamSummaries::of(const FunctionDecl *FD,
                                                     unsigned Depth) {
  return kindRecord<TimeoutParamSummary>(
      Table, Memo, FD, Depth,
      [&](const FunctionDecl *Def, TimeoutParamSummary &Out) {
        compute(Def, Depth, Out);
      });
}

void TimeoutParamSummaries::compute(const FunctionDecl *FD, unsigned Depth,
                                    TimeoutParamSummary &Out) {
  const LocalFacts *F = Table.facts(FD);
  if (!F || FD->getNumParams() == 0)
    return;
  auto It = Reads.find(F->Function);
  if (It == Reads.end())
    It = Reads.try_emplace(F->Function, parameterReads(F->Function, F->Body))
             .first;
  const llvm::SmallVector<unsigned, 4> &Counts = It->second;
  auto ReadOnceUnchanged = [&](unsigned I) {
    return I < Counts.size() && Counts[I] == 1 &&
           !Table.writesParameter(F->Function, I);
  };
  const ApiModel &M = Table.model();
  const SourceManager &SM = Table.context().getSourceManager();
  for (const LocalCall &LC : F->Calls) {
    const CallExpr *Call = LC.Call;
    if (TimeoutApiCall A = Api(Call); A.Arg) {
      std::optional<ParamRef> P = parameterOf(A.Arg, F->Function, M);
      if (!P || !ReadOnceUnchanged(P->Index))
        continue;
      TimeoutParam T;
      T.Param = P->Index;
      T.NumberUnit = P->NumberUnit;
      T.Poll = A.Poll;
      T.CreatesContext = A.CreatesContext;
      T.Api = simpleName(Call->getDirectCallee());
      T.Chain.push_back(chainStep(F->Function, T.Api, Call->getExprLoc(), SM));
      addParam(Out, std::move(T));
      continue;
    }
    const FunctionDecl *Callee = Table.calleeBelow(Call, Depth);
    if (!Callee)
      continue;
    for (const TimeoutParam &Sub : of(Callee, Depth - 1).Params) {
      const Expr *Arg = SummaryTable::passedFor(Call, Callee, Sub.Param);
      if (!Arg || isa<CXXDefaultArgExpr>(Arg))
        continue;
      std::optional<ParamRef> P =
          parameterOf(Arg, F->Function, M, Sub.NumberUnit);
      // A number parameter below stays a number of its unit above; a
      // duration below may be a number converted above (`seconds(n)`).
      if (!P || !ReadOnceUnchanged(P->Index) ||
          (Sub.NumberUnit && !P->NumberUnit))
        continue;
      TimeoutParam T = Sub;
      T.Param = P->Index;
      if (!Sub.NumberUnit)
        T.NumberUnit = P->NumberUnit;
      T.Chain.insert(
          T.Chain.begin(),
          chainStep(F->Function, summaryName(Callee), Call->getExprLoc(), SM));
      addParam(Out, std::move(T));
    }
  }
}

} // namespace context_tidy
