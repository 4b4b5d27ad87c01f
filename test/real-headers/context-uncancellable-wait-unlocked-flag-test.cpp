// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// The waiter's side of a lost wakeup (libstdc++): a loop tests a stop flag
// in its condition and takes the wait's mutex only inside its body, so the
// test is outside the wait's critical section.  A stopper that writes the
// flag and notifies between the test and the wait is missed, even when it
// notifies holding the mutex.  Fine when the flag is tested again under the
// lock (in the predicate, or before the wait), or the lock is taken before
// the loop.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>

// ---- The flag tested before the lock is taken -----------------------------

class DelayedQueue {
public:
  DelayedQueue() : thread_([this] { manage(); }) {}
  ~DelayedQueue() { shutdown(); }

  void shutdown() {
    running_ = false;
    {
      std::lock_guard<std::mutex> g(mu_);
      available_.notify_all();
    }
    thread_.join();
  }

private:
  void manage() {
    while (running_) {
      std::unique_lock<std::mutex> lock(mu_);
      while (!queue_.empty())
        queue_.pop();
      available_.wait(lock);
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: lost wakeup: 'wait' on 'available_' follows a test of 'running_' made without holding 'mu_', the mutex it waits with; a stop that writes 'running_' and notifies 'available_' between the test and the wait is missed, and the wait blocks forever; test 'running_' after taking 'mu_' (test it again just before the wait) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'running_' tested here, before 'mu_' is taken
      // CHECK-MESSAGES: :[[@LINE-17]]:5: note: 'running_' written on the stop path here, then 'available_' notified
    }
  }
  std::atomic<bool> running_{true};
  std::mutex mu_;
  std::condition_variable available_;
  std::queue<int> queue_;
  std::thread thread_;
};

// A predicate that does not read the flag, in a for loop.
class Batcher {
public:
  Batcher() : thread_([this] { run(); }) {}
  ~Batcher() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

private:
  void run() {
    for (; !stop_;) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return pending_ > 0; });
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'wait' on 'cv_' follows a test of 'stop_' made without holding 'mu_', the mutex it waits with; a stop that writes 'stop_' and notifies 'cv_' between the test and the wait is missed, and the wait blocks forever; test 'stop_' after taking 'mu_' (in the wait's predicate) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'stop_' tested here, before 'mu_' is taken
      // CHECK-MESSAGES: :[[@LINE-13]]:7: note: 'stop_' written on the stop path here, then 'cv_' notified
      --pending_;
    }
  }
  bool stop_ = false;
  int pending_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

// A bounded wait: the missed notification costs the whole timeout, here a
// member whose value comes from a constructor's default argument.
class Cleaner {
public:
  explicit Cleaner(unsigned check_seconds = 10) : check_seconds_(check_seconds) {
    thread_ = std::thread([this] { clean(); });
  }
  ~Cleaner() {
    {
      std::unique_lock<std::mutex> lock(mu_);
      stop_ = true;
      cv_.notify_all();
    }
    thread_.join();
  }

private:
  void clean() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::seconds(check_seconds_));
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'wait_for' on 'cv_' follows a test of 'stop_' made without holding 'mu_', the mutex it waits with; a stop that writes 'stop_' and notifies 'cv_' between the test and the wait is missed, and the wait blocks for up to 10s by default; test 'stop_' after taking 'mu_' (test it again just before the wait) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'stop_' tested here, before 'mu_' is taken
      // CHECK-MESSAGES: :[[@LINE-13]]:7: note: 'stop_' written on the stop path here, then 'cv_' notified
      // CHECK-MESSAGES: :[[@LINE-20]]:45: note: the default value of 'check_seconds' comes from here (a bound of 10s)
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  unsigned check_seconds_;
  bool stop_ = false;
};

// ---- The flag, the mutex and the condition variable in a shared struct ----

// The thread tests the flag with `if (...) break;` before the block that
// takes the lock; the exporter's shutdown() writes the flag, then calls a
// member that notifies.  The timeout is a captured copy of an option whose
// default is 30000ms.
struct ExporterOptions {
  std::chrono::milliseconds period = std::chrono::milliseconds(30000);
};

class FileExporter {
public:
  struct Shared {
    std::atomic<bool> closing{false};
    std::mutex wake_mu;
    std::condition_variable wake_cv;
  };
  explicit FileExporter(const ExporterOptions &options)
      : options_(options), shared_(std::make_shared<Shared>()) {}
  ~FileExporter() {
    shutdown();
    if (thread_.joinable())
      thread_.join();
  }
  void start() {
    std::shared_ptr<Shared> shared = shared_;
    std::chrono::milliseconds period = options_.period;
    thread_ = std::thread([shared, period] {
      for (;;) {
        if (shared->closing.load())
          break;
        {
          std::unique_lock<std::mutex> lk(shared->wake_mu);
          shared->wake_cv.wait_for(lk, period);
          // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lost wakeup: 'wait_for' on 'wake_cv' follows a test of 'closing' made without holding 'wake_mu', the mutex it waits with; a stop that writes 'closing' and notifies 'wake_cv' between the test and the wait is missed, and the wait blocks for up to 30s by default; test 'closing' after taking 'wake_mu' (test it again just before the wait) [context-uncancellable-wait]
          // CHECK-MESSAGES: :[[@LINE-6]]:13: note: 'closing' tested here, before 'wake_mu' is taken
          // CHECK-MESSAGES: :[[@LINE+7]]:5: note: 'closing' written on the stop path here, then 'wake_cv' notified
          // CHECK-MESSAGES: :[[@LINE-30]]:38: note: the default value of 'period' comes from here (a bound of 30s)
        }
      }
    });
  }
  bool shutdown() {
    shared_->closing.store(true);
    return flush();
  }
  bool flush() {
    shared_->wake_cv.notify_all();
    return true;
  }

private:
  ExporterOptions options_;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
};

// Fixed: the flag tested after the lock is taken, written under it.
class FileExporterFixed {
public:
  struct Shared {
    std::atomic<bool> closing{false};
    std::mutex wake_mu;
    std::condition_variable wake_cv;
  };
  explicit FileExporterFixed(const ExporterOptions &options)
      : options_(options), shared_(std::make_shared<Shared>()) {}
  ~FileExporterFixed() {
    {
      std::lock_guard<std::mutex> g(shared_->wake_mu);
      shared_->closing.store(true);
    }
    shared_->wake_cv.notify_all();
    if (thread_.joinable())
      thread_.join();
  }
  void start() {
    std::shared_ptr<Shared> shared = shared_;
    std::chrono::milliseconds period = options_.period;
    thread_ = std::thread([shared, period] {
      for (;;) {
        std::unique_lock<std::mutex> lk(shared->wake_mu);
        if (shared->closing.load())
          break;
        shared->wake_cv.wait_for(lk, period);
      }
    });
  }

private:
  ExporterOptions options_;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
};

// ---- Fine ---------------------------------------------------------------

// The flag tested again after the lock is taken.
class DelayedQueueFixed {
public:
  DelayedQueueFixed() : thread_([this] { manage(); }) {}
  ~DelayedQueueFixed() {
    running_ = false;
    {
      std::lock_guard<std::mutex> g(mu_);
      available_.notify_all();
    }
    thread_.join();
  }

private:
  void manage() {
    while (true) {
      std::unique_lock<std::mutex> lock(mu_);
      if (!running_)
        return;
      available_.wait(lock);
    }
  }
  std::atomic<bool> running_{true};
  std::mutex mu_;
  std::condition_variable available_;
  std::thread thread_;
};

// Tested in the loop's condition, but the predicate reads it too.
class PredicateReads {
public:
  PredicateReads() : thread_([this] { run(); }) {}
  ~PredicateReads() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || pending_ > 0; });
    }
  }
  bool stop_ = false;
  int pending_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

// The lock is taken before the loop: the condition is tested under it.
class LockOutside {
public:
  LockOutside() : thread_([this] { run(); }) {}
  ~LockOutside() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

private:
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_)
      cv_.wait(lock);
  }
  bool stop_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

// Nobody writes the flag and notifies: not a stop path of this wait.
class NoStopper {
public:
  void run() {
    while (!done_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock);
    }
  }
  void poke() { cv_.notify_one(); }

private:
  bool done_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
};

// A short bounded wait: a missed notification costs 100ms.
class ShortPoll {
public:
  ShortPoll() : thread_([this] { run(); }) {}
  ~ShortPoll() {
    stop_ = true;
    {
      std::lock_guard<std::mutex> g(mu_);
      cv_.notify_all();
    }
    thread_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(100));
    }
  }
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

// The file after -fix: the lost-wakeup fix-its (lib/waits/LockFix.h).
// CHECK-FIXES:      {{^}}      if (running_) available_.wait(lock);{{$}}
// CHECK-FIXES:      {{^}}      if (!stop_) cv_.wait_for(lock, std::chrono::seconds(check_seconds_));{{$}}
// CHECK-FIXES:      {{^}}          if (!shared->closing.load()) shared->wake_cv.wait_for(lk, period);{{$}}
