//===- SummaryTable.cpp - The call graph walk behind the summaries --------===//

#include "lib/summaries/SummaryTable.h"

#include "lib/ast/Statements.h"
#include "lib/contexts/CancellationScope.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>

using namespace clang;

namespace context_tidy {

namespace {


/// The roles whose calls a kind reads as operations: their callees are
/// never followed.
constexpr Role OperationRoles[] = {
    Role::BlockingCall,     Role::BoundedWait,
    Role::SelectFunction,   Role::WakeMethod,
    Role::ReleaseMethod,    Role::StopCallbackRegistration,
    Role::RelativeTimeout,  Role::AbsoluteDeadline,
    Role::PollTimeout,      Role::CancelFactory,
    Role::RootContext,      Role::DetachFunction,
};

/// The walk of one body into LocalFacts.
class FactsWalker {
public:
  FactsWalker(const ApiModel &M, LocalFacts &Out) : M(M), Out(Out) {}

  /// False when the body is larger than SummaryLimits::MaxNodes.
  bool run() {
    const FunctionDecl *FD = Out.Function;
    for (const ParmVarDecl *P : FD->parameters())
      if (P && isObservingKind(classifyReferent(P->getType(), M)))
        Out.TokenParams.push_back({P->getFunctionScopeIndex()});
    llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 32> Stack{
        {Out.Body, nullptr}};
    unsigned Nodes = 0;
    while (!Stack.empty()) {
      auto [S, Loop] = Stack.pop_back_val();
      if (!S || isUnevaluated(S))
        continue;
      if (++Nodes > SummaryLimits::MaxNodes)
        return false;
      if (const auto *L = dyn_cast<LambdaExpr>(S)) {
        // Its body runs when it is called, not here; its captures are
        // made here.
        for (const Expr *Init : L->capture_inits())
          Stack.push_back({Init, Loop});
        continue;
      }
      visit(S, Loop);
      const Stmt *ChildLoop = isLoop(S) ? S : Loop;
      const size_t First = Stack.size();
      for (const Stmt *C : S->children())
        Stack.push_back({C, ChildLoop});
      std::reverse(Stack.begin() + First, Stack.end());
    }
    return true;
  }

private:
  TokenParamUse *tokenParam(const Expr *E) {
    const auto *P = dyn_cast_or_null<ParmVarDecl>(objectDecl(E));
    if (!P || P->getDeclContext() != Out.Function)
      return nullptr;
    for (TokenParamUse &U : Out.TokenParams)
      if (U.Index == P->getFunctionScopeIndex())
        return &U;
    return nullptr;
  }

  void arguments(llvm::ArrayRef<const Expr *> Args, bool Registers) {
    for (const Expr *A : Args)
      if (TokenParamUse *U = tokenParam(A)) {
        U->PassedDown = true;
        U->Registered |= Registers;
      }
  }

  void visit(const Stmt *S, const Stmt *Loop) {
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      Out.Calls.push_back({CE, Loop});
      bool Registers = M.matchCall(CE, Role::StopCallbackRegistration);
      arguments(writtenArguments(CE), Registers);
      if (TokenParamUse *U = tokenParam(callObject(CE))) {
        U->Checked = true;
        U->Registered |= Registers;
      }
    } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      bool Registers = M.matchType(CE->getType(), Role::StopCallbackType);
      arguments(llvm::ArrayRef<const Expr *>(CE->getArgs(), CE->getNumArgs()),
                Registers);
    }
    const ValueDecl *Named = nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      Named = DRE->getDecl();
    else if (const auto *ME = dyn_cast<MemberExpr>(S))
      Named = ME->getMemberDecl();
    if (Named && (isa<VarDecl>(Named) || isa<FieldDecl>(Named) ||
                  isa<BindingDecl>(Named))) {
      if (const auto *P = dyn_cast<ParmVarDecl>(Named))
        for (TokenParamUse &U : Out.TokenParams)
          if (P->getDeclContext() == Out.Function &&
              U.Index == P->getFunctionScopeIndex())
            U.Read = true;
      if (!Out.MentionsToken &&
          isObservingKind(classifyReferent(Named->getType(), M)))
        Out.MentionsToken = true;
    }
  }

  const ApiModel &M;
  LocalFacts &Out;
};

} // namespace

SummaryTable::SummaryTable(ASTContext &Ctx, const ApiModel &M)
    : Ctx(Ctx), M(M) {}

SummaryTable::~SummaryTable() = default;

const LocalFacts *SummaryTable::facts(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return nullptr;
  auto It = Functions.find(Def);
  if (It != Functions.end())
    return It->second.Facts.get();
  Entry &E = Functions[Def];
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Body = Def->getBody();
  if (Functions.size() > SummaryLimits::MaxFunctions || !Body ||
      Def->isInvalidDecl() || Def->isDependentContext() ||
      isa<CoroutineBodyStmt>(Body) ||
      SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())) ||
      isContextLibraryCode(Def, M))
    return nullptr;
  auto F = std::make_unique<LocalFacts>();
  F->Function = Def;
  F->Body = Body;
  if (!FactsWalker(M, *F).run())
    return nullptr;
  // The walk asked the model only: the slot is still where it was.
  E.Facts = std::move(F);
  return E.Facts.get();
}

const FunctionDecl *SummaryTable::callee(const CallExpr *Call) {
  if (!Call || Call->containsErrors() || Call->isTypeDependent() ||
      Call->isValueDependent() || isa<CUDAKernelCallExpr>(Call))
    return nullptr;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || FD->isInvalidDecl())
    return nullptr;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    // A virtual call may reach another override, unless none can exist or
    // the call names the class (`Base::f()`).
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(Call);
    const auto *ME =
        MCE ? dyn_cast<MemberExpr>(MCE->getCallee()->IgnoreParens()) : nullptr;
    if (MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
        !MD->getParent()->hasAttr<FinalAttr>() &&
        !(ME && ME->hasQualifier()))
      return nullptr;
  }
  // Decided once per callee: whether it is an operation of the model is a
  // question about the function, asked through its first call.
  auto [It, Inserted] = Followed.try_emplace(FD, false);
  if (Inserted)
    It->second = llvm::none_of(OperationRoles,
                               [&](Role R) { return M.matchCall(Call, R); }) &&
                 (facts(FD) != nullptr ||
                  (Imported && !FD->hasBody() && Imported(FD)));
  return It->second ? FD : nullptr;
}

bool SummaryTable::writesParameter(const FunctionDecl *FD, unsigned Index) {
  auto [It, Inserted] = Written.try_emplace({FD, Index}, true);
  if (!Inserted)
    return It->second;
  const LocalFacts *F = facts(FD);
  if (!F || Index >= F->Function->getNumParams())
    return true;
  bool W = ExprMutationAnalyzer(*F->Body, Ctx)
               .isMutated(F->Function->getParamDecl(Index));
  // facts() adds to Functions only: the slot is still where it was.
  It->second = W;
  return W;
}

const Expr *SummaryTable::passedFor(const CallExpr *Call,
                                    const FunctionDecl *Callee,
                                    unsigned Param) {
  if (!Call || !Callee || Param >= Callee->getNumParams())
    return nullptr;
  unsigned Offset = 0;
  // A member operator's object is its first argument.
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
    Offset = 1;
  if (Param + Offset >= Call->getNumArgs())
    return nullptr;
  return Call->getArg(Param + Offset);
}

const Expr *SummaryTable::argumentFor(const CallExpr *Call,
                                      const FunctionDecl *Callee,
                                      unsigned Param) {
  const Expr *A = passedFor(Call, Callee, Param);
  if (const auto *D = dyn_cast_or_null<CXXDefaultArgExpr>(A))
    return D->getExpr();
  return A;
}

} // namespace context_tidy
