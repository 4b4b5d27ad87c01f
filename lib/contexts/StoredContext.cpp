//===- StoredContext.cpp - Where a declaration keeps a context ------------===//

#include "lib/contexts/StoredContext.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TemplateBase.h"

using namespace clang;

namespace context_tidy {

namespace {

/// Looks through what does not change the value an initializer makes:
/// implicit casts, temporaries, cleanups, parentheses.
const Expr *skipConstruction(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    // T(x) with one argument is a functional cast around the construction.
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Next))
      if (FC->getCastKind() == CK_ConstructorConversion ||
          FC->getCastKind() == CK_NoOp)
        Next = FC->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

bool neverCancelledValue(const Expr *E, ContextKind K, bool ThroughOwner,
                         const ApiModel &M, unsigned Depth = 0) {
  E = skipConstruction(E);
  if (!E || Depth > 4 || E->containsErrors() || E->isValueDependent())
    return false;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor)
      return false;
    // A copy or move of a temporary that is itself never cancelled.
    if (Ctor->isCopyOrMoveConstructor() && CE->getNumArgs() >= 1)
      return neverCancelledValue(CE->getArg(0), K, ThroughOwner, M, Depth + 1);
    if (ThroughOwner || (K != ContextKind::Token && K != ContextKind::Source))
      return false;
    unsigned Written = 0;
    for (const Expr *Arg : CE->arguments()) {
      if (isa<CXXDefaultArgExpr>(Arg))
        continue;
      ++Written;
      if (M.matchType(Arg->getType(), Role::NeverCancelledTag))
        return true;
    }
    // A token that was never handed out by a source observes nothing.
    return K == ContextKind::Token && Written == 0;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    if (IL->getNumInits() == 1)
      return neverCancelledValue(IL->getInit(0), K, ThroughOwner, M,
                                 Depth + 1);
    return false;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return K == ContextKind::Context &&
           isRootContextFunction(Call->getDirectCallee(), M);
  return false;
}

bool isInstantiationKind(TemplateSpecializationKind K) {
  return K == TSK_ImplicitInstantiation ||
         K == TSK_ExplicitInstantiationDeclaration ||
         K == TSK_ExplicitInstantiationDefinition;
}

/// The TypeLoc after the sugar that does not change which type is walked:
/// qualifiers, parentheses, attributes, elaborated names, macros.  Stops at
/// typedefs, template specializations, pointers, arrays and references.
TypeLoc skipSpellingSugar(TypeLoc TL) {
  for (unsigned Guard = 0; !TL.isNull() && Guard < 32; ++Guard) {
    if (auto Q = TL.getAs<QualifiedTypeLoc>()) {
      TL = Q.getUnqualifiedLoc();
      continue;
    }
    if (TL.getAs<TypedefTypeLoc>() || TL.getAs<TemplateSpecializationTypeLoc>())
      return TL;
    const Type *T = TL.getTypePtr();
    if (!T ||
        T->getLocallyUnqualifiedSingleStepDesugaredType().getTypePtr() == T)
      return TL;
    const TypeLoc Next = TL.getNextTypeLoc();
    if (Next.isNull())
      return TL;
    TL = Next;
  }
  return TL;
}

} // namespace

StorageKind staticStorageKind(const VarDecl *VD) {
  if (!VD || isa<ParmVarDecl>(VD) || !VD->hasGlobalStorage())
    return StorageKind::None;
  if (VD->getTLSKind() != VarDecl::TLS_None)
    return StorageKind::ThreadLocal;
  if (VD->isStaticDataMember())
    return StorageKind::StaticMember;
  if (VD->isStaticLocal())
    return StorageKind::StaticLocal;
  return StorageKind::Global;
}

llvm::StringRef storageKindName(StorageKind K) {
  switch (K) {
  case StorageKind::None:
    return "local variable";
  case StorageKind::Global:
    return "global variable";
  case StorageKind::StaticLocal:
    return "static local variable";
  case StorageKind::StaticMember:
    return "static data member";
  case StorageKind::ThreadLocal:
    return "thread_local variable";
  }
  return "variable";
}

bool isRootContextFunction(const FunctionDecl *FD, const ApiModel &M) {
  if (!FD)
    return false;
  const ApiEntry *E = M.matchFunction(FD, Role::RootContext);
  if (!E)
    return false;
  if (E->Flags & ReturnsContext)
    return classifyReferent(FD->getReturnType(), M) == ContextKind::Context;
  return true;
}

bool hasNeverCancelledInitializer(const VarDecl *VD, const ApiModel &M) {
  if (!VD || VD->isInvalidDecl())
    return false;
  const QualType T = VD->getType();
  if (T.isNull() || T->isReferenceType() || T->isPointerType() ||
      T->isDependentType())
    return false;
  bool ThroughOwner = false;
  ContextKind K = classifyType(T, M);
  if (K == ContextKind::None) {
    // A pointer-like owner of a context: ContextPtr root = Background().
    K = classifyReferent(T, M);
    if (K != ContextKind::Context)
      return false;
    ThroughOwner = true;
  }
  const Expr *Init = VD->getAnyInitializer();
  if (!Init)
    return false;
  return neverCancelledValue(Init, K, ThroughOwner, M);
}

bool isInTemplateInstantiation(const Decl *D) {
  if (!D)
    return false;
  if (const auto *VTS = dyn_cast<VarTemplateSpecializationDecl>(D))
    if (isInstantiationKind(VTS->getSpecializationKind()))
      return true;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->isTemplateInstantiation())
        return true;
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (isInstantiationKind(RD->getTemplateSpecializationKind()))
        return true;
    }
  }
  return false;
}

const DeclaratorDecl *instantiatedFrom(const DeclaratorDecl *D) {
  if (!D)
    return nullptr;
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (const VarDecl *P = VD->getTemplateInstantiationPattern())
      return P != VD ? P : nullptr;
    if (const VarDecl *P = VD->getInstantiatedFromStaticDataMember())
      return P;
    // A local of a function template specialization: the pattern's local
    // at the same location.
    const auto *FD = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (!FD)
      return nullptr;
    const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
    if (!Pattern || Pattern == FD)
      return nullptr;
    for (const Decl *X : Pattern->decls())
      if (const auto *PV = dyn_cast<VarDecl>(X))
        if (PV->getLocation() == VD->getLocation())
          return PV;
    return nullptr;
  }
  if (const auto *F = dyn_cast<FieldDecl>(D)) {
    const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
    if (!RD)
      return nullptr;
    const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern();
    if (!Pattern || Pattern == RD)
      return nullptr;
    for (const FieldDecl *PF : Pattern->fields())
      if (PF->getLocation() == F->getLocation())
        return PF;
  }
  return nullptr;
}

SourceLocation instantiationPoint(const Decl *D) {
  if (!D)
    return SourceLocation();
  if (const auto *VTS = dyn_cast<VarTemplateSpecializationDecl>(D))
    if (isInstantiationKind(VTS->getSpecializationKind()) &&
        VTS->getPointOfInstantiation().isValid())
      return VTS->getPointOfInstantiation();
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    SourceLocation Loc;
    if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->isTemplateInstantiation())
        Loc = FD->getPointOfInstantiation();
    } else if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(DC)) {
      if (isInstantiationKind(S->getSpecializationKind()))
        Loc = S->getPointOfInstantiation();
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (const MemberSpecializationInfo *MSI =
              RD->getMemberSpecializationInfo())
        if (isInstantiationKind(MSI->getTemplateSpecializationKind()))
          Loc = MSI->getPointOfInstantiation();
    }
    if (Loc.isValid())
      return Loc;
  }
  return SourceLocation();
}

TypeLoc findPathTypeLoc(TypeLoc TL, const Containment &C, unsigned Target) {
  if (Target >= C.Path.size() || C.ArgIndex.size() != C.Path.size())
    return TypeLoc();
  unsigned I = 0;
  for (unsigned Guard = 0; !TL.isNull() && Guard < 64; ++Guard) {
    // References are stripped by the walk at every step.
    if (auto R = TL.getAs<ReferenceTypeLoc>()) {
      TL = R.getPointeeLoc();
      continue;
    }
    if (I == Target)
      return TL;
    TL = skipSpellingSugar(TL);
    if (TL.isNull())
      return TypeLoc();
    if (auto TD = TL.getAs<TypedefTypeLoc>()) {
      const TypedefNameDecl *Decl = TD.getTypePtr()->getDecl();
      if (!Decl || !Decl->getTypeSourceInfo())
        return TypeLoc();
      TL = Decl->getTypeSourceInfo()->getTypeLoc();
      continue;
    }
    if (auto R = TL.getAs<ReferenceTypeLoc>()) {
      TL = R.getPointeeLoc();
      continue;
    }
    const int Next = C.ArgIndex[I + 1];
    if (Next < 0) {
      if (auto P = TL.getAs<PointerTypeLoc>()) {
        TL = P.getPointeeLoc();
        ++I;
        continue;
      }
      if (auto A = TL.getAs<ArrayTypeLoc>()) {
        TL = A.getElementLoc();
        ++I;
        continue;
      }
      return TypeLoc();
    }
    auto S = TL.getAs<TemplateSpecializationTypeLoc>();
    if (!S)
      return TypeLoc();
    TypeLoc Arg;
    if (S.getTypePtr()->isTypeAlias()) {
      // The walk went through the aliased type; the alias's own arguments
      // are in another order.  Take the one argument of the same type.
      const QualType Want = C.Path[I + 1].getCanonicalType();
      unsigned Matches = 0;
      for (unsigned A = 0; A < S.getNumArgs(); ++A) {
        const TemplateArgumentLoc &AL = S.getArgLoc(A);
        const TypeSourceInfo *TSI = AL.getTypeSourceInfo();
        if (AL.getArgument().getKind() != TemplateArgument::Type || !TSI)
          continue;
        if (TSI->getType().getNonReferenceType().getUnqualifiedType()
                .getCanonicalType() == Want) {
          Arg = TSI->getTypeLoc();
          ++Matches;
        }
      }
      if (Matches != 1)
        return TypeLoc();
    } else {
      // The Next-th type argument as written.
      int N = 0;
      for (unsigned A = 0; A < S.getNumArgs(); ++A) {
        const TemplateArgumentLoc &AL = S.getArgLoc(A);
        if (AL.getArgument().getKind() != TemplateArgument::Type)
          continue;
        if (N++ == Next) {
          if (const TypeSourceInfo *TSI = AL.getTypeSourceInfo())
            Arg = TSI->getTypeLoc();
          break;
        }
      }
    }
    if (Arg.isNull())
      return TypeLoc();
    TL = Arg;
    ++I;
  }
  return TypeLoc();
}

unsigned storedHandleIndex(const Containment &C, const ApiModel &M,
                           unsigned From) {
  for (unsigned I = From; I < C.Path.size(); ++I)
    if (classifyReferent(C.Path[I], M) != ContextKind::None)
      return I;
  return C.Path.empty() ? 0 : C.Path.size() - 1;
}

bool isNestedHandle(const Containment &C, unsigned Handle, unsigned From) {
  for (unsigned I = From; I < Handle && I < C.Path.size(); ++I)
    if (!C.Path[I]->isArrayType())
      return true;
  return false;
}

} // namespace context_tidy
