//===- Duration.cpp - Constant values of durations ------------------------===//
//
// The values of Duration.h and how they are spelled in a diagnostic.  Where
// the rest is: the folding of durations in DurationFolder.cpp (the Folder,
// DurationFolder.h) and DurationArithmetic.cpp, of time points and deadlines
// in TimePointFolder.cpp, the exact arithmetic on tick counts in Quantity.cpp,
// the duration and time point types and the units' suffixes in
// ChronoTypes.cpp.
//
//===----------------------------------------------------------------------===//

#include "lib/values/Duration.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace context_tidy {

int DurationValue::sign() const {
  if (IsFloat)
    return Float < 0 ? -1 : (Float > 0 ? 1 : 0);
  if (Int.isSigned() && Int.isNegative())
    return -1;
  return Int.isZero() ? 0 : 1;
}

double DurationValue::seconds() const {
  double Count;
  if (IsFloat)
    Count = Float;
  else if (Int.isUnsigned() ? Int.getActiveBits() > 64
                            : Int.getSignificantBits() > 64)
    Count = sign() < 0 ? -1e300 : 1e300;
  else
    Count = Int.isUnsigned() ? static_cast<double>(Int.getZExtValue())
                             : static_cast<double>(Int.getSExtValue());
  return Count * static_cast<double>(Unit.Num) / static_cast<double>(Unit.Den);
}

std::string DurationValue::format() const {
  std::string S;
  llvm::raw_string_ostream OS(S);
  llvm::StringRef Suffix = periodSuffix(Unit);
  if (Suffix.empty()) {
    OS << llvm::format("%g", seconds()) << "s";
    return S;
  }
  if (IsFloat)
    OS << llvm::format("%g", Float);
  else
    OS << llvm::toString(Int, 10);
  OS << Suffix;
  return S;
}

bool DeadlineValue::alreadyPassed() const {
  if (Kind == Now)
    return !Offset || Offset->sign() <= 0;
  return SinceEpoch.sign() <= 0;
}

std::string DeadlineValue::describe() const {
  if (Kind == Now) {
    std::string S = "'now()";
    if (Offset) {
      if (Offset->sign() < 0) {
        DurationValue Abs = *Offset;
        if (Abs.IsFloat)
          Abs.Float = -Abs.Float;
        else
          Abs.Int = -Abs.Int;
        S += " - " + Abs.format();
      } else {
        S += " + " + Offset->format();
      }
    }
    S += "'";
    if (AtMost)
      S += " rounded down";
    return S;
  }
  if (SinceEpoch.sign() == 0)
    return "the clock's epoch";
  if (!SinceEpoch.IsFloat && SinceEpoch.Int.isSigned() &&
      SinceEpoch.Int.getBitWidth() <= 64 && SinceEpoch.Int.isMinSignedValue())
    return "'time_point::min()'";
  if (SinceEpoch.sign() < 0)
    return "before the clock's epoch (" + formatCoarsest(SinceEpoch) + ")";
  return formatCoarsest(SinceEpoch) + " after the clock's epoch";
}

} // namespace context_tidy
