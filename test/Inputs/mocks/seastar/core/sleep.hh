// Mock of seastar/core/sleep.hh.
#pragma once
#include "abort_source.hh"
#include <chrono>

namespace seastar {
template <typename... T> class future {};
template <typename Clock = std::chrono::steady_clock, typename Rep, typename Period>
future<> sleep(std::chrono::duration<Rep, Period> dur);
template <typename Clock = std::chrono::steady_clock>
future<> sleep_abortable(typename Clock::duration dur);
template <typename Clock = std::chrono::steady_clock>
future<> sleep_abortable(typename Clock::duration dur, abort_source &as);
} // namespace seastar
