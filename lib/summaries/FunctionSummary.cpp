//===- FunctionSummary.cpp - What a call of a function does ---------------===//

#include "lib/summaries/FunctionSummary.h"

#include "lib/ast/ExprWrappers.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace context_tidy {

std::string summaryName(const FunctionDecl *FD) {
  if (!FD)
    return {};
  if (isLambdaCallOperator(FD))
    return "lambda";
  return FD->getNameAsString();
}

ChainStep chainStep(const FunctionDecl *FD, llvm::StringRef Callee,
                    SourceLocation Loc, const SourceManager &SM) {
  ChainStep S;
  S.Function = summaryName(FD);
  S.Callee = Callee.str();
  S.Loc = Loc;
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isValid()) {
    llvm::raw_string_ostream OS(S.Where);
    OS << P.getFilename() << ':' << P.getLine() << ':' << P.getColumn();
  }
  return S;
}

namespace {

const ParmVarDecl *ownParameter(const Expr *E, const FunctionDecl *FD) {
  const auto *DRE =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return P && P->getDeclContext() == FD ? P : nullptr;
}

} // namespace

std::optional<ParamRef> parameterOf(const Expr *E, const FunctionDecl *FD,
                                    const ApiModel &M,
                                    std::optional<Period> NumberUnit) {
  if (!E || !FD)
    return std::nullopt;
  if (NumberUnit)
    if (const ParmVarDecl *P = ownParameter(E, FD);
        P && P->getType()->isArithmeticType())
      return ParamRef{P->getFunctionScopeIndex(), NumberUnit};
  E = skipWrappers(writtenDuration(E, M), FunctionalCasts);
  if (const ParmVarDecl *P = ownParameter(E, FD)) {
    if (!durationPeriod(P->getType(), M))
      return std::nullopt;
    return ParamRef{P->getFunctionScopeIndex(), std::nullopt};
  }
  // `std::chrono::seconds(n)`: a number converted to a duration.
  const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E);
  if (!CE || CE->getNumArgs() != 1)
    return std::nullopt;
  std::optional<Period> Unit = durationPeriod(CE->getType(), M);
  const ParmVarDecl *P = ownParameter(CE->getArg(0), FD);
  if (!Unit || !P || !P->getType()->isArithmeticType())
    return std::nullopt;
  return ParamRef{P->getFunctionScopeIndex(), Unit};
}

bool BlockBound::longerThan(const BlockBound &O) const {
  if (K == Parameter || O.K == Parameter)
    return false;
  if (K == Unbounded)
    return O.K != Unbounded;
  if (O.K == Unbounded)
    return false;
  return Value.seconds() > O.Value.seconds();
}

} // namespace context_tidy
