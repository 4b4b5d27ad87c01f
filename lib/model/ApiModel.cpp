//===- ApiModel.cpp - Which real APIs play which role ---------------------===//

#include "lib/model/ApiModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace context_tidy {

namespace {

struct RoleInfo {
  Role R;
  const char *Name;
  const char *Description;
};

constexpr RoleInfo Roles[] = {
    {Role::ContextType, "context", "Go-style context type (a class, or a typedef naming one)"},
    {Role::TokenType, "token", "observes cancellation"},
    {Role::SourceType, "source", "requests cancellation"},
    {Role::CancelHandleType, "cancel_handle", "a named cancel-handle type"},
    {Role::StopCallbackType, "stop_callback", "runs a callback when cancellation is requested"},
    {Role::ScopeGuardType, "scope_guard", "runs code when it leaves scope"},
    {Role::MapType, "map", "associative container <Key, Mapped, ...>"},
    {Role::WrapperType, "wrapper", "owns, points to or holds its template arguments"},
    {Role::ContainerType, "container", "holds elements of its template arguments"},
    {Role::DurationType, "duration", "a duration <Rep, Period>"},
    {Role::TimePointType, "time_point", "a point in time <Clock, Duration>"},
    {Role::NeverCancelledTag, "never_cancelled_tag", "a constructor argument of this type makes a token or source that can never be cancelled"},
    {Role::CancelFactory, "cancel_factory", "returns a cancel handle that must be called"},
    {Role::ReleaseMethod, "release", "requests cancellation of a source"},
    {Role::ScopeGuardFactory, "scope_guard_factory", "returns a scope guard"},
    {Role::BlockingCall, "blocking", "blocks and cannot observe cancellation"},
    {Role::ReadinessCheck, "readiness_check", "tells whether a later blocking call returns at once"},
    {Role::RelativeTimeout, "timeout", "takes a relative timeout"},
    {Role::AbsoluteDeadline, "deadline", "takes an absolute deadline"},
    {Role::PollTimeout, "poll_timeout", "takes a timeout where zero means: do not block"},
    {Role::PollDeadline, "poll_deadline", "takes a deadline where now means: do not block"},
    {Role::RootContext, "root_context", "makes a root context that is never cancelled"},
    {Role::WithValue, "with_value", "stores a value in a context"},
    {Role::WakeMethod, "wake", "wakes a thread blocked on the same object"},
    {Role::StopCallbackRegistration, "stop_callback_registration", "registers a callback run on cancellation"},
    {Role::SelectFunction, "select", "Go-style select over channel cases"},
    {Role::DoneMethod, "done", "a context's done channel"},
    {Role::ClockNow, "clock_now", "the current time of a clock"},
    {Role::DurationCast, "duration_cast", "converts a duration or time point, possibly truncating"},
    {Role::SignalHandlerRegistration, "signal_handler_registration", "registers a function run when the process receives a signal"},
    {Role::EraseMethod, "erase", "removes entries from a container"},
    {Role::ScopeGuardMacro, "scope_guard_macro", "a macro that runs a block at scope exit"},
    {Role::AssertionMacro, "assertion_macro", "a test assertion that leaves the function when it fails"},
    {Role::SelectDefault, "select_default", "the default case of a Go-style select"},
    {Role::ReadyStatus, "ready_status", "a readiness check's result that means ready"},
    {Role::UnwrapMethod, "unwrap", "yields the value held by a result wrapper that may hold an error (a method, an operator or a data member)"},
    {Role::TupleElement, "tuple_element", "element access of a tuple-like value: get<I>(t) reads element I, tie(a, b) = t assigns them"},
    {Role::NotReadyStatus, "not_ready_status", "a readiness check's result that means not ready: any other result means ready"},
    {Role::DetachFunction, "detach", "derives a context that is deliberately not cancelled with its parent (the explicit way to detach)"},
    {Role::TestMacro, "test_macro", "a macro that defines a test function"},
    {Role::BoundedWait, "bounded_wait", "blocks until woken, but at most its timeout or until its deadline (argument Arg)"},
    {Role::DurationLiteral, "duration_literal", "a literal operator whose value is the literal's number in the duration type it returns"},
};
static_assert(sizeof(Roles) / sizeof(Roles[0]) ==
                  static_cast<size_t>(Role::NumRoles),
              "every role needs a name");

constexpr const char *ProfileNames[] = {
    "std",         "asio",         "grpc",     "folly",
    "seastar",     "boost-fiber",  "tbb",      "go-ports",
    "azure",       "scope-guards", "test-frameworks", "containers",
    "user"};
static_assert(sizeof(ProfileNames) / sizeof(ProfileNames[0]) ==
                  static_cast<size_t>(Profile::NumProfiles),
              "every profile needs a name");

// One row of the built-in table, as BuiltinApis.def writes it: role, name
// pattern, argument, flags, profile, note.
struct Row {
  Role R;
  const char *Pattern;
  int Arg;
  unsigned Flags;
  Profile P;
  const char *Note;
};

constexpr Row BuiltinRows[] = {
#define API_ENTRY(ROLE, PATTERN, ARG, FLAGS, PROFILE, NOTE)                    \
  {Role::ROLE, PATTERN, ARG, FLAGS, Profile::PROFILE, NOTE},
#include "lib/model/BuiltinApis.def"
};

bool isTypeRole(Role R) { return R <= Role::NeverCancelledTag; }

/// Roles whose classes are inherited: a class derived from a context (or
/// token, source, ...) is one.
bool isInheritedTypeRole(Role R) {
  switch (R) {
  case Role::ContextType:
  case Role::TokenType:
  case Role::SourceType:
  case Role::CancelHandleType:
  case Role::StopCallbackType:
  case Role::ScopeGuardType:
    return true;
  default:
    return false;
  }
}

/// Splits "name:3" into ("name", 3).  "a::b" has no argument.
std::pair<llvm::StringRef, int> splitArgument(llvm::StringRef Spec) {
  size_t Colon = Spec.rfind(':');
  if (Colon == llvm::StringRef::npos || Colon == 0 || Spec[Colon - 1] == ':')
    return {Spec, AutoArg};
  unsigned N;
  if (Spec.substr(Colon + 1).getAsInteger(10, N))
    return {Spec, AutoArg};
  return {Spec.substr(0, Colon), static_cast<int>(N)};
}

const CXXRecordDecl *templatePattern(const CXXRecordDecl *RD) {
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (const ClassTemplateDecl *T = S->getSpecializedTemplate())
      return T->getTemplatedDecl();
  return nullptr;
}

bool hasMethodNamed(const CXXRecordDecl *RD,
                    std::initializer_list<llvm::StringRef> Names,
                    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || !Seen.insert(RD->getCanonicalDecl()).second)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def) {
    if (const CXXRecordDecl *P = templatePattern(RD))
      Def = P->getDefinition();
    if (!Def)
      return false;
  }
  for (const Decl *D : Def->decls()) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    if (!ND || !ND->getIdentifier())
      continue;
    if (!isa<CXXMethodDecl>(ND) && !isa<FunctionTemplateDecl>(ND))
      continue;
    for (llvm::StringRef N : Names)
      if (ND->getName() == N)
        return true;
  }
  for (const CXXBaseSpecifier &B : Def->bases())
    if (hasMethodNamed(B.getType()->getAsCXXRecordDecl(), Names, Seen))
      return true;
  return false;
}

} // namespace

llvm::StringRef roleName(Role R) { return Roles[static_cast<size_t>(R)].Name; }

llvm::StringRef roleDescription(Role R) {
  return Roles[static_cast<size_t>(R)].Description;
}

std::optional<Role> roleFromName(llvm::StringRef Name) {
  for (const RoleInfo &I : Roles)
    if (Name == I.Name)
      return I.R;
  return std::nullopt;
}

llvm::StringRef profileName(Profile P) {
  return ProfileNames[static_cast<size_t>(P)];
}

std::optional<Profile> profileFromName(llvm::StringRef Name) {
  for (size_t I = 0; I < static_cast<size_t>(Profile::NumProfiles); ++I)
    if (Name == ProfileNames[I])
      return static_cast<Profile>(I);
  return std::nullopt;
}

llvm::ArrayRef<ApiEntry> builtinEntries() {
  static const std::vector<ApiEntry> Entries = [] {
    std::vector<ApiEntry> V;
    for (const Row &R : BuiltinRows)
      V.push_back({R.R, R.Pattern, R.Arg, R.Flags, R.P, R.Note});
    return V;
  }();
  return Entries;
}

std::string extraEntryError(llvm::StringRef Spec) {
  NameTable Scratch;
  std::string Why;
  if (!Scratch.add(splitArgument(Spec.trim()).first, 0, &Why))
    return Why;
  return "";
}

ApiModel::ApiModel(const Config &C) {
  for (const ApiEntry &E : builtinEntries())
    if (C.Profiles[static_cast<size_t>(E.From)])
      Entries.push_back(E);
  for (const auto &[R, Spec] : C.Extra) {
    auto [Name, Arg] = splitArgument(llvm::StringRef(Spec).trim());
    if (Name.empty())
      continue;
    Entries.push_back({R, Name.str(), Arg, NoFlags, Profile::User, ""});
  }
  for (unsigned I = 0; I < Entries.size(); ++I) {
    std::string Why;
    if (!Tables[static_cast<size_t>(Entries[I].R)].add(Entries[I].Pattern, I,
                                                       &Why))
      Errors.push_back("invalid pattern '" + Entries[I].Pattern + "' for " +
                       roleName(Entries[I].R).str() + ": " + Why);
  }
}

const ApiEntry *ApiModel::annotationEntry(const Decl *D, Role R) const {
  if (!D || !D->hasAttrs())
    return nullptr;
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    llvm::StringRef Text = A->getAnnotation();
    if (!Text.consume_front("context::"))
      continue;
    auto [Name, Arg] = splitArgument(Text);
    if (roleFromName(Name) != R)
      continue;
    for (const ApiEntry &E : AnnotationEntries)
      if (E.R == R && E.Arg == Arg)
        return &E;
    AnnotationEntries.push_back(
        {R, "[[clang::annotate(\"" + A->getAnnotation().str() + "\")]]", Arg,
         NoFlags, Profile::User, ""});
    return &AnnotationEntries.back();
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchQualified(Role R, llvm::StringRef Last,
                                         llvm::StringRef Qualified,
                                         const NamedDecl *ForStructural) const {
  llvm::SmallVector<unsigned, 4> Hits;
  Tables[static_cast<size_t>(R)].match(Last, Qualified, Hits);
  for (unsigned I : Hits) {
    const ApiEntry &E = Entries[I];
    if (E.Flags & Structural) {
      const auto *RD = dyn_cast_or_null<CXXRecordDecl>(ForStructural);
      if (!RD || !isStructuralContext(RD))
        continue;
    }
    return &E;
  }
  return nullptr;
}

bool ApiModel::isStructuralContext(const CXXRecordDecl *RD) const {
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  if (!hasMethodNamed(RD, {"Done", "done"}, Seen))
    return false;
  Seen.clear();
  return hasMethodNamed(RD, {"Err", "err", "Deadline", "deadline"}, Seen);
}

const ApiEntry *ApiModel::matchRecord(const CXXRecordDecl *RD, Role R) const {
  if (!RD || !isTypeRole(R))
    return nullptr;
  RD = RD->getCanonicalDecl();
  auto Key = std::make_pair(static_cast<const Decl *>(RD),
                            static_cast<unsigned>(R));
  auto It = RecordCache.find(Key);
  if (It != RecordCache.end())
    return It->second;
  RecordCache[Key] = nullptr; // breaks cycles through odd base graphs

  const ApiEntry *Found = annotationEntry(RD, R);
  const CXXRecordDecl *Pattern = templatePattern(RD);
  if (!Found && Pattern)
    Found = annotationEntry(Pattern, R);
  if (!Found) {
    std::string Last = simpleName(RD);
    if (!Last.empty() && Tables[static_cast<size_t>(R)].mayMatch(Last))
      Found = matchQualified(R, Last, qualifiedName(RD), RD);
  }
  if (!Found && isInheritedTypeRole(R)) {
    if (const CXXRecordDecl *Def = RD->getDefinition()) {
      for (const CXXBaseSpecifier &B : Def->bases()) {
        if ((Found = matchRecord(B.getType()->getAsCXXRecordDecl(), R)))
          break;
      }
    }
  }
  RecordCache[Key] = Found;
  return Found;
}

const ApiEntry *ApiModel::matchType(QualType T, Role R) const {
  if (T.isNull() || !isTypeRole(R))
    return nullptr;
  // Types are uniqued by the ASTContext, and the walk below ignores
  // qualifiers: the type node is the key.
  auto Key = std::make_pair(T.getTypePtr(), static_cast<unsigned>(R));
  auto It = TypeCache.find(Key);
  if (It != TypeCache.end())
    return It->second;
  const ApiEntry *Found = matchTypeUncached(T.getTypePtr(), R);
  TypeCache[Key] = Found;
  return Found;
}

const ApiEntry *ApiModel::matchTypeUncached(const Type *Ty, Role R) const {
  while (true) {
    if (const auto *TT = dyn_cast<TypedefType>(Ty)) {
      const TypedefNameDecl *TD = TT->getDecl();
      if (const ApiEntry *E = annotationEntry(TD, R))
        return E;
      std::string Last = simpleName(TD);
      if (Tables[static_cast<size_t>(R)].mayMatch(Last))
        if (const ApiEntry *E = matchQualified(R, Last, qualifiedName(TD),
                                               nullptr))
          return E;
    } else if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl()) {
        if (TST->isTypeAlias()) {
          std::string Last = simpleName(TD);
          if (Tables[static_cast<size_t>(R)].mayMatch(Last))
            if (const ApiEntry *E =
                    matchQualified(R, Last, qualifiedName(TD), nullptr))
              return E;
        } else if (const auto *CTD = dyn_cast<ClassTemplateDecl>(TD)) {
          // Covers dependent specializations in uninstantiated templates.
          if (TST->isDependentType())
            return matchRecord(CTD->getTemplatedDecl(), R);
        }
      }
    }
    QualType Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next.getTypePtr() == Ty)
      break;
    Ty = Next.getTypePtr();
  }
  if (const CXXRecordDecl *RD = Ty->getAsCXXRecordDecl())
    return matchRecord(RD, R);
  return nullptr;
}

const Decl *ApiModel::functionKey(const FunctionDecl *FD) {
  // Every implicit instantiation of a function template has the template's
  // names, class and annotations: one entry serves them all (each chrono
  // literal 5ms is its own specialization of operator""ms<'5'>).
  if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate())
    if (FD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation)
      return Primary->getCanonicalDecl();
  return FD;
}

uint64_t ApiModel::candidateRoles(const FunctionDecl *FD,
                                  const Decl *Key) const {
  auto [It, Inserted] = CandidateCache.try_emplace(Key, 0);
  if (!Inserted)
    return It->second;
  uint64_t Mask = 0;
  auto Annotated = [](const Decl *D) {
    return D && D->hasAttrs() && D->hasAttr<AnnotateAttr>();
  };
  if (Annotated(FD) || Annotated(FD->getTemplateInstantiationPattern())) {
    Mask = ~uint64_t(0);
  } else {
    std::string Last = simpleName(FD);
    if (!Last.empty())
      for (unsigned I = 0; I < static_cast<unsigned>(Role::NumRoles); ++I)
        if (!isTypeRole(static_cast<Role>(I)) && Tables[I].mayMatch(Last))
          Mask |= roleBit(static_cast<Role>(I));
  }
  It->second = Mask;
  return Mask;
}

const ApiEntry *ApiModel::matchFunction(const FunctionDecl *FD, Role R,
                                        const CXXRecordDecl *ObjectClass) const {
  if (!FD || isTypeRole(R))
    return nullptr;
  const Decl *Key = functionKey(FD);
  if (!(candidateRoles(FD, Key) & roleBit(R)))
    return nullptr;
  return matchFunctionCached(FD, Key, R, ObjectClass);
}

const ApiEntry *
ApiModel::matchFunctionCached(const FunctionDecl *FD, const Decl *Key, Role R,
                              const CXXRecordDecl *ObjectClass) const {
  auto CacheKey = std::make_tuple(Key, static_cast<const Decl *>(ObjectClass),
                                  static_cast<unsigned>(R));
  auto It = FunctionCache.find(CacheKey);
  if (It != FunctionCache.end())
    return It->second;
  const ApiEntry *Found = matchFunctionUncached(FD, R, ObjectClass);
  FunctionCache[CacheKey] = Found;
  return Found;
}

const ApiEntry *
ApiModel::matchFunctionUncached(const FunctionDecl *FD, Role R,
                                const CXXRecordDecl *ObjectClass) const {
  if (const ApiEntry *E = annotationEntry(FD, R))
    return E;
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    if (const ApiEntry *E = annotationEntry(P, R))
      return E;
  std::string Last = simpleName(FD);
  const NameTable &Table = Tables[static_cast<size_t>(R)];
  if (Last.empty() || !Table.mayMatch(Last))
    return nullptr;

  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD)
    return matchQualified(R, Last, qualifiedName(FD), nullptr);

  // A constructor matches only a pattern spelled "Class::Class": a bare
  // "WithCancel" must not make constructing a class WithCancel a factory.
  bool IsConstructor = isa<CXXConstructorDecl>(MD);
  auto Accept = [&](const ApiEntry *E) {
    if (!E || !IsConstructor)
      return E;
    llvm::StringRef P(E->Pattern);
    std::string Twice = "::" + Last;
    return P.ends_with(Last + Twice) ? E : nullptr;
  };

  // The object's class and its bases, then the method's own class.
  llvm::SmallVector<const CXXRecordDecl *, 8> Work;
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  Work.push_back(ObjectClass ? ObjectClass : MD->getParent());
  Work.push_back(MD->getParent());
  for (size_t I = 0; I < Work.size(); ++I) {
    const CXXRecordDecl *C = Work[I];
    if (!C || !Seen.insert(C->getCanonicalDecl()).second)
      continue;
    if (const ApiEntry *E =
            Accept(matchQualified(R, Last, qualifiedName(C) + "::" + Last,
                                  nullptr)))
      return E;
    if (IsConstructor)
      break;
    if (const CXXRecordDecl *Def = C->getDefinition())
      for (const CXXBaseSpecifier &B : Def->bases())
        Work.push_back(B.getType()->getAsCXXRecordDecl());
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchCall(const Expr *Call, Role R) const {
  if (!Call || isTypeRole(R))
    return nullptr;
  // The checks ask one call several roles in a row: its callee, key and
  // candidate roles are found once.
  if (Call != LastCall.Call) {
    LastCall = ResolvedCall();
    LastCall.Call = Call;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
      LastCall.FD = CE->getConstructor();
      LastCall.ObjectKnown = true; // a constructor has no object
    } else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
      LastCall.FD = CE->getDirectCallee();
    }
    if (LastCall.FD) {
      LastCall.Key = functionKey(LastCall.FD);
      LastCall.Roles = candidateRoles(LastCall.FD, LastCall.Key);
    }
  }
  const FunctionDecl *FD = LastCall.FD;
  if (!FD || !(LastCall.Roles & roleBit(R)))
    return nullptr;
  if (!LastCall.ObjectKnown) {
    LastCall.ObjectKnown = true;
    // The object as written: a derived-to-base conversion to the method's
    // class (std::future -> std::__basic_future) is looked through.
    const auto *CE = cast<CallExpr>(Call);
    const Expr *Object = nullptr;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
      Object = MCE->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD) &&
             CE->getNumArgs() > 0)
      Object = CE->getArg(0);
    if (Object) {
      QualType T = Object->IgnoreParenImpCasts()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      LastCall.ObjectClass = T->getAsCXXRecordDecl();
    }
  }
  return matchFunctionCached(FD, LastCall.Key, R, LastCall.ObjectClass);
}

bool ApiModel::matchPlainName(llvm::StringRef Name, Role R) const {
  llvm::SmallVector<unsigned, 2> Hits;
  Tables[static_cast<size_t>(R)].matchUnqualified(Name, Hits);
  return !Hits.empty();
}

const ApiEntry *ApiModel::matchDecl(const NamedDecl *D, Role R) const {
  if (!D)
    return nullptr;
  if (const ApiEntry *E = annotationEntry(D, R))
    return E;
  std::string Last = simpleName(D);
  if (Last.empty() || !Tables[static_cast<size_t>(R)].mayMatch(Last))
    return nullptr;
  return matchQualified(R, Last, qualifiedName(D), nullptr);
}

int ApiModel::annotatedParameter(const FunctionDecl *FD, Role R) {
  if (!FD)
    return -1;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    for (const auto *A : P->specific_attrs<AnnotateAttr>()) {
      llvm::StringRef Text = A->getAnnotation();
      if (Text.consume_front("context::") && roleFromName(Text) == R)
        return static_cast<int>(I);
    }
  }
  return -1;
}

int ApiModel::argumentIndex(const ApiEntry &E, const FunctionDecl *FD,
                            llvm::ArrayRef<const Expr *> Args) const {
  int Annotated = annotatedParameter(FD, E.R);
  if (Annotated >= 0)
    return Annotated < static_cast<int>(Args.size()) ? Annotated : -1;
  if (E.Arg >= 0) {
    int Index = E.Arg;
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
    if ((E.Flags & MemberShift) && MD && !MD->isStatic())
      --Index;
    return Index >= 0 && Index < static_cast<int>(Args.size()) ? Index : -1;
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = Args[I]->getType().getNonReferenceType();
    if (matchType(T, Role::DurationType) || matchType(T, Role::TimePointType))
      return static_cast<int>(I);
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = Args[I]->getType().getCanonicalType();
    if (T->isArithmeticType() && !T->isBooleanType())
      return static_cast<int>(I);
  }
  return -1;
}

} // namespace context_tidy
