//===- StoredContextCheck.cpp - context-stored-context --------------------===//

#include "checks/StoredContextCheck.h"

#include "checks/CheckOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

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

std::string plural(ContextKind K) { return contextKindName(K).str() + "s"; }

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

/// A call checkCall() looks at: one that stores a value in a context, or
/// registers a signal handler.  Filtered in the matcher: every other call
/// is spared the bound nodes and the callback.
AST_MATCHER_P(CallExpr, mayStoreOrRegister, const ApiModel *, M) {
  if (isa<CXXOperatorCallExpr>(Node) || Node.containsErrors() ||
      !Node.getDirectCallee())
    return false;
  return M->matchCall(&Node, Role::WithValue) ||
         M->matchCall(&Node, Role::SignalHandlerRegistration);
}

} // namespace

StoredContextCheck::StoredContextCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : ContextCheck(Name, Context, {"MapTypes"}) {
  OptionReader Read(Name, Options, Context);
  CheckMembers = Read.boolean("CheckMembers", false);
  OptionReader::PatternList Allowed =
      Read.patterns("AllowedNames", /*WithArgument=*/false);
  AllowedNamesOption = Allowed.Text;
  for (unsigned I = 0; I < Allowed.Usable.size(); ++I)
    AllowedNames.add(Allowed.Usable[I], I);
  AllowNeverCancelled = Read.boolean("AllowNeverCancelled", true);
}

void StoredContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "CheckMembers", CheckMembers ? "true" : "false");
  Options.store(Opts, "AllowedNames", AllowedNamesOption);
  Options.store(Opts, "AllowNeverCancelled",
                AllowNeverCancelled ? "true" : "false");
}

void StoredContextCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // Run on the code outside system headers only (ContextCheck).
  Finder->addMatcher(varDecl(unless(parmVarDecl())).bind("var"), this);
  Finder->addMatcher(fieldDecl().bind("field"), this);
  Finder->addMatcher(callExpr(mayStoreOrRegister(&model())).bind("call"),
                     this);
}

/// The second pass: the uses of the variables and maps the first pass left
/// pending, matched only when there are some.  Its matchers are tried on
/// every call and reference of the user's code (forEachArgumentWithParam on
/// each call), which cost more than the rest of the check together on code
/// that stores nothing (docs/performance.md).
class StoredContextCheck::UseCollector : public MatchFinder::MatchCallback {
public:
  explicit UseCollector(StoredContextCheck &Check) : Check(Check) {}
  void run(const MatchFinder::MatchResult &Result) override {
    Check.check(Result);
  }
  void registerMatchers(MatchFinder &Finder, bool Statics, bool Maps) {
    // Erasures from maps: a map of sources that entries leave is a registry
    // of in-flight work.
    if (Maps)
      Finder.addMatcher(
          cxxMemberCallExpr(
              on(ignoringParenImpCasts(
                  anyOf(declRefExpr(to(varDecl().bind("erasedVar"))),
                        memberExpr(member(fieldDecl().bind("erasedField")))))))
              .bind("eraseCall"),
          this);
    if (!Statics)
      return;
    // Uses of file-local globals: one only root-context functions use is
    // their root.
    Finder.addMatcher(
        declRefExpr(to(varDecl(hasGlobalStorage()).bind("used"))).bind("use"),
        this);
    // Cancellations of variables with static storage: one a signal handler
    // cancels is the process's shutdown switch, not a request's.
    auto Released = ignoringParenImpCasts(
        declRefExpr(to(varDecl(hasGlobalStorage()).bind("released"))));
    Finder.addMatcher(cxxMemberCallExpr(on(Released)).bind("releaseCall"),
                      this);
    Finder.addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("()"),
                                          hasArgument(0, Released))
                          .bind("releaseCall"),
                      this);
    if (!Check.AllowNeverCancelled)
      return;
    // Writes to variables with static storage: a never-cancelled token that
    // is assigned later is a stored token after all.
    auto Ref = ignoringParenImpCasts(
        declRefExpr(to(varDecl(hasGlobalStorage()).bind("written"))));
    Finder.addMatcher(binaryOperator(isAssignmentOperator(), hasLHS(Ref)),
                      this);
    Finder.addMatcher(
        cxxOperatorCallExpr(isAssignmentOperator(), hasArgument(0, Ref)),
        this);
    Finder.addMatcher(
        cxxMemberCallExpr(on(Ref), callee(cxxMethodDecl(unless(isConst())))),
        this);
    auto NonConstRef = parmVarDecl(
        hasType(lValueReferenceType(pointee(unless(isConstQualified())))));
    Finder.addMatcher(callExpr(forEachArgumentWithParam(Ref, NonConstRef)),
                      this);
    Finder.addMatcher(
        cxxConstructExpr(forEachArgumentWithParam(Ref, NonConstRef)), this);
    Finder.addMatcher(
        unaryOperator(hasOperatorName("&"), hasUnaryOperand(Ref)), this);
  }

private:
  StoredContextCheck &Check;
};

void StoredContextCheck::collectUses() {
  if (!Ctx || (PendingStatic.empty() && PendingMaps.empty()))
    return;
  UseCollector Collector(*this);
  MatchFinder Finder;
  Collector.registerMatchers(Finder, !PendingStatic.empty(),
                             !PendingMaps.empty());
  // The traversal scope is still the user's code (ContextCheck).
  Finder.matchAST(*Ctx);
}

void StoredContextCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *W = Result.Nodes.getNodeAs<VarDecl>("written")) {
    Written.insert(W->getCanonicalDecl());
    return;
  }
  if (const auto *U = Result.Nodes.getNodeAs<VarDecl>("used")) {
    auto *It = PendingStatic.find(U->getCanonicalDecl());
    if (It == PendingStatic.end() || !It->second.FileLocal ||
        It->second.UsedOutside)
      return;
    It->second.Used = true;
    if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("use"))
      if (!usedInExemptFunction(Ref, It->first, *Result.Context))
        It->second.UsedOutside = true;
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("eraseCall")) {
    if (!model().matchCall(Call, Role::EraseMethod))
      return;
    if (const auto *V = Result.Nodes.getNodeAs<VarDecl>("erasedVar"))
      Erased.insert(V->getCanonicalDecl());
    if (const auto *F = Result.Nodes.getNodeAs<FieldDecl>("erasedField")) {
      const DeclaratorDecl *Pattern = instantiatedFrom(F);
      Erased.insert(Pattern ? Pattern : F);
    }
    return;
  }
  if (const auto *R = Result.Nodes.getNodeAs<VarDecl>("released")) {
    if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("releaseCall"))
      noteRelease(R, Call, *Result.Context);
    return;
  }
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var"))
    checkVar(VD, *Result.Context);
  else if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("field"))
    checkField(FD, *Result.Context);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call"))
    checkCall(Call, *Result.Context);
}

bool StoredContextCheck::inSystemHeader(SourceLocation Loc,
                                        const SourceManager &SM) const {
  return Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

void StoredContextCheck::fillNotes(const DeclaratorDecl *D,
                                   const Containment &C, unsigned Target,
                                   Finding &F) const {
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

bool StoredContextCheck::analyze(const DeclaratorDecl *D, Finding &F) const {
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
    if (std::optional<Containment> C = findContextLikeMapValue(T, model())) {
      F.What = Finding::ValueMap;
      F.Kind = C->Kind;
      const unsigned Handle = storedHandleIndex(*C, model(), 1);
      if (isNestedHandle(*C, Handle, 1))
        fillNotes(D, *C, Handle, F);
      return true;
    }
  }
  if (VD) {
    if (Storage == StorageKind::None)
      return false;
    F.What = Finding::Static;
  } else {
    if (!CheckMembers)
      return false;
    F.What = Finding::Member;
  }
  FindOptions Opts;
  Opts.MapKeys = false;
  std::optional<Containment> C = findContextLike(T, model(), Opts);
  if (!C)
    return false;
  F.Kind = C->Kind;
  const unsigned Handle = storedHandleIndex(*C, model(), 0);
  if (isNestedHandle(*C, Handle, 0))
    fillNotes(D, *C, Handle, F);
  return true;
}

bool StoredContextCheck::isAllowedName(const FunctionDecl *FD) const {
  if (AllowedNames.empty())
    return false;
  const std::string Last = simpleName(FD);
  if (Last.empty() || !AllowedNames.mayMatch(Last))
    return false;
  llvm::SmallVector<unsigned, 2> Hits;
  AllowedNames.match(Last, qualifiedName(FD), Hits);
  return !Hits.empty();
}

bool StoredContextCheck::isExemptFunctionContext(const VarDecl *VD) const {
  for (const DeclContext *DC = VD->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      if (isRootContextFunction(FD, model()) || isAllowedName(FD))
        return true;
  return false;
}

void StoredContextCheck::checkVar(const VarDecl *VD, ASTContext &Ctx) {
  if (VD->isImplicit() || VD->isInvalidDecl() || isa<ParmVarDecl>(VD) ||
      !VD->isFirstDecl())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (inSystemHeader(VD->getLocation(), SM))
    return;
  Finding F;
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
    Finding Ignored;
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
  if (F.What != Finding::Static) {
    report(F.Var, F);
    return;
  }
  // Static storage: decided at the end of the translation unit.
  Pending P;
  P.F = F;
  P.NeverCancelled =
      AllowNeverCancelled && hasNeverCancelledInitializer(VD, model());
  if (P.NeverCancelled && VD->getType().isConstQualified())
    return;
  // A file-local global that only root-context functions use is the
  // library's root, kept outside the function (pygolang's _background).
  // Its linkage makes this translation unit see every use.
  P.FileLocal = F.Storage == StorageKind::Global &&
                !VD->isExternallyVisible() && !F.DeclaredLoc.isValid();
  PendingStatic.try_emplace(F.Var, std::move(P));
}

bool StoredContextCheck::usedInExemptFunction(const DeclRefExpr *Ref,
                                              const VarDecl *Var,
                                              ASTContext &Ctx) const {
  DynTypedNode Node = DynTypedNode::create(*Ref);
  for (unsigned Guard = 0; Guard < 256; ++Guard) {
    const DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>()) {
      if (isRootContextFunction(FD, model()) || isAllowedName(FD))
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

void StoredContextCheck::checkField(const FieldDecl *FD, ASTContext &Ctx) {
  if (FD->isImplicit() || FD->isInvalidDecl())
    return;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent()))
    if (RD->isLambda())
      return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (inSystemHeader(FD->getLocation(), SM))
    return;
  Finding F;
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
  report(FD, F);
}

void StoredContextCheck::report(const Decl *D, const Finding &F) {
  if (F.What == Finding::ValueMap && (F.Kind == ContextKind::Source ||
                                      F.Kind == ContextKind::CancelHandle)) {
    PendingMaps.try_emplace(D, F);
    return;
  }
  emit(F);
}

void StoredContextCheck::checkCall(const CallExpr *Call, ASTContext &Ctx) {
  if (isa<CXXOperatorCallExpr>(Call) || Call->containsErrors())
    return;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return;
  if (const ApiEntry *E = model().matchCall(Call, Role::WithValue)) {
    checkWithValue(Call, *E, Ctx);
    return;
  }
  if (const ApiEntry *E =
          model().matchCall(Call, Role::SignalHandlerRegistration)) {
    llvm::SmallVector<const Expr *, 4> Args(Call->arguments().begin(),
                                            Call->arguments().end());
    const int Index = model().argumentIndex(*E, FD, Args);
    if (Index >= 0)
      noteSignalHandler(Args[Index]);
  }
}

void StoredContextCheck::noteSignalHandler(const Expr *Handler) {
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

void StoredContextCheck::noteRelease(const VarDecl *Var, const CallExpr *Call,
                                     ASTContext &Ctx) {
  auto *It = PendingStatic.find(Var->getCanonicalDecl());
  if (It == PendingStatic.end())
    return;
  Pending &P = It->second;
  const bool Cancels =
      model().matchCall(Call, Role::ReleaseMethod) != nullptr ||
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

void StoredContextCheck::checkWithValue(const CallExpr *Call,
                                        const ApiEntry &E, ASTContext &Ctx) {
  const FunctionDecl *FD = Call->getDirectCallee();
  // A built-in name pattern (WithValue in any scope) counts only for a
  // function that makes a context.
  if (E.From != Profile::User &&
      classifyReferent(FD->getReturnType(), model()) != ContextKind::Context)
    return;
  llvm::SmallVector<const Expr *, 4> Args(Call->arguments().begin(),
                                          Call->arguments().end());
  const int Index = model().argumentIndex(E, FD, Args);
  if (Index < 0)
    return;
  const Expr *Value = Args[Index];
  const ContextKind K = valueKind(Value, model());
  if (K == ContextKind::None)
    return;
  Finding F;
  F.What = Finding::ContextValue;
  F.Kind = K;
  F.Loc = Value->getBeginLoc();
  if (inSystemHeader(F.Loc, Ctx.getSourceManager()))
    return;
  emit(F);
}

void StoredContextCheck::emit(const Finding &F) {
  if (!Reported.insert({F.Loc.getRawEncoding(), static_cast<unsigned>(F.What)})
           .second)
    return;
  const StringRef Kind = contextKindName(F.Kind);
  const char *Tail =
      " and outlives the request that owns it; pass it down as a parameter";
  switch (F.What) {
  case Finding::Static:
    if (F.Nested)
      diag(F.Loc, std::string("a %0 is stored in %1 '%2'") + Tail)
          << Kind << storageKindName(F.Storage) << F.Name;
    else
      diag(F.Loc, std::string("%0 '%2' is stored in a %1") + Tail)
          << Kind << storageKindName(F.Storage) << F.Name;
    break;
  case Finding::Member:
    if (F.Nested)
      diag(F.Loc, std::string("a %0 is stored in data member '%1'") + Tail)
          << Kind << F.Name;
    else
      diag(F.Loc, std::string("%0 '%1' is stored in a data member") + Tail)
          << Kind << F.Name;
    break;
  case Finding::ValueMap:
    diag(F.Loc, "map '%0' stores %1 as values; they outlive the requests "
                "that own them; pass each %2 down as a parameter instead")
        << F.Name << plural(F.Kind) << Kind;
    break;
  case Finding::ContextValue:
    diag(F.Loc, std::string("a %0 is stored as a value of another context") +
                    Tail)
        << Kind;
    break;
  }
  if (F.DeclaredLoc.isValid()) {
    diag(F.DeclaredLoc, "'%0' is declared here with type %1 in this "
                        "instantiation",
         DiagnosticIDs::Note)
        << F.Name << F.InstantiatedType;
    return;
  }
  if (!F.Nested)
    return;
  if (F.NestedLoc.isValid())
    diag(F.NestedLoc, "the %0 type is nested here", DiagnosticIDs::Note)
        << Kind;
  else if (F.TypeDecl)
    diag(F.TypeDecl->getLocation(), "the %0 type '%1' is declared here",
         DiagnosticIDs::Note)
        << Kind << F.TypeDecl->getQualifiedNameAsString();
}

void StoredContextCheck::onEndOfTranslationUnit() {
  collectUses();
  for (const auto &[Var, P] : PendingStatic) {
    if (P.NeverCancelled && !Written.count(Var))
      continue;
    if (P.FileLocal && P.Used && !P.UsedOutside)
      continue;
    if (llvm::any_of(P.ReleasedIn, [&](const FunctionDecl *FD) {
          return SignalHandlers.count(FD) != 0;
        }))
      continue; // the process's shutdown switch
    emit(P.F);
  }
  // A map of sources or cancel handles that entries are erased from is a
  // registry of in-flight work: each canceller leaves with its work.  A map
  // of contexts is reported either way: whoever reads it picks a context up
  // instead of being handed one.
  for (const auto &[D, F] : PendingMaps)
    if (!Erased.count(D))
      emit(F);
  PendingStatic.clear();
  PendingMaps.clear();
  Erased.clear();
  SignalHandlers.clear();
  Written.clear();
  Reported.clear();
  Ctx = nullptr;
  model().clearCaches();
}

} // namespace clang::tidy::context
