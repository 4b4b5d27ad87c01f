// REQUIRES: asio
// RUN: %check_clang_tidy %s context-stored-context %t -- -- -std=c++20
//
// Asio's cancellation_signal is a source and cancellation_slot a token; an
// io_context is neither.
#include <asio.hpp>
#include <map>
#include <memory>

asio::cancellation_signal g_signal;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: cancellation source 'g_signal' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
asio::cancellation_slot g_slot = g_signal.slot();
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: cancellation token 'g_slot' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
std::map<int, std::unique_ptr<asio::cancellation_signal>> g_signals;
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: map 'g_signals' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]

void connect(asio::ip::tcp::socket &s) {
  static asio::cancellation_signal cancel_connect;
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: cancellation source 'cancel_connect' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
}

// Silent: an unconnected slot observes nothing; an io_context is no context.
asio::cancellation_slot g_unconnected;
asio::io_context g_io;
std::map<int, asio::io_context *> g_contexts;

// A signal emitted by a signal_set's handler is the process's shutdown
// switch: not reported.
asio::cancellation_signal g_shutdown;
void waitForSignals(asio::io_context &io) {
  static asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([](const asio::error_code &, int) {
    g_shutdown.emit(asio::cancellation_type::terminal);
  });
}
