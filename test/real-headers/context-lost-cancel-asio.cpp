// REQUIRES: asio
// RUN: %check_clang_tidy %s context-lost-cancel %t -- -config="{CheckOptions: {context-lost-cancel.CheckSources: true}}" -- -std=c++20
// asio::cancellation_signal as a source: a thread that runs operations
// bound to its slot must see emit() before the signal goes away.
#include <asio.hpp>
#include <chrono>
#include <thread>

bool cond();

void runBounded(asio::io_context &io) {
  asio::cancellation_signal sig;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the cancellation source 'sig' gave its token to a thread or other owner, but 'emit' is not called on all paths; the owner may wait forever for a stop request [context-lost-cancel]
  std::thread t([&] {
    asio::steady_timer timer(io, std::chrono::seconds(30));
    timer.async_wait(asio::bind_cancellation_slot(sig.slot(), [](std::error_code) {}));
    io.run();
  });
  if (cond()) {
    t.detach();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'emit' on 'sig'
  }
  sig.emit(asio::cancellation_type::terminal);
  t.join();
}

void emittedByTheThread(asio::io_context &io) {
  asio::cancellation_signal sig;
  std::thread t([&] {
    io.run();
    sig.emit(asio::cancellation_type::all);
  });
  t.join();
}

void signalNeverShared(asio::steady_timer &timer) {
  asio::cancellation_signal sig;
  timer.async_wait(asio::bind_cancellation_slot(sig.slot(), [](std::error_code) {}));
}
