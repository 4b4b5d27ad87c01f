//===- Duration.h - Constant values of durations ---------------*- C++ -*-===//
//
// The value of a duration expression when it is a constant: a
// std::chrono::duration (any Rep, any Period), or a plain number where an API
// takes a number of seconds.  Values come from Clang's constant evaluator
// first; const variables with constant initialisers are followed too (C++
// does not let a non-constexpr const variable of class type appear in a
// constant expression, but its value is just as fixed).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_DURATION_H
#define CONTEXT_TIDY_LIB_DURATION_H

#include "lib/ApiModel.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/APSInt.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
} // namespace clang

namespace context_tidy {

/// std::ratio<Num, Den>: the length of one tick in seconds.
struct Period {
  int64_t Num = 1;
  int64_t Den = 1;
  bool operator==(const Period &O) const { return Num == O.Num && Den == O.Den; }
};

/// A constant duration: Count ticks of Period seconds each.
struct DurationValue {
  bool IsFloat = false;
  llvm::APSInt Int{llvm::APInt(64, 0), /*isUnsigned=*/false};
  double Float = 0;
  Period Unit;

  /// -1, 0 or +1.
  int sign() const;
  /// The value in seconds, as a double (exact enough to compare).
  double seconds() const;
  /// "500ms", "-5s", "0.5s", "3 * (1/7)s" for odd periods.
  std::string format() const;
};

/// The period of a std::chrono::duration type (through typedefs and
/// references), or nullopt for any other type.
std::optional<Period> durationPeriod(clang::QualType T, const ApiModel &M);

/// The period's conventional suffix ("ns", "us", "ms", "s", "min", "h"), or
/// "" if it has none.
llvm::StringRef periodSuffix(const Period &P);

/// The value of \p E if it is a constant duration (or, when \p Seconds is
/// set, a constant number taken as seconds).  Nullopt when it is not a
/// constant, or not a duration.
std::optional<DurationValue> evaluateDuration(const clang::Expr *E,
                                              const clang::ASTContext &Ctx,
                                              const ApiModel &M,
                                              bool Seconds = false);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_DURATION_H
