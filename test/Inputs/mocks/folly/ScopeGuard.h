// Mock of folly/ScopeGuard.h: makeGuard and SCOPE_EXIT.
#pragma once
#include <utility>

namespace folly {
namespace detail {
template <typename FunctionType, bool InvokeNoexcept> class ScopeGuardImpl {
public:
  explicit ScopeGuardImpl(FunctionType fn) : function_(std::move(fn)) {}
  ~ScopeGuardImpl() { function_(); }
  void dismiss() noexcept;

private:
  FunctionType function_;
};
enum class ScopeGuardOnExit {};
template <typename FunctionType>
ScopeGuardImpl<FunctionType, true> operator+(ScopeGuardOnExit, FunctionType &&fn) {
  return ScopeGuardImpl<FunctionType, true>(std::forward<FunctionType>(fn));
}
} // namespace detail
template <typename F> detail::ScopeGuardImpl<F, true> makeGuard(F &&f) {
  return detail::ScopeGuardImpl<F, true>(std::forward<F>(f));
}
} // namespace folly
#define FOLLY_CONCAT_(a, b) a##b
#define FOLLY_CONCAT(a, b) FOLLY_CONCAT_(a, b)
#define SCOPE_EXIT                                                             \
  auto FOLLY_CONCAT(SCOPE_EXIT_STATE, __LINE__) =                              \
      ::folly::detail::ScopeGuardOnExit() + [&]() noexcept
