// Mock of folly/coro/Timeout.h.
#pragma once
#include <chrono>

namespace folly {
using HighResDuration = std::chrono::nanoseconds;
class Timekeeper;
namespace coro {
template <typename T> class Task {};
template <typename SemiAwaitable, typename Duration>
Task<int> timeout(SemiAwaitable semiAwaitable, Duration timeoutDuration,
                  Timekeeper *tk = nullptr);
} // namespace coro
} // namespace folly
