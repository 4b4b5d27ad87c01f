// Mock of folly/CancellationToken.h.
#pragma once
#include <utility>

namespace folly {
class CancellationToken {
public:
  CancellationToken() noexcept = default;
  bool isCancellationRequested() const noexcept;
  bool canBeCancelled() const noexcept;
};
class CancellationSource {
public:
  CancellationSource();
  static CancellationSource invalid() noexcept;
  bool requestCancellation() const noexcept;
  bool isCancellationRequested() const noexcept;
  CancellationToken getToken() const noexcept;
};
class CancellationCallback {
public:
  // Defined, as in folly: a lambda argument has no linkage.
  template <typename Callable>
  CancellationCallback(const CancellationToken &ct, Callable &&callable) {}
  template <typename Callable>
  CancellationCallback(CancellationToken &&ct, Callable &&callable) {}
  ~CancellationCallback();
};
} // namespace folly
