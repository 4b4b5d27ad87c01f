//===- HandleTracker.cpp - Cancel handles that must be called -------------===//

#include "lib/flow/HandleTracker.h"

#include "lib/flow/CancelHandles.h"
#include "lib/model/TypeClassifier.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include <algorithm>
#include <memory>

using namespace clang;

namespace context_tidy {

namespace {

/// What a value carries: a wrapped result, the unwrapped holder (pair,
/// tuple, struct), the handle itself, a source, or a source's token.
enum class VK : unsigned char { Wrapped, Holder, Handle };

enum class Outcome : unsigned char {
  Bound,       ///< kept in a local variable (tracked from there)
  Invoked,     ///< called, or deferred to a scope guard
  Transferred, ///< handed elsewhere: returned, stored, passed, captured
  Discarded,   ///< thrown away with the temporary that held it
  NonUse,      ///< looked at, not used: (void)h, if (h), &h logged
  Overwrite,   ///< the variable is assigned a new value
  Unknown,     ///< something else: treated as handed on (no report)
};

struct Site {
  const CallExpr *Call = nullptr; ///< the factory call (null for a source)
  const VarDecl *Source = nullptr;
  HandleShape Shape;
  unsigned Bit = 0;
  const ValueDecl *Primary = nullptr; ///< the variable named by the warning
  bool PrimaryIsHolder = false;
  SourceLocation WarnLoc;
  bool Generated = false; ///< some path binds it
  bool Used = false;      ///< some invocation, transfer or alias
};

struct Holding {
  unsigned Site;
  VK K;
};

/// A value being followed up the AST.
struct Flow {
  const Expr *E;
  VK K;
  bool Fresh;     ///< a temporary that owns the only copy (from the call)
  bool Extracted; ///< unwrapped from a variable holding a wrapped result
};

bool isBuiltinMoveLike(const CallExpr *CE) {
  switch (CE->getBuiltinCallee()) {
  case Builtin::BImove:
  case Builtin::BIforward:
  case Builtin::BImove_if_noexcept:
  case Builtin::BIas_const:
#if LLVM_VERSION_MAJOR >= 17
  case Builtin::BIforward_like:
#endif
    return true;
  default:
    return false;
  }
}

bool isUnevaluated(const Stmt *P) {
  if (isa<UnaryExprOrTypeTraitExpr>(P) || isa<CXXNoexceptExpr>(P) ||
      isa<RequiresExpr>(P))
    return true;
  if (const auto *T = dyn_cast<CXXTypeidExpr>(P))
    return !T->isPotentiallyEvaluated();
  return false;
}

bool isComparisonLike(const Stmt *P) {
  if (const auto *BO = dyn_cast<BinaryOperator>(P))
    return BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(P))
    return UO->getOpcode() == UO_LNot;
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P)) {
    switch (OCE->getOperator()) {
    case OO_EqualEqual:
    case OO_ExclaimEqual:
    case OO_Exclaim:
    case OO_Less:
    case OO_Greater:
    case OO_LessEqual:
    case OO_GreaterEqual:
    case OO_Spaceship:
    case OO_AmpAmp:
    case OO_PipePipe:
      return true;
    default:
      return false;
    }
  }
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
    switch (ICE->getCastKind()) {
    case CK_PointerToBoolean:
    case CK_MemberPointerToBoolean:
    case CK_IntegralToBoolean:
      return true;
    default:
      return false;
    }
  }
  return false;
}

bool isVoidCast(const Stmt *P) {
  const auto *CE = dyn_cast<ExplicitCastExpr>(P);
  return CE && CE->getType()->isVoidType();
}

/// A variable whose storage belongs to this function: a local by value or a
/// parameter by value, or a binding of such a structured binding.
bool isOwnedLocal(const ValueDecl *D) {
  if (const auto *V = dyn_cast_or_null<VarDecl>(D))
    return V->hasLocalStorage() && !V->getType()->isReferenceType();
  if (const auto *B = dyn_cast_or_null<BindingDecl>(D)) {
    const auto *V = dyn_cast_or_null<VarDecl>(B->getDecomposedDecl());
    return V && V->hasLocalStorage() && !V->getType()->isReferenceType();
  }
  return false;
}

/// The local variable an lvalue expression names, if any.
const ValueDecl *namedLocal(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE || !isOwnedLocal(DRE->getDecl()))
    return nullptr;
  return DRE->getDecl();
}

/// A namespace-scope variable of an empty class, such as std::ignore: an
/// assignment to it throws the value away.
bool isSwallowingVariable(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE)
    return false;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V || V->hasLocalStorage())
    return false;
  const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() && RD->isEmpty();
}

/// Whether A and B are specializations of the same class template.
bool sameTemplate(QualType A, QualType B) {
  const auto *SA = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      A->getAsCXXRecordDecl());
  const auto *SB = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      B->getAsCXXRecordDecl());
  return SA && SB &&
         SA->getSpecializedTemplate()->getCanonicalDecl() ==
             SB->getSpecializedTemplate()->getCanonicalDecl();
}

/// The location of the callee's name in a call.
SourceLocation calleeNameLoc(const CallExpr *CE) {
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
    return DRE->getLocation();
  if (const auto *ME = dyn_cast<MemberExpr>(Callee))
    return ME->getMemberLoc();
  return CE->getBeginLoc();
}

std::string declName(const NamedDecl *D) {
  if (!D)
    return {};
  if (D->getIdentifier())
    return D->getName().str();
  return D->getNameAsString();
}

class Tracker {
public:
  /// \p Root is the statement whose parents the tracker may ask for.
  Tracker(Stmt *Root, ASTContext &Ctx, const ApiModel &M,
          const TrackerOptions &O)
      : Root(Root), Ctx(Ctx), SM(Ctx.getSourceManager()), M(M), O(O) {}

  /// Walks \p Body and collects what the analysis needs.  False if the body
  /// has errors.
  bool collect(const Stmt *Body);
  /// Follows each factory call and each tracked variable; fills Problem.
  void build();
  /// The factory calls found by collect().
  llvm::ArrayRef<const CallExpr *> factoryCalls() const { return Calls; }
  /// Follows one factory call; for findDiscardedHandle.
  std::optional<LostHandle> followCall(const CallExpr *C);
  std::vector<LostHandle> results(const FlowResult &R) const;
  FlowProblem Problem;
  bool hasWork() const { return !Problem.empty(); }

private:
  /// The parents of the nodes the analysis follows.  The walks up start at
  /// a node collect() recorded (a factory call, a variable's reference) and
  /// stay within its statement, so the map holds the statements of those
  /// nodes, each added when first asked about; building it for the whole
  /// body cost more than the rest of the tracking (docs/performance.md).
  /// A node outside them makes it build the whole body's map.
  const Stmt *parent(const Stmt *S) const;
  const Expr *transparentParent(const Stmt *P, const Flow &F) const;
  Outcome follow(Flow F, unsigned SI, const Stmt *&At);
  Outcome followLambda(const LambdaExpr *L, unsigned SI, const Stmt *&At);
  Outcome handleUse(Flow F, const Stmt *P, unsigned SI, const Stmt *&At);
  Outcome bindingTo(const ValueDecl *V, VK K, const Flow &F, unsigned SI,
                    const Stmt *AnchorStmt, const VarDecl *AnchorDecl,
                    SourceLocation Where);
  Outcome varInit(const DeclStmt *DS, const Flow &F, unsigned SI);
  Outcome assignment(const Expr *LHS, const Stmt *Assign, const Flow &F,
                     unsigned SI);
  Outcome tieAssignment(const CallExpr *Tie, const Stmt *Assign,
                        const Flow &F, unsigned SI);
  void addVar(const ValueDecl *V, Holding H);
  void processVar(const ValueDecl *V, Holding H);
  bool inScopeGuardMacro(SourceLocation Loc) const;
  bool inAssertionMacro(SourceLocation Loc) const;
  bool isScopeGuardVar(const VarDecl *V) const {
    return M.matchType(V->getType(), Role::ScopeGuardType) != nullptr;
  }
  void kill(const Stmt *At, unsigned SI);
  Outcome addressUse(const Expr *Addr) const;

  // Sources.
  void trackSource(const VarDecl *V);
  bool followToken(const Expr *Tok, unsigned Depth,
                   const VarDecl *&Owner) const;
  bool handedToOwner(const Expr *E, const VarDecl *&Owner) const;
  bool lambdaReleases(const LambdaExpr *L, const VarDecl *Src) const;
  void trackOwner(const VarDecl *Owner, unsigned SI);

  Stmt *Root;
  mutable std::unique_ptr<ParentMap> PM;
  /// Whether PM holds the whole body (else only the statements added).
  mutable bool WholeBody = false;
  /// A statement of a compound statement (or the root), and its parent.
  struct Anchor {
    const Stmt *S = nullptr;
    const Stmt *Parent = nullptr;
  };
  /// The statement each recorded node lies in.
  llvm::DenseMap<const Stmt *, Anchor> AnchorOf;
  /// The statement of the node parent() was last asked about.
  mutable Anchor LastAnchor;
  mutable llvm::DenseSet<const Stmt *> Added;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ApiModel &M;
  const TrackerOptions &O;

  llvm::SmallVector<const CallExpr *, 4> Calls;
  llvm::SmallVector<const VarDecl *, 2> SourceVars;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      Refs;
  std::vector<Site> Sites;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<Holding, 1>> Vars;
  llvm::SmallVector<std::pair<const ValueDecl *, Holding>, 8> Work;
  /// Variables overwritten by an assignment, and where.
  llvm::SmallVector<std::pair<const ValueDecl *, const Stmt *>, 4> Overwrites;
  llvm::DenseSet<std::pair<const Stmt *, unsigned>> Gens, Kills;
  std::vector<LostHandle> Discards;
  /// Set when a fresh result is discarded after reading another element.
  bool KeptOtherElement = false;
};

/// The parent of \p S below \p Top, found by a walk down from Top: null
/// when S is not there, or when the walk meets a node whose parent
/// ParentMap defines otherwise than by its children (opaque values,
/// pseudo-objects, captured statements, rewritten default arguments), or
/// after \p Budget nodes.  \p Known: whether the answer is one.
const Stmt *parentBelow(const Stmt *Top, const Stmt *S, unsigned Budget,
                        bool &Known) {
  Known = false;
  llvm::SmallVector<const Stmt *, 16> Stack{Top};
  while (!Stack.empty()) {
    const Stmt *N = Stack.pop_back_val();
    if (Budget-- == 0 || isa<PseudoObjectExpr>(N) ||
        isa<BinaryConditionalOperator>(N) || isa<OpaqueValueExpr>(N) ||
        isa<CapturedStmt>(N) || isa<CXXDefaultArgExpr>(N) ||
        isa<CXXDefaultInitExpr>(N))
      return nullptr;
    for (const Stmt *Child : N->children()) {
      if (Child == S) {
        Known = true;
        return N;
      }
      if (Child)
        Stack.push_back(Child);
    }
  }
  return nullptr;
}

const Stmt *Tracker::parent(const Stmt *S) const {
  if (!S || S == Root)
    return nullptr;
  // Most walks up stay in the statement their node lies in, and most such
  // statements are small: a walk down from it finds the parent without a
  // map.  Anything else falls through to the maps below.
  if (!WholeBody) {
    auto It = AnchorOf.find(S);
    if (It != AnchorOf.end())
      LastAnchor = It->second;
    if (LastAnchor.S) {
      if (S == LastAnchor.S)
        return LastAnchor.Parent;
      bool Known = false;
      const Stmt *P = parentBelow(LastAnchor.S, S, 128, Known);
      if (Known)
        return P;
    }
  }
  if (PM) {
    if (const Stmt *P = PM->getParent(S))
      return P;
    if (WholeBody)
      return nullptr;
  }
  auto It = AnchorOf.find(S);
  if (It != AnchorOf.end() && !Added.contains(It->second.S)) {
    const Anchor &A = It->second;
    Added.insert(A.S);
    // ParentMap has no empty state: the first statement makes it.
    if (PM)
      PM->addStmt(const_cast<Stmt *>(A.S));
    else
      PM = std::make_unique<ParentMap>(const_cast<Stmt *>(A.S));
    if (A.Parent)
      PM->setParent(A.S, A.Parent);
    if (S == A.S)
      return A.Parent;
    if (const Stmt *P = PM->getParent(S))
      return P;
  }
  WholeBody = true;
  PM = std::make_unique<ParentMap>(Root);
  return PM->getParent(S);
}

bool Tracker::collect(const Stmt *Body) {
  // Each node with the statement it lies in: one of a compound statement's,
  // or the root.
  struct Item {
    const Stmt *S;
    Anchor In;
  };
  llvm::SmallVector<Item, 64> Stack{{Body, {Body, nullptr}}};
  while (!Stack.empty()) {
    const auto [S, In] = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (E->containsErrors())
        return false;
      if (E->isValueDependent() || E->isTypeDependent())
        return false;
    }
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      // Its body is a function of its own; its captures are evaluated here.
      for (const Expr *Init : L->capture_inits())
        Stack.push_back({Init, In});
      continue;
    }
    if (isa<BlockExpr>(S))
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (isa<VarDecl>(DRE->getDecl()) || isa<BindingDecl>(DRE->getDecl())) {
        Refs[DRE->getDecl()].push_back(DRE);
        AnchorOf[DRE] = In;
      }
    } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (M.matchCall(CE, Role::CancelFactory)) {
        Calls.push_back(CE);
        AnchorOf[CE] = In;
      }
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      if (O.CheckSources)
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            if (V->hasLocalStorage() && !V->getType()->isReferenceType() &&
                !isa<DecompositionDecl>(V) &&
                M.matchType(V->getType(), Role::SourceType))
              SourceVars.push_back(V);
    } else if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      if (RS->getReturnLoc().isMacroID() &&
          inAssertionMacro(RS->getReturnLoc()))
        Problem.addQuietExit(RS);
    }
    // Children reversed on the stack, so that they are visited in source
    // order.
    const bool Compound = isa<CompoundStmt>(S);
    size_t First = Stack.size();
    for (const Stmt *Child : S->children())
      Stack.push_back({Child, Compound ? Anchor{Child, S} : In});
    std::reverse(Stack.begin() + First, Stack.end());
  }
  return true;
}

bool Tracker::inScopeGuardMacro(SourceLocation Loc) const {
  const LangOptions &LO = Ctx.getLangOpts();
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!Name.empty() && M.matchPlainName(Name, Role::ScopeGuardMacro))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

bool Tracker::inAssertionMacro(SourceLocation Loc) const {
  const LangOptions &LO = Ctx.getLangOpts();
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!Name.empty() && M.matchPlainName(Name, Role::AssertionMacro))
      return true;
    // Up one expansion, whether Loc came from the macro's body or from an
    // argument of it.
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
  return false;
}

const Expr *Tracker::transparentParent(const Stmt *P, const Flow &F) const {
  const Expr *E = F.E;
  if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
      isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P))
    return cast<Expr>(P);
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
    switch (ICE->getCastKind()) {
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_FunctionToPointerDecay:
    case CK_ConstructorConversion:
    case CK_AtomicToNonAtomic:
    case CK_NonAtomicToAtomic:
      return ICE;
    default:
      return nullptr;
    }
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    if (CE->getNumArgs() == 0 || CE->getArg(0) != E)
      return nullptr;
    for (unsigned I = 1; I < CE->getNumArgs(); ++I)
      if (!isa<CXXDefaultArgExpr>(CE->getArg(I)))
        return nullptr;
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && Ctor->isCopyOrMoveConstructor())
      return CE;
    if (F.K == VK::Handle && isCancelHandleType(CE->getType(), M, true))
      return CE;
    if (F.K == VK::Holder && sameTemplate(CE->getType(), E->getType())) {
      // A converting copy into another pair type: the same handle.
      std::optional<HandleShape> S = findCancelHandle(CE->getType(), M, true);
      if (S && !S->Wrapped)
        return CE;
    }
    return nullptr;
  }
  if (const auto *EC = dyn_cast<ExplicitCastExpr>(P)) {
    if (EC->getType()->isVoidType())
      return nullptr;
    switch (EC->getCastKind()) {
    case CK_NoOp:
    case CK_LValueToRValue:
    case CK_ConstructorConversion:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
      return EC;
    default:
      return nullptr;
    }
  }
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    if (CE->getNumArgs() >= 1 && CE->getArg(0) == E && isBuiltinMoveLike(CE))
      return CE;
    return nullptr;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Comma && BO->getRHS() == E)
      return BO;
    return nullptr;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    // (*fp)() on a function pointer.
    if (UO->getOpcode() == UO_Deref && F.K == VK::Handle &&
        E->getType()->isFunctionPointerType())
      return UO;
    return nullptr;
  }
  return nullptr;
}

void Tracker::addVar(const ValueDecl *V, Holding H) {
  auto &Hs = Vars[V];
  for (const Holding &X : Hs)
    if (X.Site == H.Site && X.K == H.K)
      return;
  Hs.push_back(H);
  Work.push_back({V, H});
}

Outcome Tracker::bindingTo(const ValueDecl *V, VK K, const Flow &F,
                           unsigned SI, const Stmt *AnchorStmt,
                           const VarDecl *AnchorDecl, SourceLocation Where) {
  Site &S = Sites[SI];
  addVar(V, {SI, K});
  if (!F.Fresh && !F.Extracted)
    return Outcome::Bound; // an alias of a tracked variable
  if (K == VK::Wrapped) {
    // The handle does not exist yet; a previous one from this call that is
    // still unreleased is lost when the variable is created again.
    if (AnchorDecl)
      Problem.addDeclEvent(AnchorDecl, FlowEventKind::Overwrite, S.Bit);
    else
      Problem.addEvent(AnchorStmt, FlowEventKind::Overwrite, S.Bit);
    return Outcome::Bound;
  }
  FlowEventKind Ev = F.Fresh ? FlowEventKind::GenCheck : FlowEventKind::Gen;
  if (AnchorDecl) {
    Problem.addDeclEvent(AnchorDecl, Ev, S.Bit);
  } else {
    Problem.addEvent(AnchorStmt, Ev, S.Bit);
    Gens.insert({AnchorStmt, S.Bit});
  }
  S.Generated = true;
  if (!S.Primary) {
    S.Primary = V;
    S.PrimaryIsHolder = K != VK::Handle;
    S.WarnLoc = Where;
  }
  return Outcome::Bound;
}

Outcome Tracker::varInit(const DeclStmt *DS, const Flow &F, unsigned SI) {
  const VarDecl *V = nullptr;
  for (const Decl *D : DS->decls())
    if (const auto *X = dyn_cast<VarDecl>(D))
      if (X->getInit() == F.E)
        V = X;
  if (!V || V->isInvalidDecl())
    return Outcome::Unknown;
  if (V->getType()->isReferenceType()) {
    // A reference bound to the value: to a temporary it extends its life
    // like a variable; to a variable it is an alias.
    if (!V->hasLocalStorage())
      return Outcome::Transferred;
  } else if (!V->hasLocalStorage()) {
    return Outcome::Transferred; // a static or thread_local
  }
  if (F.K == VK::Handle && isScopeGuardVar(V))
    return Outcome::Invoked;
  const Site &S = Sites[SI];
  if (const auto *DD = dyn_cast<DecompositionDecl>(V)) {
    if (F.K != VK::Holder || S.Shape.Index < 0)
      return Outcome::Unknown;
    for (const BindingDecl *B : DD->bindings())
      if (bindingIndex(B) == S.Shape.Index)
        return bindingTo(B, VK::Handle, F, SI, nullptr, V, B->getLocation());
    return Outcome::Unknown;
  }
  return bindingTo(V, F.K, F, SI, nullptr, V, V->getLocation());
}

Outcome Tracker::assignment(const Expr *LHS, const Stmt *Assign, const Flow &F,
                            unsigned SI) {
  if (const CallExpr *Tie = tieCall(LHS->IgnoreParenImpCasts(), M))
    return tieAssignment(Tie, Assign, F, SI);
  const ValueDecl *V = namedLocal(LHS);
  if (!V)
    return Outcome::Transferred; // a member, a global, an element, *p
  if (F.K == VK::Handle && isa<VarDecl>(V) &&
      isScopeGuardVar(cast<VarDecl>(V)))
    return Outcome::Invoked;
  return bindingTo(V, F.K, F, SI, Assign, nullptr, LHS->getExprLoc());
}

Outcome Tracker::tieAssignment(const CallExpr *Tie, const Stmt *Assign,
                               const Flow &F, unsigned SI) {
  const Site &S = Sites[SI];
  if (F.K != VK::Holder || S.Shape.Index < 0 ||
      S.Shape.Index >= static_cast<int>(Tie->getNumArgs()))
    return Outcome::Unknown;
  const Expr *Arg = Tie->getArg(S.Shape.Index);
  if (isSwallowingVariable(Arg)) {
    if (F.Fresh)
      KeptOtherElement = true;
    return F.Fresh ? Outcome::Discarded : Outcome::NonUse;
  }
  const ValueDecl *V = namedLocal(Arg);
  if (!V)
    return Outcome::Transferred;
  return bindingTo(V, VK::Handle, F, SI, Assign, nullptr,
                   Arg->IgnoreParenImpCasts()->getExprLoc());
}

Outcome Tracker::followLambda(const LambdaExpr *L, unsigned SI,
                              const Stmt *&At) {
  Flow F{L, VK::Handle, false, false};
  while (true) {
    const Stmt *P = parent(F.E);
    if (!P)
      return Outcome::Transferred;
    if (const Expr *Up = transparentParent(P, F)) {
      F.E = Up;
      continue;
    }
    if (isUnevaluated(P))
      return Outcome::NonUse;
    if (const auto *CE = dyn_cast<CallExpr>(P)) {
      if (CE->getCallee()->IgnoreParenImpCasts() == F.E)
        return Outcome::Invoked;
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE))
        if (OCE->getOperator() == OO_Call && OCE->getArg(0) == F.E)
          return Outcome::Invoked;
      return Outcome::Transferred; // a scope guard factory, a thread, ...
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V || V->getInit() != F.E)
          continue;
        if (!V->hasLocalStorage() || isScopeGuardVar(V))
          return Outcome::Invoked;
        // The closure holds the handle: calling or passing it counts.
        addVar(V, {SI, VK::Handle});
        return Outcome::Bound;
      }
      return Outcome::Unknown;
    }
    return Outcome::Transferred;
  }
}

Outcome Tracker::follow(Flow F, unsigned SI, const Stmt *&At) {
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    const Stmt *P = parent(F.E);
    if (!P)
      return F.Fresh ? Outcome::Transferred : Outcome::NonUse;
    if (const Expr *Up = transparentParent(P, F)) {
      F.E = Up;
      continue;
    }
    if (isUnevaluated(P))
      return Outcome::NonUse;
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      if (llvm::is_contained(L->capture_inits(), F.E))
        return followLambda(L, SI, At);
      return Outcome::Unknown;
    }
    // Unwrapping a result.
    if (F.K == VK::Wrapped) {
      // r.value() is a call whose callee, the MemberExpr, is P.
      const Stmt *U = P;
      if (const auto *ME = dyn_cast<MemberExpr>(P))
        if (const auto *MCE =
                dyn_cast_or_null<CXXMemberCallExpr>(parent(ME)))
          if (MCE->getCallee() == ME)
            U = MCE;
      if (unwrappedObject(dyn_cast<Expr>(U), M) == F.E) {
        F.E = cast<Expr>(U);
        F.K = VK::Holder;
        if (!F.Fresh)
          F.Extracted = true;
        continue;
      }
    }
    // Reading one element of a pair, tuple or struct.
    if (F.K == VK::Holder) {
      if (std::optional<ElementRead> R = elementRead(dyn_cast<Expr>(P), M)) {
        if (R->Object == F.E) {
          if (readsHandle(*R, Sites[SI].Shape)) {
            F.E = cast<Expr>(P);
            F.K = VK::Handle;
            continue;
          }
          if (F.Fresh)
            KeptOtherElement = true;
          return F.Fresh ? Outcome::Discarded : Outcome::NonUse;
        }
      }
    }
    return handleUse(F, P, SI, At);
  }
  return Outcome::Unknown;
}

Outcome Tracker::handleUse(Flow F, const Stmt *P, unsigned SI,
                           const Stmt *&At) {
  const Expr *E = F.E;
  // A wrapped result that is never unwrapped is never reported.
  auto Dropped = [&] {
    return F.Fresh && F.K != VK::Wrapped ? Outcome::Discarded
                                         : Outcome::NonUse;
  };

  // Statements.
  if (isa<ReturnStmt>(P) || isa<CoreturnStmt>(P))
    return Outcome::Transferred;
  if (const auto *DS = dyn_cast<DeclStmt>(P))
    return varInit(DS, F, SI);
  if (!isa<Expr>(P)) {
    if (isa<CXXForRangeStmt>(P) || isa<SwitchStmt>(P))
      return Outcome::Unknown;
    return Dropped(); // an expression statement
  }

  // Assignments.
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Assign) {
      if (BO->getRHS() == E)
        return assignment(BO->getLHS(), BO, F, SI);
      if (BO->getLHS() == E) {
        At = BO;
        return Outcome::Overwrite;
      }
    }
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P)) {
    if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2) {
      if (OCE->getArg(1) == E)
        return assignment(OCE->getArg(0), OCE, F, SI);
      if (OCE->getArg(0) == E) {
        At = OCE;
        return Outcome::Overwrite;
      }
    }
  }
  // A variable tied for an assignment: std::tie(ctx, cancel) = ...
  if (const CallExpr *Tie = tieCall(dyn_cast<Expr>(P), M)) {
    if (!F.Fresh && llvm::is_contained(Tie->arguments(), E)) {
      const Stmt *Up = parent(Tie);
      while (Up && (isa<MaterializeTemporaryExpr>(Up) ||
                    isa<ImplicitCastExpr>(Up) || isa<ParenExpr>(Up)))
        Up = parent(Up);
      if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Up))
        if (Assign->getOperator() == OO_Equal) {
          At = Assign;
          return Outcome::Overwrite;
        }
    }
  }

  if (isComparisonLike(P) || isVoidCast(P))
    return Dropped();

  // Calls: invocation of the handle, a method on the value, or an argument.
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    if (ME->getBase() != E)
      return Outcome::Unknown;
    const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
    if (!MCE || MCE->getCallee() != ME)
      return F.K == VK::Handle ? Dropped() : Outcome::Unknown;
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (F.K == VK::Handle && MD &&
        (MD->getOverloadedOperator() == OO_Call ||
         M.matchCall(MCE, Role::ReleaseMethod)))
      return Outcome::Invoked;
    if (F.K == VK::Handle)
      return Dropped(); // operator bool, target(), ...
    return F.Fresh ? Outcome::Unknown : Outcome::NonUse;
  }
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
      if (OCE->getOperator() == OO_Call && OCE->getArg(0) == E)
        return F.K == VK::Handle ? Outcome::Invoked : Outcome::Unknown;
      if (OCE->getNumArgs() > 0 && OCE->getArg(0) == E &&
          isa_and_nonnull<CXXMethodDecl>(OCE->getDirectCallee()) &&
          F.K != VK::Handle)
        return F.Fresh ? Outcome::Unknown : Outcome::NonUse;
    }
    if (CE->getCallee()->IgnoreParenImpCasts() == E ||
        CE->getCallee() == E)
      return F.K == VK::Handle ? Outcome::Invoked : Outcome::Unknown;
    return Outcome::Transferred; // passed to a function
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->getOpcode() == UO_AddrOf)
      return addressUse(UO);
    return Outcome::Unknown;
  }
  if (isa<CXXConstructExpr>(P) || isa<InitListExpr>(P) ||
      isa<CXXNewExpr>(P) || isa<ParenListExpr>(P) ||
      isa<CXXParenListInitExpr>(P) || isa<CXXThrowExpr>(P))
    return Outcome::Transferred;
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
    if (ICE->getType()->isVoidPointerType())
      return Outcome::NonUse;
  }
  return Outcome::Unknown;
}

Outcome Tracker::addressUse(const Expr *Addr) const {
  // &h logged (a variadic argument, streamed) or compared is no use; a
  // pointer that goes anywhere else may be used to call the handle.
  const Expr *E = Addr;
  const Stmt *Up = parent(E);
  while (Up && (isa<ParenExpr>(Up) || isa<CastExpr>(Up))) {
    if (const auto *C = dyn_cast<CastExpr>(Up))
      if (C->getType()->isVoidType())
        return Outcome::NonUse; // (void)&h
    E = cast<Expr>(Up);
    Up = parent(Up);
  }
  if (!Up)
    return Outcome::Transferred;
  if (isComparisonLike(Up))
    return Outcome::NonUse;
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Up))
    if (OCE->getOperator() == OO_LessLess && OCE->getNumArgs() == 2 &&
        OCE->getArg(1) == E)
      return Outcome::NonUse; // os << &h
  if (const auto *CE = dyn_cast<CallExpr>(Up)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->isVariadic())
      for (unsigned I = FD->getNumParams(); I < CE->getNumArgs(); ++I)
        if (CE->getArg(I) == E)
          return Outcome::NonUse; // printf("%p", (void *)&h)
  }
  return Outcome::Transferred;
}

void Tracker::kill(const Stmt *At, unsigned SI) {
  Site &S = Sites[SI];
  S.Used = true;
  if (Kills.insert({At, S.Bit}).second)
    Problem.addEvent(At, FlowEventKind::Kill, S.Bit);
}

void Tracker::processVar(const ValueDecl *V, Holding H) {
  auto It = Refs.find(V);
  if (It == Refs.end())
    return;
  for (const DeclRefExpr *DRE : It->second) {
    if (inScopeGuardMacro(DRE->getLocation())) {
      kill(DRE, H.Site);
      continue;
    }
    const Stmt *At = nullptr;
    Outcome Out = follow({DRE, H.K, false, false}, H.Site, At);
    switch (Out) {
    case Outcome::Invoked:
    case Outcome::Transferred:
    case Outcome::Unknown:
      kill(DRE, H.Site);
      break;
    case Outcome::Bound:
      // Unwrapping a wrapped result binds the handle; it does not use it.
      if (H.K != VK::Wrapped)
        Sites[H.Site].Used = true;
      break;
    case Outcome::Overwrite:
      if (At && H.K != VK::Wrapped)
        Overwrites.push_back({V, At});
      break;
    case Outcome::Discarded:
    case Outcome::NonUse:
      break;
    }
  }
}

std::optional<LostHandle> Tracker::followCall(const CallExpr *C) {
  const ApiEntry *E = M.matchCall(C, Role::CancelFactory);
  const FunctionDecl *FD = C->getDirectCallee();
  if (!E || !FD)
    return std::nullopt;
  const bool TakesCause = (E->Flags & CauseHandle) != 0;
  std::optional<HandleShape> Shape =
      O.Shapes ? O.Shapes->find(C->getType(), M, TakesCause)
               : findCancelHandle(C->getType(), M, TakesCause);
  if (!Shape)
    return std::nullopt;
  Site S;
  S.Call = C;
  S.Shape = *Shape;
  S.Bit = Problem.addBit();
  Sites.push_back(S);
  unsigned SI = Sites.size() - 1;
  VK K = Shape->Wrapped ? VK::Wrapped
                        : (Shape->Index < 0 ? VK::Handle : VK::Holder);
  const Stmt *At = nullptr;
  KeptOtherElement = false;
  Outcome Out = follow({C, K, true, false}, SI, At);
  if (Out != Outcome::Discarded)
    return std::nullopt;
  LostHandle L;
  L.K = LostHandle::Discarded;
  L.Loc = calleeNameLoc(C);
  L.Factory = declName(FD);
  L.ContextKept = KeptOtherElement;
  return L;
}

void Tracker::build() {
  for (const CallExpr *C : Calls) {
    std::optional<LostHandle> D = followCall(C);
    if (D)
      Discards.push_back(std::move(*D));
  }
  for (const VarDecl *V : SourceVars)
    trackSource(V);
  while (!Work.empty()) {
    auto [V, H] = Work.pop_back_val();
    processVar(V, H);
  }
  // An overwritten variable loses its handle only if it is the handle's
  // one holder.
  llvm::DenseMap<unsigned, unsigned> Holders;
  for (const auto &[V, Hs] : Vars)
    for (const Holding &H : Hs)
      ++Holders[H.Site];
  for (const auto &[V, At] : Overwrites) {
    for (const Holding &H : Vars[V]) {
      if (Holders[H.Site] != 1 || Gens.count({At, Sites[H.Site].Bit}))
        continue;
      Problem.addEvent(At, FlowEventKind::Overwrite, Sites[H.Site].Bit);
    }
  }
}

//===--- Sources ----------------------------------------------------------===//

bool Tracker::handedToOwner(const Expr *E, const VarDecl *&Owner) const {
  Flow F{E, VK::Handle, false, false};
  for (unsigned Steps = 0; Steps < 32; ++Steps) {
    const Stmt *P = parent(F.E);
    if (!P)
      return false;
    if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
        isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) ||
        isa<ImplicitCastExpr>(P)) {
      F.E = cast<Expr>(P);
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (Ctor && Ctor->isCopyOrMoveConstructor()) {
        F.E = CE;
        continue;
      }
      // A scope guard runs at scope exit: it is not an owner that waits.
      if (M.matchType(CE->getType(), Role::ScopeGuardType) ||
          inScopeGuardMacro(CE->getBeginLoc()))
        return false;
      // An object constructed with it: a thread, a worker.
      const Stmt *Up = parent(CE);
      while (Up && (isa<ExprWithCleanups>(Up) || isa<CXXBindTemporaryExpr>(Up)))
        Up = parent(Up);
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(Up))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            if (V->hasLocalStorage())
              Owner = V;
      return true;
    }
    if (isa<InitListExpr>(P) || isa<CXXParenListInitExpr>(P))
      return true;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(P)) {
      // Stored in a container: threads.emplace_back(work, token).
      const Expr *Obj = MCE->getImplicitObjectArgument();
      if (Obj && Obj != F.E &&
          M.matchType(Obj->getType().getNonReferenceType(),
                      Role::ContainerType))
        return true;
      return false;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->getOpcode() == BO_Assign && BO->getRHS() == F.E &&
             !namedLocal(BO->getLHS());
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P))
      return OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
             OCE->getArg(1) == F.E && !namedLocal(OCE->getArg(0));
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      if (!llvm::is_contained(L->capture_inits(), F.E))
        return false;
      F.E = L; // an init-capture: the lambda carries it
      continue;
    }
    return false;
  }
  return false;
}

bool Tracker::followToken(const Expr *Tok, unsigned Depth,
                          const VarDecl *&Owner) const {
  if (handedToOwner(Tok, Owner))
    return true;
  if (Depth > 0)
    return false;
  // Kept in a local token variable first, handed out later.
  const Stmt *P = parent(Tok);
  while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) ||
               isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P) ||
               isa<CXXConstructExpr>(P)))
    P = parent(P);
  const auto *DS = dyn_cast_or_null<DeclStmt>(P);
  if (!DS || !DS->isSingleDecl())
    return false;
  const auto *T = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!T || !T->hasLocalStorage())
    return false;
  auto It = Refs.find(T);
  if (It == Refs.end())
    return false;
  for (const DeclRefExpr *DRE : It->second)
    if (followToken(DRE, Depth + 1, Owner))
      return true;
  return false;
}

bool Tracker::lambdaReleases(const LambdaExpr *L, const VarDecl *Src) const {
  llvm::SmallVector<const Stmt *, 32> Stack{L->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
      const Expr *Obj = MCE->getImplicitObjectArgument();
      const auto *DRE =
          Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
      if (DRE && DRE->getDecl() == Src &&
          M.matchCall(MCE, Role::ReleaseMethod))
        return true;
    }
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  return false;
}

void Tracker::trackOwner(const VarDecl *Owner, unsigned SI) {
  auto It = Refs.find(Owner);
  if (It == Refs.end())
    return;
  for (const DeclRefExpr *DRE : It->second) {
    const Stmt *P = parent(DRE);
    while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P)))
      P = parent(P);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(P)) {
      // t.join(): the owner is done with the token.
      const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
      if (MCE && M.matchCall(MCE, Role::BlockingCall))
        kill(DRE, SI);
      continue;
    }
    if (P && (isa<CallExpr>(P) || isa<CXXConstructExpr>(P) ||
              isa<ReturnStmt>(P)))
      kill(DRE, SI); // the owner itself is handed on
  }
}

void Tracker::trackSource(const VarDecl *V) {
  Site S;
  S.Source = V;
  S.Bit = Problem.addBit();
  S.Primary = V;
  S.WarnLoc = V->getLocation();
  Sites.push_back(S);
  unsigned SI = Sites.size() - 1;
  Problem.addDeclEvent(V, FlowEventKind::Overwrite, S.Bit);
  auto It = Refs.find(V);
  if (It == Refs.end())
    return;
  for (const DeclRefExpr *DRE : It->second) {
    const Expr *E = DRE;
    const Stmt *P = parent(E);
    while (P && (isa<ParenExpr>(P) ||
                 (isa<ImplicitCastExpr>(P) &&
                  cast<ImplicitCastExpr>(P)->getCastKind() != CK_ToVoid))) {
      E = cast<Expr>(P);
      P = parent(P);
    }
    if (!P)
      continue;
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
      if (!MCE)
        continue;
      if (M.matchCall(MCE, Role::ReleaseMethod)) {
        kill(DRE, SI);
        continue;
      }
      if (classifyType(MCE->getType(), M) == ContextKind::Token) {
        const VarDecl *Owner = nullptr;
        if (followToken(MCE, 0, Owner)) {
          Problem.addEvent(DRE, FlowEventKind::Gen, S.Bit);
          Sites[SI].Generated = true;
          if (Owner)
            trackOwner(Owner, SI);
        }
      }
      continue; // stop_requested(), ...
    }
    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      // Captured by reference (a copy of a source shares its state: that is
      // a transfer).
      if (!llvm::is_contained(L->capture_inits(), E) || E != DRE) {
        kill(DRE, SI);
        continue;
      }
      if (lambdaReleases(L, V)) {
        kill(DRE, SI);
        continue;
      }
      const VarDecl *Owner = nullptr;
      if (handedToOwner(L, Owner)) {
        Problem.addEvent(DRE, FlowEventKind::Gen, S.Bit);
        Sites[SI].Generated = true;
        if (Owner)
          trackOwner(Owner, SI);
      }
      continue;
    }
    if (isComparisonLike(P) || isVoidCast(P) || isUnevaluated(P))
      continue;
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(P))
      if (OCE->getOperator() == OO_Equal && OCE->getArg(0) == E) {
        Problem.addEvent(OCE, FlowEventKind::Overwrite, S.Bit);
        continue;
      }
    kill(DRE, SI); // passed, moved, returned, stored, its address taken
  }
}

std::vector<LostHandle> Tracker::results(const FlowResult &R) const {
  std::vector<LostHandle> Out = Discards;
  if (!R.Analyzed)
    return Out;
  for (const Site &S : Sites) {
    if (!S.Generated || S.Bit >= R.Leaks.size() || R.Leaks[S.Bit].empty())
      continue;
    LostHandle L;
    L.Loc = S.WarnLoc;
    L.Name = declName(S.Primary);
    L.Leaks = R.Leaks[S.Bit];
    if (S.Source) {
      L.K = LostHandle::SourceNotReleased;
      if (const CXXRecordDecl *RD = S.Source->getType()->getAsCXXRecordDecl())
        if (RD->hasDefinition())
          for (const CXXMethodDecl *MD : RD->getDefinition()->methods())
            if (M.matchFunction(MD, Role::ReleaseMethod, RD)) {
              L.ReleaseName = declName(MD);
              break;
            }
    } else {
      L.K = LostHandle::NotCalled;
      L.InHolder = S.PrimaryIsHolder;
      L.Factory = declName(S.Call->getDirectCallee());
      L.NeverUsed = !S.Used;
    }
    Out.push_back(std::move(L));
  }
  return Out;
}

} // namespace

Stmt *analysedBody(const Decl *D) {
  if (!D)
    return nullptr;
  Stmt *Body = D->getBody();
  if (auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  return Body;
}

std::vector<LostHandle> findLostHandles(const Decl *D, ASTContext &Ctx,
                                        const ApiModel &M,
                                        const TrackerOptions &O) {
  Stmt *Body = analysedBody(D);
  if (!Body || D->isInvalidDecl())
    return {};
  if (const auto *DC = dyn_cast<DeclContext>(D))
    if (DC->isDependentContext())
      return {};
  Tracker T(Body, Ctx, M, O);
  if (!T.collect(Body))
    return {};
  if (T.factoryCalls().empty() && !O.CheckSources)
    return {};
  T.build();
  FlowResult R;
  if (T.hasWork())
    R = runFlowAnalysis(D, Body, Ctx, T.Problem);
  return T.results(R);
}

void findFactorySites(const Stmt *Root, const ApiModel &M,
                      const TrackerOptions &O,
                      llvm::SmallVectorImpl<FactorySite> &Out) {
  struct Item {
    const Stmt *S;
    const LambdaExpr *Lambda; ///< the innermost lambda around S
    bool Dropped;             ///< S is in a block or a captured statement
  };
  llvm::SmallVector<Item, 64> Stack{{Root, nullptr, false}};
  while (!Stack.empty()) {
    const Item I = Stack.pop_back_val();
    if (!I.S)
      continue;
    if (const auto *L = dyn_cast<LambdaExpr>(I.S)) {
      // Its captures are evaluated where it is written; its body is a
      // function of its own.
      for (const Expr *Init : L->capture_inits())
        Stack.push_back({Init, I.Lambda, I.Dropped});
      Stack.push_back({L->getBody(), L, false});
      continue;
    }
    const bool Dropped =
        I.Dropped || isa<BlockExpr>(I.S) || isa<CapturedStmt>(I.S);
    if (!Dropped) {
      if (const auto *CE = dyn_cast<CallExpr>(I.S)) {
        if (M.matchCall(CE, Role::CancelFactory))
          Out.push_back({I.Lambda, CE, CE->getBeginLoc()});
      } else if (const auto *DS = dyn_cast<DeclStmt>(I.S)) {
        if (O.CheckSources)
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D))
              if (V->hasLocalStorage() && !V->getType()->isReferenceType() &&
                  M.matchType(V->getType(), Role::SourceType))
                Out.push_back({I.Lambda, nullptr, V->getLocation()});
      }
    }
    if (const auto *BE = dyn_cast<BlockExpr>(I.S)) {
      Stack.push_back({BE->getBody(), I.Lambda, true});
      continue;
    }
    for (const Stmt *Child : I.S->children())
      Stack.push_back({Child, I.Lambda, Dropped});
  }
}

std::optional<LostHandle> findDiscardedHandle(const CallExpr *Call,
                                              const Expr *Root,
                                              ASTContext &Ctx,
                                              const ApiModel &M) {
  if (!Call || !Root || Root->containsErrors() ||
      Root->isInstantiationDependent())
    return std::nullopt;
  TrackerOptions O;
  Tracker T(const_cast<Expr *>(Root), Ctx, M, O);
  return T.followCall(Call);
}

} // namespace context_tidy
