//===- UserCode.cpp - The declarations a check looks at -------------------===//

#include "lib/UserCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

namespace {

bool isUserDeclaration(const Decl *D, const SourceManager &SM) {
  const SourceLocation Loc = D->getLocation();
  // Builtin and implicit declarations have no location.
  return Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

} // namespace

std::vector<Decl *> userDeclarations(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const std::vector<Decl *> Scope(Ctx.getTraversalScope());
  std::vector<Decl *> Out;
  if (Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front())) {
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (isUserDeclaration(D, SM))
        Out.push_back(D);
    return Out;
  }
  // The host chose the declarations (clangd: the main file's, parsed after
  // the preamble); walking the translation unit's instead would load every
  // declaration of the preamble.
  for (Decl *D : Scope)
    if (isUserDeclaration(D, SM))
      Out.push_back(D);
  return Out;
}

UserCodeScope::UserCodeScope(ASTContext &Ctx)
    : Ctx(Ctx), Saved(Ctx.getTraversalScope()) {
  Ctx.setTraversalScope(userDeclarations(Ctx));
}

UserCodeScope::~UserCodeScope() { Ctx.setTraversalScope(Saved); }

} // namespace context_tidy
