// RUN: %check_clang_tidy -std=c++20 %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.FollowCalls: true}}"
// RUN: %check_clang_tidy -check-suffix=OFF %s context-uncancellable-wait %t -- -- -std=c++20
// A wait one or more calls below a cancellable scope (FollowCalls: the
// function summaries of lib/summaries/, on the real <thread> and
// <condition_variable>): the call is the wait, with a note for each step
// down to the blocking call; a token no caller can stop makes no scope.
// Without FollowCalls only waits written in a scope are reported (OFF).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;

void backoff() { std::this_thread::sleep_for(30s); }
void twoLevels() { backoff(); }
void retryWith(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }
void retrySeconds(int n) { std::this_thread::sleep_for(std::chrono::seconds(n)); }
void retryDefault(std::chrono::seconds d = 10s) { std::this_thread::sleep_for(d); }
void shortPause() { std::this_thread::sleep_for(10ms); }
// Writes its parameter before sleeping: the argument is not the bound.
void clamped(std::chrono::seconds d) {
  d = std::min(d, std::chrono::seconds(0));
  std::this_thread::sleep_for(d);
}

struct Queue {
  std::mutex mu;
  std::condition_variable cv;
  bool ready = false;
  void waitReady() {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return ready; });
  }
  void waitReadyFor() {
    std::unique_lock lock(mu);
    cv.wait_for(lock, 20s, [&] { return ready; });
  }
};

// Mutual recursion: summarised to the depth bound, terminates.
void even(int n);
void odd(int n) {
  if (n)
    even(n - 1);
  else
    backoff();
}
void even(int n) {
  if (n)
    odd(n - 1);
}

// Observes a token of its own: a scope of its own, not a wait here.
void helperWithToken(std::stop_token st) {
  while (!st.stop_requested())
    std::this_thread::sleep_for(10ms);
}
// Names a token: it may observe one, so it is not summarised as blocking.
std::stop_source globalSource;
void observesGlobal() {
  while (!globalSource.stop_requested())
    std::this_thread::sleep_for(5s);
}

struct Base {
  virtual void pause() { std::this_thread::sleep_for(30s); }
  virtual ~Base() = default;
};

void worker(std::stop_token st, Queue &q, Base &b, void (*fp)()) {
  while (!st.stop_requested()) {
    backoff();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'backoff' can delay noticing a stop request on 'st' by 30s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'backoff' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-4]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :16:18: note: 'sleep_for' sleeps here
    twoLevels();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'twoLevels' can delay noticing a stop request on 'st' by 30s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'twoLevels' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-8]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :17:20: note: 'twoLevels' calls 'backoff' here
    // CHECK-MESSAGES: :16:18: note: 'sleep_for' sleeps here
    retryWith(5s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'retryWith' can delay noticing a stop request on 'st' by 5s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'retryWith' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-13]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :18:47: note: 'sleep_for' sleeps here
    retryWith(5ms);
    retrySeconds(20);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'retrySeconds' can delay noticing a stop request on 'st' by 20s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'retrySeconds' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-18]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :19:28: note: 'sleep_for' sleeps here
    retryDefault();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'retryDefault' can delay noticing a stop request on 'st' by 10s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'retryDefault' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-22]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :20:51: note: 'sleep_for' sleeps here
    retryDefault(0s);
    shortPause();
    clamped(30s);
    odd(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'odd' can delay noticing a stop request on 'st' by 30s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'odd' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-29]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :48:5: note: 'odd' calls 'backoff' here
    // CHECK-MESSAGES: :16:18: note: 'sleep_for' sleeps here
    q.waitReadyFor();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'waitReadyFor' can delay noticing a stop request on 'st' by 20s: it waits in 'wait_for'; wait with a timeout shorter than 1s, or pass 'st' to 'waitReadyFor' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-34]]:29: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :38:8: note: 'wait_for' waits here
    helperWithToken(st);
    observesGlobal();
    b.pause();  // virtual: another override may run
    fp();       // through a pointer: not followed
  }
  q.waitReady();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'waitReady' blocks without observing cancellation of 'st': it waits in 'wait'; pass 'st' to 'waitReady' and observe it there, or wake the wait from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-43]]:29: note: cancellation token 'st' declared here
  // CHECK-MESSAGES: :34:8: note: 'wait' blocks here
}

// No token in scope: no call here is a wait.
void plain(Queue &q) {
  backoff();
  q.waitReady();
}

// A template and a lambda: the calls of an instantiation, and of a
// lambda that takes the token.
template <class T> void templated(std::stop_token st, T t) {
  while (!st.stop_requested())
    t.waitReadyFor();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'waitReadyFor' can delay noticing a stop request on 'st' by 20s: it waits in 'wait_for'; wait with a timeout shorter than 1s, or pass 'st' to 'waitReadyFor' and observe it there [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-4]]:51: note: cancellation token 'st' declared here
  // CHECK-MESSAGES: :38:8: note: 'wait_for' waits here
}
template void templated<Queue>(std::stop_token, Queue);

void lambda() {
  std::jthread t([](std::stop_token st) {
    while (!st.stop_requested())
      backoff();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'backoff' can delay noticing a stop request on 'st' by 30s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or pass 'st' to 'backoff' and observe it there [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-4]]:37: note: cancellation token 'st' declared here
    // CHECK-MESSAGES: :16:18: note: 'sleep_for' sleeps here
  });
}

// A token parameter that no caller in the unit can stop makes no scope
// (FollowCalls): every call leaves it to its default, or passes `{}`.
struct Channel {
  std::mutex mu;
  std::condition_variable cv;
  bool ready = false;
  void pop(std::stop_token st = {}) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return ready; });
    // CHECK-MESSAGES-OFF: :[[@LINE-1]]:8: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES-OFF: :[[@LINE-4]]:28: note: cancellation token 'st' declared here
    (void)st;
  }
  // One caller passes a real token: still a scope.
  void popStoppable(std::stop_token st = {}) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return ready; });
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-4]]:37: note: cancellation token 'st' declared here
    // CHECK-MESSAGES-OFF: :[[@LINE-3]]:8: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES-OFF: :[[@LINE-6]]:37: note: cancellation token 'st' declared here
    (void)st;
  }
};

void consumers(Channel &c, std::stop_token st) {
  c.pop();
  c.pop({});
  c.pop(std::stop_token());
  c.popStoppable();
  c.popStoppable(st);
}

// Started on a std::jthread, which passes a token of its own: the address
// is taken, not every call is seen.
void threadBody(std::stop_token st = {}) {
  std::this_thread::sleep_for(5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 5s without observing cancellation of 'st'; sleep in short steps in a loop that checks 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: cancellation token 'st' declared here
  // CHECK-MESSAGES-OFF: :[[@LINE-3]]:21: warning: 'sleep_for' blocks for 5s without observing cancellation of 'st'; sleep in short steps in a loop that checks 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES-OFF: :[[@LINE-5]]:33: note: cancellation token 'st' declared here
}
void startThread() {
  std::jthread t(threadBody);
  threadBody();
}

// A template whose instantiation for callers without a token discards the
// branch that reads it.
template <bool Stoppable> void drain(Queue &q, [[maybe_unused]] std::stop_token st) {
  if constexpr (Stoppable) {
    while (!st.stop_requested())
      std::this_thread::sleep_for(10ms);
  } else {
    q.waitReady();
  }
}
template void drain<false>(Queue &, std::stop_token);

// A stop flag's loop around the call's loop, and a stop path that writes
// the flag and notifies (no join): the call's sleeps delay the stop.
void pause1s() { std::this_thread::sleep_for(1s); }
bool queryWithRetry() {
  for (int i = 0; i < 3; ++i)
    pause1s();
  return false;
}
class Agent {
  std::atomic<bool> stopped_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  void poll() {
    while (!stopped_) {
      for (int i = 0; i < 10; ++i)
        queryWithRetry();
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'queryWithRetry' can delay noticing a stop request on 'stopped_' by 1s: it sleeps in 'sleep_for'; sleep in steps shorter than 1s, or wait on a condition variable that the stop path notifies [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE+7]]:5: note: 'stopped_' is set here on the stop path
      // CHECK-MESSAGES: :[[@LINE-13]]:5: note: 'queryWithRetry' calls 'pause1s' here
      // CHECK-MESSAGES: :[[@LINE-17]]:18: note: 'sleep_for' sleeps here
    }
  }
public:
  void stop() {
    stopped_ = true;
    cv_.notify_all();
  }
};

// The callee runs a functor that names the token (a transfer helper that
// waits for its chunks, each of which observes it): not reported.
#include <functional>
#include <future>
void transferAll(std::function<void(int)> chunk) {
  auto f = std::async(std::launch::async, [&] { chunk(0); });
  f.get();
}
void download(std::stop_token st) {
  auto chunk = [&](int) {
    if (st.stop_requested())
      return;
  };
  transferAll(chunk);
}

// The stop path requests stop, then wakes the object the call waits on
// through that object's own API: not reported.
class Event {
  std::mutex mu;
  std::condition_variable cv;
  bool set = false;
public:
  void wait() {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return set; });
  }
  void signal() {
    std::lock_guard lock(mu);
    set = true;
    cv.notify_all();
  }
};
class Conductor {
  Event signal_;
  std::jthread thread_;
  void loop(std::stop_token token) {
    while (!token.stop_requested())
      signal_.wait();
  }
public:
  Conductor() : thread_([this](std::stop_token t) { loop(t); }) {}
  ~Conductor() {
    thread_.request_stop();
    signal_.signal();
  }
};
