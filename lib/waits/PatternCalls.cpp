//===- PatternCalls.cpp - Member calls as written in template patterns ----===//

#include "lib/waits/PatternCalls.h"

#include "lib/waits/BlockingCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace context_tidy {

namespace {

const CXXRecordDecl *classOf(QualType T, bool Arrow) {
  if (T.isNull())
    return nullptr;
  if (Arrow) {
    const auto *PT = T->getAs<PointerType>();
    if (!PT)
      return nullptr;
    T = PT->getPointeeType();
  }
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

} // namespace

std::optional<MemberCall> memberCall(const CallExpr *CE) {
  if (!CE || CE->containsErrors())
    return std::nullopt;
  MemberCall Out;
  Out.Call = CE;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Out.Method = MC->getMethodDecl();
    Out.Object = MC->getImplicitObjectArgument();
    if (!Out.Method || !Out.Object)
      return std::nullopt;
    QualType T = Out.Object->IgnoreParenImpCasts()->getType();
    if (const auto *PT = T->getAs<PointerType>())
      T = PT->getPointeeType();
    Out.ObjectClass = T->getAsCXXRecordDecl();
    Out.Args = writtenArguments(CE);
    Out.NameLoc = MC->getExprLoc();
    return Out;
  }
  const auto *UME =
      dyn_cast_or_null<UnresolvedMemberExpr>(CE->getCallee()->IgnoreParens());
  if (!UME || UME->isImplicitAccess() || UME->hasExplicitTemplateArgs())
    return std::nullopt;
  QualType Base = UME->getBaseType();
  if (Base.isNull() || Base->isDependentType())
    return std::nullopt;
  const CXXRecordDecl *RD = classOf(Base, UME->isArrow());
  if (!RD)
    return std::nullopt;
  unsigned NumArgs = CE->getNumArgs();
  const CXXMethodDecl *Only = nullptr;
  for (const NamedDecl *D : UME->decls()) {
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(
        D->getUnderlyingDecl()->getAsFunction());
    if (!MD || MD->isStatic())
      continue;
    if (NumArgs < MD->getMinRequiredArguments() ||
        (NumArgs > MD->getNumParams() && !MD->isVariadic()))
      continue;
    if (Only && Only->getCanonicalDecl() != MD->getCanonicalDecl())
      return std::nullopt; // ambiguous as written: not ours to resolve
    Only = MD;
  }
  if (!Only)
    return std::nullopt;
  Out.Method = Only;
  Out.Object = UME->getBase();
  Out.ObjectClass = RD;
  for (const Expr *A : CE->arguments())
    if (A && !isa<CXXDefaultArgExpr>(A))
      Out.Args.push_back(A);
  Out.NameLoc = UME->getMemberLoc();
  return Out;
}

} // namespace context_tidy
