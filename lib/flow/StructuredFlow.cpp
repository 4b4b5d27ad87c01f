//===- StructuredFlow.cpp - A must-release proof without a CFG ------------===//

#include "lib/flow/StructuredFlow.h"

#include "lib/flow/FlowProblem.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace context_tidy {

class StructuredProof {
public:
  explicit StructuredProof(const FlowProblem &P)
      : P(P), Bits(P.NumBits) {}

  bool run(const Stmt *Body) {
    stmt(Body, 0);
    if (Failed)
      return false;
    // Falling off the end with a resource held.
    if (Live && Bits.any())
      return false;
    // An event the walk did not meet fires where only the CFG knows.
    return Met.size() == P.StmtEvents.size() + P.DeclEvents.size();
  }

private:
  /// Where breaks and continues of the innermost loop take their state.
  struct Loop {
    explicit Loop(unsigned N) : Break(N), Continue(N) {}
    llvm::BitVector Break, Continue;
    bool BreakLive = false, ContinueLive = false;
  };

  /// Statements nest deeper than this only in generated code: give up.
  static constexpr unsigned MaxDepth = 256;
  /// A loop whose state has not settled after this many passes: give up.
  static constexpr unsigned MaxPasses = 4;

  void join(llvm::BitVector &Into, bool &IntoLive) const {
    if (!Live)
      return;
    if (IntoLive)
      Into |= Bits;
    else
      Into = Bits;
    IntoLive = true;
  }

  void stmt(const Stmt *S, unsigned Depth) {
    if (!S || Failed)
      return;
    if (Depth > MaxDepth) {
      Failed = true;
      return;
    }
    if (isa<Expr>(S) || isa<DeclStmt>(S) || isa<NullStmt>(S)) {
      atomic(S);
      return;
    }
    switch (S->getStmtClass()) {
    case Stmt::CompoundStmtClass:
      for (const Stmt *Child : cast<CompoundStmt>(S)->body())
        stmt(Child, Depth + 1);
      return;
    case Stmt::AttributedStmtClass:
      stmt(cast<AttributedStmt>(S)->getSubStmt(), Depth + 1);
      return;
    case Stmt::IfStmtClass:
      ifStmt(cast<IfStmt>(S), Depth);
      return;
    case Stmt::WhileStmtClass: {
      const auto *W = cast<WhileStmt>(S);
      loop(W->getConditionVariableDeclStmt(), W->getCond(), W->getBody(),
           nullptr, nullptr, /*BodyFirst=*/false, Depth);
      return;
    }
    case Stmt::DoStmtClass: {
      const auto *D = cast<DoStmt>(S);
      loop(nullptr, D->getCond(), D->getBody(), nullptr, nullptr,
           /*BodyFirst=*/true, Depth);
      return;
    }
    case Stmt::ForStmtClass: {
      const auto *F = cast<ForStmt>(S);
      stmt(F->getInit(), Depth + 1);
      loop(F->getConditionVariableDeclStmt(), F->getCond(), F->getBody(),
           F->getInc(), nullptr, /*BodyFirst=*/false, Depth);
      return;
    }
    case Stmt::CXXForRangeStmtClass: {
      const auto *F = cast<CXXForRangeStmt>(S);
      stmt(F->getInit(), Depth + 1);
      stmt(F->getRangeStmt(), Depth + 1);
      stmt(F->getBeginStmt(), Depth + 1);
      stmt(F->getEndStmt(), Depth + 1);
      loop(nullptr, F->getCond(), F->getBody(), F->getInc(),
           F->getLoopVarStmt(), /*BodyFirst=*/false, Depth);
      return;
    }
    case Stmt::BreakStmtClass:
    case Stmt::ContinueStmtClass: {
      if (Loops.empty()) { // a switch's break: switches are not modelled
        Failed = true;
        return;
      }
      Loop &L = *Loops.back();
      if (isa<BreakStmt>(S))
        join(L.Break, L.BreakLive);
      else
        join(L.Continue, L.ContinueLive);
      Live = false;
      return;
    }
    case Stmt::ReturnStmtClass:
    case Stmt::CoreturnStmtClass:
      atomic(S);
      if (Live && Bits.any() && !P.QuietExits.count(S))
        Failed = true;
      Live = false;
      return;
    default:
      // goto, labels, switch, try, asm, and whatever else: the CFG's.
      Failed = true;
      return;
    }
  }

  void ifStmt(const IfStmt *I, unsigned Depth) {
    stmt(I->getInit(), Depth + 1);
    stmt(I->getConditionVariableDeclStmt(), Depth + 1);
    stmt(I->getCond(), Depth + 1);
    llvm::BitVector Before = Bits;
    bool BeforeLive = Live;
    stmt(I->getThen(), Depth + 1);
    llvm::BitVector AfterThen = Bits;
    bool ThenLive = Live;
    Bits = std::move(Before);
    Live = BeforeLive;
    stmt(I->getElse(), Depth + 1);
    if (ThenLive) {
      if (Live)
        Bits |= AfterThen;
      else
        Bits = std::move(AfterThen);
      Live = true;
    }
  }

  /// A loop: [VarStmt; Cond; LoopVar; Body; Inc] repeated, or the body
  /// first for do-while.  Every pass exits through the condition, and
  /// through the breaks.
  void loop(const Stmt *CondVar, const Stmt *Cond, const Stmt *Body,
            const Stmt *Inc, const Stmt *LoopVar, bool BodyFirst,
            unsigned Depth) {
    llvm::BitVector Head = Bits;
    bool HeadLive = Live;
    llvm::BitVector Exit(P.NumBits);
    bool ExitLive = false;
    for (unsigned Pass = 0;; ++Pass) {
      if (Pass == MaxPasses) {
        Failed = true;
        return;
      }
      Bits = Head;
      Live = HeadLive;
      Loop L(P.NumBits);
      if (!BodyFirst) {
        stmt(CondVar, Depth + 1);
        stmt(Cond, Depth + 1);
        join(Exit, ExitLive);
        stmt(LoopVar, Depth + 1);
      }
      Loops.push_back(&L);
      stmt(Body, Depth + 1);
      Loops.pop_back();
      if (Failed)
        return;
      join(L.Continue, L.ContinueLive);
      Bits = L.Continue;
      Live = L.ContinueLive;
      if (BodyFirst) {
        stmt(Cond, Depth + 1);
        join(Exit, ExitLive);
      }
      stmt(Inc, Depth + 1);
      if (L.BreakLive) {
        if (ExitLive)
          Exit |= L.Break;
        else
          Exit = L.Break;
        ExitLive = true;
      }
      // The state at the head again: what entered, and what came back.
      if (!Live)
        break;
      llvm::BitVector NewHead = Head;
      if (HeadLive)
        NewHead |= Bits;
      else
        NewHead = Bits;
      if (HeadLive && NewHead == Head)
        break;
      Head = std::move(NewHead);
      HeadLive = true;
    }
    Bits = std::move(Exit);
    Live = ExitLive;
  }

  /// A full expression, a declaration or a return: its events run as one
  /// step, which needs at most one event per bit, none under a branch.
  void atomic(const Stmt *Root) {
    llvm::SmallVector<std::pair<const Stmt *, bool>, 32> Stack;
    Stack.push_back({Root, false});
    llvm::SmallVector<FlowEvent, 4> Events;
    bool Throws = false;
    while (!Stack.empty()) {
      auto [S, Branch] = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D)) {
            auto It = P.DeclEvents.find(V);
            if (It != P.DeclEvents.end() && !meet(V, It->second, Branch,
                                                  Events))
              return;
          }
      auto It = P.StmtEvents.find(S);
      if (It != P.StmtEvents.end() && !meet(S, It->second, Branch, Events))
        return;
      if (isa<StmtExpr>(S) || isa<BlockExpr>(S)) { // statements inside
        Failed = true;
        return;
      }
      if (isa<CXXThrowExpr>(S))
        Throws = true;
      if (const auto *L = dyn_cast<LambdaExpr>(S)) {
        // The captures run here; the body runs when called.
        for (const Expr *Init : L->capture_inits())
          Stack.push_back({Init, Branch});
        Stack.push_back({L->getBody(), true});
        continue;
      }
      bool Conditional = isa<AbstractConditionalOperator>(S) ||
                         isa<ChooseExpr>(S) ||
                         isa<UnaryExprOrTypeTraitExpr>(S) ||
                         isa<CXXNoexceptExpr>(S) || isa<CXXTypeidExpr>(S) ||
                         isa<GenericSelectionExpr>(S);
      const auto *BO = dyn_cast<BinaryOperator>(S);
      bool Logical = BO && BO->isLogicalOp();
      for (const Stmt *Child : S->children()) {
        bool ChildBranch = Branch || Conditional ||
                           (Logical && Child == BO->getRHS());
        Stack.push_back({Child, ChildBranch});
      }
    }
    if (Throws && Live && (Bits.any() || !Events.empty())) {
      Failed = true;
      return;
    }
    // One event per bit: their order inside the expression cannot matter.
    for (size_t I = 0; I < Events.size(); ++I)
      for (size_t J = 0; J < I; ++J)
        if (Events[I].Bit == Events[J].Bit) {
          Failed = true;
          return;
        }
    if (!Live)
      return;
    for (const FlowEvent &Ev : Events) {
      switch (Ev.Kind) {
      case FlowEventKind::Gen:
        Bits.set(Ev.Bit);
        break;
      case FlowEventKind::GenCheck:
      case FlowEventKind::Overwrite:
        if (Bits.test(Ev.Bit)) {
          Failed = true; // a rebinding or an overwrite may lose it
          return;
        }
        if (Ev.Kind == FlowEventKind::GenCheck)
          Bits.set(Ev.Bit);
        break;
      case FlowEventKind::Kill:
        Bits.reset(Ev.Bit);
        break;
      }
    }
  }

  bool meet(const void *Key, llvm::ArrayRef<FlowEvent> List, bool Branch,
            llvm::SmallVectorImpl<FlowEvent> &Events) {
    if (Branch) {
      Failed = true;
      return false;
    }
    Met.insert(Key);
    Events.append(List.begin(), List.end());
    return true;
  }

  const FlowProblem &P;
  /// May be set, on the path being walked.
  llvm::BitVector Bits;
  /// False after a return, break or continue, until paths join again.
  bool Live = true;
  bool Failed = false;
  llvm::SmallVector<Loop *, 4> Loops;
  llvm::SmallPtrSet<const void *, 16> Met;
};

bool provesNoLeak(const Stmt *Body, const FlowProblem &P) {
  if (!Body)
    return false;
  return StructuredProof(P).run(Body);
}

} // namespace context_tidy
