//===- Tracker.cpp - Collecting a body and driving the tracker ------------===//

#include "lib/flow/Tracker.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>

using namespace clang;

namespace context_tidy {
namespace handle_tracker {

namespace {

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

} // namespace

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

} // namespace handle_tracker
} // namespace context_tidy
