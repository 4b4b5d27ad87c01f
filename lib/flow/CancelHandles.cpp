//===- CancelHandles.cpp - Where a factory's cancel handle is -------------===//

#include "lib/flow/CancelHandles.h"

#include "lib/model/TypeClassifier.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxUnwraps = 3;

QualType withoutRefOrQuals(QualType T) {
  if (T.isNull())
    return T;
  return T.getNonReferenceType().getUnqualifiedType();
}

/// Whether a callable with these parameters accepts no argument or, with
/// TakesCause, one.
bool acceptsArity(unsigned MinRequired, unsigned NumParams, bool Variadic,
                  bool TakesCause) {
  if (MinRequired == 0)
    return true;
  return TakesCause && MinRequired == 1 && (NumParams >= 1 || Variadic);
}

bool acceptsFunction(const FunctionDecl *FD, bool TakesCause) {
  return FD && acceptsArity(FD->getMinRequiredArguments(), FD->getNumParams(),
                            FD->isVariadic(), TakesCause);
}

bool acceptsProto(const FunctionProtoType *FPT, bool TakesCause) {
  return FPT && acceptsArity(FPT->getNumParams(), FPT->getNumParams(),
                             FPT->isVariadic(), TakesCause);
}

/// Whether RD (or a base) declares an operator() callable with the arity.
bool hasCallOperator(const CXXRecordDecl *RD, bool TakesCause,
                     llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || !Seen.insert(RD->getCanonicalDecl()).second)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  DeclarationName Call =
      Def->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  for (const NamedDecl *ND : Def->lookup(Call)) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(ND)) {
      if (acceptsFunction(MD, TakesCause))
        return true;
    } else if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(ND)) {
      if (acceptsFunction(FTD->getTemplatedDecl(), TakesCause))
        return true;
    }
  }
  for (const CXXBaseSpecifier &B : Def->bases())
    if (hasCallOperator(B.getType()->getAsCXXRecordDecl(), TakesCause, Seen))
      return true;
  return false;
}

/// A class template specialization whose class is not complete yet: its
/// first function-type argument (std::function<void()>) tells the arity.
bool specializationLooksCallable(QualType T, bool TakesCause) {
  for (QualType Arg : templateTypeArguments(T))
    if (const auto *FPT = Arg.getCanonicalType()->getAs<FunctionProtoType>())
      return acceptsProto(FPT, TakesCause);
  return false;
}

/// The public non-static data members of RD, in order, if RD has any and
/// all of them are public; else empty.
llvm::SmallVector<const FieldDecl *, 4> publicFields(const CXXRecordDecl *RD) {
  llvm::SmallVector<const FieldDecl *, 4> Out;
  if (!RD || !RD->hasDefinition())
    return Out;
  for (const FieldDecl *F : RD->getDefinition()->fields()) {
    if (F->getAccess() != AS_public && F->getAccess() != AS_none)
      return {};
    Out.push_back(F);
  }
  return Out;
}

bool isTupleLikeWrapper(QualType T, const ApiModel &M) {
  const ApiEntry *E = M.matchType(T, Role::WrapperType);
  return E && !(E->Flags & PointerLike) && templateTypeArguments(T).size() >= 2;
}

/// The types the unwrap members of T yield (a data member, a method of T
/// or of a base, operator* or the pointee of operator->).
void unwrappedTypes(QualType T, const ApiModel &M,
                    llvm::SmallVectorImpl<QualType> &Out) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return;
  RD = RD->getDefinition();
  for (const FieldDecl *F : RD->fields())
    if (F->getAccess() == AS_public && F->getIdentifier() &&
        M.matchPlainName(F->getName(), Role::UnwrapMethod))
      Out.push_back(withoutRefOrQuals(F->getType()));
  llvm::SmallVector<const CXXRecordDecl *, 4> Work{RD};
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Seen;
  for (size_t I = 0; I < Work.size() && I < 8; ++I) {
    const CXXRecordDecl *C = Work[I];
    if (!C || !Seen.insert(C->getCanonicalDecl()).second ||
        !C->hasDefinition())
      continue;
    C = C->getDefinition();
    for (const CXXMethodDecl *MD : C->methods()) {
      if (MD->getAccess() != AS_public || MD->getMinRequiredArguments() != 0 ||
          isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD) ||
          isa<CXXConversionDecl>(MD))
        continue;
      if (!M.matchFunction(MD, Role::UnwrapMethod, RD))
        continue;
      QualType R = MD->getReturnType();
      if (MD->getOverloadedOperator() == OO_Arrow) {
        const auto *PT = R->getAs<PointerType>();
        if (!PT)
          continue;
        R = PT->getPointeeType();
      }
      Out.push_back(withoutRefOrQuals(R));
    }
    for (const CXXBaseSpecifier &B : C->bases())
      Work.push_back(B.getType()->getAsCXXRecordDecl());
  }
}

std::optional<HandleShape> findIn(QualType T, const ApiModel &M,
                                  bool TakesCause, unsigned Unwraps) {
  T = withoutRefOrQuals(T);
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  if (isCancelHandleType(T, M, TakesCause)) {
    HandleShape S;
    S.Wrapped = Unwraps > 0;
    S.Holder = T;
    S.Handle = T;
    return S;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return std::nullopt;

  // A wrapper that may hold an error (it has unwrap members): the handle
  // is inside the value it holds.
  llvm::SmallVector<QualType, 4> Inner;
  unwrappedTypes(T, M, Inner);
  if (!Inner.empty()) {
    if (Unwraps >= MaxUnwraps)
      return std::nullopt;
    for (QualType I : Inner) {
      if (I.isNull() || I.getCanonicalType() == T.getCanonicalType())
        continue;
      if (std::optional<HandleShape> S = findIn(I, M, TakesCause, Unwraps + 1))
        return S;
    }
    return std::nullopt;
  }

  // The elements: public fields, or a tuple's template arguments.
  llvm::SmallVector<QualType, 4> Elements;
  llvm::SmallVector<const FieldDecl *, 4> Fields = publicFields(RD);
  if (!Fields.empty()) {
    for (const FieldDecl *F : Fields)
      Elements.push_back(withoutRefOrQuals(F->getType()));
  } else if (isTupleLikeWrapper(T, M)) {
    for (QualType A : templateTypeArguments(T))
      Elements.push_back(withoutRefOrQuals(A));
  }
  int Found = -1;
  unsigned Candidates = 0, Named = 0;
  int NamedIndex = -1;
  for (unsigned I = 0; I < Elements.size(); ++I) {
    if (!isCancelHandleType(Elements[I], M, TakesCause))
      continue;
    ++Candidates;
    Found = static_cast<int>(I);
    if (M.matchType(Elements[I], Role::CancelHandleType)) {
      ++Named;
      NamedIndex = static_cast<int>(I);
    }
  }
  if (Candidates > 1) {
    if (Named != 1)
      return std::nullopt;
    Found = NamedIndex;
  }
  if (Found < 0)
    return std::nullopt;
  HandleShape S;
  S.Wrapped = Unwraps > 0;
  S.Holder = T;
  S.Index = Found;
  S.Handle = Elements[Found];
  if (!Fields.empty())
    S.Field = Fields[Found];
  return S;
}

const CallExpr *tupleElementCall(const Expr *E, const ApiModel &M) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E);
  if (!CE || isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return nullptr;
  if (!CE->getDirectCallee() || !M.matchCall(CE, Role::TupleElement))
    return nullptr;
  return CE;
}

bool hasExplicitTemplateArgs(const CallExpr *CE) {
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
    return DRE->hasExplicitTemplateArgs();
  return false;
}

} // namespace

bool isCancelHandleType(QualType T, const ApiModel &M, bool TakesCause) {
  T = withoutRefOrQuals(T);
  if (T.isNull() || T->isDependentType())
    return false;
  if (M.matchType(T, Role::CancelHandleType))
    return true;
  if (const auto *PT = T->getAs<PointerType>())
    return acceptsProto(PT->getPointeeType()->getAs<FunctionProtoType>(),
                        TakesCause);
  if (const auto *BT = T->getAs<BlockPointerType>())
    return acceptsProto(BT->getPointeeType()->getAs<FunctionProtoType>(),
                        TakesCause);
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  // A source (std::stop_source, ...) is a handle released by its release
  // method; a context or token is never the handle, even if callable.
  switch (classifyType(T, M)) {
  case ContextKind::Source:
  case ContextKind::CancelHandle:
    return true;
  case ContextKind::Context:
  case ContextKind::Token:
    return false;
  case ContextKind::None:
    break;
  }
  if (!RD->hasDefinition())
    return specializationLooksCallable(T, TakesCause);
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Seen;
  return hasCallOperator(RD, TakesCause, Seen);
}

std::optional<HandleShape> findCancelHandle(QualType Result, const ApiModel &M,
                                            bool TakesCause) {
  return findIn(Result, M, TakesCause, 0);
}

std::optional<HandleShape> HandleShapeCache::find(QualType Result,
                                                  const ApiModel &M,
                                                  bool TakesCause) {
  auto [It, Inserted] =
      Shapes.try_emplace({Result.getAsOpaquePtr(), TakesCause ? 1U : 0U});
  if (Inserted)
    It->second = findCancelHandle(Result, M, TakesCause);
  return It->second;
}

const Expr *unwrappedObject(const Expr *E, const ApiModel &M) {
  if (!E)
    return nullptr;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (MD && MCE->getNumArgs() == 0 && !isa<CXXConversionDecl>(MD) &&
        M.matchCall(MCE, Role::UnwrapMethod))
      return MCE->getImplicitObjectArgument();
    return nullptr;
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = OCE->getOperator();
    if ((K == OO_Star || K == OO_Arrow) && OCE->getNumArgs() == 1 &&
        isa_and_nonnull<CXXMethodDecl>(OCE->getDirectCallee()) &&
        M.matchCall(OCE, Role::UnwrapMethod))
      return OCE->getArg(0);
    return nullptr;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (F && F->getIdentifier() && !ME->isArrow() &&
        M.matchPlainName(F->getName(), Role::UnwrapMethod))
      return ME->getBase();
  }
  return nullptr;
}

std::optional<ElementRead> elementRead(const Expr *E, const ApiModel &M) {
  if (!E)
    return std::nullopt;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return std::nullopt;
    ElementRead R;
    R.Object = ME->getBase();
    R.Field = F;
    R.Index = static_cast<int>(F->getFieldIndex());
    return R;
  }
  const CallExpr *CE = tupleElementCall(E, M);
  if (!CE || CE->getNumArgs() != 1 || !hasExplicitTemplateArgs(CE))
    return std::nullopt;
  const FunctionDecl *FD = CE->getDirectCallee();
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args || Args->size() == 0)
    return std::nullopt;
  ElementRead R;
  R.Object = CE->getArg(0);
  const TemplateArgument &A = Args->get(0);
  if (A.getKind() == TemplateArgument::Integral)
    R.Index = static_cast<int>(A.getAsIntegral().getZExtValue());
  else if (A.getKind() == TemplateArgument::Type)
    R.Index = -1; // get<T>: compared by type in readsHandle
  else
    return std::nullopt;
  if (R.Index < 0) {
    // get<Type>(tuple): find the position by type.
    QualType Want = withoutRefOrQuals(A.getAsType()).getCanonicalType();
    QualType Obj = withoutRefOrQuals(R.Object->getType());
    llvm::SmallVector<QualType, 4> Elems = templateTypeArguments(Obj);
    for (unsigned I = 0; I < Elems.size(); ++I)
      if (withoutRefOrQuals(Elems[I]).getCanonicalType() == Want) {
        R.Index = static_cast<int>(I);
        break;
      }
    if (R.Index < 0)
      return std::nullopt;
  }
  return R;
}

bool readsHandle(const ElementRead &R, const HandleShape &S) {
  if (S.Index < 0)
    return false;
  if (R.Field && S.Field)
    return R.Field->getFieldIndex() == S.Field->getFieldIndex() &&
           R.Field->getDeclName() == S.Field->getDeclName();
  if (R.Field && !S.Field)
    return false; // a field of a value whose elements are not its fields
  return R.Index == S.Index;
}

const CallExpr *tieCall(const Expr *E, const ApiModel &M) {
  const CallExpr *CE = tupleElementCall(E, M);
  if (!CE || hasExplicitTemplateArgs(CE) || CE->getNumArgs() == 0)
    return nullptr;
  return CE;
}

int bindingIndex(const BindingDecl *B) {
  if (!B)
    return -1;
  const auto *D = dyn_cast_or_null<DecompositionDecl>(B->getDecomposedDecl());
  if (!D)
    return -1;
  int I = 0;
  for (const BindingDecl *X : D->bindings()) {
    if (X == B)
      return I;
    ++I;
  }
  return -1;
}

} // namespace context_tidy
