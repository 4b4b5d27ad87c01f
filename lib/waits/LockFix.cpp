//===- LockFix.cpp - Fix-its that take a waiter's mutex -------------------===//

#include "lib/waits/LockFix.h"

#include "lib/ast/Callables.h"
#include "lib/model/ApiModel.h"
#include "lib/waits/CallerLocks.h"
#include "lib/waits/MutexHeld.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace context_tidy {

namespace {

const Stmt *withoutImplicit(const Stmt *S) {
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return E->IgnoreImplicit();
  return S;
}

/// Whether \p S is a statement of its own in a block of \p Body, or, with
/// \p Branch, the branch of an if (a statement that can become a block; a
/// statement inserted before it would leave the branch).
bool isOwnStatement(const Stmt *Body, const Stmt *S, bool Branch = false) {
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  S = withoutImplicit(S);
  while (!Stack.empty()) {
    const Stmt *Cur = Stack.pop_back_val();
    if (!Cur || isa<LambdaExpr>(Cur))
      continue;
    auto Is = [&](const Stmt *C) { return C && withoutImplicit(C) == S; };
    if (const auto *CS = dyn_cast<CompoundStmt>(Cur)) {
      if (llvm::any_of(CS->body(), Is))
        return true;
    } else if (const auto *If = dyn_cast<IfStmt>(Cur); If && Branch) {
      if (Is(If->getThen()) || Is(If->getElse()))
        return true;
    }
    for (const Stmt *C : Cur->children())
      Stack.push_back(C);
  }
  return false;
}

/// The source text of \p R, if it is written in the file (no macro).
std::optional<std::string> textOf(SourceRange R, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return std::nullopt;
  bool Invalid = false;
  StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                        Ctx.getLangOpts(), &Invalid);
  if (Invalid || Text.empty())
    return std::nullopt;
  return Text.str();
}

/// The end of the statement \p S: the location just after its `;`.
SourceLocation afterSemicolon(const Stmt *S, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<Token> Next =
      Lexer::findNextToken(S->getEndLoc(), SM, Ctx.getLangOpts());
  if (!Next || Next->isNot(tok::semi) || Next->getLocation().isMacroID())
    return {};
  return Next->getEndLoc();
}

/// The whitespace before \p Loc on its line, when only whitespace is there.
std::optional<std::string> indentationAt(SourceLocation Loc,
                                         const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return std::nullopt;
  size_t Start = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  Start = Start == StringRef::npos ? 0 : Start + 1;
  StringRef Before = Buffer.slice(Start, Offset);
  if (Before.find_first_not_of(" \t") != StringRef::npos)
    return std::nullopt;
  return Before.str();
}

/// One level of indentation, as the file uses it around \p Indent.
std::string indentStep(StringRef Indent) {
  if (!Indent.empty() && Indent.front() == '\t')
    return "\t";
  return "  ";
}

/// The names that \p Body and \p FD's parameters declare and, with
/// \p References, those \p Body refers to: a new variable must not take one
/// of them, and a member's name is hidden by a declared one.
llvm::StringSet<> namesIn(const Stmt *Body, const FunctionDecl *FD,
                          bool References = true) {
  llvm::StringSet<> Names;
  if (FD)
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getIdentifier())
        Names.insert(P->getName());
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *ND = dyn_cast<NamedDecl>(D); ND && ND->getIdentifier())
          Names.insert(ND->getName());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && References)
      if (DRE->getDecl()->getIdentifier())
        Names.insert(DRE->getDecl()->getName());
    if (const auto *ME = dyn_cast<MemberExpr>(S); ME && References)
      if (ME->getMemberDecl()->getIdentifier())
        Names.insert(ME->getMemberDecl()->getName());
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  return Names;
}

std::string freshName(const llvm::StringSet<> &Taken) {
  for (StringRef Candidate : {"lock", "guard", "stop_lock", "wake_lock"})
    if (!Taken.contains(Candidate))
      return Candidate.str();
  for (unsigned I = 1;; ++I) {
    std::string Name = "lock" + std::to_string(I);
    if (!Taken.contains(Name))
      return Name;
  }
}

bool isWithin(const CXXRecordDecl *Inner, const CXXRecordDecl *Outer) {
  for (const DeclContext *DC = Inner; DC; DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC);
        RD && RD->getCanonicalDecl() == Outer->getCanonicalDecl())
      return true;
  return false;
}

/// A base expression that names an object without calling anything but
/// an overloaded `->` or `*` (a smart pointer): `this`, `file_->`,
/// `state.sync`.
bool isPlainPath(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(E) || isa<DeclRefExpr>(E))
      return true;
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      E = ME->getBase();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Deref) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() == 1 &&
        (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)) {
      E = Op->getArg(0);
      continue;
    }
    return false;
  }
  return false;
}

/// How \p Mutex is named at the notify \p Notify, in \p FD (or a lambda
/// of it): by the path the notify's object is reached by, or its own name
/// in a member function of its class.
std::optional<std::string> mutexSpelling(const ValueDecl *Mutex,
                                         const CallExpr *Notify,
                                         const Stmt *Body,
                                         const FunctionDecl *FD,
                                         const ASTContext &Ctx) {
  const auto *Field = dyn_cast<FieldDecl>(Mutex);
  if (!Field)
    return std::nullopt; // a variable: not yet
  const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
  const CXXRecordDecl *Here = FD ? enclosingClass(FD) : nullptr;
  if (!Owner || !Here)
    return std::nullopt;
  // Access: a member that is not public is named only in its class.
  if (Field->getAccess() != AS_public && !isWithin(Here, Owner))
    return std::nullopt;
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Notify);
  const auto *Callee =
      MC ? dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()) : nullptr;
  const auto *Object =
      Callee ? dyn_cast<MemberExpr>(Callee->getBase()->IgnoreParenImpCasts())
             : nullptr;
  if (!Object)
    return std::nullopt;
  const auto *CV = dyn_cast<FieldDecl>(Object->getMemberDecl());
  if (!CV || CV->getParent()->getCanonicalDecl() != Owner->getCanonicalDecl())
    return std::nullopt;
  const Expr *Base = Object->getBase()->IgnoreParenImpCasts();
  if (Object->isImplicitAccess() || (isa<CXXThisExpr>(Base) &&
                                     cast<CXXThisExpr>(Base)->isImplicit())) {
    // `cv.notify_all()` in a member function: `mutex` by its name, unless
    // a local or a parameter of the same name hides it.
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (!MD || !isWithin(MD->getParent(), Owner))
      return std::nullopt;
    llvm::StringSet<> Locals = namesIn(Body, FD, /*References=*/false);
    if (!Field->getIdentifier() || Locals.contains(Field->getName()))
      return std::nullopt;
    return Field->getName().str();
  }
  if (!isPlainPath(Base))
    return std::nullopt;
  // The path as written up to the member's name: `file_->`, `sync_.`.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = Object->getBeginLoc(), Name = Object->getMemberLoc();
  if (Begin.isMacroID() || Name.isMacroID() || !Field->getIdentifier())
    return std::nullopt;
  bool Invalid = false;
  StringRef Path = Lexer::getSourceText(
      CharSourceRange::getCharRange(Begin, Name), SM, Ctx.getLangOpts(),
      &Invalid);
  if (Invalid || Path.empty())
    return std::nullopt;
  return (Path + Field->getName()).str();
}

/// The declaration of a lock of \p Mutex named \p Name, as \p Spelled:
/// `std::lock_guard<std::mutex> lock(mu_);` (`std::lock_guard lock(mu_);`
/// from C++17).
std::optional<std::string> lockDeclaration(const ValueDecl *Mutex,
                                           StringRef Spelled, StringRef Name,
                                           const ApiModel &M,
                                           ASTContext &Ctx) {
  std::optional<StringRef> Lock =
      M.declaredClassTemplate(Ctx, Role::ScopedLock);
  if (!Lock)
    return std::nullopt;
  std::string Out = Lock->str();
  if (!Ctx.getLangOpts().CPlusPlus17) {
    QualType T = Mutex->getType().getNonReferenceType().getUnqualifiedType();
    if (T.isNull() || T->isDependentType())
      return std::nullopt;
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || RD->isLocalClass())
      return std::nullopt;
    PrintingPolicy Policy(Ctx.getLangOpts());
    Policy.SuppressScope = false;
    Policy.FullyQualifiedName = true;
    Policy.SuppressUnwrittenScope = true;
    Out += "<" + T.getAsString(Policy) + ">";
  }
  return Out + " " + Name.str() + "(" + Spelled.str() + ");";
}

/// Whether the mutex may already be held where the fix takes it: in the
/// body at \p At, or by a caller of the function.
bool mayBeHeld(const Publication &P, SourceLocation At,
               const SourceManager &SM) {
  if (!P.Function)
    return true; // a lambda: a stop callback can run where it is registered
  return mutexHeldAt(P.Body, P.Mutex, At, SM) ||
         mayRunWithMutexHeld(P.Function, P.Mutex, SM);
}

} // namespace

std::optional<LockFix> publishUnderLock(const Publication &P,
                                        const ApiModel &M, ASTContext &Ctx) {
  if (!P.Mutex || !P.Notify || !P.Body)
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  if (P.Notify->getBeginLoc().isMacroID() || P.Notify->getEndLoc().isMacroID())
    return std::nullopt;
  std::optional<std::string> Spelled =
      mutexSpelling(P.Mutex, P.Notify, P.Body, P.Function, Ctx);
  if (!Spelled)
    return std::nullopt;
  std::string Name = freshName(namesIn(P.Body, P.Function));
  std::optional<std::string> Decl =
      lockDeclaration(P.Mutex, *Spelled, Name, M, Ctx);
  if (!Decl)
    return std::nullopt;

  // The store under the lock: the write as a statement of its own.
  const Stmt *W = P.Write;
  if (W && !W->getBeginLoc().isMacroID() && !W->getEndLoc().isMacroID() &&
      isOwnStatement(P.Body, W, /*Branch=*/true)) {
    SourceLocation End = afterSemicolon(W, Ctx);
    std::optional<std::string> Indent = indentationAt(W->getBeginLoc(), SM);
    std::optional<std::string> Text = textOf(W->getSourceRange(), Ctx);
    if (End.isValid() && Indent && Text &&
        !mayBeHeld(P, W->getBeginLoc(), SM)) {
      std::string Step = indentStep(*Indent);
      std::string Block = "{\n" + *Indent + Step + *Decl + "\n" + *Indent +
                          Step + *Text + ";\n" + *Indent + "}";
      LockFix F;
      F.Hints.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(W->getBeginLoc(), End), Block));
      return F;
    }
    return std::nullopt;
  }
  // An empty locked scope before the notify: for a stop request, or a
  // write that is itself atomic (an operation of the flag's class) but
  // part of a larger statement.
  if (W && !isa<CXXMemberCallExpr>(withoutImplicit(W)) &&
      !isa<CXXOperatorCallExpr>(withoutImplicit(W)))
    return std::nullopt;
  if (!isOwnStatement(P.Body, P.Notify) || afterSemicolon(P.Notify, Ctx).isInvalid())
    return std::nullopt;
  std::optional<std::string> Indent =
      indentationAt(P.Notify->getBeginLoc(), SM);
  if (!Indent || mayBeHeld(P, P.Notify->getBeginLoc(), SM))
    return std::nullopt;
  LockFix F;
  F.Hints.push_back(FixItHint::CreateInsertion(
      P.Notify->getBeginLoc(), "{\n" + *Indent + indentStep(*Indent) + *Decl +
                                   "\n" + *Indent + "}\n" + *Indent));
  return F;
}

const FunctionDecl *memberWithBody(const ValueDecl *Mutex, const Stmt *Body) {
  const auto *Field = dyn_cast_or_null<FieldDecl>(Mutex);
  const auto *RD =
      Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!RD || !Body)
    return nullptr;
  for (const Decl *D : RD->decls())
    if (const FunctionDecl *M = D->getAsFunction()) {
      const FunctionDecl *Def = nullptr;
      if (M->hasBody(Def) && Def && Def->getBody() == Body)
        return Def;
    }
  return nullptr;
}

std::optional<LockFix> guardWaitWithTest(const CallExpr *Wait,
                                         const Expr *Cond, bool LoopCondition,
                                         const FieldDecl *Flag,
                                         const Stmt *Body, ASTContext &Ctx) {
  if (!Wait || !Cond || !Flag || !Body)
    return std::nullopt;
  if (Wait->getBeginLoc().isMacroID() || Cond->getBeginLoc().isMacroID() ||
      Cond->getEndLoc().isMacroID() || !isOwnStatement(Body, Wait))
    return std::nullopt;
  // The test is the flag alone: `stop_`, `!running_`, `stop_.load()`.
  const Expr *Read = Cond->IgnoreParenImpCasts();
  bool Negated = false;
  if (const auto *UO = dyn_cast<UnaryOperator>(Read);
      UO && UO->getOpcode() == UO_LNot) {
    Negated = true;
    Read = UO->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Read)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->isConst())
      return std::nullopt;
    Read = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
  }
  const auto *ME = dyn_cast<MemberExpr>(Read);
  if (!ME || ME->getMemberDecl()->getCanonicalDecl() != Flag->getCanonicalDecl() ||
      !isPlainPath(ME->getBase()))
    return std::nullopt;
  std::optional<std::string> Whole = textOf(Cond->getSourceRange(), Ctx);
  if (!Whole)
    return std::nullopt;
  // The loop goes on while: the loop's condition, or the exit's negation.
  std::string GoesOn;
  if (LoopCondition) {
    GoesOn = *Whole;
  } else if (Negated) {
    const Expr *Inner =
        cast<UnaryOperator>(Cond->IgnoreParenImpCasts())->getSubExpr();
    std::optional<std::string> Text = textOf(Inner->getSourceRange(), Ctx);
    if (!Text)
      return std::nullopt;
    GoesOn = *Text;
  } else {
    const Expr *C = Cond->IgnoreImpCasts();
    bool Postfix = isa<ParenExpr>(C) || isa<MemberExpr>(C) ||
                   isa<CXXMemberCallExpr>(C) || isa<DeclRefExpr>(C);
    GoesOn = Postfix ? "!" + *Whole : "!(" + *Whole + ")";
  }
  LockFix F;
  F.Hints.push_back(
      FixItHint::CreateInsertion(Wait->getBeginLoc(), "if (" + GoesOn + ") "));
  return F;
}

} // namespace context_tidy
