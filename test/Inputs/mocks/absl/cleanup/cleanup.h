// Mock of absl/cleanup/cleanup.h.
#pragma once
#include <utility>

namespace absl {
template <typename Arg, typename Callback = void()> class Cleanup {
public:
  Cleanup(Callback callback) : callback_(std::move(callback)) {}
  ~Cleanup() { callback_(); }
  void Cancel() &&;
  void Invoke() &&;

private:
  Callback callback_;
};
template <typename Callback> Cleanup(Callback) -> Cleanup<int, Callback>;
template <typename... Args, typename Callback>
Cleanup<int, Callback> MakeCleanup(Callback callback) {
  return Cleanup<int, Callback>(std::move(callback));
}
} // namespace absl
