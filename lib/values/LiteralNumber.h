//===- LiteralNumber.h - The number a user-defined literal has --*- C++ -*-===//
//
// `100ms` calls `operator""ms` with the number 100: as a cooked integer or
// floating literal argument, or, for a literal operator template (how
// libstdc++ declares its integer chrono literals), as the characters the
// template is instantiated with.  Reading the number there costs a few
// hundred instructions; Clang's constant evaluator, running the operator's
// body, costs about 13,000 (docs/performance.md).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_VALUES_LITERALNUMBER_H
#define CONTEXT_TIDY_LIB_VALUES_LITERALNUMBER_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>

namespace clang {
class UserDefinedLiteral;
} // namespace clang

namespace context_tidy {

/// A literal's number: an integer, or a floating-point value.
struct LiteralNumber {
  bool IsFloat = false;
  uint64_t I = 0;
  double F = 0;
};

/// The number \p UDL is written with, or nullopt: a string or character
/// literal, a raw literal operator, an integer above 2^64 - 1, or a
/// template instantiated with anything but the characters of an integer.
std::optional<LiteralNumber>
literalNumber(const clang::UserDefinedLiteral *UDL);

/// The value of an integer literal's spelling: decimal, octal (`017`), hex
/// (`0x1F`) or binary (`0b101`), with digit separators (`1'000`).  Nullopt
/// for anything else (a suffix, a floating-point spelling) or on overflow.
std::optional<uint64_t> integerSpelling(llvm::StringRef Spelling);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_VALUES_LITERALNUMBER_H
