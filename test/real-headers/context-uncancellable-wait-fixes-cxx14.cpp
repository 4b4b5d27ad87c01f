// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++14
// Before C++17 a lock's template argument cannot be deduced: the fix-it
// names the mutex's type, and offers nothing when that type has no name.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class Named {
public:
  void stop() {
    stop_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'stop_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+11]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'stop_' written here without 'mu_'
    // CHECK-FIXES:      void stop() {
    // CHECK-FIXES-NEXT:   {
    // CHECK-FIXES-NEXT:     std::lock_guard<std::mutex> lock(mu_);
    // CHECK-FIXES-NEXT:     stop_ = true;
    // CHECK-FIXES-NEXT:   }
    // CHECK-FIXES-NEXT:   cv_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return stop_.load(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
};

// A mutex of a class without a name: std::lock_guard<?> cannot be written.
class Unnamed {
public:
  void stop() {
    stop_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'stop_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'stop_' written here without 'mu_'
    // CHECK-FIXES:      {{^    }}stop_ = true;{{$}}
    // CHECK-FIXES-NEXT: {{^    }}cv_.notify_all();{{$}}
  }
  void wait() {
    std::unique_lock<decltype(mu_)> lk(mu_);
    cv_.wait(lk, [this] { return stop_.load(); });
  }

private:
  struct {
    void lock() { m.lock(); }
    void unlock() { m.unlock(); }
    std::mutex m;
  } mu_;
  std::condition_variable_any cv_;
  std::atomic<bool> stop_{false};
};
