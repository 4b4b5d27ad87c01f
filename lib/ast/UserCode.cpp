//===- UserCode.cpp - The declarations a check looks at -------------------===//

#include "lib/ast/UserCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

std::unique_ptr<llvm::Regex> compile(llvm::StringRef Pattern) {
  auto R = std::make_unique<llvm::Regex>(Pattern);
  // clang-tidy matches with the expression as given: one that does not
  // compile (the empty one among them) matches nothing.
  if (Pattern.empty() || !R->isValid())
    return nullptr;
  return R;
}

template <typename Range>
void collect(const Range &Decls, ASTContext &Ctx, ShownFiles &Shown,
             std::vector<Decl *> &Out) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Decls) {
    const SourceLocation Loc = D->getLocation();
    // Builtin and implicit declarations have no location.
    if (Loc.isInvalid())
      continue;
    const SourceLocation File = SM.getExpansionLoc(Loc);
    if (SM.isInSystemHeader(File))
      continue;
    if (Shown.shows(File, SM)) {
      Out.push_back(D);
      continue;
    }
    // A shown file may be included inside a namespace of a hidden one.
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D))
      collect(cast<DeclContext>(D)->decls(), Ctx, Shown, Out);
  }
}

} // namespace

ShownFiles::ShownFiles(llvm::StringRef HeaderFilter,
                       llvm::StringRef ExcludeFilter)
    : AllHeaders(false), Include(compile(HeaderFilter)),
      Exclude(compile(ExcludeFilter)) {}

bool ShownFiles::shows(SourceLocation Loc, const SourceManager &SM) {
  if (AllHeaders)
    return true;
  const FileID FID = SM.getFileID(Loc);
  auto [It, Inserted] = Cache.try_emplace(FID, false);
  if (!Inserted)
    return It->second;
  bool Shows = FID == SM.getMainFileID();
  if (!Shows && Include) {
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
    // A location without a file (a macro from the command line) is shown.
    Shows = !Entry || (Include->match(Entry->getName()) &&
                       !(Exclude && Exclude->match(Entry->getName())));
  }
  It->second = Shows;
  return Shows;
}

std::vector<Decl *> userDeclarations(ASTContext &Ctx, ShownFiles &Shown) {
  std::vector<Decl *> Out;
  const std::vector<Decl *> Scope(Ctx.getTraversalScope());
  if (Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front())) {
    collect(Ctx.getTranslationUnitDecl()->decls(), Ctx, Shown, Out);
    return Out;
  }
  // The host chose the declarations (clangd: the main file's, parsed after
  // the preamble); walking the translation unit's instead would load every
  // declaration of the preamble.
  collect(Scope, Ctx, Shown, Out);
  return Out;
}

std::vector<Decl *> userDeclarations(ASTContext &Ctx) {
  ShownFiles All;
  return userDeclarations(Ctx, All);
}

UserCodeScope::UserCodeScope(ASTContext &Ctx)
    : Ctx(Ctx), Saved(Ctx.getTraversalScope()) {
  Ctx.setTraversalScope(userDeclarations(Ctx));
}

UserCodeScope::UserCodeScope(ASTContext &Ctx, ShownFiles &Shown)
    : Ctx(Ctx), Saved(Ctx.getTraversalScope()) {
  Ctx.setTraversalScope(userDeclarations(Ctx, Shown));
}

UserCodeScope::~UserCodeScope() { Ctx.setTraversalScope(Saved); }

} // namespace context_tidy
