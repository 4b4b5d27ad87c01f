// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- \
// RUN:   -config="{CheckOptions: {context-nonpositive-timeout.TimeoutFunctions: '::mylib::retry_for:1', context-nonpositive-timeout.DeadlineFunctions: '::mylib::run_until', PollFunctions: '::mylib::Queue::pop_for'}}" \
// RUN:   -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=NOGO %s context-nonpositive-timeout %t -- \
// RUN:   -config="{CheckOptions: {Profiles: 'std'}}" -- -isystem %mocks
// RUN: %clang_tidy --load=%plugin -checks='-*,context-nonpositive-timeout' \
// RUN:   -config="{CheckOptions: {context-nonpositive-timeout.PollFunctions: 'mylib::Queue::pop_for'}}" \
// RUN:   --dump-config %s -- -std=c++20 | FileCheck %s --check-prefix=DUMP
//
// The model options the check documents, annotations, and profiles.
//
// DUMP-DAG: context-nonpositive-timeout.DeadlineFunctions: ''
// DUMP-DAG: context-nonpositive-timeout.PollFunctions: 'mylib::Queue::pop_for'
// DUMP-DAG: context-nonpositive-timeout.TimeoutFunctions: ''
// DUMP-DAG: context-nonpositive-timeout.FollowCalls: 'false'
// DUMP-DAG: context-nonpositive-timeout.Profiles: 'std;asio;grpc;folly;seastar;boost-fiber;tbb;go-ports;azure;scope-guards;test-frameworks;containers;posix'
#include <chrono>
#include <gocxx/context.h>

using namespace std::chrono_literals;

namespace mylib {
struct Status {};
// TimeoutFunctions: '::mylib::retry_for:1' (argument 1).
Status retry_for(int attempts, std::chrono::milliseconds budget);
// DeadlineFunctions: '::mylib::run_until' (auto: the time_point argument).
Status run_until(int job, std::chrono::steady_clock::time_point deadline);
// PollFunctions: '::mylib::Queue::pop_for': zero is the idiom.
struct Queue {
  bool pop_for(int &out, std::chrono::milliseconds timeout);
};
// Annotations: the library says what its functions take.
[[clang::annotate("context::timeout:0")]] Status connect_within(std::chrono::seconds s);
Status send_within(int payload, [[clang::annotate("context::deadline")]] std::chrono::system_clock::time_point at);
[[clang::annotate("context::poll_timeout")]] bool try_recv(int &out, std::chrono::milliseconds timeout);
} // namespace mylib

void options(mylib::Queue &q, int &out) {
  mylib::retry_for(3, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timeout passed to 'retry_for' is zero; it expires immediately [context-nonpositive-timeout]
  mylib::run_until(1, std::chrono::steady_clock::now() - 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: deadline passed to 'run_until' is 'now() - 1s'; the call fails with a deadline already exceeded [context-nonpositive-timeout]
  q.pop_for(out, 0ms);
  q.pop_for(out, -5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: timeout passed to 'pop_for' is negative (-5ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  mylib::retry_for(0, 10ms); // argument 0 is the attempt count
}

void annotations(int &out) {
  mylib::connect_within(-1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: timeout passed to 'connect_within' is negative (-1s); it expires immediately [context-nonpositive-timeout]
  // CHECK-MESSAGES-NOGO: :[[@LINE-2]]:25: warning: timeout passed to 'connect_within' is negative (-1s); it expires immediately [context-nonpositive-timeout]
  mylib::send_within(1, std::chrono::system_clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: deadline passed to 'send_within' is 'now()'; the call fails with a deadline already exceeded [context-nonpositive-timeout]
  // CHECK-MESSAGES-NOGO: :[[@LINE-2]]:25: warning: deadline passed to 'send_within' is 'now()'; the call fails with a deadline already exceeded [context-nonpositive-timeout]
  mylib::try_recv(out, 0ms);
  mylib::try_recv(out, std::chrono::duration_cast<std::chrono::seconds>(10ms));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'duration_cast<seconds>' truncates 10ms to 0s; the timeout passed to 'try_recv' is zero and the call does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES-NOGO: :[[@LINE-2]]:24: warning: 'duration_cast<seconds>' truncates 10ms to 0s; the timeout passed to 'try_recv' is zero and the call does not wait [context-nonpositive-timeout]
}

// With the go-ports profile off (Profiles: 'std'), the Go-style factories
// are not known; annotations still are.
void profiles(gocxx::context::ContextPtr p) {
  auto c = gocxx::context::WithTimeout(p, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
}
