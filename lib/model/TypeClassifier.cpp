//===- TypeClassifier.cpp - Is this type a context, token, ...? -----------===//

#include "lib/model/TypeClassifier.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TemplateBase.h"

using namespace clang;

namespace context_tidy {

namespace {

constexpr unsigned MaxDepth = 8;

QualType stripReferences(QualType T) {
  return T.getNonReferenceType().getUnqualifiedType();
}

const TemplateSpecializationType *writtenSpecialization(QualType T) {
  const Type *Ty = T.getTypePtr();
  while (true) {
    if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty))
      if (!TST->isTypeAlias())
        return TST;
    QualType Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next.getTypePtr() == Ty)
      return nullptr;
    Ty = Next.getTypePtr();
  }
}

void appendTypeArguments(ArrayRef<TemplateArgument> Args,
                         llvm::SmallVectorImpl<QualType> &Out) {
  for (const TemplateArgument &A : Args) {
    if (A.getKind() == TemplateArgument::Type)
      Out.push_back(A.getAsType());
    else if (A.getKind() == TemplateArgument::Pack)
      appendTypeArguments(A.pack_elements(), Out);
  }
}

bool isPointerLikeWrapper(QualType T, const ApiModel &M) {
  const ApiEntry *E = M.matchType(T, Role::WrapperType);
  return E && (E->Flags & PointerLike);
}

bool find(QualType T, const ApiModel &M, const FindOptions &Opts, int Index,
          unsigned Depth, Containment &Out) {
  if (T.isNull() || Depth > MaxDepth)
    return false;
  T = stripReferences(T);
  Out.Path.push_back(T);
  Out.ArgIndex.push_back(Index);
  ContextKind K = classifyType(T, M);
  if (K != ContextKind::None) {
    Out.Kind = K;
    Out.Found = T;
    return true;
  }
  QualType Inner;
  if (const auto *PT = T->getAs<PointerType>())
    Inner = PT->getPointeeType();
  else if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    Inner = AT->getElementType();
  if (!Inner.isNull()) {
    if (find(Inner, M, Opts, -1, Depth + 1, Out))
      return true;
  } else {
    bool IsMap = M.matchType(T, Role::MapType) != nullptr;
    if (IsMap || M.matchType(T, Role::WrapperType) ||
        M.matchType(T, Role::ContainerType)) {
      llvm::SmallVector<QualType, 4> Args = templateTypeArguments(T);
      // A map's first argument is its key.
      unsigned First = IsMap && !Opts.MapKeys ? 1 : 0;
      for (unsigned I = First; I < Args.size(); ++I)
        if (find(Args[I], M, Opts, static_cast<int>(I), Depth + 1, Out))
          return true;
    }
  }
  Out.Path.pop_back();
  Out.ArgIndex.pop_back();
  return false;
}

} // namespace

llvm::StringRef contextKindName(ContextKind K) {
  switch (K) {
  case ContextKind::None:
    return "none";
  case ContextKind::Context:
    return "context";
  case ContextKind::Token:
    return "cancellation token";
  case ContextKind::Source:
    return "cancellation source";
  case ContextKind::CancelHandle:
    return "cancel handle";
  }
  return "none";
}

ContextKind classifyType(QualType T, const ApiModel &M) {
  if (T.isNull())
    return ContextKind::None;
  T = stripReferences(T);
  // Typedef names first: a port's CancelFunc is a std::function underneath.
  if (M.matchType(T, Role::CancelHandleType))
    return ContextKind::CancelHandle;
  if (M.matchType(T, Role::TokenType))
    return ContextKind::Token;
  if (M.matchType(T, Role::SourceType))
    return ContextKind::Source;
  if (M.matchType(T, Role::ContextType))
    return ContextKind::Context;
  return ContextKind::None;
}

ContextKind classifyReferent(QualType T, const ApiModel &M) {
  for (unsigned Depth = 0; Depth <= MaxDepth && !T.isNull(); ++Depth) {
    T = stripReferences(T);
    ContextKind K = classifyType(T, M);
    if (K != ContextKind::None)
      return K;
    if (const auto *PT = T->getAs<PointerType>()) {
      T = PT->getPointeeType();
      continue;
    }
    if (!isPointerLikeWrapper(T, M))
      return ContextKind::None;
    llvm::SmallVector<QualType, 4> Args = templateTypeArguments(T);
    if (Args.empty())
      return ContextKind::None;
    T = Args.front();
  }
  return ContextKind::None;
}

bool anyObserving(llvm::ArrayRef<const clang::Expr *> Exprs,
                  const ApiModel &M) {
  return llvm::any_of(Exprs, [&](const Expr *E) {
    return E && isObservingKind(classifyReferent(E->getType(), M));
  });
}

llvm::SmallVector<QualType, 4> templateTypeArguments(QualType T) {
  llvm::SmallVector<QualType, 4> Out;
  if (T.isNull())
    return Out;
  T = stripReferences(T);
  if (const TemplateSpecializationType *TST = writtenSpecialization(T)) {
    appendTypeArguments(TST->template_arguments(), Out);
    if (!Out.empty())
      return Out;
  }
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    appendTypeArguments(S->getTemplateArgs().asArray(), Out);
  return Out;
}

std::optional<Containment> findContextLike(QualType T, const ApiModel &M) {
  return findContextLike(T, M, FindOptions());
}

std::optional<Containment> findContextLike(QualType T, const ApiModel &M,
                                           FindOptions Opts) {
  Containment C;
  if (find(T, M, Opts, -1, 0, C))
    return C;
  return std::nullopt;
}

std::optional<Containment> findContextLikeMapValue(QualType T,
                                                   const ApiModel &M) {
  std::optional<std::pair<QualType, QualType>> KeyAndMapped = mapTypes(T, M);
  if (!KeyAndMapped)
    return std::nullopt;
  FindOptions Opts;
  Opts.MapKeys = false;
  Containment C;
  C.Path.push_back(stripReferences(T));
  C.ArgIndex.push_back(-1);
  if (!find(KeyAndMapped->second, M, Opts, 1, 1, C))
    return std::nullopt;
  return C;
}

std::optional<std::pair<QualType, QualType>> mapTypes(QualType T,
                                                      const ApiModel &M) {
  if (T.isNull() || !M.matchType(stripReferences(T), Role::MapType))
    return std::nullopt;
  llvm::SmallVector<QualType, 4> Args = templateTypeArguments(T);
  if (Args.size() < 2)
    return std::nullopt;
  return std::make_pair(Args[0], Args[1]);
}

} // namespace context_tidy
