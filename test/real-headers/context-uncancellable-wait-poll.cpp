// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// RUN: %check_clang_tidy -std=c++20 -check-suffixes=,CALLS %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.FollowCalls: true}}"
// RUN: %check_clang_tidy -check-suffix=NOPOSIX %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.FollowCalls: true, context-uncancellable-wait.Profiles: 'std'}}" -- -std=c++20
// RUN: %check_clang_tidy -check-suffix=NPT %s context-nonpositive-timeout %t -- -- -std=c++20
// poll(2) and epoll_wait(2) on the real <poll.h> and <sys/epoll.h>: bounded
// waits whose timeout is a number of milliseconds (the API model's posix
// profile).  A timeout of MaxStopLatency or more is a stop latency, in a
// cancellable scope, in a loop on a stop flag, and (FollowCalls) one or
// more calls down; a shorter, zero or negative (no bound: not reported)
// timeout is not, nor is any of them a non-positive timeout.  With the
// posix profile switched off nothing is reported (NOPOSIX; NPT: nothing
// from context-nonpositive-timeout).
#include <atomic>
#include <poll.h>
#include <stop_token>
#include <sys/epoll.h>
#include <thread>

void direct(std::stop_token st, int fd) {
  pollfd p{fd, POLLIN, 0};
  while (!st.stop_requested())
    poll(&p, 1, 5000);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'poll' can delay noticing a stop request on 'st' by 5000ms; wait in steps shorter than 1s that check 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: cancellation token 'st' declared here
}

constexpr int kTimeoutMs = 30 * 1000;

void named(std::stop_token st, int ep) {
  epoll_event events[8];
  while (!st.stop_requested())
    epoll_wait(ep, events, 8, kTimeoutMs);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'epoll_wait' can delay noticing a stop request on 'st' by 30000ms; wait in steps shorter than 1s that check 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: cancellation token 'st' declared here
}

void shortOrUnbounded(std::stop_token st, int fd, int timeout) {
  pollfd p{fd, POLLIN, 0};
  while (!st.stop_requested()) {
    poll(&p, 1, 100);
    poll(&p, 1, 0);
    poll(&p, 1, -1);
    poll(&p, 1, timeout);
  }
}

class Listener {
  std::atomic<bool> stop_{false};
  std::thread thread_;
  int fd_ = -1;
  int pollMs_ = 2000;
  void run() {
    pollfd p{fd_, POLLIN, 0};
    while (!stop_)
      poll(&p, 1, pollMs_);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'poll' can delay noticing a stop request on 'stop_' by 2s; wait with a timeout shorter than 1s, or wait on a condition variable that the stop path notifies [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE+7]]:5: note: 'stop_' is set here on the stop path
    // CHECK-MESSAGES: :[[@LINE-7]]:17: note: the smallest value of 'pollMs_' comes from here (a bound of 2s)
  }

public:
  Listener() : thread_([this] { run(); }) {}
  ~Listener() {
    stop_ = true;
    thread_.join();
  }
};

// One and more calls down (FollowCalls): the timeout is the helper's
// parameter, and the argument at each call bounds it.
int pollUntil(int fd, long timeoutMs) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, timeoutMs);
}
int sendBuffer(int fd) { return pollUntil(fd, 60000L); }
int readBriefly(int fd) { return pollUntil(fd, 200); }

void upload(std::stop_token st, int fd) {
  while (!st.stop_requested()) {
    sendBuffer(fd);
    // CHECK-MESSAGES-CALLS: :[[@LINE-1]]:5: warning: 'sendBuffer' can delay noticing a stop request on 'st' by 60s: it waits in 'poll'; wait with a timeout shorter than 1s, or pass 'st' to 'sendBuffer' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES-CALLS: :[[@LINE-4]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES-CALLS: :[[@LINE-8]]:33: note: 'sendBuffer' calls 'pollUntil' here
    // CHECK-MESSAGES-CALLS: :[[@LINE-11]]:10: note: 'poll' waits here
    readBriefly(fd);
  }
}
