// Mock of boost/scope/scope_exit.hpp (Boost.Scope, Boost 1.85+).
#pragma once
#include <utility>

namespace boost::scope {
template <typename Func> class scope_exit {
public:
  explicit scope_exit(Func f) : f_(std::move(f)) {}
  ~scope_exit() { f_(); }

private:
  Func f_;
};
template <typename Func> scope_exit(Func) -> scope_exit<Func>;
template <typename F> scope_exit<F> make_scope_exit(F &&f) {
  return scope_exit<F>(std::forward<F>(f));
}
} // namespace boost::scope
