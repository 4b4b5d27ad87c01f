//===- StoredContextFinder.cpp - Stored contexts of a TU ------------------===//

#include "lib/contexts/StoredContextFinder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

std::string displayName(const VarDecl *VD) {
  if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
    std::string S = "[";
    for (const BindingDecl *B : DD->bindings()) {
      if (S.size() > 1)
        S += ", ";
      S += B->getName().str();
    }
    return S + "]";
  }
  return VD->getNameAsString();
}

/// The declaration a note can point at for the context-like type \p T: its
/// typedef (a port's CancelFunc) or its class.
const NamedDecl *typeDecl(QualType T) {
  if (T.isNull())
    return nullptr;
  if (const auto *TT = T->getAs<TypedefType>())
    return TT->getDecl();
  return T->getAsCXXRecordDecl();
}

/// A value expression, and what it was converted from: an argument of type
/// std::shared_ptr<void> built from a ContextPtr is still the context.
ContextKind valueKind(const Expr *E, const ApiModel &M) {
  FindOptions Opts;
  Opts.MapKeys = false;
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    if (E->containsErrors() || E->isTypeDependent())
      return ContextKind::None;
    if (std::optional<Containment> C = findContextLike(E->getType(), M, Opts))
      return C->Kind;
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else if (const auto *FE = dyn_cast<FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() == 0)
        return ContextKind::None;
      for (unsigned I = 1; I < CE->getNumArgs(); ++I)
        if (!isa<CXXDefaultArgExpr>(CE->getArg(I)))
          return ContextKind::None;
      E = CE->getArg(0);
    } else
      return ContextKind::None;
  }
  return ContextKind::None;
}

bool inSystemHeader(SourceLocation Loc, const SourceManager &SM) {
  return Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

void fillNotes(const DeclaratorDecl *D, const Containment &C, unsigned Target,
               StoredFinding &F) {
  F.Nested = true;
  if (const TypeSourceInfo *TSI = D->getTypeSourceInfo()) {
    const TypeLoc TL = findPathTypeLoc(TSI->getTypeLoc(), C, Target);
    if (!TL.isNull() && TL.getBeginLoc().isValid()) {
      F.NestedLoc = TL.getBeginLoc();
      return;
    }
  }
  F.TypeDecl = typeDecl(C.Found);
}

} // namespace

bool StoredContextFinder::analyze(const DeclaratorDecl *D,
                                  StoredFinding &F) const {
  const QualType T = D->getType();
  if (T.isNull())
    return false;
  const auto *VD = dyn_cast<VarDecl>(D);
  const StorageKind Storage = VD ? staticStorageKind(VD) : StorageKind::None;
  F.Storage = Storage;
  // A value map: a variable that holds the map (a reference holds it only
  // when it has static storage: static auto &m = *new std::map<...>), or a
  // data member.
  if (!T->isReferenceType() || Storage != StorageKind::None) {
    if (std::optional<Containment> C = findContextLikeMapValue(T, M)) {
      F.What = StoredFinding::ValueMap;
      F.Kind = C->Kind;
      const unsigned Handle = storedHandleIndex(*C, M, 1);
      if (isNestedHandle(*C, Handle, 1))
        fillNotes(D, *C, Handle, F);
      return true;
    }
  }
  if (VD) {
    if (Storage == StorageKind::None)
      return false;
    F.What = StoredFinding::Static;
  } else {
    if (!Options.CheckMembers)
      return false;
    F.What = StoredFinding::Member;
  }
  FindOptions Opts;
  Opts.MapKeys = false;
  std::optional<Containment> C = findContextLike(T, M, Opts);
  if (!C)
    return false;
  F.Kind = C->Kind;
  const unsigned Handle = storedHandleIndex(*C, M, 0);
  if (isNestedHandle(*C, Handle, 0))
    fillNotes(D, *C, Handle, F);
  return true;
}

bool StoredContextFinder::isAllowedName(const FunctionDecl *FD) const {
  if (Options.AllowedNames.empty())
    return false;
  const std::string Last = simpleName(FD);
  if (Last.empty() || !Options.AllowedNames.mayMatch(Last))
    return false;
  llvm::SmallVector<unsigned, 2> Hits;
  Options.AllowedNames.match(Last, qualifiedName(FD), Hits);
  return !Hits.empty();
}

bool StoredContextFinder::isExemptFunctionContext(const VarDecl *VD) const {
  for (const DeclContext *DC = VD->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      if (isRootContextFunction(FD, M) || isAllowedName(FD))
        return true;
  return false;
}

void StoredContextFinder::checkVar(const VarDecl *VD, ASTContext &Ctx,
                                   Report R) {
  if (VD->isImplicit() || VD->isInvalidDecl() || isa<ParmVarDecl>(VD) ||
      !VD->isFirstDecl())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (inSystemHeader(VD->getLocation(), SM))
    return;
  StoredFinding F;
  if (!analyze(VD, F))
    return;
  F.Name = displayName(VD);
  F.Var = VD->getCanonicalDecl();
  F.Loc = VD->getLocation();
  if (isInTemplateInstantiation(VD)) {
    // Reported once: at the template's own declaration when it already
    // names the context type, else where the instantiation that put the
    // context type in was requested.
    const DeclaratorDecl *Pattern = instantiatedFrom(VD);
    StoredFinding Ignored;
    if (!Pattern || analyze(Pattern, Ignored))
      return;
    // A generic function holding a T in an automatic variable decides
    // nothing about storage; static storage is static for every T.
    if (F.Storage == StorageKind::None)
      return;
    F.Loc = instantiationPoint(VD);
    if (inSystemHeader(F.Loc, SM))
      return;
    F.DeclaredLoc = VD->getLocation();
    F.InstantiatedType = VD->getType();
  }
  if (VD->isStaticLocal() && isExemptFunctionContext(VD))
    return;
  if (F.What != StoredFinding::Static) {
    report(F.Var, F, R);
    return;
  }
  // Static storage: decided at the end of the translation unit.
  Pending P;
  P.F = F;
  P.NeverCancelled =
      Options.AllowNeverCancelled && hasNeverCancelledInitializer(VD, M);
  if (P.NeverCancelled && VD->getType().isConstQualified())
    return;
  // A file-local global that only root-context functions use is the
  // library's root, kept outside the function (pygolang's _background).
  // Its linkage makes this translation unit see every use.
  P.FileLocal = F.Storage == StorageKind::Global &&
                !VD->isExternallyVisible() && !F.DeclaredLoc.isValid();
  PendingStatic.try_emplace(F.Var, std::move(P));
}

bool StoredContextFinder::usedInExemptFunction(const DeclRefExpr *Ref,
                                               const VarDecl *Var,
                                               ASTContext &Ctx) const {
  DynTypedNode Node = DynTypedNode::create(*Ref);
  for (unsigned Guard = 0; Guard < 256; ++Guard) {
    const DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>()) {
      if (isRootContextFunction(FD, M) || isAllowedName(FD))
        return true;
      if (!isLambdaCallOperator(FD))
        return false;
    } else if (const auto *V = Node.get<VarDecl>()) {
      if (V->getCanonicalDecl() == Var)
        return true; // its own initializer
      if (!V->isLocalVarDeclOrParm())
        return false; // another global's initializer
    } else if (Node.get<TranslationUnitDecl>() || Node.get<NamespaceDecl>()) {
      return false;
    }
  }
  return false;
}

void StoredContextFinder::checkField(const FieldDecl *FD, ASTContext &Ctx,
                                     Report R) {
  if (FD->isImplicit() || FD->isInvalidDecl())
    return;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent()))
    if (RD->isLambda())
      return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (inSystemHeader(FD->getLocation(), SM))
    return;
  StoredFinding F;
  if (!analyze(FD, F))
    return;
  F.Name = FD->getNameAsString();
  F.Loc = FD->getLocation();
  // A member whose context type comes from a template argument belongs to a
  // generic class (a Result<T>, a Cache<V>): the class does not decide to
  // store contexts, its user does.  Only what the template itself names is
  // reported, at the template, once.
  if (isInTemplateInstantiation(FD))
    return;
  report(FD, F, R);
}

void StoredContextFinder::report(const Decl *D, const StoredFinding &F,
                                 Report R) {
  if (F.What == StoredFinding::ValueMap &&
      (F.Kind == ContextKind::Source || F.Kind == ContextKind::CancelHandle)) {
    PendingMaps.try_emplace(D, F);
    return;
  }
  emit(F, R);
}

void StoredContextFinder::checkCall(const CallExpr *Call, ASTContext &Ctx,
                                    Report R) {
  if (isa<CXXOperatorCallExpr>(Call) || Call->containsErrors())
    return;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return;
  if (const ApiEntry *E = M.matchCall(Call, Role::WithValue)) {
    checkWithValue(Call, *E, Ctx, R);
    return;
  }
  if (const ApiEntry *E = M.matchCall(Call, Role::SignalHandlerRegistration)) {
    llvm::SmallVector<const Expr *, 4> Args(Call->arguments().begin(),
                                            Call->arguments().end());
    const int Index = M.argumentIndex(*E, FD, Args);
    if (Index >= 0)
      noteSignalHandler(Args[Index]);
  }
}

void StoredContextFinder::noteSignalHandler(const Expr *Handler) {
  for (unsigned Depth = 0; Handler && Depth < 8; ++Depth) {
    Handler = Handler->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Handler)) {
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
        SignalHandlers.insert(FD->getCanonicalDecl());
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Handler)) {
      if (const CXXMethodDecl *Op = Lambda->getCallOperator())
        SignalHandlers.insert(Op->getCanonicalDecl());
      return;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(Handler)) {
      if (U->getOpcode() != UO_AddrOf)
        return;
      Handler = U->getSubExpr();
    } else if (const auto *Cast = dyn_cast<CastExpr>(Handler)) {
      Handler = Cast->getSubExpr();
    } else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(Handler)) {
      Handler = MT->getSubExpr();
    } else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(Handler)) {
      Handler = BT->getSubExpr();
    } else if (const auto *CE = dyn_cast<CXXConstructExpr>(Handler)) {
      if (CE->getNumArgs() != 1)
        return;
      Handler = CE->getArg(0);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Handler)) {
      // A captureless lambda converted to a function pointer.
      if (!isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
        return;
      Handler = MC->getImplicitObjectArgument();
    } else {
      return;
    }
  }
}

void StoredContextFinder::noteRelease(const VarDecl *Var, const CallExpr *Call,
                                      ASTContext &Ctx) {
  auto *It = PendingStatic.find(Var->getCanonicalDecl());
  if (It == PendingStatic.end())
    return;
  Pending &P = It->second;
  const bool Cancels =
      M.matchCall(Call, Role::ReleaseMethod) != nullptr ||
      (isa<CXXOperatorCallExpr>(Call) && P.F.Kind == ContextKind::CancelHandle);
  if (!Cancels)
    return;
  // Every function the call is in: a lambda's call operator and the
  // functions around it.
  DynTypedNode Node = DynTypedNode::create(*Call);
  for (unsigned Guard = 0; Guard < 256; ++Guard) {
    const DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>())
      P.ReleasedIn.push_back(FD->getCanonicalDecl());
    else if (const auto *Lambda = Node.get<LambdaExpr>())
      P.ReleasedIn.push_back(Lambda->getCallOperator()->getCanonicalDecl());
    else if (Node.get<TranslationUnitDecl>())
      return;
  }
}

void StoredContextFinder::checkWithValue(const CallExpr *Call,
                                         const ApiEntry &E, ASTContext &Ctx,
                                         Report R) {
  const FunctionDecl *FD = Call->getDirectCallee();
  // A built-in name pattern (WithValue in any scope) counts only for a
  // function that makes a context.
  if (E.From != Profile::User &&
      classifyReferent(FD->getReturnType(), M) != ContextKind::Context)
    return;
  llvm::SmallVector<const Expr *, 4> Args(Call->arguments().begin(),
                                          Call->arguments().end());
  const int Index = M.argumentIndex(E, FD, Args);
  if (Index < 0)
    return;
  const Expr *Value = Args[Index];
  const ContextKind K = valueKind(Value, M);
  if (K == ContextKind::None)
    return;
  StoredFinding F;
  F.What = StoredFinding::ContextValue;
  F.Kind = K;
  F.Loc = Value->getBeginLoc();
  if (inSystemHeader(F.Loc, Ctx.getSourceManager()))
    return;
  emit(F, R);
}

void StoredContextFinder::noteWritten(const VarDecl *Var) {
  Written.insert(Var->getCanonicalDecl());
}

void StoredContextFinder::noteUse(const VarDecl *Var, const DeclRefExpr *Ref,
                                  ASTContext &Ctx) {
  auto *It = PendingStatic.find(Var->getCanonicalDecl());
  if (It == PendingStatic.end() || !It->second.FileLocal ||
      It->second.UsedOutside)
    return;
  It->second.Used = true;
  if (Ref && !usedInExemptFunction(Ref, It->first, Ctx))
    It->second.UsedOutside = true;
}

void StoredContextFinder::noteErasure(const CallExpr *Call, const VarDecl *Var,
                                      const FieldDecl *Field) {
  if (!M.matchCall(Call, Role::EraseMethod))
    return;
  if (Var)
    Erased.insert(Var->getCanonicalDecl());
  if (Field) {
    const DeclaratorDecl *Pattern = instantiatedFrom(Field);
    Erased.insert(Pattern ? Pattern : Field);
  }
}

void StoredContextFinder::emit(const StoredFinding &F, Report R) {
  if (!Reported.insert({F.Loc.getRawEncoding(), static_cast<unsigned>(F.What)})
           .second)
    return;
  R(F);
}

void StoredContextFinder::finish(Report R) {
  for (const auto &[Var, P] : PendingStatic) {
    if (P.NeverCancelled && !Written.count(Var))
      continue;
    if (P.FileLocal && P.Used && !P.UsedOutside)
      continue;
    if (llvm::any_of(P.ReleasedIn, [&](const FunctionDecl *FD) {
          return SignalHandlers.count(FD) != 0;
        }))
      continue; // the process's shutdown switch
    emit(P.F, R);
  }
  // A map of sources or cancel handles that entries are erased from is a
  // registry of in-flight work: each canceller leaves with its work.  A map
  // of contexts is reported either way: whoever reads it picks a context up
  // instead of being handed one.
  for (const auto &[D, F] : PendingMaps)
    if (!Erased.count(D))
      emit(F, R);
  PendingStatic.clear();
  PendingMaps.clear();
  Erased.clear();
  SignalHandlers.clear();
  Written.clear();
  Reported.clear();
}

} // namespace context_tidy
