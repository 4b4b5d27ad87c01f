//===- Duration.h - Constant values of durations ---------------*- C++ -*-===//
//
// The value of a duration expression when it is a constant: a
// std::chrono::duration (any Rep, any Period), or a plain number where an API
// takes a number of seconds.  Values come from Clang's constant evaluator
// first; const variables with constant initialisers are followed too (C++
// does not let a non-constexpr const variable of class type appear in a
// constant expression, but its value is just as fixed).
//
// foldDuration() and foldDeadline() say more: they fold what C++ does not
// call a constant expression but is fixed (const variables inside
// arithmetic, conversions between units, duration_cast and its siblings,
// integer division), remember where the value came from (a variable, an
// enumerator, a macro) and whether a conversion turned a positive value into
// zero on the way ("duration_cast<seconds>(500ms)" is 0s).  Deadlines are
// folded as "now() + constant" or as a constant time point.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_VALUES_DURATION_H
#define CONTEXT_TIDY_LIB_VALUES_DURATION_H

#include "lib/model/ApiModel.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class NamedDecl;
} // namespace clang

namespace context_tidy {

/// std::ratio<Num, Den>: the length of one tick in seconds.
struct Period {
  int64_t Num = 1;
  int64_t Den = 1;
  bool operator==(const Period &O) const {
    return Num == O.Num && Den == O.Den;
  }
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

/// A whole number of nanoseconds, microseconds or milliseconds shown in the
/// coarsest of those units (and seconds) that keeps it exact: "30s" for
/// 30000000us, "1500ms".
std::string formatCoarsest(const DurationValue &D);

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

/// Where a folded constant comes from: a variable or enumerator named in the
/// expression, or a token spelled in the body of a macro.
struct ValueOrigin {
  const clang::NamedDecl *Decl = nullptr;
  std::string MacroName;
  /// For a macro: the location of the token, inside the macro expansion.
  clang::SourceLocation MacroTokenLoc;
};

/// A conversion inside the expression that turned a positive value into
/// zero.
struct Truncation {
  /// "'duration_cast<seconds>'", "integer division", "the conversion to
  /// 'long'".
  std::string Operation;
  std::string From; ///< "500ms", "0.5"
  std::string To;   ///< "0s", "0"
  clang::SourceLocation Loc;
};

struct FoldedDuration {
  DurationValue Value;
  /// Set when a conversion made a positive value zero and the whole value
  /// is zero.
  std::optional<Truncation> Truncated;
  /// Variables, enumerators and macros named in the expression itself (not
  /// those inside a variable's initialiser), in source order.
  llvm::SmallVector<ValueOrigin, 2> Origins;
};

/// Like evaluateDuration, with the folding, truncation and origins described
/// in the file comment.  Nullopt when the value is not fixed.  When Clang's
/// evaluator also has a value, that value is the one returned.
std::optional<FoldedDuration> foldDuration(const clang::Expr *E,
                                           const clang::ASTContext &Ctx,
                                           const ApiModel &M,
                                           bool Seconds = false);

/// A deadline whose relation to the present is known.
struct DeadlineValue {
  enum KindT : uint8_t {
    /// Clock::now(), plus Offset when a constant was added or subtracted.
    /// AtMost: the time point was then rounded down (time_point_cast,
    /// floor), so it is at or before that.
    Now,
    /// A constant time point: SinceEpoch after the clock's epoch (a plain
    /// number of seconds for APIs that take seconds).
    Constant,
  };
  KindT Kind = Now;
  std::optional<DurationValue> Offset;
  bool AtMost = false;
  DurationValue SinceEpoch;

  /// Whether the deadline is at or before the moment the call is made:
  /// now() + d with d <= 0, or a constant at or before the epoch.
  bool alreadyPassed() const;
  /// "'now()'", "'now() - 5s'", "the clock's epoch", "'time_point::min()'",
  /// "before the clock's epoch (-5s)".
  std::string describe() const;
};

struct FoldedDeadline {
  DeadlineValue Value;
  std::optional<Truncation> Truncated; ///< made the offset zero
  llvm::SmallVector<ValueOrigin, 2> Origins;
};

/// The deadline \p E (a std::chrono::time_point, or with \p Seconds a
/// number of seconds since the epoch) when it is now() plus a constant, or a
/// constant.  Const variables are followed (a deadline computed once and
/// kept in a const variable is still that deadline).
std::optional<FoldedDeadline> foldDeadline(const clang::Expr *E,
                                           const clang::ASTContext &Ctx,
                                           const ApiModel &M,
                                           bool Seconds = false);

/// \p E without the implicit conversions that only change a duration's
/// unit exactly (a std::chrono::seconds passed for a milliseconds
/// parameter): the value as the code spells it.  Numeric conversions (a
/// double passed for an int) are kept, since they can truncate.
const clang::Expr *writtenDuration(const clang::Expr *E, const ApiModel &M);

/// The period of a std::chrono::time_point's duration, or nullopt for any
/// other type.
std::optional<Period> timePointPeriod(clang::QualType T, const ApiModel &M);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_VALUES_DURATION_H
