//===- ApiModelLookup.cpp - The model's classes, found in an AST ----------===//
//
// The declarations that the model's fully qualified entries name, looked up
// from the translation unit: what a call on an object of dependent type can
// be compared with (lib/waits/PatternWakeups.h), and the lock a lost-wakeup
// fix-it can write (lib/waits/LockFix.h).  Kept apart from
// ApiModelMatch.cpp, which matches declarations the other way round.
//
//===----------------------------------------------------------------------===//

#include "lib/model/ApiModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/CharInfo.h"

using namespace clang;

namespace context_tidy {

namespace {

/// The class "a::b::C" names, by qualified lookup from the translation unit
/// (inline namespaces are looked through by DeclContext::lookup).
const CXXRecordDecl *lookupClass(const ASTContext &Ctx,
                                 llvm::ArrayRef<llvm::StringRef> Scopes) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  for (size_t I = 0; I < Scopes.size(); ++I) {
    const IdentifierInfo *II = &Ctx.Idents.get(Scopes[I]);
    const DeclContext *Next = nullptr;
    for (const NamedDecl *D : DC->lookup(II)) {
      if (I + 1 < Scopes.size()) {
        if (const auto *NS = dyn_cast<NamespaceDecl>(D))
          Next = NS;
        else if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
          Next = RD;
      } else if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
        return RD->getDefinition();
      } else if (const auto *CT = dyn_cast<ClassTemplateDecl>(D)) {
        return CT->getTemplatedDecl()->getDefinition();
      }
      if (Next)
        break;
    }
    if (!Next)
      return nullptr;
    DC = Next;
  }
  return nullptr;
}

} // namespace

llvm::SmallVector<const CXXRecordDecl *, 2>
ApiModel::classesWithMethod(const ASTContext &Ctx, Role R,
                            llvm::StringRef Method) const {
  llvm::SmallVector<const CXXRecordDecl *, 2> Out;
  llvm::SmallVector<llvm::StringRef, 4> Names;
  Tables[static_cast<size_t>(R)].qualifiedLiterals(Method, Names);
  for (llvm::StringRef Name : Names) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Name.split(Parts, "::");
    if (Parts.size() < 2)
      continue;
    if (const CXXRecordDecl *RD =
            lookupClass(Ctx, llvm::ArrayRef(Parts).drop_back()))
      if (!llvm::is_contained(Out, RD))
        Out.push_back(RD);
  }
  return Out;
}

llvm::SmallVector<llvm::StringRef, 2> ApiModel::qualifiedNames(Role R) const {
  llvm::SmallVector<llvm::StringRef, 2> Out;
  // The user's entries first: they name the project's own choice.
  for (bool User : {true, false})
    for (const ApiEntry &E : Entries) {
      llvm::StringRef P = E.Pattern;
      if (E.R != R || (E.From == Profile::User) != User ||
          !P.consume_front("::") || P.empty())
        continue;
      if (llvm::all_of(P, [](char C) {
            return isAsciiIdentifierContinue(C) || C == ':';
          }))
        Out.push_back(P);
    }
  return Out;
}

std::optional<llvm::StringRef>
ApiModel::declaredClassTemplate(const ASTContext &Ctx, Role R) const {
  for (llvm::StringRef Name : qualifiedNames(R)) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Name.split(Parts, "::");
    if (const CXXRecordDecl *RD = lookupClass(Ctx, Parts);
        RD && RD->getDescribedClassTemplate())
      return Name;
  }
  return std::nullopt;
}

} // namespace context_tidy
