// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -config="{CheckOptions: {ScopedLocks: '::mylib::Guard'}}" -- -std=c++20
// ScopedLocks: the project's own lock is taken by the lost-wakeup fix-it,
// before the built-in std::lock_guard.
#include <atomic>
#include <condition_variable>
#include <mutex>

namespace mylib {
template <typename M> class Guard {
public:
  explicit Guard(M &m) : m_(m) { m_.lock(); }
  ~Guard() { m_.unlock(); }

private:
  M &m_;
};
} // namespace mylib

class Pool {
public:
  ~Pool() {
    quit_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'quit_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+11]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'quit_' written here without 'mu_'
    // CHECK-FIXES:      ~Pool() {
    // CHECK-FIXES-NEXT:   {
    // CHECK-FIXES-NEXT:     mylib::Guard lock(mu_);
    // CHECK-FIXES-NEXT:     quit_ = true;
    // CHECK-FIXES-NEXT:   }
    // CHECK-FIXES-NEXT:   cv_.notify_all();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return quit_.load(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> quit_{false};
};
