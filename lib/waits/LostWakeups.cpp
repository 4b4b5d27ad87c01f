//===- LostWakeups.cpp - Notifies that a condition wait can miss ----------===//

#include "lib/waits/LostWakeups.h"

#include "lib/ast/ExprWrappers.h"
#include "lib/model/TypeClassifier.h"
#include "lib/waits/BlockingCalls.h"
#include "lib/waits/CallerLocks.h"
#include "lib/waits/MutexHeld.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

/// A type a stop flag can have: bool, an integer or an enumeration, or a
/// class template specialization over one (std::atomic<bool>).
bool isFlagType(QualType T) {
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (T->isBooleanType() || T->isIntegralOrEnumerationType())
    return !T->isPointerType();
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() != 1)
    return false;
  const TemplateArgument &A = Spec->getTemplateArgs()[0];
  if (A.getKind() != TemplateArgument::Type)
    return false;
  QualType Arg = A.getAsType().getCanonicalType();
  return Arg->isBooleanType() || Arg->isIntegralOrEnumerationType();
}

const FieldDecl *flagField(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME)
    return nullptr;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!F || !isFlagType(F->getType()))
    return nullptr;
  return cast<FieldDecl>(F->getCanonicalDecl());
}

/// The flag member that \p S writes, if it is a write: an assignment or
/// increment of the member, an assignment operator or a non-const member
/// call on it (store, exchange, fetch_add).
const FieldDecl *writtenFlag(const Stmt *S) {
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      return flagField(BO->getLHS());
    return nullptr;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      return flagField(UO->getSubExpr());
    return nullptr;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->getNumArgs() >= 1 &&
        (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
         Op->getOperator() == OO_MinusMinus))
      return flagField(Op->getArg(0));
    return nullptr;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (MD && !MD->isConst() && !isa<CXXConversionDecl>(MD))
      return flagField(MC->getImplicitObjectArgument());
  }
  return nullptr;
}

/// The classes whose member functions may write \p Flag on a stop path:
/// the flag's, and \p Also.
llvm::SmallVector<const CXXRecordDecl *, 2>
flagRecords(const FieldDecl *Flag, const CXXRecordDecl *Also) {
  llvm::SmallVector<const CXXRecordDecl *, 2> Records;
  if (const auto *RD = dyn_cast_or_null<CXXRecordDecl>(Flag->getParent()))
    if ((RD = RD->getDefinition()))
      Records.push_back(RD);
  if (Also && (Also = Also->getDefinition()) &&
      !llvm::is_contained(Records, Also))
    Records.push_back(Also);
  return Records;
}

} // namespace

llvm::SmallVector<const FieldDecl *, 2>
flagReads(const Stmt *Root, llvm::function_ref<bool(const Expr *)> Keep) {
  llvm::SmallVector<const FieldDecl *, 2> Out;
  llvm::SmallVector<const Stmt *, 16> Stack{Root};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const FieldDecl *F = flagField(E))
        if ((!Keep || Keep(E)) && !llvm::is_contained(Out, F))
          Out.push_back(F);
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  return Out;
}

llvm::SmallVector<const FieldDecl *, 2> exitFlags(const Stmt *Exit) {
  return flagReads(Exit);
}

const llvm::SmallVector<ClassWakers::Body, 4> &
ClassWakers::summarise(const CXXRecordDecl *RD) {
  return summary(RD).Bodies;
}

const ClassWakers::Summary &ClassWakers::summary(const CXXRecordDecl *RD) {
  auto It = Classes.find(RD);
  if (It != Classes.end())
    return It->second;
  Summary Sum;
  struct Root {
    const Stmt *S;
    bool Stops;
    const FunctionDecl *Fn;  ///< the member function (canonical); null: a lambda
    const FunctionDecl *Def; ///< its definition
  };
  llvm::SmallVector<Root, 8> Roots;
  for (const Decl *D : RD->decls()) {
    const FunctionDecl *FD = D->getAsFunction();
    if (!FD)
      continue;
    // Members of a class template are read in the pattern too: their
    // non-dependent statements (the flag, the notify) are resolved there.
    const FunctionDecl *Def = nullptr;
    if (!FD->hasBody(Def) || !Def)
      continue;
    if (const Stmt *B = Def->getBody())
      Roots.push_back(
          {B, isa<CXXDestructorDecl>(Def), FD->getCanonicalDecl(), Def});
  }
  while (!Roots.empty()) {
    Body B;
    Root R = Roots.pop_back_val();
    B.Root = R.S;
    B.Stops = R.Stops;
    B.Function = R.Def;
    if (R.Fn)
      Sum.BodyOf[R.Fn] = R.S;
    llvm::SmallVector<const Stmt *, 32> Stack{B.Root};
    while (!Stack.empty()) {
      const Stmt *S = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *L = dyn_cast<LambdaExpr>(S)) {
        Roots.push_back({L->getBody(), false, nullptr, nullptr}); // its own body
        continue;
      }
      if (const FieldDecl *F = writtenFlag(S)) {
        B.Writes.push_back({F, S->getBeginLoc(), S});
        if (R.Fn)
          Sum.Wrote[R.Fn].push_back({F, S->getBeginLoc(), S});
      }
      if (const auto *CE = dyn_cast<CallExpr>(S)) {
        if (M.matchCall(CE, Role::WakeMethod)) {
          if (const auto *F =
                  dyn_cast_or_null<FieldDecl>(objectDecl(callObject(CE)))) {
            B.Notifies.push_back({F, CE});
            if (R.Fn)
              Sum.Notified[R.Fn].push_back(
                  {cast<FieldDecl>(F->getCanonicalDecl()), CE});
          }
        } else if (const ApiEntry *E = M.matchCall(CE, Role::BlockingCall)) {
          if (E->Flags & JoinsCallable)
            B.Stops = true;
        } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
          const CXXMethodDecl *MD = MC->getMethodDecl();
          const Expr *Obj = MC->getImplicitObjectArgument();
          if (MD && Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()) &&
              MD->getParent()->getCanonicalDecl() == RD->getCanonicalDecl())
            B.MemberCalls.push_back({MD->getCanonicalDecl(), CE});
        }
      }
      for (const Stmt *C : S->children())
        Stack.push_back(C);
    }
    // A body that writes, or calls a member function that may write, and
    // then wakes, stops or calls one that may wake.
    if ((!B.Writes.empty() || !B.MemberCalls.empty()) &&
        (!B.Notifies.empty() || B.Stops || !B.MemberCalls.empty()))
      Sum.Bodies.push_back(std::move(B));
  }
  return Classes.try_emplace(RD, std::move(Sum)).first->second;
}

SourceLocation ClassWakers::stopWrite(const FieldDecl *Flag) {
  const auto *RD = dyn_cast_or_null<CXXRecordDecl>(Flag->getParent());
  if (!RD || !(RD = RD->getDefinition()))
    return {};
  const auto *F = cast<FieldDecl>(Flag->getCanonicalDecl());
  for (const Body &B : summarise(RD))
    if (B.Stops)
      for (const Body::Write &W : B.Writes)
        if (W.Flag == F)
          return W.Loc;
  return {};
}

SourceLocation ClassWakers::stopWriteThroughCalls(const FieldDecl *Flag) {
  const auto *RD = dyn_cast_or_null<CXXRecordDecl>(Flag->getParent());
  if (!RD || !(RD = RD->getDefinition()))
    return {};
  const auto *F = cast<FieldDecl>(Flag->getCanonicalDecl());
  const Summary &Sum = summary(RD);
  const SourceManager &SM = RD->getASTContext().getSourceManager();
  for (const Body &B : Sum.Bodies) {
    for (const Body::Write &W : B.Writes)
      if (W.Flag == F)
        for (auto [N, Notify] : B.Notifies)
          if (SM.isBeforeInTranslationUnit(W.Loc, Notify->getBeginLoc()))
            return W.Loc;
    if (!B.Stops)
      continue;
    for (auto [Callee, Call] : B.MemberCalls) {
      auto It = Sum.Wrote.find(Callee);
      if (It != Sum.Wrote.end())
        for (const Body::Write &W : It->second)
          if (W.Flag == F)
            return W.Loc;
    }
  }
  return {};
}

SourceLocation ClassWakers::writeBeforeWake(const FieldDecl *Flag,
                                            const ValueDecl *Object,
                                            const CXXRecordDecl *Also) {
  if (!Flag || !Object)
    return {};
  const auto *F = cast<FieldDecl>(Flag->getCanonicalDecl());
  const ValueDecl *Obj = cast<ValueDecl>(Object->getCanonicalDecl());
  llvm::SmallVector<const CXXRecordDecl *, 2> Records = flagRecords(Flag, Also);
  const SourceManager *SM = nullptr;
  for (const CXXRecordDecl *RD : Records) {
    const Summary &Sum = summary(RD);
    for (const Body &B : Sum.Bodies)
      for (const Body::Write &W : B.Writes) {
        if (W.Flag != F)
          continue;
        for (auto [N, Call] : B.Notifies)
          if (N == Obj)
            return W.Loc;
        // A member function called after the write that notifies it.
        if (!SM)
          SM = &RD->getASTContext().getSourceManager();
        for (auto [Callee, At] : B.MemberCalls) {
          auto It = Sum.Notified.find(Callee);
          if (It != Sum.Notified.end() &&
              llvm::any_of(It->second,
                           [&](const auto &P) { return P.first == Obj; }) &&
              SM->isBeforeInTranslationUnit(W.Loc, At->getBeginLoc()))
            return W.Loc;
        }
      }
  }
  return {};
}

llvm::SmallVector<UnlockedFlagTest, 1>
flagsTestedOutsideLock(const Stmt *Loop, const CallExpr *Wait,
                       const ValueDecl *Lock,
                       llvm::ArrayRef<const FieldDecl *> PredicateFlags,
                       const SourceManager &SM) {
  llvm::SmallVector<UnlockedFlagTest, 1> Out;
  const auto *LockVar = dyn_cast_or_null<VarDecl>(Lock);
  if (!Loop || !Wait || !LockVar || !LockVar->isLocalVarDecl())
    return Out;
  const Expr *Cond = nullptr;
  const Stmt *LoopBody = nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(Loop)) {
    Cond = W->getCond();
    LoopBody = W->getBody();
  } else if (const auto *D = dyn_cast<DoStmt>(Loop)) {
    Cond = D->getCond();
    LoopBody = D->getBody();
  } else if (const auto *F = dyn_cast<ForStmt>(Loop)) {
    Cond = F->getCond();
    LoopBody = F->getBody();
  }
  if (!LoopBody)
    return Out;
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  // The lock is taken inside the body: the condition runs without it.
  SourceLocation LockAt = LockVar->getLocation();
  if (Before(LockAt, LoopBody->getBeginLoc()) ||
      Before(LoopBody->getEndLoc(), LockAt) ||
      Before(Wait->getBeginLoc(), LockAt))
    return Out;
  // Reads of each flag in the body between the lock and the wait: a test
  // made again under the lock.
  const llvm::SmallVector<const FieldDecl *, 2> Retested =
      flagReads(LoopBody, [&](const Expr *E) {
        return Before(LockAt, E->getBeginLoc()) &&
               Before(E->getBeginLoc(), Wait->getBeginLoc());
      });
  // The loop's condition, and `if (flag) break;` (or return) in the body
  // before the lock, outside nested loops.
  llvm::SmallVector<const Stmt *, 4> Tests{Cond};
  llvm::SmallVector<const Stmt *, 32> Stack{LoopBody};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S || isa<LambdaExpr>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) ||
        isa<ForStmt>(S) || isa<CXXForRangeStmt>(S) ||
        !Before(S->getBeginLoc(), LockAt))
      continue;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      const Stmt *Then = If->getThen();
      if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Then);
          CS && !CS->body_empty())
        Then = CS->body_back();
      if (If->getCond() && !If->getElse() &&
          (isa_and_nonnull<BreakStmt>(Then) || isa_and_nonnull<ReturnStmt>(Then)))
        Tests.push_back(If->getCond());
    }
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  // (a node of a test, the test)
  llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 32> Nodes;
  for (const Stmt *T : Tests)
    Nodes.push_back({T, T});
  while (!Nodes.empty()) {
    auto [S, Test] = Nodes.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const FieldDecl *F = flagField(E)) {
        if (!llvm::is_contained(PredicateFlags, F) &&
            !llvm::is_contained(Retested, F) &&
            llvm::none_of(Out, [&](const UnlockedFlagTest &T) {
              return T.Flag == F;
            }))
          Out.push_back({F, E->getBeginLoc(), cast<Expr>(Test), Test == Cond});
        continue;
      }
    for (const Stmt *C : S->children())
      Nodes.push_back({C, Test});
  }
  return Out;
}

namespace {

/// The class of \p W's condition variable (its definition), when the wait
/// is complete enough to look for its wakers.
const CXXRecordDecl *condVarClass(const FlagWait &W) {
  if (!W.CondVar || !W.Mutex || W.Flags.empty())
    return nullptr;
  const auto *RD = dyn_cast_or_null<CXXRecordDecl>(W.CondVar->getParent());
  return RD ? RD->getDefinition() : nullptr;
}

} // namespace

const ClassWakers::Body::Write *
ClassWakers::lastWriteBefore(const Body &B,
                             llvm::ArrayRef<const FieldDecl *> Flags,
                             SourceLocation Loc, const SourceManager &SM) {
  const Body::Write *Last = nullptr;
  for (const Body::Write &Wr : B.Writes)
    if (llvm::is_contained(Flags, Wr.Flag) &&
        SM.isBeforeInTranslationUnit(Wr.Loc, Loc) &&
        (!Last || SM.isBeforeInTranslationUnit(Last->Loc, Wr.Loc)))
      Last = &Wr;
  return Last;
}

llvm::SmallVector<RacyFlagWake, 1>
ClassWakers::racyWakes(const FlagWait &W, const SourceManager &SM) {
  llvm::SmallVector<RacyFlagWake, 1> Out;
  const CXXRecordDecl *RD = condVarClass(W);
  if (!RD)
    return Out;
  const auto *CV = cast<FieldDecl>(W.CondVar->getCanonicalDecl());
  for (const Body &B : summarise(RD)) {
    for (auto [NotifiedField, Notify] : B.Notifies) {
      if (NotifiedField != CV)
        continue;
      const Body::Write *Last =
          lastWriteBefore(B, W.Flags, Notify->getBeginLoc(), SM);
      if (!Last)
        continue;
      if (notifyIsRaceFree(B.Root, W.Mutex, Last->Loc, Notify, SM))
        continue;
      // A helper that its class calls only with the mutex held.
      if (calledOnlyUnderLock(B.Function, W.Mutex, W.LockType, SM))
        continue;
      Out.push_back(
          {Notify, Last->Flag, Last->Loc, Last->S, B.Root, B.Function});
    }
  }
  return Out;
}

llvm::SmallVector<RacyFlagWake, 1>
ClassWakers::racyWakesThroughCalls(const FlagWait &W, const SourceManager &SM) {
  llvm::SmallVector<RacyFlagWake, 1> Out;
  const CXXRecordDecl *RD = condVarClass(W);
  if (!RD)
    return Out;
  const auto *CV = cast<FieldDecl>(W.CondVar->getCanonicalDecl());
  const Summary &Sum = summary(RD);
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  for (const Body &B : Sum.Bodies) {
    // The caller must not be a helper that its class calls with the mutex
    // held.
    if (B.Function && calledOnlyUnderLock(B.Function, W.Mutex, W.LockType, SM))
      continue;
    for (auto [Callee, Call] : B.MemberCalls) {
      // A write here, then a call of a notifier that does not take the
      // mutex before its notify.
      auto Notified = Sum.Notified.find(Callee);
      const Stmt *CalleeBody = Sum.BodyOf.lookup(Callee);
      if (Notified != Sum.Notified.end() && CalleeBody) {
        const Body::Write *Last =
            lastWriteBefore(B, W.Flags, Call->getBeginLoc(), SM);
        const CallExpr *Inner = nullptr;
        for (auto [N, NotifyCall] : Notified->second)
          if (N == CV && !Inner &&
              !notifyIsRaceFree(CalleeBody, W.Mutex, SourceLocation(),
                                NotifyCall, SM))
            Inner = NotifyCall;
        if (Last && Inner &&
            !notifyIsRaceFree(B.Root, W.Mutex, Last->Loc, Call, SM))
          Out.push_back({Call, Last->Flag, Last->Loc, Last->S, B.Root,
                         B.Function, Callee, Inner});
      }
      // A call of a function that writes the flag without the mutex, then
      // a notify here.
      auto Wrote = Sum.Wrote.find(Callee);
      if (Wrote == Sum.Wrote.end() || !CalleeBody)
        continue;
      const Body::Write *Write = nullptr;
      for (const Body::Write &Wr : Wrote->second)
        if (llvm::is_contained(W.Flags, Wr.Flag) &&
            !mutexHeldAt(CalleeBody, W.Mutex, Wr.Loc, SM))
          Write = &Wr;
      if (!Write)
        continue;
      for (auto [N, Notify] : B.Notifies)
        if (N == CV && Before(Call->getBeginLoc(), Notify->getBeginLoc()) &&
            !notifyIsRaceFree(B.Root, W.Mutex, Call->getBeginLoc(), Notify,
                              SM)) {
          Out.push_back({Notify, Write->Flag, Write->Loc, Write->S,
                         CalleeBody, Callee->getDefinition(), Callee,
                         nullptr});
          break;
        }
    }
  }
  return Out;
}

} // namespace context_tidy
