// Mock of seastar/core/abort_source.hh.
#pragma once
#include <exception>
#include <optional>

namespace seastar {
class abort_source {
public:
  class subscription {};
  // Defined, as in Seastar: a lambda argument has no linkage.
  template <typename Func>
  std::optional<subscription> subscribe(Func &&f) { return std::nullopt; }
  void request_abort() noexcept;
  bool abort_requested() const noexcept;
  void check() const;
};
} // namespace seastar
