//===- ApiModelMatch.cpp - Which entry a declaration matches --------------===//
//
// The look-ups of lib/model/ApiModel.h: the entry of a role that a class, a
// type's sugar, a function or a call's callee, a plain name or another
// declaration matches (annotations first, then the name tables), and the
// caches that answer a repeated question at once.
//
//===----------------------------------------------------------------------===//

#include "lib/model/ApiModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace context_tidy {

namespace {

bool isTypeRole(Role R) { return R <= Role::NeverCancelledTag; }

/// Roles whose classes are inherited: a class derived from a context (or
/// token, source, ...) is one.
bool isInheritedTypeRole(Role R) {
  switch (R) {
  case Role::ContextType:
  case Role::TokenType:
  case Role::SourceType:
  case Role::CancelHandleType:
  case Role::StopCallbackType:
  case Role::ScopeGuardType:
    return true;
  default:
    return false;
  }
}

const CXXRecordDecl *templatePattern(const CXXRecordDecl *RD) {
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (const ClassTemplateDecl *T = S->getSpecializedTemplate())
      return T->getTemplatedDecl();
  return nullptr;
}

bool hasMethodNamed(const CXXRecordDecl *RD,
                    std::initializer_list<llvm::StringRef> Names,
                    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || !Seen.insert(RD->getCanonicalDecl()).second)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def) {
    if (const CXXRecordDecl *P = templatePattern(RD))
      Def = P->getDefinition();
    if (!Def)
      return false;
  }
  for (const Decl *D : Def->decls()) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    if (!ND || !ND->getIdentifier())
      continue;
    if (!isa<CXXMethodDecl>(ND) && !isa<FunctionTemplateDecl>(ND))
      continue;
    for (llvm::StringRef N : Names)
      if (ND->getName() == N)
        return true;
  }
  for (const CXXBaseSpecifier &B : Def->bases())
    if (hasMethodNamed(B.getType()->getAsCXXRecordDecl(), Names, Seen))
      return true;
  return false;
}

} // namespace

const ApiEntry *ApiModel::matchQualified(Role R, llvm::StringRef Last,
                                         llvm::StringRef Qualified,
                                         const NamedDecl *ForStructural) const {
  llvm::SmallVector<unsigned, 4> Hits;
  Tables[static_cast<size_t>(R)].match(Last, Qualified, Hits);
  for (unsigned I : Hits) {
    const ApiEntry &E = Entries[I];
    if (E.Flags & Structural) {
      const auto *RD = dyn_cast_or_null<CXXRecordDecl>(ForStructural);
      if (!RD || !isStructuralContext(RD))
        continue;
    }
    return &E;
  }
  return nullptr;
}

bool ApiModel::isStructuralContext(const CXXRecordDecl *RD) const {
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  if (!hasMethodNamed(RD, {"Done", "done"}, Seen))
    return false;
  Seen.clear();
  return hasMethodNamed(RD, {"Err", "err", "Deadline", "deadline"}, Seen);
}

const ApiEntry *ApiModel::matchRecord(const CXXRecordDecl *RD, Role R) const {
  if (!RD || !isTypeRole(R))
    return nullptr;
  RD = RD->getCanonicalDecl();
  auto Key = std::make_pair(static_cast<const Decl *>(RD),
                            static_cast<unsigned>(R));
  auto It = RecordCache.find(Key);
  if (It != RecordCache.end())
    return It->second;
  RecordCache[Key] = nullptr; // breaks cycles through odd base graphs

  const ApiEntry *Found = annotationEntry(RD, R);
  const CXXRecordDecl *Pattern = templatePattern(RD);
  if (!Found && Pattern)
    Found = annotationEntry(Pattern, R);
  if (!Found) {
    std::string Last = simpleName(RD);
    if (!Last.empty() && Tables[static_cast<size_t>(R)].mayMatch(Last))
      Found = matchQualified(R, Last, qualifiedName(RD), RD);
  }
  if (!Found && isInheritedTypeRole(R)) {
    if (const CXXRecordDecl *Def = RD->getDefinition()) {
      for (const CXXBaseSpecifier &B : Def->bases()) {
        if ((Found = matchRecord(B.getType()->getAsCXXRecordDecl(), R)))
          break;
      }
    }
  }
  RecordCache[Key] = Found;
  return Found;
}

const ApiEntry *ApiModel::matchType(QualType T, Role R) const {
  if (T.isNull() || !isTypeRole(R))
    return nullptr;
  // Types are uniqued by the ASTContext, and the walk below ignores
  // qualifiers: the type node is the key.
  auto Key = std::make_pair(T.getTypePtr(), static_cast<unsigned>(R));
  auto It = TypeCache.find(Key);
  if (It != TypeCache.end())
    return It->second;
  const ApiEntry *Found = matchTypeUncached(T.getTypePtr(), R);
  TypeCache[Key] = Found;
  return Found;
}

const ApiEntry *ApiModel::matchTypeUncached(const Type *Ty, Role R) const {
  while (true) {
    if (const auto *TT = dyn_cast<TypedefType>(Ty)) {
      const TypedefNameDecl *TD = TT->getDecl();
      if (const ApiEntry *E = annotationEntry(TD, R))
        return E;
      std::string Last = simpleName(TD);
      if (Tables[static_cast<size_t>(R)].mayMatch(Last))
        if (const ApiEntry *E = matchQualified(R, Last, qualifiedName(TD),
                                               nullptr))
          return E;
    } else if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl()) {
        if (TST->isTypeAlias()) {
          std::string Last = simpleName(TD);
          if (Tables[static_cast<size_t>(R)].mayMatch(Last))
            if (const ApiEntry *E =
                    matchQualified(R, Last, qualifiedName(TD), nullptr))
              return E;
        } else if (const auto *CTD = dyn_cast<ClassTemplateDecl>(TD)) {
          // Covers dependent specializations in uninstantiated templates.
          if (TST->isDependentType())
            return matchRecord(CTD->getTemplatedDecl(), R);
        }
      }
    }
    QualType Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next.getTypePtr() == Ty)
      break;
    Ty = Next.getTypePtr();
  }
  if (const CXXRecordDecl *RD = Ty->getAsCXXRecordDecl())
    return matchRecord(RD, R);
  return nullptr;
}

const Decl *ApiModel::functionKey(const FunctionDecl *FD) {
  // Every implicit instantiation of a function template has the template's
  // names, class and annotations: one entry serves them all (each chrono
  // literal 5ms is its own specialization of operator""ms<'5'>).
  if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate())
    if (FD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation)
      return Primary->getCanonicalDecl();
  return FD;
}

uint64_t ApiModel::candidateRoles(const FunctionDecl *FD,
                                  const Decl *Key) const {
  auto [It, Inserted] = CandidateCache.try_emplace(Key, 0);
  if (!Inserted)
    return It->second;
  uint64_t Mask = 0;
  auto Annotated = [](const Decl *D) {
    return D && D->hasAttrs() && D->hasAttr<AnnotateAttr>();
  };
  if (Annotated(FD) || Annotated(FD->getTemplateInstantiationPattern())) {
    Mask = ~uint64_t(0);
  } else {
    std::string Last = simpleName(FD);
    if (!Last.empty())
      for (unsigned I = 0; I < static_cast<unsigned>(Role::NumRoles); ++I)
        if (!isTypeRole(static_cast<Role>(I)) && Tables[I].mayMatch(Last))
          Mask |= roleBit(static_cast<Role>(I));
  }
  It->second = Mask;
  return Mask;
}

const ApiEntry *ApiModel::matchFunction(const FunctionDecl *FD, Role R,
                                        const CXXRecordDecl *ObjectClass) const {
  if (!FD || isTypeRole(R))
    return nullptr;
  const Decl *Key = functionKey(FD);
  if (!(candidateRoles(FD, Key) & roleBit(R)))
    return nullptr;
  return matchFunctionCached(FD, Key, R, ObjectClass);
}

const ApiEntry *
ApiModel::matchFunctionCached(const FunctionDecl *FD, const Decl *Key, Role R,
                              const CXXRecordDecl *ObjectClass) const {
  auto CacheKey = std::make_tuple(Key, static_cast<const Decl *>(ObjectClass),
                                  static_cast<unsigned>(R));
  auto It = FunctionCache.find(CacheKey);
  if (It != FunctionCache.end())
    return It->second;
  const ApiEntry *Found = matchFunctionUncached(FD, R, ObjectClass);
  FunctionCache[CacheKey] = Found;
  return Found;
}

const ApiEntry *
ApiModel::matchFunctionUncached(const FunctionDecl *FD, Role R,
                                const CXXRecordDecl *ObjectClass) const {
  if (const ApiEntry *E = annotationEntry(FD, R))
    return E;
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    if (const ApiEntry *E = annotationEntry(P, R))
      return E;
  std::string Last = simpleName(FD);
  const NameTable &Table = Tables[static_cast<size_t>(R)];
  if (Last.empty() || !Table.mayMatch(Last))
    return nullptr;

  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD)
    return matchQualified(R, Last, qualifiedName(FD), nullptr);

  // A constructor matches only a pattern spelled "Class::Class": a bare
  // "WithCancel" must not make constructing a class WithCancel a factory.
  bool IsConstructor = isa<CXXConstructorDecl>(MD);
  auto Accept = [&](const ApiEntry *E) {
    if (!E || !IsConstructor)
      return E;
    llvm::StringRef P(E->Pattern);
    std::string Twice = "::" + Last;
    return P.ends_with(Last + Twice) ? E : nullptr;
  };

  // The object's class and its bases, then the method's own class.
  llvm::SmallVector<const CXXRecordDecl *, 8> Work;
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  Work.push_back(ObjectClass ? ObjectClass : MD->getParent());
  Work.push_back(MD->getParent());
  for (size_t I = 0; I < Work.size(); ++I) {
    const CXXRecordDecl *C = Work[I];
    if (!C || !Seen.insert(C->getCanonicalDecl()).second)
      continue;
    if (const ApiEntry *E =
            Accept(matchQualified(R, Last, qualifiedName(C) + "::" + Last,
                                  nullptr)))
      return E;
    if (IsConstructor)
      break;
    if (const CXXRecordDecl *Def = C->getDefinition())
      for (const CXXBaseSpecifier &B : Def->bases())
        Work.push_back(B.getType()->getAsCXXRecordDecl());
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchCall(const Expr *Call, Role R) const {
  if (!Call || isTypeRole(R))
    return nullptr;
  // The checks ask one call several roles in a row: its callee, key and
  // candidate roles are found once.
  if (Call != LastCall.Call) {
    LastCall = ResolvedCall();
    LastCall.Call = Call;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
      LastCall.FD = CE->getConstructor();
      LastCall.ObjectKnown = true; // a constructor has no object
    } else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
      LastCall.FD = CE->getDirectCallee();
    }
    if (LastCall.FD) {
      LastCall.Key = functionKey(LastCall.FD);
      LastCall.Roles = candidateRoles(LastCall.FD, LastCall.Key);
    }
  }
  const FunctionDecl *FD = LastCall.FD;
  if (!FD || !(LastCall.Roles & roleBit(R)))
    return nullptr;
  if (!LastCall.ObjectKnown) {
    LastCall.ObjectKnown = true;
    // The object as written: a derived-to-base conversion to the method's
    // class (std::future -> std::__basic_future) is looked through.
    const auto *CE = cast<CallExpr>(Call);
    const Expr *Object = nullptr;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
      Object = MCE->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD) &&
             CE->getNumArgs() > 0)
      Object = CE->getArg(0);
    if (Object) {
      QualType T = Object->IgnoreParenImpCasts()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      LastCall.ObjectClass = T->getAsCXXRecordDecl();
    }
  }
  return matchFunctionCached(FD, LastCall.Key, R, LastCall.ObjectClass);
}

bool ApiModel::matchPlainName(llvm::StringRef Name, Role R) const {
  llvm::SmallVector<unsigned, 2> Hits;
  Tables[static_cast<size_t>(R)].matchUnqualified(Name, Hits);
  return !Hits.empty();
}

const ApiEntry *ApiModel::matchDecl(const NamedDecl *D, Role R) const {
  if (!D)
    return nullptr;
  if (const ApiEntry *E = annotationEntry(D, R))
    return E;
  std::string Last = simpleName(D);
  if (Last.empty() || !Tables[static_cast<size_t>(R)].mayMatch(Last))
    return nullptr;
  return matchQualified(R, Last, qualifiedName(D), nullptr);
}

} // namespace context_tidy
