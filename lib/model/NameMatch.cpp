//===- NameMatch.cpp - Qualified names and name patterns ------------------===//

#include "lib/model/NameMatch.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace context_tidy {

namespace {

void appendComponent(const NamedDecl *D, std::string &Out) {
  if (const auto *NS = dyn_cast<NamespaceDecl>(D)) {
    if (NS->isAnonymousNamespace()) {
      Out += "(anonymous namespace)";
      return;
    }
  }
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
    if (RD->isLambda()) {
      Out += "(lambda)";
      return;
    }
    if (!RD->getIdentifier()) {
      Out += "(anonymous)";
      return;
    }
  }
  Out += simpleName(D);
}

} // namespace

std::string simpleName(const NamedDecl *D) {
  if (!D)
    return {};
  if (const auto *CD = dyn_cast<CXXConstructorDecl>(D))
    return simpleName(CD->getParent());
  if (const IdentifierInfo *II = D->getIdentifier())
    return II->getName().str();
  DeclarationName Name = D->getDeclName();
  if (Name.getNameKind() == DeclarationName::CXXOperatorName ||
      Name.getNameKind() == DeclarationName::CXXConversionFunctionName ||
      Name.getNameKind() == DeclarationName::CXXLiteralOperatorName)
    return Name.getAsString();
  return {};
}

std::string qualifiedName(const NamedDecl *D) {
  if (!D)
    return {};
  D = cast<NamedDecl>(D->getCanonicalDecl());
  llvm::SmallVector<const NamedDecl *, 8> Scopes;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (!NS->isInline())
        Scopes.push_back(NS);
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Scopes.push_back(RD);
    } else if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      Scopes.push_back(FD);
    } else if (const auto *ED = dyn_cast<EnumDecl>(DC)) {
      if (ED->isScoped())
        Scopes.push_back(ED);
    }
    // Linkage specifications, export declarations and the translation unit
    // add no component.
  }
  std::string Out;
  for (auto It = Scopes.rbegin(); It != Scopes.rend(); ++It) {
    appendComponent(*It, Out);
    Out += "::";
  }
  appendComponent(D, Out);
  return Out;
}

bool isRegexPattern(llvm::StringRef Pattern) {
  return Pattern.find_first_of("^$.*+?[](){}|\\") != llvm::StringRef::npos &&
         !Pattern.starts_with("operator");
}

bool NameTable::add(llvm::StringRef Pattern, unsigned Payload,
                    std::string *Error) {
  Pattern = Pattern.trim();
  if (Pattern.empty())
    return true;
  bool FullyQualified = Pattern.consume_front("::");
  if (isRegexPattern(Pattern)) {
    std::string Anchored =
        FullyQualified ? "^(" + Pattern.str() + ")$"
                       : "^(.*::)?(" + Pattern.str() + ")$";
    auto Re = std::make_unique<llvm::Regex>(Anchored);
    std::string Why;
    if (!Re->isValid(Why)) {
      if (Error)
        *Error = "is not a valid regular expression (" + Why + ")";
      return false;
    }
    Regexes.push_back({std::move(Re), Payload});
    RegexHits.clear();
    return true;
  }
  // A literal: identifiers (or operator names) joined by "::".  "::",
  // "a::" and "a::::b" name nothing; "a:b" is a misspelt scope.
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Pattern.split(Parts, "::");
  for (llvm::StringRef Part : Parts) {
    if (Part.trim().empty() || Part.contains(':')) {
      if (Error)
        *Error = Part.contains(':')
                     ? "has a single ':' (scopes are separated by '::')"
                     : "has an empty name";
      return false;
    }
  }
  llvm::StringRef Last = Pattern;
  size_t Sep = Pattern.rfind("::");
  if (Sep != llvm::StringRef::npos)
    Last = Pattern.substr(Sep + 2);
  ByLast[Last].push_back({Pattern.str(), FullyQualified, Payload});
  return true;
}

void NameTable::match(llvm::StringRef Last, llvm::StringRef Qualified,
                      llvm::SmallVectorImpl<unsigned> &Out) const {
  auto It = ByLast.find(Last);
  if (It != ByLast.end()) {
    for (const Literal &L : It->second) {
      if (Qualified == L.Text) {
        Out.push_back(L.Payload);
        continue;
      }
      if (L.FullyQualified || Qualified.size() <= L.Text.size() + 2)
        continue;
      if (Qualified.ends_with(L.Text) &&
          Qualified.drop_back(L.Text.size()).ends_with("::"))
        Out.push_back(L.Payload);
    }
  }
  if (Regexes.empty())
    return;
  auto [Cached, Inserted] = RegexHits.try_emplace(Qualified);
  if (Inserted)
    for (const RegexPattern &R : Regexes)
      if (R.Re->match(Qualified))
        Cached->second.push_back(R.Payload);
  Out.append(Cached->second.begin(), Cached->second.end());
}

} // namespace context_tidy
