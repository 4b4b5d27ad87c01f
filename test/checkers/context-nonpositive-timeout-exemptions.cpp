// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks -isystem %inputs/nonpositive-timeout/system
//
// What the check leaves alone.
#include <chrono>
#include <gocxx/context.h>
#include <likecontext/context.h>
#include <thread>
#include <vendor_rpc.h>

using namespace std::chrono_literals;

// Code in system headers.
void systemHeaders(gocxx::context::ContextPtr p) {
  auto a = vendor::expiredContext(p);
  // A macro from a system header expanded in user code.
  auto b = VENDOR_EXPIRED(p);
}

// A function named like a Go factory that has nothing to do with contexts:
// for an HTTP client, WithTimeout(0) often means "no timeout".
namespace http {
struct Client {
  Client &WithTimeout(int seconds);
  Client &WithTimeout(std::chrono::milliseconds timeout);
};
Client WithTimeout(Client c, double seconds);
} // namespace http
void unrelatedNames(http::Client &client) {
  client.WithTimeout(0).WithTimeout(0ms);
  auto c = http::WithTimeout(client, 0.0);
}

// cppGOLikeContext's WithDeadline is a class: constructing it is not calling
// the factory the model lists (constructors match only "Class::Class").
void classesNamedLikeFactories(std::shared_ptr<likectx::Context> parent) {
  likectx::WithDeadline ctx(parent, std::chrono::system_clock::now());
}

// sleep_for(0) is a yield, not a timeout.
void sleeps() {
  std::this_thread::sleep_for(0ms);
  std::this_thread::sleep_for(-1s);
}

// A timeout left to the callee's default argument is the callee's choice.
[[clang::annotate("context::timeout")]] void
retryFor(int attempts, std::chrono::milliseconds budget = 0ms);
void defaults() { retryFor(3); }

// A duration given to a deadline parameter, or a time point to a timeout
// parameter, is not this check's business (the argument role says which).
[[clang::annotate("context::deadline:0")]] void
runUntil(std::chrono::milliseconds budget);
[[clang::annotate("context::timeout:0")]] void
runFor(std::chrono::steady_clock::time_point until);
void mismatchedRoles() {
  runUntil(0ms);
  runFor(std::chrono::steady_clock::now());
}
