// REQUIRES: asio
// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Asio: a blocking timer wait in code handed a cancellation slot; the slot's
// handler that cancels the timer wakes it.
#include <asio.hpp>
#include <chrono>

using namespace std::chrono_literals;

void blind(asio::cancellation_slot slot, asio::io_context &io) {
  asio::steady_timer timer(io, 5s);
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'slot'; use a bounded wait in a loop that checks 'slot', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-4]]:36: note: cancellation token 'slot' declared here
  asio::system_timer other(io);
  other.expires_after(1s);
  other.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'slot'
  // CHECK-MESSAGES: :[[@LINE-9]]:36: note: cancellation token 'slot' declared here
  // Asynchronous waits do not block.
  timer.async_wait([](const asio::error_code &) {});
}

void woken(asio::cancellation_slot slot, asio::io_context &io) {
  asio::steady_timer timer(io, 5s);
  slot.assign([&timer](asio::cancellation_type) { timer.cancel(); });
  timer.wait();
}

// A cancellation signal in scope: emitting it first is the stop path.
void stopAndWait(asio::cancellation_signal &signal, asio::steady_timer &timer) {
  signal.emit(asio::cancellation_type::terminal);
  timer.wait();
}

// No token, no report.
void noScope(asio::io_context &io) {
  asio::steady_timer timer(io, 5s);
  timer.wait();
}
