// RUN: %check_clang_tidy %s context-detached-context %t -- -- -std=c++20 -isystem %mocks
// What is not reported: clean-up code (scope guards, catch handlers),
// destructors, main, tests, and the context library's own code.  The same
// calls elsewhere are reported.
#include <absl/cleanup/cleanup.h>
#include <catch2/catch.hpp>
#include <folly/CancellationToken.h>
#include <folly/ScopeGuard.h>
#include <gtest/gtest.h>
#include <stdexcept>
#include <stop_token>
#include <thread>

struct Conn {
  void send(int v, const folly::CancellationToken &ct = {});
  void close(const folly::CancellationToken &ct = folly::CancellationToken());
};

// Folly: a defaulted CancellationToken parameter.
void reported(Conn &c, folly::CancellationToken ct) {
  c.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'send' leaves its cancellation token parameter 'ct' to the default, a cancellation token that is not cancelled with 'ct'; pass 'ct'
  // CHECK-MESSAGES: :[[@LINE-3]]:49: note: cancellation token 'ct' declared here
  // CHECK-FIXES: c.send(1, ct);
  c.send(2, folly::CancellationToken{});
}

// Scope guards run on the way out, cancelled or not.
void guards(Conn &c, folly::CancellationToken ct) {
  SCOPE_EXIT {
    if (!ct.isCancellationRequested())
      c.close();
  };
  auto g = folly::makeGuard([&] {
    (void)ct.canBeCancelled();
    c.close();
  });
  absl::Cleanup cleanup = [&] {
    (void)ct.canBeCancelled();
    c.close();
  };
  auto m = absl::MakeCleanup([&] {
    (void)ct.canBeCancelled();
    c.close();
  });
  // A lambda that is not handed to a guard is reported.
  auto f = [&] {
    (void)ct.canBeCancelled();
    c.close();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'close' leaves its cancellation token parameter 'ct' to the default
    // CHECK-MESSAGES: :[[@LINE-22]]:47: note: cancellation token 'ct' declared here
    // CHECK-FIXES: c.close(ct);
  };
  f();
}

// Catch handlers: error handling, often because of the cancellation.
void handlers(Conn &c, folly::CancellationToken ct) {
  try {
    c.send(1, ct);
  } catch (const std::exception &) {
    c.close();
    auto retry = [&] {
      (void)ct.canBeCancelled();
      c.close();
    };
    retry();
  }
}

// Destructors, and lambdas in them.
struct Session {
  Conn c;
  ~Session() {
    std::stop_source src;
    std::jthread t([this](std::stop_token st) {
      c.close();
      (void)st.stop_requested();
    });
  }
};

// Tests' own code: GoogleTest and Catch2 test bodies and their lambdas.
TEST(Conn, Sends) {
  Conn c;
  auto body = [&c](folly::CancellationToken ct) { c.send(1); };
  body(folly::CancellationToken());
}

TEST_CASE("conn sends") {
  Conn c;
  auto body = [&c](folly::CancellationToken ct) { c.send(1); };
  body(folly::CancellationToken());
}

// The same lambda outside a test is reported.
void notATest() {
  Conn c;
  auto body = [&c](folly::CancellationToken ct) { c.send(1); };
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: 'send' leaves its cancellation token parameter 'ct' to the default
  // CHECK-MESSAGES: :[[@LINE-2]]:45: note: cancellation token 'ct' declared here
  // CHECK-FIXES: auto body = [&c](folly::CancellationToken ct) { c.send(1, ct); };
  body(folly::CancellationToken());
}

int main() {
  Conn c;
  auto body = [&c](folly::CancellationToken ct) { c.send(1); };
  body(folly::CancellationToken());
}
