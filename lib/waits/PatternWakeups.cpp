//===- PatternWakeups.cpp - Lost wakeups on objects of dependent type -----===//

#include "lib/waits/PatternWakeups.h"

#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

/// `obj.name(args)` where obj has a dependent type.
struct DependentCall {
  const CallExpr *Call = nullptr;
  const ValueDecl *Object = nullptr;
  const IdentifierInfo *Name = nullptr;
  SourceLocation NameLoc;
};

std::optional<DependentCall> dependentCall(const CallExpr *CE) {
  const auto *ME = dyn_cast_or_null<CXXDependentScopeMemberExpr>(
      CE->getCallee()->IgnoreParens());
  if (!ME || ME->isImplicitAccess() || ME->hasExplicitTemplateArgs())
    return std::nullopt;
  const IdentifierInfo *Name = ME->getMember().getAsIdentifierInfo();
  const ValueDecl *Obj = objectDecl(ME->getBase());
  if (!Name || !Obj ||
      !Obj->getType().getNonReferenceType()->isDependentType())
    return std::nullopt;
  return DependentCall{CE, Obj, Name, ME->getMemberLoc()};
}

/// The class template a type names, when it is a template (deduced or
/// not) or a class: `std::stop_callback cb(st, [&] {...})` in a pattern has
/// a deduced template specialization type.
const CXXRecordDecl *namedClass(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  TemplateName TN;
  if (const auto *D =
          dyn_cast_or_null<DeducedTemplateSpecializationType>(
              T->getContainedDeducedType()))
    TN = D->getTemplateName();
  else if (const auto *S = T->getAs<TemplateSpecializationType>())
    TN = S->getTemplateName();
  if (const auto *CT =
          dyn_cast_or_null<ClassTemplateDecl>(TN.getAsTemplateDecl()))
    return CT->getTemplatedDecl();
  return T->getAsCXXRecordDecl();
}

llvm::SmallVector<const Expr *, 4> initArguments(const Expr *Init) {
  llvm::SmallVector<const Expr *, 4> Out;
  if (!Init)
    return Out;
  Init = Init->IgnoreImplicit();
  if (const auto *P = dyn_cast<ParenListExpr>(Init))
    for (unsigned I = 0; I < P->getNumExprs(); ++I)
      Out.push_back(P->getExpr(I));
  else if (const auto *L = dyn_cast<InitListExpr>(Init))
    Out.append(L->inits().begin(), L->inits().end());
  else if (const auto *C = dyn_cast<CXXConstructExpr>(Init))
    Out.append(C->arg_begin(), C->arg_end());
  else if (const auto *U = dyn_cast<CXXUnresolvedConstructExpr>(Init))
    Out.append(U->arg_begin(), U->arg_end());
  return Out;
}

bool refersTo(const Stmt *S, const ValueDecl *D) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl()->getCanonicalDecl() == D)
      return true;
  for (const Stmt *C : S->children())
    if (refersTo(C, D))
      return true;
  return false;
}

/// A method of \p RD named \p Name that admits \p NumArgs arguments.
template <typename Pred>
bool hasMethod(const CXXRecordDecl *RD, const IdentifierInfo *Name,
               unsigned NumArgs, Pred P) {
  for (const NamedDecl *D : RD->lookup(Name)) {
    const auto *MD =
        dyn_cast_or_null<CXXMethodDecl>(D->getUnderlyingDecl()->getAsFunction());
    if (MD && !MD->isStatic() && NumArgs >= MD->getMinRequiredArguments() &&
        NumArgs <= MD->getNumParams() && P(MD))
      return true;
  }
  return false;
}

/// Whether a class of the model has `Wait(lock, pred)` as a blocking call
/// and `Notify()` as a wake method: the calls have a condition variable's
/// shape.
bool conditionVariableShape(const IdentifierInfo *Wait,
                            const IdentifierInfo *Notify, const ApiModel &M,
                            const ASTContext &Ctx) {
  for (const CXXRecordDecl *RD :
       M.classesWithMethod(Ctx, Role::BlockingCall, Wait->getName())) {
    bool Waits = hasMethod(RD, Wait, 2, [&](const CXXMethodDecl *MD) {
      QualType P = MD->getParamDecl(0)->getType();
      QualType Lock = P.getNonReferenceType();
      return P->isLValueReferenceType() && !Lock.isConstQualified() &&
             (Lock->isRecordType() || Lock->isDependentType()) &&
             M.matchFunction(MD, Role::BlockingCall, RD);
    });
    if (Waits && hasMethod(RD, Notify, 0, [&](const CXXMethodDecl *MD) {
          return M.matchFunction(MD, Role::WakeMethod, RD) != nullptr;
        }))
      return true;
  }
  return false;
}

struct Callback {
  const ValueDecl *Token = nullptr;
  SourceLocation At;
  llvm::SmallVector<DependentCall, 1> Notifies;
};

/// A stop callback registered on a token, whose lambda does nothing but
/// notify objects of dependent type.
std::optional<Callback> notifyOnlyCallback(const VarDecl *V,
                                           const ApiModel &M) {
  const CXXRecordDecl *RD = namedClass(V->getType());
  if (!RD || !M.matchRecord(RD, Role::StopCallbackType))
    return std::nullopt;
  Callback Out;
  Out.At = V->getLocation();
  const LambdaExpr *L = nullptr;
  for (const Expr *A : initArguments(V->getInit())) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(A->IgnoreParenImpCasts()))
      L = Lambda;
    else if (const ValueDecl *D = objectDecl(A);
             D && !A->isTypeDependent() &&
             classifyReferent(A->getType(), M) != ContextKind::None)
      Out.Token = D;
  }
  if (!L || !Out.Token || !L->getBody())
    return std::nullopt;
  for (const Stmt *S : L->getBody()->children()) {
    const auto *CE = dyn_cast<CallExpr>(S);
    std::optional<DependentCall> D = CE ? dependentCall(CE) : std::nullopt;
    if (!D || CE->getNumArgs() != 0 ||
        !M.matchPlainName(D->Name->getName(), Role::WakeMethod))
      return std::nullopt; // something else: a lock, perhaps
    Out.Notifies.push_back(*D);
  }
  if (Out.Notifies.empty())
    return std::nullopt;
  return Out;
}

} // namespace

llvm::SmallVector<DependentLostWakeup, 1>
dependentLostWakeups(const FunctionDecl *Pattern, const ApiModel &M,
                     const ASTContext &Ctx) {
  llvm::SmallVector<DependentLostWakeup, 1> Out;
  if (!Pattern || !Pattern->getBody())
    return Out;
  llvm::SmallVector<DependentCall, 4> Calls;
  llvm::SmallVector<Callback, 1> Callbacks;
  llvm::SmallVector<const Stmt *, 32> Stack{Pattern->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (std::optional<DependentCall> D = dependentCall(CE))
        Calls.push_back(*D);
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (std::optional<Callback> C = notifyOnlyCallback(V, M))
            Callbacks.push_back(std::move(*C));
    }
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  for (const Callback &CB : Callbacks)
    for (const DependentCall &N : CB.Notifies)
      for (const DependentCall &W : Calls) {
        if (W.Object != N.Object || W.Call->getNumArgs() != 2)
          continue;
        const ValueDecl *Lock = objectDecl(W.Call->getArg(0));
        const auto *Pred =
            dyn_cast<LambdaExpr>(W.Call->getArg(1)->IgnoreParenImpCasts());
        if (!Lock || !Pred || !refersTo(Pred->getBody(), CB.Token) ||
            !conditionVariableShape(W.Name, N.Name, M, Ctx))
          continue;
        DependentLostWakeup R;
        R.Notify = N.Call;
        R.Wait = W.Call;
        R.Object = W.Object;
        R.Lock = Lock;
        R.Token = CB.Token;
        R.NotifyLoc = N.NameLoc;
        R.WaitLoc = W.NameLoc;
        R.Callback = CB.At;
        Out.push_back(R);
      }
  return Out;
}

} // namespace context_tidy
