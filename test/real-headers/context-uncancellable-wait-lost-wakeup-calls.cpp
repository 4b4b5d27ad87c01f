// RUN: %check_clang_tidy -std=c++20 %s context-uncancellable-wait %t -- -config="{CheckOptions: {context-uncancellable-wait.FollowCalls: true}}"
// RUN: %check_clang_tidy -check-suffix=OFF %s context-uncancellable-wait %t -- -- -std=c++20
// Lost wakeups whose flag write and notify are in two member functions,
// one calling the other (FollowCalls): a stop function that writes the
// flag and then calls a notifier, a destructor that calls a function that
// writes the flag and then notifies.  Without FollowCalls, none is
// reported (the OFF run asserts no diagnostic).
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class Pool {
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  std::thread worker_;

  void wakeAll() { cv_.notify_all(); }
  void wakeLocked() {
    std::lock_guard<std::mutex> l(mu_);
    cv_.notify_all();
  }
  void markStopped() { stop_ = true; }
  void markStoppedLocked() {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return stop_.load(); });
  }

public:
  Pool() : worker_([this] { run(); }) {}
  void stop() {
    stop_ = true;
    wakeAll();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lost wakeup: 'wakeAll', which notifies 'cv_', follows a write of 'stop_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'stop_' can miss the notification and block forever; write 'stop_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :31:9: note: the wait on 'cv_' that can miss it; it reads 'stop_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'stop_' written here without 'mu_'
    // CHECK-MESSAGES: :19:24: note: 'wakeAll' notifies 'cv_' here
    worker_.join();
  }
  // The notifier takes the mutex: race-free.
  void stopLocked() {
    stop_ = true;
    wakeLocked();
  }
  // The caller takes the mutex between the write and the call.
  void stopTakes() {
    stop_ = true;
    { std::lock_guard<std::mutex> l(mu_); }
    wakeAll();
  }
  // The callee writes the flag under the mutex.
  void stopMarksLocked() {
    markStoppedLocked();
    cv_.notify_all();
  }
  ~Pool() {
    markStopped();
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'stop_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'stop_' can miss the notification and block forever; write 'stop_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :31:9: note: the wait on 'cv_' that can miss it; it reads 'stop_' with 'mu_' held
    // CHECK-MESSAGES: :24:24: note: 'stop_' written here, in 'markStopped', without 'mu_'
    if (worker_.joinable())
      worker_.join();
  }
};

// No fix-it across calls yet: the mutex is named from the notify's own
// object path, which the caller of a notifier does not have (the harness
// checks that -fix leaves this file unchanged).
