//===- FlowAnalysis.cpp - Must-release analysis on Clang's CFG ------------===//

#include "lib/flow/FlowAnalysis.h"

#include "lib/flow/StructuredFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>
#include <memory>

using namespace clang;

namespace context_tidy {

namespace {

/// One event where a CFG element runs, with the statement it reports at.
struct PlacedEvent {
  const Stmt *At;
  FlowEvent Ev;
};

using BlockEvents = llvm::SmallVector<PlacedEvent, 2>;

} // namespace

class FlowRunner {
public:
  FlowRunner(const FlowProblem &P, const CFG &G, Stmt *Body)
      : P(P), G(G), Body(Body) {}

  /// The statement classes the CFG must hold as elements of their own:
  /// those of the statements with events.  Calls, declarations, returns and
  /// throws are elements whatever the mask says; sub-expressions of other
  /// classes (references, casts, literals: most of a body) are left out.
  /// Adding a class adds all its statements, so the events keep the order
  /// and the paths they have in a CFG with every class added.
  static void mask(const FlowProblem &P, CFG::BuildOptions &Opts) {
    for (const auto &Entry : P.StmtEvents)
      Opts.setAlwaysAdd(Entry.first->getStmtClass());
  }

  /// False when an event's statement is no element of the CFG; Move then
  /// says whether to move it to the nearest enclosing element (a CFG built
  /// with every class added) or to give up (a masked CFG: build it again).
  bool place(bool Move) {
    Events.assign(G.getNumBlockIDs(), {});
    if (Move)
      return placeMoving();
    llvm::SmallPtrSet<const Stmt *, 16> Found;
    for (const CFGBlock *B : G) {
      BlockEvents &L = Events[B->getBlockID()];
      for (const CFGElement &E : *B) {
        std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
        if (!CS)
          continue;
        const Stmt *S = CS->getStmt();
        addDeclEvents(S, L);
        auto It = P.StmtEvents.find(S);
        if (It == P.StmtEvents.end())
          continue;
        Found.insert(S);
        for (const FlowEvent &Ev : It->second)
          L.push_back({S, Ev});
      }
    }
    return Found.size() == P.StmtEvents.size();
  }

  FlowResult run() {
    FlowResult R;
    R.Analyzed = true;
    R.Leaks.resize(P.NumBits);
    solve();
    report(R);
    return R;
  }

private:
  void addDeclEvents(const Stmt *S, BlockEvents &L) const {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS || P.DeclEvents.empty())
      return;
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D)) {
        auto It = P.DeclEvents.find(V);
        if (It != P.DeclEvents.end())
          for (const FlowEvent &Ev : It->second)
            L.push_back({S, Ev});
      }
  }

  /// Events on statements the CFG has no element for (parentheses, the
  /// original of a declaration statement the CFG split) move to the nearest
  /// enclosing statement it has.
  bool placeMoving() {
    llvm::DenseSet<const Stmt *> Seen;
    for (const CFGBlock *B : G)
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
          Seen.insert(S->getStmt());
    llvm::DenseMap<const Stmt *, llvm::SmallVector<FlowEvent, 1>> Moved;
    std::unique_ptr<ParentMap> PM;
    for (const auto &[S, List] : P.StmtEvents) {
      const Stmt *At = S;
      if (!Seen.count(At)) {
        if (!PM)
          PM = std::make_unique<ParentMap>(Body);
        while (At && !Seen.count(At))
          At = PM->getParent(At);
        if (!At)
          continue; // not evaluated in this body
      }
      Moved[At].append(List.begin(), List.end());
    }
    for (const CFGBlock *B : G) {
      BlockEvents &L = Events[B->getBlockID()];
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>()) {
          const Stmt *S = CS->getStmt();
          addDeclEvents(S, L);
          auto It = Moved.find(S);
          if (It != Moved.end())
            for (const FlowEvent &Ev : It->second)
              L.push_back({S, Ev});
        }
    }
    return true;
  }

  static void apply(llvm::BitVector &State, const FlowEvent &Ev) {
    switch (Ev.Kind) {
    case FlowEventKind::Gen:
    case FlowEventKind::GenCheck:
      State.set(Ev.Bit);
      break;
    case FlowEventKind::Kill:
    case FlowEventKind::Overwrite:
      State.reset(Ev.Bit);
      break;
    }
  }

  void transfer(const CFGBlock *B, llvm::BitVector &State) const {
    for (const PlacedEvent &E : Events[B->getBlockID()])
      apply(State, E.Ev);
  }

  void solve() {
    unsigned N = G.getNumBlockIDs();
    In.assign(N, llvm::BitVector(P.NumBits));
    Reached.assign(N, false);
    std::vector<bool> Queued(N, false);
    std::deque<const CFGBlock *> Work;
    const CFGBlock *Entry = &G.getEntry();
    Reached[Entry->getBlockID()] = true;
    Work.push_back(Entry);
    Queued[Entry->getBlockID()] = true;
    llvm::BitVector Out, Joined;
    while (!Work.empty()) {
      const CFGBlock *B = Work.front();
      Work.pop_front();
      Queued[B->getBlockID()] = false;
      Out = In[B->getBlockID()];
      transfer(B, Out);
      for (const CFGBlock::AdjacentBlock &A : B->succs()) {
        const CFGBlock *S = A.getReachableBlock();
        if (!S)
          continue;
        unsigned Id = S->getBlockID();
        Joined = In[Id];
        Joined |= Out;
        if (Reached[Id] && Joined == In[Id])
          continue;
        Reached[Id] = true;
        In[Id] = Joined;
        if (!Queued[Id]) {
          Queued[Id] = true;
          Work.push_back(S);
        }
      }
    }
  }

  /// The statement that ends block B on its way to the exit.
  static const Stmt *lastStatement(const CFGBlock *B) {
    if (const Stmt *T = B->getTerminatorStmt())
      if (isa<CXXThrowExpr>(T))
        return T;
    for (const auto *It = B->rbegin(); It != B->rend(); ++It)
      if (std::optional<CFGStmt> S = It->getAs<CFGStmt>())
        return S->getStmt();
    return nullptr;
  }

  void report(FlowResult &R) const {
    llvm::DenseSet<std::pair<const Stmt *, unsigned>> Recorded;
    for (const CFGBlock *B : G) {
      if (!Reached[B->getBlockID()] || Events[B->getBlockID()].empty())
        continue;
      llvm::BitVector State = In[B->getBlockID()];
      for (const PlacedEvent &E : Events[B->getBlockID()]) {
        bool Lost = State.test(E.Ev.Bit) &&
                    (E.Ev.Kind == FlowEventKind::GenCheck ||
                     E.Ev.Kind == FlowEventKind::Overwrite);
        if (Lost && Recorded.insert({E.At, E.Ev.Bit}).second)
          R.Leaks[E.Ev.Bit].push_back(
              {E.Ev.Kind == FlowEventKind::GenCheck ? FlowLeak::Rebind
                                                    : FlowLeak::Overwritten,
               E.At});
        apply(State, E.Ev);
      }
    }
    // One leak per exit statement and bit: two blocks can end at the same
    // one (the end of the body after an if without else).
    llvm::DenseSet<std::pair<const Stmt *, unsigned>> Exits;
    const CFGBlock &Exit = G.getExit();
    for (const CFGBlock::AdjacentBlock &A : Exit.preds()) {
      const CFGBlock *B = A.getReachableBlock();
      if (!B || !Reached[B->getBlockID()] || B->hasNoReturnElement())
        continue;
      // The dispatch of a try block goes to the exit for exceptions its
      // handlers do not catch; the CFG cannot tell which those are.
      if (isa_and_nonnull<CXXTryStmt>(B->getTerminatorStmt()))
        continue;
      llvm::BitVector State = In[B->getBlockID()];
      transfer(B, State);
      if (State.none())
        continue;
      const Stmt *Last = lastStatement(B);
      FlowLeak L{FlowLeak::EndOfFunction, Body};
      if (isa_and_nonnull<ReturnStmt>(Last))
        L = {FlowLeak::Return, Last};
      else if (isa_and_nonnull<CoreturnStmt>(Last))
        L = {FlowLeak::CoReturn, Last};
      else if (isa_and_nonnull<CXXThrowExpr>(Last))
        L = {FlowLeak::Throw, Last};
      if (L.K != FlowLeak::EndOfFunction && P.QuietExits.count(L.At))
        continue;
      for (int Bit = State.find_first(); Bit >= 0;
           Bit = State.find_next(Bit))
        if (Exits.insert({L.At, unsigned(Bit)}).second)
          R.Leaks[Bit].push_back(L);
    }
  }

  const FlowProblem &P;
  const CFG &G;
  Stmt *Body;
  /// The events of each block (by ID), in the order they run.
  std::vector<BlockEvents> Events;
  std::vector<llvm::BitVector> In;
  std::vector<bool> Reached;
};

FlowResult runFlowAnalysis(const Decl *D, Stmt *Body, ASTContext &Ctx,
                           const FlowProblem &P, bool ProveFirst) {
  if (!Body || P.numBits() == 0)
    return {};
  if (ProveFirst && provesNoLeak(Body, P)) {
    FlowResult R;
    R.Analyzed = true;
    R.Leaks.resize(P.numBits());
    return R;
  }
  CFG::BuildOptions Opts;
  Opts.PruneTriviallyFalseEdges = true;
  Opts.AddImplicitDtors = true;
  FlowRunner::mask(P, Opts);
  std::unique_ptr<CFG> G = CFG::buildCFG(D, Body, &Ctx, Opts);
  if (!G)
    return {};
  {
    FlowRunner Runner(P, *G, Body);
    if (Runner.place(/*Move=*/false))
      return Runner.run();
  }
  // An event's statement is no element even of its own class (parentheses,
  // a declaration statement the CFG split): every class added, the event
  // moves to the nearest enclosing element.
  Opts.setAllAlwaysAdd();
  G = CFG::buildCFG(D, Body, &Ctx, Opts);
  if (!G)
    return {};
  FlowRunner Runner(P, *G, Body);
  Runner.place(/*Move=*/true);
  return Runner.run();
}

} // namespace context_tidy
