// Mock of folly/synchronization/Baton.h.
#pragma once
#include <atomic>
#include <chrono>

namespace folly {
struct WaitOptions {};
template <bool MayBlock = true, template <typename> class Atom = std::atomic>
class Baton {
public:
  void post() noexcept;
  void wait(const WaitOptions &opt = WaitOptions{}) noexcept;
  bool try_wait() const noexcept;
  template <typename Rep, typename Period>
  bool try_wait_for(const std::chrono::duration<Rep, Period> &timeout,
                    const WaitOptions &opt = WaitOptions{}) noexcept;
  template <typename Clock, typename Duration>
  bool try_wait_until(const std::chrono::time_point<Clock, Duration> &deadline,
                      const WaitOptions &opt = WaitOptions{}) noexcept;
  void reset() noexcept;
};
} // namespace folly
