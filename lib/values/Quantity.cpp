//===- Quantity.cpp - Exact arithmetic on tick counts ---------------------===//
//
// Conversions between periods, negation and comparison of tick counts, and
// how a count is spelled (formatCoarsest, declared in Duration.h, too).
//
//===----------------------------------------------------------------------===//

#include "lib/values/Quantity.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <cmath>
#include <limits>

namespace context_tidy {

namespace {

std::string formatNumber(double V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format("%g", V);
  return S;
}

} // namespace

Wide gcdWide(Wide A, Wide B) {
  if (A < 0)
    A = -A;
  if (B < 0)
    B = -B;
  while (B != 0) {
    Wide T = A % B;
    A = B;
    B = T;
  }
  return A == 0 ? 1 : A;
}

bool fitsInt64(Wide V) {
  return V >= static_cast<Wide>(std::numeric_limits<int64_t>::min()) &&
         V <= static_cast<Wide>(std::numeric_limits<int64_t>::max());
}

DurationValue toDurationValue(const Quantity &Q) {
  DurationValue D;
  D.IsFloat = Q.IsFloat;
  D.Float = Q.F;
  D.Int = llvm::APSInt(llvm::APInt(64, static_cast<uint64_t>(Q.I), true),
                       /*isUnsigned=*/false);
  D.Unit = Q.Unit;
  return D;
}

std::optional<Quantity> fromDurationValue(const DurationValue &D) {
  Quantity Q;
  Q.Unit = D.Unit;
  Q.IsFloat = D.IsFloat;
  Q.F = D.Float;
  if (!D.IsFloat) {
    if (D.Int.isUnsigned() ? D.Int.getActiveBits() > 63
                           : D.Int.getSignificantBits() > 64)
      return std::nullopt;
    Q.I = D.Int.isUnsigned() ? static_cast<int64_t>(D.Int.getZExtValue())
                             : D.Int.getSExtValue();
  }
  return Q;
}

std::string formatQuantity(const Quantity &Q) {
  if (!Q.Plain)
    return toDurationValue(Q).format();
  if (Q.IsFloat)
    return formatNumber(Q.F);
  return std::to_string(Q.I);
}

std::optional<Quantity> convert(const Quantity &Q, Period To, bool ToFloat,
                                Rounding R) {
  Wide N = static_cast<Wide>(Q.Unit.Num) * To.Den;
  Wide D = static_cast<Wide>(Q.Unit.Den) * To.Num;
  Wide G = gcdWide(N, D);
  N /= G;
  D /= G;
  Quantity Out;
  Out.Unit = To;
  Out.IsFloat = ToFloat;
  if (ToFloat) {
    Out.F = Q.asDouble() * static_cast<double>(N) / static_cast<double>(D);
    return Out;
  }
  if (Q.IsFloat) {
    double V = Q.F * static_cast<double>(N) / static_cast<double>(D);
    if (!std::isfinite(V))
      return std::nullopt;
    double W = std::trunc(V);
    switch (R) {
    case Rounding::Exact:
      if (W != V)
        return std::nullopt;
      break;
    case Rounding::TowardZero:
      break;
    case Rounding::Floor:
      W = std::floor(V);
      break;
    case Rounding::Ceil:
      W = std::ceil(V);
      break;
    case Rounding::Nearest: {
      double Fl = std::floor(V), Diff = V - Fl;
      W = Diff < 0.5
              ? Fl
              : (Diff > 0.5 ? Fl + 1 : (std::fmod(Fl, 2) == 0 ? Fl : Fl + 1));
      break;
    }
    }
    if (W < -9.2e18 || W > 9.2e18)
      return std::nullopt;
    Out.I = static_cast<int64_t>(W);
    return Out;
  }
  if (N > (static_cast<Wide>(1) << 62) || D > (static_cast<Wide>(1) << 62))
    return std::nullopt;
  Wide P = static_cast<Wide>(Q.I) * N;
  Wide Qt = P / D, Rm = P % D;
  switch (R) {
  case Rounding::Exact:
    if (Rm != 0)
      return std::nullopt;
    break;
  case Rounding::TowardZero:
    break;
  case Rounding::Floor:
    if (Rm != 0 && P < 0)
      --Qt;
    break;
  case Rounding::Ceil:
    if (Rm != 0 && P > 0)
      ++Qt;
    break;
  case Rounding::Nearest: {
    Wide Fl = (Rm != 0 && P < 0) ? Qt - 1 : Qt;
    Wide R0 = P - Fl * D; // 0 <= R0 < D
    if (2 * R0 > D || (2 * R0 == D && (Fl & 1)))
      Qt = Fl + 1;
    else
      Qt = Fl;
    break;
  }
  }
  if (!fitsInt64(Qt))
    return std::nullopt;
  Out.I = static_cast<int64_t>(Qt);
  return Out;
}

Period commonPeriod(Period A, Period B) {
  Period P;
  P.Num = static_cast<int64_t>(gcdWide(A.Num, B.Num));
  Wide L = static_cast<Wide>(A.Den) / gcdWide(A.Den, B.Den) * B.Den;
  P.Den = fitsInt64(L) ? static_cast<int64_t>(L) : 0;
  return P;
}

std::optional<Quantity> negate(Quantity Q) {
  if (Q.IsFloat) {
    Q.F = -Q.F;
    return Q;
  }
  if (Q.I == std::numeric_limits<int64_t>::min())
    return std::nullopt;
  Q.I = -Q.I;
  return Q;
}

std::optional<Quantity> add(const Quantity &X, const Quantity &Y) {
  Quantity Sum = X;
  if (Sum.IsFloat)
    Sum.F = X.F + Y.F;
  else if (__builtin_add_overflow(X.I, Y.I, &Sum.I))
    return std::nullopt;
  return Sum;
}

bool sameValue(const Quantity &A, const Quantity &B) {
  if (A.sign() != B.sign())
    return false;
  if (!A.IsFloat && !B.IsFloat && A.Unit == B.Unit)
    return A.I == B.I;
  double X = A.seconds(), Y = B.seconds();
  return std::fabs(X - Y) <= 1e-9 * std::max(std::fabs(X), std::fabs(Y));
}

std::string formatCoarsest(const DurationValue &D) {
  std::optional<Quantity> Q = fromDurationValue(D);
  if (!Q || Q->IsFloat)
    return D.format();
  static const Period Ladder[] = {
      {1, 1000000000}, {1, 1000000}, {1, 1000}, {1, 1}};
  bool Above = false;
  for (const Period &P : Ladder) {
    if (P == Q->Unit)
      Above = true;
    else if (Above)
      if (std::optional<Quantity> C = convert(*Q, P, false, Rounding::Exact))
        Q = C;
  }
  return toDurationValue(*Q).format();
}

} // namespace context_tidy
