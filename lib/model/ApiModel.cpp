//===- ApiModel.cpp - Which real APIs play which role ---------------------===//
//
// The model built: the built-in table (lib/model/BuiltinApis.def) with the
// enabled profiles, the entries of the options, and the annotations the
// code carries, with the argument each entry names.  How the model matches
// declarations is in ApiModelMatch.cpp.
//
//===----------------------------------------------------------------------===//

#include "lib/model/ApiModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace context_tidy {

namespace {

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

} // namespace

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
