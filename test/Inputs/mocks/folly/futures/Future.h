// Mock of folly/futures/Future.h (blocking accessors only).
#pragma once
#include <chrono>

namespace folly {
using HighResDuration = std::chrono::nanoseconds;
template <class T> class SemiFuture {
public:
  T get() &&;
  T get(HighResDuration dur) &&;
  bool isReady() const;
};
template <class T> class Future {
public:
  T get() &&;
  T get(HighResDuration dur) &&;
  Future<T> &wait() &;
  Future<T> &wait(HighResDuration dur) &;
  bool isReady() const;
};
} // namespace folly
