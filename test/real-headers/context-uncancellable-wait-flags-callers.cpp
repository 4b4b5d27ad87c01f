// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Ad-hoc stop flags written and notified by a helper that takes no lock
// itself (libstdc++): race-free when the helper is not public and every
// call to it in its class holds the wait's mutex (a lock alive at the call,
// or a lock the caller is handed); reported otherwise.
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

// The shape of a fork-join pool: the count of outstanding users is the
// workers' exit; the helper that decrements it runs under the lock.
class UnderLock {
public:
  UnderLock() : thread_([this] { work(); }) {}
  ~UnderLock() {
    stop();
    thread_.join();
  }
  void release() {
    std::unique_lock<std::mutex> lock(mu_);
    runOne(lock);
  }

private:
  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (users_ > 0)
      if (!runOne(lock))
        cv_.wait(lock);
  }
  // Handed the lock by its caller, relocks it before the helper.
  bool runOne(std::unique_lock<std::mutex> &lock) {
    if (pending_ == 0)
      return false;
    --pending_;
    lock.unlock();
    lock.lock();
    finished();
    return true;
  }
  void stop() {
    std::lock_guard<std::mutex> g(mu_);
    finished();
  }
  void finished() {
    --users_;
    cv_.notify_all();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t users_ = 1;
  std::size_t pending_ = 0;
  std::thread thread_;
};

// One caller does not hold the mutex: the helper's notify can be lost.
class OneCallerUnlocked {
public:
  OneCallerUnlocked() : thread_([this] { work(); }) {}
  ~OneCallerUnlocked() {
    finished();
    thread_.join();
  }
  void drop() {
    std::lock_guard<std::mutex> g(mu_);
    finished();
  }

private:
  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (users_ > 0)
      cv_.wait(lock);
  }
  void finished() {
    --users_;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'users_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'users_' can miss the notification and block forever; write 'users_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-6]]:11: note: the wait on 'cv_' that can miss it; it reads 'users_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'users_' written here without 'mu_'
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t users_ = 1;
  std::thread thread_;
};

// A public helper: callers outside the class are not seen.
class PublicHelper {
public:
  PublicHelper() : thread_([this] { work(); }) {}
  ~PublicHelper() {
    {
      std::lock_guard<std::mutex> g(mu_);
      finished();
    }
    thread_.join();
  }
  void finished() {
    --users_;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'users_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'users_' can miss the notification and block forever; write 'users_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE+8]]:11: note: the wait on 'cv_' that can miss it; it reads 'users_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'users_' written here without 'mu_'
  }

private:
  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (users_ > 0)
      cv_.wait(lock);
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t users_ = 1;
  std::thread thread_;
};
