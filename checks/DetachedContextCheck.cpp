//===- DetachedContextCheck.cpp - context-detached-context ----------------===//
//
// What it flags: in a cancellable scope (lib/contexts/CancellationScope.h), a call
// that omits the token or passes a fresh root context
// (lib/contexts/DetachedCalls.h), where a token of the scope could be passed as it
// is.  Not: explicit empty tokens and detach functions (they are never
// omissions nor roots), clean-up code (catch handlers, lambdas handed to
// scope guards), destructors, main and tests.  With FollowCalls, also a
// call of a function that passes a fresh root one or more calls down
// (lib/summaries/RootCalls.h), where a token of the scope could be passed.
//
//===----------------------------------------------------------------------===//

#include "checks/DetachedContextCheck.h"

#include "checks/CheckFacts.h"
#include "checks/CheckOptions.h"
#include "lib/ast/DefaultArguments.h"
#include "lib/summaries/RootCalls.h"
#include "lib/waits/BlockingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

/// Where a call's or a variable's name is written.
SourceLocation nameLoc(const Expr *E) {
  if (isa<CXXMemberCallExpr>(E))
    return E->getExprLoc();
  if (const auto *CE = dyn_cast<CallExpr>(E))
    E = CE->getCallee()->IgnoreImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getLocation();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberLoc();
  return E->getExprLoc();
}


bool isFileLoc(SourceLocation L) { return L.isValid() && L.isFileID(); }

/// Local variables declared in \p Body (not in nested lambdas) before
/// \p Before whose type could be passed as \p To.
bool hasPassableLocal(const Stmt *Body, QualType To, SourceLocation Before,
                      const SourceManager &SM) {
  llvm::SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (canPassAs(VD->getType(), To) &&
              SM.isBeforeInTranslationUnit(VD->getLocation(), Before))
            return true;
    for (const Stmt *C : S->children())
      Stack.push_back(C);
  }
  return false;
}

} // namespace

/// What one match (a function and its lambdas) shares.
struct DetachedContextCheck::FunctionState {
  llvm::SmallVector<const Stmt *, 4> Roots;
  std::optional<CleanupCode> Cleanup;
};

DetachedContextCheck::DetachedContextCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ContextCheck(Name, Context,
                   {"RootContexts", "DetachFunctions", "TestMacros"}),
      IgnoreMain(OptionReader(Name, Options, Context).boolean("IgnoreMain",
                                                              true)),
      IgnoreTests(OptionReader(Name, Options, Context).boolean("IgnoreTests",
                                                               true)),
      IgnoreCleanup(OptionReader(Name, Options, Context)
                        .boolean("IgnoreCleanup", true)),
      FollowCalls(CheckFacts::followsCalls(Name, Options, Context)) {}

DetachedContextCheck::~DetachedContextCheck() = default;

RootCallSummaries &DetachedContextCheck::rootCalls(ASTContext &Ctx) {
  if (!Table || &Table->context() != &Ctx) {
    RootCalls.reset();
    Table = std::make_unique<SummaryTable>(Ctx, model());
    RootCalls = std::make_unique<RootCallSummaries>(*Table);
  }
  return *RootCalls;
}

void DetachedContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "IgnoreMain", IgnoreMain ? "true" : "false");
  Options.store(Opts, "IgnoreTests", IgnoreTests ? "true" : "false");
  Options.store(Opts, "IgnoreCleanup", IgnoreCleanup ? "true" : "false");
  Options.store(Opts, "FollowCalls", FollowCalls ? "true" : "false");
}

void DetachedContextCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // The scopes of context-uncancellable-wait.
  addScopeMatchers(Finder, this);
}

void DetachedContextCheck::onStartOfTranslationUnit() {
  Reported.clear();
  model().clearCaches();
  Omissions = std::make_unique<OmissionFinder>(model());
  RootCalls.reset();
  Table.reset();
}

bool DetachedContextCheck::isExemptFunction(const FunctionDecl *FD,
                                            ASTContext &Ctx) const {
  if (isa<CXXDestructorDecl>(FD))
    return true;
  if (IgnoreMain && FD->isMain())
    return true;
  return IgnoreTests &&
         inMacroOfRole(FD->getLocation(), Role::TestMacro, model(),
                       Ctx.getSourceManager(), Ctx.getLangOpts());
}

void DetachedContextCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Omissions)
    Omissions = std::make_unique<OmissionFinder>(model());
  llvm::SmallVector<Scope, 4> Scopes;
  FunctionState F;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (isLambdaCallOperator(FD) || isExemptFunction(FD, *Result.Context))
      return;
    collectScopes(FD, model(), Scopes, &scopeWalks());
    F.Roots.push_back(FD->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten() && Init->getInit())
          F.Roots.push_back(Init->getInit());
  } else if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    collectScopes(L, model(), Scopes);
    F.Roots.push_back(L);
  }
  for (const Scope &S : Scopes)
    if (!S.Tokens.empty() && !S.InContextLibrary)
      analyse(S, F, *Result.Context);
}

void DetachedContextCheck::analyse(const Scope &S, FunctionState &F,
                                   ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Cleanup = [&]() -> const CleanupCode & {
    if (!F.Cleanup)
      F.Cleanup.emplace(F.Roots, model(), SM, Ctx.getLangOpts());
    return *F.Cleanup;
  };
  if (isa<CXXDestructorDecl>(S.Function))
    return;
  auto Done = [&](SourceLocation Loc) {
    return Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)) ||
           Reported.contains(Loc);
  };
  // Clean-up code, asked only once a call would be reported.
  auto IsCleanup = [&](const CallExpr *Call) {
    if (!IgnoreCleanup)
      return false;
    return (S.Lambda && Cleanup().contains(S.Lambda)) ||
           Cleanup().contains(Call);
  };
  // The tokens of the scope that could be passed as a parameter of type T.
  auto Passable = [&](QualType T) {
    llvm::SmallVector<const ScopeToken *, 2> Out;
    for (const ScopeToken &Tok : S.Tokens)
      if (canPassAs(Tok.Decl->getType(), T))
        Out.push_back(&Tok);
    return Out;
  };
  auto NoteToken = [&](const ScopeToken &T) {
    diag(T.Loc, "%0 '%1' %select{declared|captured}2 here",
         DiagnosticIDs::Note)
        << contextKindName(T.Kind) << T.Decl->getName() << T.ExplicitCapture;
  };

  for (const ScopeCall &SC : S.Calls) {
    const CallExpr *Call = SC.Call;

    // A fresh root where a context of the scope could be passed.
    for (const FreshRoot &R : findFreshRoots(Call, model())) {
      SourceLocation Loc = nameLoc(R.Root);
      if (Done(Loc))
        continue;
      llvm::SmallVector<const ScopeToken *, 2> Toks = Passable(R.ParamType);
      if (Toks.empty() || IsCleanup(Call))
        continue;
      Reported.insert(Loc);
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool One = Toks.size() == 1;
      bool IsCall = isa<CallExpr>(R.Root);
      {
      auto D = diag(Loc, "%0 %select{is|starts}4 a %select{|new }4root "
                         "context where '%1' is in scope; %2 is not "
                         "cancelled with it; %select{pass '%1'|pass the "
                         "context in scope}3 (a detach function such as "
                         "WithoutCancel says that this is on purpose)")
               << ("'" + R.RootDecl->getName() + (IsCall ? "()'" : "'")).str()
               << Toks.front()->Decl->getName()
               << (R.AsObject ? "the derived context"
                              : ("'" + Callee->getName() + "'").str())
               << !One << IsCall;
      SourceRange Range = R.Root->getSourceRange();
      if (One && bindsAsIs(Toks.front()->Decl->getType(), R.ParamType) &&
          isFileLoc(Range.getBegin()) && isFileLoc(Range.getEnd()) &&
          !hasPassableLocal(S.Body, R.ParamType, Range.getBegin(), SM))
        D << FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Range),
            Toks.front()->Decl->getName());
      }
      for (const ScopeToken *T : Toks)
        NoteToken(*T);
    }

    // A fresh root one or more calls down.
    if (FollowCalls && !isa<CXXOperatorCallExpr>(Call)) {
      SourceLocation Loc = nameLoc(Call);
      RootCallSummaries &Roots = rootCalls(Ctx);
      const FunctionDecl *Callee = Roots.table().callee(Call);
      const RootCallSummary *Sum =
          Callee && !anyObserving(writtenArguments(Call), model())
              ? &Roots.of(Callee)
              : nullptr;
      if (Sum && !Sum->Roots.empty() && !Done(Loc)) {
        const RootCall &R = Sum->Roots.front();
        llvm::SmallVector<const ScopeToken *, 2> Toks = Passable(R.ParamType);
        if (!Toks.empty() && !IsCleanup(Call)) {
          Reported.insert(Loc);
          diag(Loc, "'%0' starts its work with a new root context ('%1', "
                    "passed to '%2') where '%3' is in scope; the work is not "
                    "cancelled with '%3'; pass %select{'%3'|the context in "
                    "scope}4 to '%0' and on to '%2'")
              << summaryName(Callee) << R.Root << R.Callee
              << Toks.front()->Decl->getName() << (Toks.size() != 1);
          for (size_t I = 0; I < R.Chain.size(); ++I)
            diag(R.Chain[I].Loc,
                 "%select{'%0' calls '%1' here|'%0' passes '%2' to '%1' "
                 "here}3",
                 DiagnosticIDs::Note)
                << R.Chain[I].Function << R.Chain[I].Callee << R.Root
                << (I + 1 == R.Chain.size());
          for (const ScopeToken *T : Toks)
            NoteToken(*T);
          continue;
        }
      }
    }

    // An omitted token.
    if (isa<CXXOperatorCallExpr>(Call))
      continue;
    SourceLocation Loc = nameLoc(Call);
    llvm::SmallVector<OmittedToken, 1> Omitted = Omissions->find(Call);
    if (Omitted.empty() || Done(Loc))
      continue;
    // The first omission (or overload) a token of the scope fits.
    const OmittedToken *Hit = nullptr;
    llvm::SmallVector<const ScopeToken *, 2> Toks;
    unsigned Fits = 0;
    for (const OmittedToken &O : Omitted) {
      llvm::SmallVector<const ScopeToken *, 2> P = Passable(O.ParamType);
      if (P.empty())
        continue;
      ++Fits;
      if (!Hit) {
        Hit = &O;
        Toks = std::move(P);
      }
    }
    if (!Hit || IsCleanup(Call))
      continue;
    Reported.insert(Loc);
    const FunctionDecl *Callee = Call->getDirectCallee();
    bool One = Toks.size() == 1;
    std::string Name = Toks.front()->Decl->getName().str();
    unsigned NumWritten = 0;
    bool DefaultsLeft = false;
    for (const Expr *A : Call->arguments()) {
      if (isa<CXXDefaultArgExpr>(A)) {
        DefaultsLeft = true;
        break;
      }
      ++NumWritten;
    }
    std::optional<FixItHint> Fix;
    bool Exact = One && Fits == 1 &&
                 bindsAsIs(Toks.front()->Decl->getType(), Hit->ParamType) &&
                 !hasPassableLocal(S.Body, Hit->ParamType, Call->getBeginLoc(),
                                   SM);
    if (!Hit->Overload) {
      const ParmVarDecl *P = Callee->getParamDecl(Hit->ParamIndex);
      auto D = diag(Loc, "'%0' leaves its %1 parameter%2 to the default, a "
                         "%1 that is not cancelled with '%3'; "
                         "%select{pass '%3'|pass the %1 in scope}4 (or an "
                         "explicit empty %1 to detach on purpose)")
               << Callee->getName() << contextKindName(Hit->Kind)
               << (P->getIdentifier() ? (" '" + P->getName() + "'").str()
                                      : std::string())
               << Name << !One;
      // The parameters before the token left to their defaults too are
      // written out, where that is exact (lib/ast/DefaultArguments.h).
      std::string Skipped;
      bool Writable = Hit->ParamIndex == NumWritten;
      if (Hit->ParamIndex > NumWritten && !hasOverloads(Callee)) {
        Writable = true;
        for (unsigned I = NumWritten; I < Hit->ParamIndex && Writable; ++I) {
          std::optional<std::string> Text =
              defaultArgumentText(Callee->getParamDecl(I));
          Writable = Text.has_value();
          if (Text) {
            Skipped += *Text;
            Skipped += ", ";
          }
        }
      }
      if (Exact && Writable && isFileLoc(Call->getRParenLoc()))
        D << FixItHint::CreateInsertion(
            Call->getRParenLoc(),
            (NumWritten ? ", " : "") + std::move(Skipped) + Name);
    } else {
      {
        auto D = diag(Loc, "'%0' is called without a %1 while an overload "
                           "takes one; the call is not cancelled with "
                           "'%2'; %select{pass '%2'|pass the %1 in scope}3 "
                           "(or an explicit empty %1 to detach on purpose)")
                 << Callee->getName() << contextKindName(Hit->Kind) << Name
                 << !One;
        if (Exact && !DefaultsLeft && Hit->ParamIndex <= NumWritten) {
          if (Hit->ParamIndex == NumWritten) {
            if (isFileLoc(Call->getRParenLoc()))
              D << FixItHint::CreateInsertion(Call->getRParenLoc(),
                                              (NumWritten ? ", " : "") + Name);
          } else {
            SourceLocation At = Call->getArg(Hit->ParamIndex)->getBeginLoc();
            if (isFileLoc(At))
              D << FixItHint::CreateInsertion(At, Name + ", ");
          }
        }
      }
      diag(Hit->Overload->getLocation(), "the overload that takes a %0",
           DiagnosticIDs::Note)
          << contextKindName(Hit->Kind);
    }
    for (const ScopeToken *T : Toks)
      NoteToken(*T);
  }
}

} // namespace clang::tidy::context
