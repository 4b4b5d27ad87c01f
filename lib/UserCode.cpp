//===- UserCode.cpp - The declarations a check looks at -------------------===//

#include "lib/UserCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace context_tidy {

std::vector<Decl *> userDeclarations(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<Decl *> Out;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const SourceLocation Loc = D->getLocation();
    // Builtin and implicit declarations have no location.
    if (Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      Out.push_back(D);
  }
  return Out;
}

UserCodeScope::UserCodeScope(ASTContext &Ctx)
    : Ctx(Ctx), Saved(Ctx.getTraversalScope()) {
  Ctx.setTraversalScope(userDeclarations(Ctx));
}

UserCodeScope::~UserCodeScope() { Ctx.setTraversalScope(Saved); }

} // namespace context_tidy
