// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Stop latency and lost wakeups whose duration is not written at the call
// but read from a member, a captured value or a local, whose values are
// known by structure (libstdc++): default member initializers,
// constructor mem-initializers, assignments, a parameter's default
// argument ("by default"), or the arguments of every call of a function
// that nothing outside this file can call.  The bound is the smallest of
// them; a write that is not a constant makes it unknown (silent).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

// ---- A member set from a constructor parameter with a default ------------

class Cleaner {
public:
  explicit Cleaner(unsigned check_seconds = 10) : check_seconds_(check_seconds) {
    thread_ = std::make_shared<std::thread>([this] { clean(); });
  }
  ~Cleaner() {
    stop_ = true;
    thread_->join();
  }

private:
  void clean() {
    while (!stop_)
      std::this_thread::sleep_for(std::chrono::seconds(check_seconds_));
      // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'sleep_for' can delay noticing a stop request on 'stop_' by 10s by default; sleep in steps shorter than 1s, or wait on a condition variable that the stop path notifies [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'stop_' is set here on the stop path
      // CHECK-MESSAGES: :[[@LINE-14]]:45: note: the default value of 'check_seconds' comes from here (a bound of 10s)
  }
  std::shared_ptr<std::thread> thread_;
  unsigned check_seconds_;
  bool stop_ = false;
};

// Fixed: wait on a condition variable that the stop path notifies, the flag
// tested in the predicate and written under the mutex.
class CleanerFixed {
public:
  explicit CleanerFixed(unsigned check_seconds = 10) : check_seconds_(check_seconds) {
    thread_ = std::thread([this] { clean(); });
  }
  ~CleanerFixed() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

private:
  void clean() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!stop_)
      cv_.wait_for(lk, std::chrono::seconds(check_seconds_), [this] { return stop_; });
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  unsigned check_seconds_;
  bool stop_ = false;
};

// ---- A captured parameter of a class no other file can construct ---------

namespace {

constexpr int kBeatMs = 2000;
constexpr int kSlowBeatMs = 5000;

class Heartbeat {
public:
  explicit Heartbeat(size_t interval_ms)
      : beating_(true), thread_([this, interval_ms] {
          while (beating_)
            std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
            // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'sleep_for' can delay noticing a stop request on 'beating_' by 2s; sleep in steps shorter than 1s, or wait on a condition variable that the stop path notifies [context-uncancellable-wait]
            // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'beating_' is set here on the stop path
            // CHECK-MESSAGES: :[[@LINE+62]]:15: note: the smallest value of 'interval_ms' comes from here (a bound of 2s)
        }) {}
  ~Heartbeat() {
    beating_ = false;
    thread_.join();
  }

private:
  std::atomic_bool beating_;
  std::thread thread_;
};

// The fix of the same shape, but notified without the mutex: the notify can
// be lost, and the wait then lasts its whole timeout (2000ms).
class HeartbeatRacy {
public:
  explicit HeartbeatRacy(size_t interval_ms)
      : beating_(true), thread_([this, interval_ms] {
          while (beating_) {
            std::unique_lock<std::mutex> lk(mu_);
            cv_.wait_for(lk, std::chrono::milliseconds(interval_ms),
                         [&] { return !beating_; });
          }
        }) {}
  ~HeartbeatRacy() {
    beating_ = false;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'beating_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'beating_' can miss the notification and block for up to 2s; write 'beating_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-8]]:17: note: the wait on 'cv_' that can miss it; it reads 'beating_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'beating_' written here without 'mu_'
    // CHECK-MESSAGES: :[[@LINE+34]]:19: note: the smallest value of 'interval_ms' comes from here (a bound of 2s)
    thread_.join();
  }

private:
  std::atomic_bool beating_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

// One caller passes less than MaxStopLatency: the smallest value is short.
class Ticker {
public:
  explicit Ticker(int period_ms)
      : running_(true), thread_([this, period_ms] {
          while (running_)
            std::this_thread::sleep_for(std::chrono::milliseconds(period_ms));
        }) {}
  ~Ticker() {
    running_ = false;
    thread_.join();
  }

private:
  std::atomic_bool running_;
  std::thread thread_;
};

} // namespace

void startWorkers() {
  Heartbeat a(kBeatMs);
  Heartbeat b(kSlowBeatMs);
  HeartbeatRacy r(kBeatMs);
  Ticker t1(kSlowBeatMs);
  Ticker t2(100);
}

// ---- Unknown values: silent ----------------------------------------------

// A member assigned a parameter of a function others can call.
class Configurable {
public:
  Configurable() : thread_([this] { run(); }) {}
  ~Configurable() {
    stop_ = true;
    thread_.join();
  }
  void setPeriod(std::chrono::milliseconds p) { period_ = p; }

private:
  void run() {
    while (!stop_)
      std::this_thread::sleep_for(period_);
  }
  std::chrono::milliseconds period_{5000};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A compound assignment: not a value that can be listed.
class Backoff {
public:
  Backoff() : thread_([this] { run(); }) {}
  ~Backoff() {
    stop_ = true;
    thread_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::this_thread::sleep_for(delay_);
      delay_ += std::chrono::seconds(1);
    }
  }
  std::chrono::seconds delay_{2};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A parameter without a default, of a function others can call.
class Polling {
public:
  explicit Polling(int seconds) : seconds_(seconds), thread_([this] { run(); }) {}
  ~Polling() {
    stop_ = true;
    thread_.join();
  }

private:
  void run() {
    while (!stop_)
      std::this_thread::sleep_for(std::chrono::seconds(seconds_));
  }
  int seconds_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A default below MaxStopLatency.
class QuickCleaner {
public:
  explicit QuickCleaner(unsigned check_ms = 200) : check_ms_(check_ms) {
    thread_ = std::thread([this] {
      while (!stop_)
        std::this_thread::sleep_for(std::chrono::milliseconds(check_ms_));
    });
  }
  ~QuickCleaner() {
    stop_ = true;
    thread_.join();
  }

private:
  unsigned check_ms_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// ---- In a cancellable scope ----------------------------------------------

struct PollOptions {
  std::chrono::milliseconds interval = std::chrono::milliseconds(30000);
};

class Poller {
public:
  explicit Poller(const PollOptions &options) : options_(options) {}

  void run(std::stop_token st) {
    std::chrono::milliseconds period = options_.interval;
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock<std::mutex> lk(m);
    while (!st.stop_requested())
      cv.wait_for(lk, period);
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'wait_for' can delay noticing a stop request on 'st' by 30s by default; wait with a timeout shorter than 1s, or wake it from a stop callback that holds the mutex [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-8]]:28: note: cancellation token 'st' declared here
      // CHECK-MESSAGES: :[[@LINE-16]]:40: note: the default value of 'interval' comes from here (a bound of 30s)
  }

  // A local that is reassigned: unknown.
  void runAdjusted(std::stop_token st) {
    std::chrono::milliseconds timeout = options_.interval;
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock<std::mutex> lk(m);
    while (!st.stop_requested()) {
      cv.wait_for(lk, timeout);
      timeout = options_.interval - std::chrono::milliseconds(elapsed());
    }
  }

private:
  static int elapsed();
  PollOptions options_;
};

// The file after -fix: the lost-wakeup fix-its (lib/waits/LockFix.h).
// CHECK-FIXES:      {{^}}  ~HeartbeatRacy() {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}      std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}      beating_ = false;{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[}]}}{{$}}
