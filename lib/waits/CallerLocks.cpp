//===- CallerLocks.cpp - Whether every caller holds the mutex -------------===//

#include "lib/waits/CallerLocks.h"

#include "lib/ast/ExprWrappers.h"
#include "lib/waits/MutexHeld.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace context_tidy {

namespace {

bool sameLockType(QualType A, QualType B) {
  if (A.isNull() || B.isNull())
    return false;
  A = A.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  B = B.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  return A == B;
}

/// A lock over \p MutexType: a class template specialization with it
/// among its type arguments (unique_lock<M>, scoped_lock<M, N>), or a
/// reference or pointer to one.
bool isLockOver(QualType T, QualType MutexType) {
  T = T.getNonReferenceType();
  if (const auto *P = T->getAs<PointerType>())
    T = P->getPointeeType();
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  auto Same = [&](const TemplateArgument &A) {
    return A.getKind() == TemplateArgument::Type &&
           A.getAsType().getCanonicalType().getUnqualifiedType() == MutexType;
  };
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
    if (Same(A))
      return true;
    if (A.getKind() == TemplateArgument::Pack &&
        llvm::any_of(A.pack_elements(), Same))
      return true;
  }
  return false;
}

/// Whether \p T names \p R: as itself, through pointers, references and
/// arrays, or as a template argument (std::shared_ptr<R>).
bool mentions(QualType T, const CXXRecordDecl *R, unsigned Depth = 0) {
  if (T.isNull() || Depth > 8)
    return false;
  T = T.getNonReferenceType().getCanonicalType();
  for (;;) {
    if (const auto *P = T->getAs<PointerType>())
      T = P->getPointeeType();
    else if (const ArrayType *A = T->getAsArrayTypeUnsafe())
      T = A->getElementType();
    else
      break;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (RD->getCanonicalDecl() == R->getCanonicalDecl())
    return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type &&
          mentions(A.getAsType(), R, Depth + 1))
        return true;
  return false;
}

/// The member functions of \p RD with a body, the initialisers of its
/// constructors and its default member initialisers.
struct CodeRoot {
  const Stmt *S = nullptr;
  /// The member function (canonical); null for a member initialiser.
  const FunctionDecl *Fn = nullptr;
  bool LockParam = false;
};

void collectRoots(const CXXRecordDecl *RD, QualType MutexType,
                  llvm::SmallVectorImpl<CodeRoot> &Out) {
  for (const FieldDecl *F : RD->fields())
    if (F->hasInClassInitializer() && F->getInClassInitializer())
      Out.push_back({F->getInClassInitializer(), nullptr, false});
  for (const Decl *D : RD->decls()) {
    const FunctionDecl *FD = D->getAsFunction();
    const FunctionDecl *Def = nullptr;
    if (!FD || !FD->hasBody(Def) || !Def)
      continue;
    bool LockParam = llvm::any_of(Def->parameters(), [&](const ParmVarDecl *P) {
      return isLockOver(P->getType(), MutexType);
    });
    const FunctionDecl *Fn = FD->getCanonicalDecl();
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getInit())
          Out.push_back({Init->getInit(), Fn, LockParam});
    if (const Stmt *Body = Def->getBody())
      Out.push_back({Body, Fn, LockParam});
  }
}

/// The name of an unresolved member call's callee (a template's pattern).
DeclarationName unresolvedCalleeName(const Expr *Callee) {
  Callee = Callee->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnresolvedMemberExpr>(Callee))
    return U->getMemberName();
  if (const auto *D = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return D->getMember();
  if (const auto *L = dyn_cast<UnresolvedLookupExpr>(Callee))
    return L->getName();
  return {};
}

} // namespace

bool mayRunWithMutexHeld(const FunctionDecl *FD, const ValueDecl *Mutex,
                         const SourceManager &SM) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !Mutex || !FD->hasBody(Def) || !Def || !Def->getBody())
    return true;
  Mutex = cast<ValueDecl>(Mutex->getCanonicalDecl());
  QualType MutexType =
      Mutex->getType().getCanonicalType().getUnqualifiedType();
  // The function itself locks it somewhere, or is handed a lock of it.
  if (takesMutex(Def->getBody(), Mutex) ||
      llvm::any_of(Def->parameters(), [&](const ParmVarDecl *P) {
        return isLockOver(P->getType(), MutexType);
      }))
    return true;
  if (const auto *V = dyn_cast<VarDecl>(Mutex))
    return !(V->isLocalVarDecl() && !V->isStaticLocal() &&
             V->getParentFunctionOrMethod() == Def);
  const auto *Field = dyn_cast<FieldDecl>(Mutex);
  const auto *MD = dyn_cast<CXXMethodDecl>(Def);
  if (!Field || !MD)
    return true;
  const CXXRecordDecl *C = MD->getParent()->getDefinition();
  const auto *R = dyn_cast_or_null<CXXRecordDecl>(Field->getParent());
  if (!C || !R || !(R = R->getDefinition()))
    return true;
  if (isa<CXXDestructorDecl>(MD) && R == C)
    return false;
  // Only the class's own code can reach the mutex.
  auto Hidden = [](AccessSpecifier A, const CXXRecordDecl *In) {
    return A == AS_private || (A == AS_protected && In->hasAttr<FinalAttr>());
  };
  llvm::SmallVector<const CXXRecordDecl *, 2> Classes{C};
  if (R == C) {
    if (!Hidden(Field->getAccess(), C))
      return true;
  } else {
    if (R->getDeclContext() != C || !Hidden(R->getAccess(), C))
      return true;
    for (const Decl *D : C->decls())
      if (const FunctionDecl *M = D->getAsFunction())
        if (M->getAccess() != AS_private &&
            (mentions(M->getReturnType(), R) ||
             llvm::any_of(M->parameters(), [&](const ParmVarDecl *P) {
               return mentions(P->getType(), R);
             })))
          return true;
    Classes.push_back(R);
  }
  for (const CXXRecordDecl *RD : Classes)
    if (RD->friend_begin() != RD->friend_end())
      return true;

  // The calls between member functions of C, and whether the mutex is held
  // at each.
  struct Edge {
    const FunctionDecl *Caller;
    const FunctionDecl *Callee;
    bool Held;
  };
  llvm::SmallVector<Edge, 16> Edges;
  const FunctionDecl *Target = FD->getCanonicalDecl();
  llvm::SmallVector<CodeRoot, 16> Roots;
  for (const CXXRecordDecl *RD : Classes)
    collectRoots(RD, MutexType, Roots);
  auto MethodsNamed = [&](DeclarationName Name) {
    llvm::SmallVector<const FunctionDecl *, 2> Out;
    if (Name)
      for (const NamedDecl *D : C->lookup(Name))
        if (const FunctionDecl *M = D->getAsFunction())
          Out.push_back(M->getCanonicalDecl());
    return Out;
  };
  for (const CodeRoot &Root : Roots) {
    // (statement, the body whose locks count, held from outside that body)
    struct Item {
      const Stmt *S;
      const Stmt *Body;
      bool Held;
    };
    llvm::SmallVector<Item, 32> Stack{{Root.S, Root.S, Root.LockParam}};
    llvm::SmallPtrSet<const Expr *, 8> LockUses;
    llvm::SmallVector<const MemberExpr *, 8> Uses;
    while (!Stack.empty()) {
      Item I = Stack.pop_back_val();
      if (!I.S)
        continue;
      if (const auto *L = dyn_cast<LambdaExpr>(I.S)) {
        Stack.push_back(
            {L->getBody(), L->getBody(),
             I.Held || mutexHeldAt(I.Body, Mutex, L->getBeginLoc(), SM)});
        continue;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(I.S))
        if (DRE->getDecl()->getCanonicalDecl() == Target)
          return true; // its address is taken
      if (const auto *ME = dyn_cast<MemberExpr>(I.S))
        if (ME->getMemberDecl()->getCanonicalDecl() == Mutex)
          Uses.push_back(ME);
      // The uses that lock: a lock's constructor argument, the object of a
      // member call on the mutex.
      if (const auto *CE = dyn_cast<CXXConstructExpr>(I.S)) {
        for (const Expr *A : CE->arguments())
          LockUses.insert(A->IgnoreParenImpCasts());
      } else if (const auto *U = dyn_cast<CXXUnresolvedConstructExpr>(I.S)) {
        for (const Expr *A : U->arguments())
          LockUses.insert(A->IgnoreParenImpCasts());
      } else if (const auto *P = dyn_cast<ParenListExpr>(I.S)) {
        for (unsigned K = 0; K < P->getNumExprs(); ++K)
          LockUses.insert(P->getExpr(K)->IgnoreParenImpCasts());
      } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(I.S)) {
        if (const Expr *Obj = MC->getImplicitObjectArgument())
          LockUses.insert(Obj->IgnoreParenImpCasts());
      }
      if (const auto *CE = dyn_cast<CallExpr>(I.S)) {
        llvm::SmallVector<const FunctionDecl *, 2> Callees;
        if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee())) {
          if (M->getParent()->getCanonicalDecl() == C->getCanonicalDecl())
            Callees.push_back(M->getCanonicalDecl());
        } else if (CE->getCallee()) {
          Callees = MethodsNamed(unresolvedCalleeName(CE->getCallee()));
        }
        bool Held = I.Held || mutexHeldAt(I.Body, Mutex, CE->getBeginLoc(), SM);
        for (const FunctionDecl *Callee : Callees)
          Edges.push_back({Root.Fn, Callee, Held});
      }
      for (const Stmt *Child : I.S->children())
        Stack.push_back({Child, I.Body, I.Held});
    }
    for (const MemberExpr *ME : Uses)
      if (!LockUses.contains(ME))
        return true; // the mutex escapes: a reference bound, std::lock
  }
  // The member functions that may run with the mutex held: called where it
  // is held, or called by one of them.
  llvm::DenseSet<const FunctionDecl *> Under;
  for (const Edge &E : Edges)
    if (E.Held)
      Under.insert(E.Callee);
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (const Edge &E : Edges)
      if (E.Caller && Under.contains(E.Caller) && Under.insert(E.Callee).second)
        Grew = true;
  }
  return Under.contains(Target);
}

bool calledOnlyUnderLock(const FunctionDecl *FD, const ValueDecl *Mutex,
                         QualType LockType, const SourceManager &SM) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!MD || !Mutex || MD->getAccess() == AS_public)
    return false;
  const CXXRecordDecl *RD = MD->getParent();
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  const FunctionDecl *Target = MD->getCanonicalDecl();
  unsigned Calls = 0;
  for (const Decl *D : RD->decls()) {
    const FunctionDecl *Caller = D->getAsFunction();
    const FunctionDecl *Def = nullptr;
    if (!Caller || !Caller->hasBody(Def) || !Def || !Def->getBody())
      continue;
    bool LockParam = llvm::any_of(Def->parameters(), [&](const ParmVarDecl *P) {
      return sameLockType(P->getType(), LockType);
    });
    // Each body (the function's, a lambda's) is its own root for the
    // lock events.
    llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 32> Stack{
        {Def->getBody(), Def->getBody()}};
    while (!Stack.empty()) {
      auto [S, Root] = Stack.pop_back_val();
      if (!S)
        continue;
      if (const auto *L = dyn_cast<LambdaExpr>(S)) {
        Stack.push_back({L->getBody(), L->getBody()});
        continue;
      }
      if (const auto *CE = dyn_cast<CallExpr>(S)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (Callee && Callee->getCanonicalDecl() == Target) {
          ++Calls;
          bool InOwnBody = Root == Def->getBody();
          // Held at the call: a lock of the mutex alive there, or one
          // handed in by the caller's caller.
          if (!(InOwnBody && LockParam) &&
              !notifyIsRaceFree(Root, Mutex, CE->getBeginLoc(), CE, SM))
            return false;
        }
      }
      for (const Stmt *C : S->children())
        Stack.push_back({C, Root});
    }
  }
  return Calls > 0;
}

} // namespace context_tidy
