//===- FlowAnalysis.cpp - Must-release analysis on Clang's CFG ------------===//

#include "lib/FlowAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include <deque>
#include <memory>

using namespace clang;

namespace context_tidy {

class FlowRunner {
public:
  FlowRunner(const FlowProblem &P, const CFG &G, Stmt *Body)
      : P(P), G(G), Body(Body) {}

  FlowResult run() {
    FlowResult R;
    R.Analyzed = true;
    R.Leaks.resize(P.NumBits);
    placeEvents();
    solve();
    report(R);
    return R;
  }

private:
  using EventList = llvm::SmallVector<FlowEvent, 1>;

  /// The events of one CFG element, with the statement they report at.
  struct Placed {
    const Stmt *At;
    const EventList *Events;
  };

  void placeEvents() {
    llvm::DenseSet<const Stmt *> Seen;
    for (const CFGBlock *B : G)
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
          Seen.insert(S->getStmt());
    // Events on statements the CFG has no element for (parentheses and the
    // like) move to the nearest enclosing statement it has.
    std::unique_ptr<ParentMap> PM;
    for (const auto &[S, Events] : P.StmtEvents) {
      const Stmt *At = S;
      if (!Seen.count(At)) {
        if (!PM)
          PM = std::make_unique<ParentMap>(Body);
        while (At && !Seen.count(At))
          At = PM->getParent(At);
        if (!At)
          continue; // not evaluated in this body
      }
      EventList &L = Moved[At];
      L.append(Events.begin(), Events.end());
    }
  }

  /// Calls F(At, Event) for each event of element E, in order.
  template <typename Fn> void forEachEvent(const CFGElement &E, Fn F) const {
    std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
    if (!CS)
      return;
    const Stmt *S = CS->getStmt();
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V)
          continue;
        auto It = P.DeclEvents.find(V);
        if (It != P.DeclEvents.end())
          for (const FlowEvent &Ev : It->second)
            F(S, Ev);
      }
    }
    auto It = Moved.find(S);
    if (It != Moved.end())
      for (const FlowEvent &Ev : It->second)
        F(S, Ev);
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
    for (const CFGElement &E : *B)
      forEachEvent(E, [&](const Stmt *, const FlowEvent &Ev) {
        apply(State, Ev);
      });
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
    while (!Work.empty()) {
      const CFGBlock *B = Work.front();
      Work.pop_front();
      Queued[B->getBlockID()] = false;
      llvm::BitVector Out = In[B->getBlockID()];
      transfer(B, Out);
      for (const CFGBlock::AdjacentBlock &A : B->succs()) {
        const CFGBlock *S = A.getReachableBlock();
        if (!S)
          continue;
        unsigned Id = S->getBlockID();
        llvm::BitVector Joined = In[Id];
        Joined |= Out;
        if (Reached[Id] && Joined == In[Id])
          continue;
        Reached[Id] = true;
        In[Id] = std::move(Joined);
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
      if (!Reached[B->getBlockID()])
        continue;
      llvm::BitVector State = In[B->getBlockID()];
      for (const CFGElement &E : *B)
        forEachEvent(E, [&](const Stmt *At, const FlowEvent &Ev) {
          bool Lost = State.test(Ev.Bit) &&
                      (Ev.Kind == FlowEventKind::GenCheck ||
                       Ev.Kind == FlowEventKind::Overwrite);
          if (Lost && Recorded.insert({At, Ev.Bit}).second)
            R.Leaks[Ev.Bit].push_back(
                {Ev.Kind == FlowEventKind::GenCheck ? FlowLeak::Rebind
                                                    : FlowLeak::Overwritten,
                 At});
          apply(State, Ev);
        });
    }
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
        R.Leaks[Bit].push_back(L);
    }
  }

  const FlowProblem &P;
  const CFG &G;
  Stmt *Body;
  llvm::DenseMap<const Stmt *, EventList> Moved;
  std::vector<llvm::BitVector> In;
  std::vector<bool> Reached;
};

FlowResult runFlowAnalysis(const Decl *D, Stmt *Body, ASTContext &Ctx,
                           const FlowProblem &P) {
  if (!Body || P.numBits() == 0)
    return {};
  CFG::BuildOptions Opts;
  Opts.PruneTriviallyFalseEdges = true;
  Opts.AddImplicitDtors = true;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> G = CFG::buildCFG(D, Body, &Ctx, Opts);
  if (!G)
    return {};
  return FlowRunner(P, *G, Body).run();
}

} // namespace context_tidy
