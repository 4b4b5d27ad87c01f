//===- ChronoTypes.h - Duration and time point types ------------*- C++ -*-===//
//
// Which types the folder of durations (DurationFolder.h) computes in: a
// std::chrono::duration (its period and whether its representation is a
// floating-point type), a std::chrono::time_point (its duration), or a plain
// number.  The types are recognised through the API model's roles, so a
// library's own duration template counts when the model names it.  The
// public questions about types and units (durationPeriod, timePointPeriod,
// periodSuffix, writtenDuration, in Duration.h) are answered here too.
// Internal to lib/values/.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_VALUES_CHRONOTYPES_H
#define CONTEXT_TIDY_LIB_VALUES_CHRONOTYPES_H

#include "lib/model/ApiModel.h"
#include "lib/values/Duration.h"
#include "clang/AST/Type.h"
#include <optional>

namespace context_tidy {

/// A duration type: its period and whether its representation is a
/// floating-point type.
struct DurationKind {
  Period Unit;
  bool FloatRep = false;
};

std::optional<DurationKind> durationKind(clang::QualType T, const ApiModel &M);

/// The duration of a std::chrono::time_point type.
std::optional<DurationKind> timePointKind(clang::QualType T, const ApiModel &M);

/// The name of <chrono>'s typedef for durations of period \p P
/// ("milliseconds", "hours"), or "" if it has none.
llvm::StringRef chronoUnitName(const Period &P);

/// An integer (not bool), real floating-point or enumeration type.
bool isNumber(clang::QualType T);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_VALUES_CHRONOTYPES_H
