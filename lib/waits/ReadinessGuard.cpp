//===- ReadinessGuard.cpp - Blocking calls that return at once ------------===//

#include "lib/waits/ReadinessGuard.h"

#include "lib/model/NameMatch.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxGuardDepth = 8;

const Expr *stripTemporaries(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *FE = dyn_cast<FullExpr>(Next))
      Next = FE->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// A local variable's initialiser, or null.
const Expr *localInit(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->isLocalVarDecl())
    return nullptr;
  return V->getInit();
}

/// For a status enumerator \p E, whether a status equal to it means ready
/// (Role::ReadyStatus: true) or not ready (Role::NotReadyStatus: false).
std::optional<bool> readyWhenEqual(const Expr *E, const ApiModel &M) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripTemporaries(E));
  if (!DRE || !isa<EnumConstantDecl>(DRE->getDecl()))
    return std::nullopt;
  if (M.matchDecl(DRE->getDecl(), Role::ReadyStatus))
    return true;
  if (M.matchDecl(DRE->getDecl(), Role::NotReadyStatus))
    return false;
  return std::nullopt;
}

/// The object whose readiness status \p E is: a status-returning readiness
/// call, a local initialised with one, or an assignment of one.
const ValueDecl *statusOf(const Expr *E, const ApiModel &M, unsigned Depth) {
  E = stripTemporaries(E);
  if (!E || Depth > MaxGuardDepth)
    return nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return statusOf(BO->getRHS(), M, Depth + 1);
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE))
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        return statusOf(Op->getArg(1), M, Depth + 1);
    if (M.matchCall(CE, Role::ReadinessCheck))
      return objectDecl(callObject(CE));
    return nullptr;
  }
  if (const Expr *Init = localInit(E))
    return statusOf(Init, M, Depth + 1);
  return nullptr;
}

bool isNullLiteral(const Expr *E) {
  E = stripTemporaries(E);
  return E && (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E) ||
               (isa<IntegerLiteral>(E) &&
                cast<IntegerLiteral>(E)->getValue().isZero()));
}

/// The local variable or parameter that \p E tests for null when it is
/// converted to bool: `p` for a raw pointer, `ctx` for a class with an
/// `operator bool` (`std::shared_ptr`), else null.
const ValueDecl *nullTested(const Expr *E) {
  E = stripTemporaries(E);
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()) &&
        MC->getType()->isBooleanType())
      E = stripTemporaries(MC->getImplicitObjectArgument());
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  if (!DRE || !isa<VarDecl>(DRE->getDecl()))
    return nullptr;
  QualType T = DRE->getType().getNonReferenceType();
  if (!T->isPointerType() && !T->isRecordType())
    return nullptr;
  return cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl());
}

std::optional<ReadinessTest> test(const Expr *E, const ApiModel &M,
                                  unsigned Depth) {
  E = stripTemporaries(E);
  if (!E || Depth > MaxGuardDepth || E->containsErrors())
    return std::nullopt;
  // `p` converted to bool: absent (null) when false.
  if (const ValueDecl *Obj = nullTested(E))
    return ReadinessTest{Obj, false};
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_LNot)
      return std::nullopt;
    std::optional<ReadinessTest> T = test(U->getSubExpr(), M, Depth + 1);
    if (T)
      T->ReadyWhen = !T->ReadyWhen;
    return T;
  }
  // `A && B` true means both are true; `A || B` false means both are false.
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      bool Whole = BO->getOpcode() == BO_LAnd;
      for (const Expr *Side : {BO->getLHS(), BO->getRHS()})
        if (std::optional<ReadinessTest> T = test(Side, M, Depth + 1))
          if (T->ReadyWhen == Whole)
            return T;
      return std::nullopt;
    }
  }
  // Comparisons with the ready status.
  const Expr *L = nullptr, *R = nullptr;
  bool Equal = true;
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      L = BO->getLHS();
      R = BO->getRHS();
      Equal = BO->getOpcode() == BO_EQ;
    }
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if ((Op->getOperator() == OO_EqualEqual ||
         Op->getOperator() == OO_ExclaimEqual) &&
        Op->getNumArgs() == 2) {
      L = Op->getArg(0);
      R = Op->getArg(1);
      Equal = Op->getOperator() == OO_EqualEqual;
    }
  } else if (const auto *RW = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    if (RW->getOperator() == BO_EQ || RW->getOperator() == BO_NE) {
      L = RW->getLHS();
      R = RW->getRHS();
      Equal = RW->getOperator() == BO_EQ;
    }
  }
  if (L && R) {
    // `p == nullptr`: absent when equal.
    if (isNullLiteral(L))
      std::swap(L, R);
    if (isNullLiteral(R)) {
      if (const ValueDecl *Obj = nullTested(L))
        return ReadinessTest{Obj, Equal};
      return std::nullopt;
    }
    // `status == ready` says "ready" when true; `status == timeout` (a
    // not-ready status: any other value means ready) when false.
    std::optional<bool> Ready = readyWhenEqual(R, M);
    if (!Ready) {
      std::swap(L, R);
      Ready = readyWhenEqual(R, M);
    }
    if (!Ready)
      return std::nullopt;
    if (const ValueDecl *Obj = statusOf(L, M, Depth + 1))
      return ReadinessTest{Obj, *Ready ? Equal : !Equal};
    return std::nullopt;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (!M.matchCall(CE, Role::ReadinessCheck) ||
        !CE->getType()->isBooleanType())
      return std::nullopt;
    if (const ValueDecl *Obj = objectDecl(callObject(CE)))
      return ReadinessTest{Obj, true};
    return std::nullopt;
  }
  if (const Expr *Init = localInit(E))
    if (Init->getType()->isBooleanType())
      return test(Init, M, Depth + 1);
  return std::nullopt;
}

} // namespace

std::optional<ReadinessTest> readinessTest(const Expr *Cond,
                                           const ApiModel &M) {
  return test(Cond, M, 0);
}

ReadinessGuards::ReadinessGuards(const Decl *Fn, const Stmt *Body,
                                 ASTContext &Ctx, const ApiModel &M)
    : Fn(Fn), Body(Body), Ctx(Ctx), M(M) {}

ReadinessGuards::~ReadinessGuards() = default;

void ReadinessGuards::build() {
  Built = true;
  if (!Fn || !Body)
    return;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(Fn, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Graph)
    return;
  for (const CFGBlock *B : *Graph) {
    if (!B)
      continue;
    for (const CFGElement &El : *B)
      if (std::optional<CFGStmt> S = El.getAs<CFGStmt>())
        BlockOf[S->getStmt()] = B;
    if (B->succ_size() != 2)
      continue;
    const Expr *Cond = B->getLastCondition();
    if (!Cond)
      Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    std::optional<ReadinessTest> T = Cond ? readinessTest(Cond, M)
                                          : std::nullopt;
    if (!T || !Tested.count(T->Object))
      continue;
    const CFGBlock::AdjacentBlock &Edge =
        *(B->succ_begin() + (T->ReadyWhen ? 0 : 1));
    const CFGBlock *Target = Edge.getReachableBlock();
    if (Target && Target->pred_size() == 1)
      ReadyBlocks[T->Object].push_back(Target);
  }
  if (!ReadyBlocks.empty())
    DomTree = std::make_unique<CFGDomTree>(Graph.get());
}

bool ReadinessGuards::isGuarded(const Expr *Call, const ValueDecl *Object) {
  if (!Call || !Object || !Body)
    return false;
  Object = cast<ValueDecl>(Object->getCanonicalDecl());
  if (!Scanned) {
    Scanned = true;
    llvm::SmallVector<const Stmt *, 32> Stack{Body};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      if (const auto *CE = dyn_cast<CallExpr>(S))
        if (M.matchCall(CE, Role::ReadinessCheck))
          if (const ValueDecl *D = objectDecl(callObject(CE)))
            Tested.insert(D);
      if (const auto *If = dyn_cast<IfStmt>(S))
        if (const auto *Cond = If->getCond())
          if (std::optional<ReadinessTest> T = readinessTest(Cond, M))
            Tested.insert(T->Object);
      for (const Stmt *C : S->children())
        Stack.push_back(C);
    }
  }
  if (!Tested.count(Object))
    return false;
  if (!Built)
    build();
  if (!DomTree)
    return false;
  auto It = BlockOf.find(Call);
  if (It == BlockOf.end())
    return false;
  auto Ready = ReadyBlocks.find(Object);
  if (Ready == ReadyBlocks.end())
    return false;
  for (const CFGBlock *Target : Ready->second)
    if (DomTree->dominates(Target, It->second))
      return true;
  return false;
}

} // namespace context_tidy
