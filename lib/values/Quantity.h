//===- Quantity.h - Exact arithmetic on tick counts -------------*- C++ -*-===//
//
// A number of ticks of a period (or a plain number), as the folder of
// durations (DurationFolder.h) computes with it: conversions between
// periods with the rounding of duration_cast, floor, ceil and round, the
// common period of two durations, negation, comparison, and the spelling of
// a value in a diagnostic.  Integer tick counts are exact (the products are
// taken in 128 bits); a result that does not fit in 64 bits is no value.
// Internal to lib/values/: the checks see DurationValue (Duration.h).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_VALUES_QUANTITY_H
#define CONTEXT_TIDY_LIB_VALUES_QUANTITY_H

#include "lib/values/Duration.h"
#include <cstdint>
#include <optional>
#include <string>

namespace context_tidy {

using Wide = __int128;

/// The greatest common divisor of |A| and |B|, 1 when both are zero.
Wide gcdWide(Wide A, Wide B);

bool fitsInt64(Wide V);

/// A number of ticks of Unit; a plain number when Plain.
struct Quantity {
  bool IsFloat = false;
  int64_t I = 0;
  double F = 0;
  Period Unit;
  bool Plain = false;

  double asDouble() const { return IsFloat ? F : static_cast<double>(I); }
  int sign() const {
    if (IsFloat)
      return F < 0 ? -1 : (F > 0 ? 1 : 0);
    return I < 0 ? -1 : (I > 0 ? 1 : 0);
  }
  double seconds() const {
    return asDouble() * static_cast<double>(Unit.Num) /
           static_cast<double>(Unit.Den);
  }
};

DurationValue toDurationValue(const Quantity &Q);

/// Nullopt when the integer count does not fit in 64 bits.
std::optional<Quantity> fromDurationValue(const DurationValue &D);

/// "500ms" for a duration, "0.5" or "3" for a plain number.
std::string formatQuantity(const Quantity &Q);

enum class Rounding : uint8_t { Exact, TowardZero, Floor, Ceil, Nearest };

/// Q in ticks of To (a floating-point representation when ToFloat), rounded
/// as asked.  Nullopt on overflow, or when Exact and the value is not.
std::optional<Quantity> convert(const Quantity &Q, Period To, bool ToFloat,
                                Rounding R);

/// The finer of two periods: ticks of both are whole ticks of it.
Period commonPeriod(Period A, Period B);

/// -Q; nullopt when it overflows.
std::optional<Quantity> negate(Quantity Q);

/// X + Y, both in X's unit and representation; nullopt when it overflows.
std::optional<Quantity> add(const Quantity &X, const Quantity &Y);

/// Whether A and B are the same length of time (or number), exactly for
/// integers of one unit, else to a relative 1e-9.
bool sameValue(const Quantity &A, const Quantity &B);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_VALUES_QUANTITY_H
