//===- LiteralNumber.cpp - The number a user-defined literal has ---------===//

#include "lib/values/LiteralNumber.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace context_tidy {

std::optional<uint64_t> integerSpelling(llvm::StringRef Spelling) {
  // A separator goes between two digits.
  if (Spelling.empty() || Spelling.front() == '\'' ||
      Spelling.back() == '\'' || Spelling.contains("''"))
    return std::nullopt;
  llvm::SmallString<32> Digits;
  for (char C : Spelling)
    if (C != '\'')
      Digits.push_back(C);
  llvm::StringRef S = Digits;
  unsigned Radix = 10;
  if (S.consume_front_insensitive("0x"))
    Radix = 16;
  else if (S.consume_front_insensitive("0b"))
    Radix = 2;
  else if (S.size() > 1 && S.front() == '0')
    Radix = 8;
  if (S.empty() || !llvm::all_of(S, llvm::isHexDigit))
    return std::nullopt;
  uint64_t V = 0;
  if (S.getAsInteger(Radix, V))
    return std::nullopt;
  return V;
}

std::optional<LiteralNumber> literalNumber(const UserDefinedLiteral *UDL) {
  if (!UDL || UDL->containsErrors())
    return std::nullopt;
  LiteralNumber N;
  switch (UDL->getLiteralOperatorKind()) {
  case UserDefinedLiteral::LOK_Integer: {
    const auto *IL = dyn_cast_or_null<IntegerLiteral>(UDL->getCookedLiteral());
    if (!IL || IL->getValue().getActiveBits() > 64)
      return std::nullopt;
    N.I = IL->getValue().getZExtValue();
    return N;
  }
  case UserDefinedLiteral::LOK_Floating: {
    const auto *FL = dyn_cast_or_null<FloatingLiteral>(UDL->getCookedLiteral());
    if (!FL)
      return std::nullopt;
    N.IsFloat = true;
    N.F = FL->getValueAsApproximateDouble();
    return N;
  }
  case UserDefinedLiteral::LOK_Template: {
    const FunctionDecl *FD = UDL->getDirectCallee();
    const TemplateArgumentList *Args =
        FD ? FD->getTemplateSpecializationArgs() : nullptr;
    if (!Args || Args->size() != 1 ||
        Args->get(0).getKind() != TemplateArgument::Pack)
      return std::nullopt;
    llvm::SmallString<32> Spelling;
    for (const TemplateArgument &C : Args->get(0).pack_elements()) {
      if (C.getKind() != TemplateArgument::Integral)
        return std::nullopt;
      Spelling.push_back(static_cast<char>(C.getAsIntegral().getZExtValue()));
    }
    std::optional<uint64_t> V = integerSpelling(Spelling);
    if (!V)
      return std::nullopt;
    N.I = *V;
    return N;
  }
  case UserDefinedLiteral::LOK_Raw:
  case UserDefinedLiteral::LOK_String:
  case UserDefinedLiteral::LOK_Character:
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace context_tidy
