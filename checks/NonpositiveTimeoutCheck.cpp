//===- NonpositiveTimeoutCheck.cpp - context-nonpositive-timeout ----------===//

#include "checks/NonpositiveTimeoutCheck.h"

#include "checks/CheckFacts.h"
#include "lib/model/TypeClassifier.h"
#include "lib/summaries/SummaryTable.h"
#include "lib/summaries/TimeoutParams.h"
#include "lib/values/Duration.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace clang::ast_matchers;
using namespace context_tidy;

namespace clang::tidy::context {

namespace {

/// The arguments of a call as the model counts them: without the object of
/// a member call or of a member operator.
llvm::ArrayRef<const Expr *> callArguments(const Expr *Call,
                                           const FunctionDecl *&FD) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    FD = CE->getConstructor();
    return llvm::ArrayRef<const Expr *>(CE->getArgs(), CE->getNumArgs());
  }
  const auto *CE = cast<CallExpr>(Call);
  FD = CE->getDirectCallee();
  llvm::ArrayRef<const Expr *> Args(CE->getArgs(), CE->getNumArgs());
  if (isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(FD) &&
      !Args.empty())
    Args = Args.drop_front();
  return Args;
}

/// The object a member call is made on, or null.
const Expr *callObject(const Expr *Call) {
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Call))
    return MCE->getImplicitObjectArgument();
  return nullptr;
}

bool isContext(QualType T, const ApiModel &M) {
  if (T.isNull())
    return false;
  if (classifyReferent(T, M) == ContextKind::Context)
    return true;
  std::optional<Containment> C = findContextLike(T.getNonReferenceType(), M);
  return C && C->Kind == ContextKind::Context;
}

/// Whether the call makes a new context: a cancel factory, or a function
/// returning a context (Azure's Context::WithDeadline).
bool createsContext(const Expr *Call, const FunctionDecl *FD,
                    const ApiModel &M) {
  if (M.matchCall(Call, Role::CancelFactory))
    return true;
  return FD && !isa<CXXConstructorDecl>(FD) &&
         isContext(FD->getReturnType(), M);
}

/// A Go-style factory takes, is called on, or returns a context.  The
/// go-ports entries are plain names ("WithTimeout" in any scope): this keeps
/// an unrelated WithTimeout(0) ("no timeout" in some HTTP clients) out.
bool involvesContext(const Expr *Call, const FunctionDecl *FD,
                     const ApiModel &M) {
  if (!FD)
    return false;
  if (!isa<CXXConstructorDecl>(FD) && isContext(FD->getReturnType(), M))
    return true;
  for (const ParmVarDecl *P : FD->parameters())
    if (isContext(P->getType(), M))
      return true;
  if (const Expr *Obj = callObject(Call))
    if (isContext(Obj->getType(), M))
      return true;
  return false;
}

/// The innermost function around \p S.
const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  for (unsigned Depth = 0; Depth < 256 && !Parents.empty(); ++Depth) {
    const DynTypedNode &P = Parents[0];
    if (const auto *FD = P.get<FunctionDecl>())
      return FD;
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

/// The expression spanning exactly \p Range in \p S, outermost first.
const Expr *findByRange(const Stmt *S, SourceRange Range, unsigned Depth = 0) {
  if (!S || Depth > 512)
    return nullptr;
  if (const auto *E = dyn_cast<Expr>(S))
    if (E->getSourceRange() == Range)
      return E;
  for (const Stmt *C : S->children())
    if (const Expr *Found = findByRange(C, Range, Depth + 1))
      return Found;
  return nullptr;
}

/// When \p Arg is in a template instantiation and its value depends on the
/// template arguments (it is value-dependent in the template itself), the
/// instantiation.
const FunctionDecl *dependentInstantiation(const Expr *Call, const Expr *Arg,
                                           ASTContext &Ctx) {
  const FunctionDecl *FD = enclosingFunction(Call, Ctx);
  if (!FD || !FD->isTemplateInstantiation())
    return nullptr;
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern || !Pattern->getBody())
    return nullptr;
  const Expr *InPattern =
      findByRange(Pattern->getBody(), Arg->getSourceRange());
  if (!InPattern ||
      !(InPattern->isValueDependent() || InPattern->isTypeDependent()))
    return nullptr;
  return FD->getPointOfInstantiation().isValid() ? FD : nullptr;
}

/// The macros whose expansion the diagnostic at \p Loc shows by itself
/// ("expanded from macro" notes).
llvm::SmallSet<std::string, 4> macroBacktrace(SourceLocation Loc,
                                              const SourceManager &SM,
                                              const LangOptions &LO) {
  llvm::SmallSet<std::string, 4> Names;
  for (unsigned I = 0; I < 64 && Loc.isMacroID(); ++I) {
    Names.insert(Lexer::getImmediateMacroName(Loc, SM, LO).str());
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return Names;
}

/// The model's entry that gives \p Call (to \p FD) a timeout or deadline
/// argument, and its role; null when none does.
const ApiEntry *timeoutEntry(const Expr *Call, const FunctionDecl *FD,
                             const ApiModel &M, Role &R) {
  static const Role Roles[] = {Role::RelativeTimeout, Role::AbsoluteDeadline,
                               Role::PollTimeout};
  for (Role Candidate : Roles) {
    if (const ApiEntry *Entry = M.matchCall(Call, Candidate)) {
      R = Candidate;
      return Entry;
    }
  }
  // A parameter can carry the role itself:
  //   void f([[clang::annotate("context::deadline")]] TimePoint at);
  static const ApiEntry ParameterEntries[] = {
      {Role::RelativeTimeout, "", AutoArg, NoFlags, Profile::User, ""},
      {Role::AbsoluteDeadline, "", AutoArg, NoFlags, Profile::User, ""},
      {Role::PollTimeout, "", AutoArg, NoFlags, Profile::User, ""}};
  auto AnyAnnotated = [](const FunctionDecl *F) {
    return F && llvm::any_of(F->parameters(), [](const ParmVarDecl *P) {
             return P->hasAttrs() && P->hasAttr<AnnotateAttr>();
           });
  };
  const FunctionDecl *Annotated =
      FD->isTemplateInstantiation() ? FD->getTemplateInstantiationPattern()
                                    : nullptr;
  if (!AnyAnnotated(FD) && !AnyAnnotated(Annotated))
    return nullptr;
  for (const ApiEntry &E : ParameterEntries) {
    if (ApiModel::annotatedParameter(FD, E.R) >= 0 ||
        (Annotated && ApiModel::annotatedParameter(Annotated, E.R) >= 0)) {
      R = E.R;
      return &E;
    }
  }
  return nullptr;
}

/// A call's timeout or deadline argument as the model gives it (possibly a
/// default argument), with its entry, role and callee.  A built-in
/// Go-ports entry counts only when the call involves a context.
struct TimeoutArgument {
  const ApiEntry *Entry = nullptr;
  Role R = Role::RelativeTimeout;
  const FunctionDecl *FD = nullptr;
  const Expr *Arg = nullptr;
};
std::optional<TimeoutArgument> timeoutArgument(const Expr *Call,
                                               const ApiModel &M) {
  TimeoutArgument T;
  llvm::ArrayRef<const Expr *> Args = callArguments(Call, T.FD);
  if (!T.FD)
    return std::nullopt;
  T.Entry = timeoutEntry(Call, T.FD, M, T.R);
  if (!T.Entry ||
      (T.Entry->From == Profile::GoPorts && !involvesContext(Call, T.FD, M)))
    return std::nullopt;
  int Index = M.argumentIndex(*T.Entry, T.FD, Args);
  if (Index < 0)
    return std::nullopt;
  T.Arg = Args[Index];
  return T;
}

/// A call or construction that takes a timeout or deadline.  Filtering in
/// the matcher, not in check(), spares every other call the bound nodes and
/// the callback (docs/performance.md).
using TimeoutCallees = llvm::DenseMap<const FunctionDecl *, bool>;

AST_MATCHER_P2(Expr, takesTimeout, const ApiModel *, M,
               TimeoutCallees *, Callees) {
  if (Node.containsErrors())
    return false;
  const auto *CE = dyn_cast<CXXConstructExpr>(&Node);
  const FunctionDecl *FD = CE ? CE->getConstructor()
                              : cast<CallExpr>(Node).getDirectCallee();
  if (!FD)
    return false;
  Role R;
  // The same few callees are called everywhere; a member call's answer
  // depends on its object's class too.
  bool ByCallee = !isa<CXXMemberCallExpr>(Node) &&
                  !(isa<CXXOperatorCallExpr>(Node) && isa<CXXMethodDecl>(FD));
  if (!ByCallee)
    return timeoutEntry(&Node, FD, *M, R) != nullptr;
  auto It = Callees->find(FD);
  if (It != Callees->end())
    return It->second;
  bool Takes = timeoutEntry(&Node, FD, *M, R) != nullptr;
  (*Callees)[FD] = Takes;
  return Takes;
}

} // namespace

NonpositiveTimeoutCheck::NonpositiveTimeoutCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ContextCheck(Name, Context,
                   {"TimeoutFunctions", "DeadlineFunctions", "PollFunctions"}),
      FollowCalls(CheckFacts::followsCalls(Name, Options, Context)) {}

NonpositiveTimeoutCheck::~NonpositiveTimeoutCheck() = default;

void NonpositiveTimeoutCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ContextCheck::storeOptions(Opts);
  Options.store(Opts, "FollowCalls", FollowCalls ? "true" : "false");
}

void NonpositiveTimeoutCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(takesTimeout(&model(), &TakesTimeout),
                              unless(isExpansionInSystemHeader()))
                         .bind("call"),
                     this);
  Finder->addMatcher(cxxConstructExpr(takesTimeout(&model(), &TakesTimeout),
                                      unless(isExpansionInSystemHeader()))
                         .bind("call"),
                     this);
  // Any call may give a parameter that reaches a timeout its value: the
  // summaries are computed for the callees of calls, on demand.
  if (FollowCalls)
    Finder->addMatcher(
        callExpr(unless(isExpansionInSystemHeader())).bind("through"), this);
}

void NonpositiveTimeoutCheck::registerPPCallbacks(const SourceManager &,
                                                  Preprocessor *PP,
                                                  Preprocessor *) {
  this->PP = PP;
}

void NonpositiveTimeoutCheck::onEndOfTranslationUnit() {
  Params.reset();
  Table.reset();
  Reported.clear();
  TakesTimeout.clear();
  model().clearCaches();
}

void NonpositiveTimeoutCheck::checkThroughCall(const CallExpr *Call,
                                               ASTContext &Ctx) {
  if (Call->containsErrors() || Call->isValueDependent())
    return;
  // Most calls pass nothing that is not positive: the summaries are asked
  // only for those that pass a constant duration or number (or leave one as
  // the default) that is zero or negative.
  const FunctionDecl *Direct = Call->getDirectCallee();
  if (!Direct || !Direct->hasBody() || !passesNonpositive(Call, Direct, Ctx))
    return;
  if (!Table || &Table->context() != &Ctx) {
    Params.reset();
    Table = std::make_unique<SummaryTable>(Ctx, model());
    const ApiModel &M = model();
    Params = std::make_unique<TimeoutParamSummaries>(
        *Table, [&M](const CallExpr *C) {
          TimeoutApiCall Out;
          std::optional<TimeoutArgument> T = timeoutArgument(C, M);
          if (!T || T->R == Role::AbsoluteDeadline)
            return Out;
          Out.Arg = T->Arg;
          Out.Poll = T->R == Role::PollTimeout;
          Out.CreatesContext = createsContext(C, T->FD, M);
          return Out;
        });
  }
  const FunctionDecl *Callee = Table->callee(Call);
  if (!Callee)
    return;
  for (const TimeoutParam &T : Params->of(Callee).Params)
    reportThroughCall(Call, Callee, T, Ctx);
}

bool NonpositiveTimeoutCheck::passesNonpositive(const CallExpr *Call,
                                                const FunctionDecl *Callee,
                                                ASTContext &Ctx) const {
  const ApiModel &M = model();
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    QualType T = Callee->getParamDecl(I)
                     ->getType()
                     .getNonReferenceType()
                     .getCanonicalType();
    bool Number = T->isArithmeticType() && !T->isBooleanType();
    if (!Number && !durationPeriod(T, M))
      continue;
    const Expr *A = SummaryTable::passedFor(Call, Callee, I);
    if (const auto *D = dyn_cast_or_null<CXXDefaultArgExpr>(A))
      A = D->getExpr();
    if (!A || A->isValueDependent() || A->containsErrors())
      continue;
    std::optional<FoldedDuration> F =
        foldDuration(writtenDuration(A, M), Ctx, M, /*Seconds=*/Number);
    if (F && F->Value.sign() <= 0)
      return true;
  }
  return false;
}

void NonpositiveTimeoutCheck::reportThroughCall(const CallExpr *Call,
                                                const FunctionDecl *Callee,
                                                const TimeoutParam &T,
                                                ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const Expr *Passed = SummaryTable::passedFor(Call, Callee, T.Param);
  if (!Passed)
    return;
  const auto *Default = dyn_cast<CXXDefaultArgExpr>(Passed);
  const Expr *Value = Default ? Default->getExpr() : Passed;
  if (!Value || Value->isValueDependent() || Value->isTypeDependent() ||
      Value->containsErrors() || SM.isInSystemMacro(Call->getBeginLoc()) ||
      (!Default && SM.isInSystemMacro(Value->getBeginLoc())))
    return;
  std::pair<unsigned, unsigned> Key(Call->getBeginLoc().getRawEncoding(),
                                    Call->getEndLoc().getRawEncoding());
  if (Reported.contains(Key))
    return;
  const ApiModel &M = model();
  std::optional<FoldedDuration> F =
      foldDuration(writtenDuration(Value, M), Ctx, M,
                   /*Seconds=*/T.NumberUnit.has_value());
  if (!F)
    return;
  if (T.NumberUnit)
    F->Value.Unit = *T.NumberUnit;
  int Sign = F->Value.sign();
  if (Sign > 0 || (Sign == 0 && T.Poll && !F->Truncated))
    return;
  Reported.insert(Key);
  unsigned Effect = T.Poll && Sign < 0 ? 0u : T.CreatesContext ? 1u : 2u;
  std::string Name = summaryName(Callee);
  if (Default)
    diag(Call->getExprLoc(),
         "'%0' is called with its default timeout (%1), which is "
         "%select{negative|zero}2 and reaches '%3' as its timeout; "
         "%select{it behaves as a zero timeout and does not wait|the context "
         "is already expired when it is created|it expires immediately}4")
        << Name << F->Value.format() << (Sign == 0) << T.Api << Effect;
  else
    diag(Value->getBeginLoc(),
         "%select{negative|zero}0 timeout passed to '%1' (%2) reaches '%3' "
         "as its timeout; %select{it behaves as a zero timeout and does not "
         "wait|the context is already expired when it is created|it expires "
         "immediately}4")
        << (Sign == 0) << Name << F->Value.format() << T.Api << Effect
        << Value->getSourceRange();
  if (Default)
    diag(Value->getBeginLoc(), "the default argument is defined here",
         DiagnosticIDs::Note);
  for (size_t I = 0; I < T.Chain.size(); ++I)
    diag(T.Chain[I].Loc,
         "'%0' passes it to '%1'%select{| as its timeout}2 here",
         DiagnosticIDs::Note)
        << T.Chain[I].Function << T.Chain[I].Callee
        << (I + 1 == T.Chain.size());
}

void NonpositiveTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Through = Result.Nodes.getNodeAs<CallExpr>("through")) {
    checkThroughCall(Through, *Result.Context);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<Expr>("call");
  if (!Call || Call->containsErrors())
    return;
  const ApiModel &M = model();
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;

  std::optional<TimeoutArgument> T = timeoutArgument(Call, M);
  if (!T)
    return;
  const FunctionDecl *FD = T->FD;
  const ApiEntry *Entry = T->Entry;
  Role R = T->R;
  const Expr *Arg = T->Arg;
  if (!Arg || isa<CXXDefaultArgExpr>(Arg) || Arg->containsErrors())
    return;
  // A macro of a system header, expanded in user code, is the library's.
  if (SM.isInSystemMacro(Call->getBeginLoc()) ||
      SM.isInSystemMacro(Arg->getBeginLoc()))
    return;
  // A template's instantiations repeat its calls: one warning per call as
  // written.  (The call's own range is stable across instantiations; an
  // argument rebuilt by instantiation may not be: a user-defined literal
  // gets an inverted range.)
  std::pair<unsigned, unsigned> Key(Call->getBeginLoc().getRawEncoding(),
                                    Call->getEndLoc().getRawEncoding());
  if (Reported.contains(Key))
    return;
  SourceLocation Loc = Arg->getBeginLoc();
  if (Arg->getEndLoc().isValid() &&
      SM.isBeforeInTranslationUnit(Arg->getEndLoc(), Loc))
    Loc = Arg->getEndLoc();

  std::string Api = FD->getNameAsString();
  bool Seconds = Entry->Flags & SecondsIfArithmetic;
  bool Context = createsContext(Call, FD, M);
  QualType ArgType = Arg->getType();
  llvm::SmallVector<ValueOrigin, 2> Origins;
  std::optional<DiagnosticBuilder> Diag;

  if (R == Role::AbsoluteDeadline) {
    if (durationPeriod(ArgType, M))
      return; // a duration given where a deadline is expected: not ours
    std::optional<FoldedDeadline> F = foldDeadline(Arg, Ctx, M, Seconds);
    if (!F || !F->Value.alreadyPassed())
      return;
    Origins = F->Origins;
    if (F->Truncated)
      Diag.emplace(diag(Loc,
                        "%0 truncates %1 to %2; the deadline passed to '%3' "
                        "is %4")
                   << F->Truncated->Operation << F->Truncated->From
                   << F->Truncated->To << Api << F->Value.describe());
    else
      Diag.emplace(diag(Loc, "deadline passed to '%0' is %1; %2")
                   << Api << F->Value.describe()
                   << (Context ? "the context is already expired when it is "
                                 "created"
                               : "the call fails with a deadline already "
                                 "exceeded"));
  } else {
    if (timePointPeriod(ArgType, M))
      return; // a poll function given a time point is never reported
    bool Poll = R == Role::PollTimeout;
    std::optional<FoldedDuration> F =
        foldDuration(writtenDuration(Arg, M), Ctx, M, Seconds);
    if (!F)
      return;
    int Sign = F->Value.sign();
    if (Sign > 0 || (Sign == 0 && Poll && !F->Truncated))
      return;
    Origins = F->Origins;
    if (Sign == 0 && F->Truncated)
      Diag.emplace(diag(Loc,
                        "%0 truncates %1 to %2; the timeout passed to '%3' "
                        "is zero%select{| and the call does not wait}4")
                   << F->Truncated->Operation << F->Truncated->From
                   << F->Truncated->To << Api << Poll);
    else if (Sign == 0)
      Diag.emplace(diag(Loc, "timeout passed to '%0' is zero; %1")
                   << Api
                   << (Context ? "the context is already expired when it is "
                                 "created"
                               : "it expires immediately"));
    else
      Diag.emplace(diag(Loc, "timeout passed to '%0' is negative (%1); %2")
                   << Api << F->Value.format()
                   << (Poll ? "it behaves as a zero timeout and does not wait"
                       : Context ? "the context is already expired when "
                                   "it is created"
                                 : "it expires immediately"));
  }
  *Diag << Arg->getSourceRange();
  Diag.reset(); // emit the warning before its notes
  Reported.insert(Key);

  llvm::SmallSet<std::string, 4> Shown =
      macroBacktrace(Loc, SM, Ctx.getLangOpts());
  for (const ValueOrigin &O : Origins) {
    if (O.Decl) {
      diag(O.Decl->getLocation(), "'%0' is defined here", DiagnosticIDs::Note)
          << O.Decl->getName();
      continue;
    }
    if (Shown.contains(O.MacroName))
      continue;
    SourceLocation Def = SM.getSpellingLoc(O.MacroTokenLoc);
    if (PP) {
      if (IdentifierInfo *II = PP->getIdentifierInfo(O.MacroName)) {
        MacroDefinition MD = PP->getMacroDefinitionAtLoc(
            II, SM.getExpansionLoc(O.MacroTokenLoc));
        if (const MacroInfo *MI = MD.getMacroInfo())
          Def = MI->getDefinitionLoc();
      }
    }
    diag(Def, "'%0' is defined here", DiagnosticIDs::Note) << O.MacroName;
  }
  if (const FunctionDecl *Inst = dependentInstantiation(Call, Arg, Ctx)) {
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    Inst->getNameForDiagnostic(OS, Ctx.getPrintingPolicy(),
                               /*Qualified=*/false);
    diag(Inst->getPointOfInstantiation(),
         "in the instantiation '%0' requested "
         "here",
         DiagnosticIDs::Note)
        << Name;
  }
}

} // namespace clang::tidy::context
