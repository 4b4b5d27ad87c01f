// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// The fix-its of lost wakeups (libstdc++, C++20: the lock is named without
// its template argument).  Each shape, then each place where no fix may be
// offered; the file after -fix is matched below each case.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

// ---- The store under the lock: an atomic flag, assigned ---------------------

class StoreUnderLock {
public:
  ~StoreUnderLock() {
    running_ = false;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'running_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'running_' can miss the notification and block forever; write 'running_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE+12]]:9: note: the wait on 'cv_' that can miss it; it reads 'running_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'running_' written here without 'mu_'
    // CHECK-FIXES:      ~StoreUnderLock() {
    // CHECK-FIXES-NEXT:   {
    // CHECK-FIXES-NEXT:     std::lock_guard lock(mu_);
    // CHECK-FIXES-NEXT:     running_ = false;
    // CHECK-FIXES-NEXT:   }
    // CHECK-FIXES-NEXT:   cv_.notify_all();
    t_.join();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return !running_; });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> running_{true};
  std::thread t_;
};

// ---- A plain bool, a name already taken, two notifies after one write ------

class TwoQueues {
public:
  void stop(int lock) {
    stop_ = true;
    push_.notify_all();
    pop_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: lost wakeup: 'notify_all' on 'push_' follows a write of 'stop_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+16]]:13: note: the wait on 'push_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'stop_' written here without 'mu_'
    // CHECK-MESSAGES: :[[@LINE-4]]:10: warning: lost wakeup: 'notify_all' on 'pop_' follows a write of 'stop_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+18]]:12: note: the wait on 'pop_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'stop_' written here without 'mu_'
    // CHECK-FIXES:      void stop(int lock) {
    // CHECK-FIXES-NEXT:   {
    // CHECK-FIXES-NEXT:     std::lock_guard guard(mu_);
    // CHECK-FIXES-NEXT:     stop_ = true;
    // CHECK-FIXES-NEXT:   }
    // CHECK-FIXES-NEXT:   push_.notify_all();
    // CHECK-FIXES-NEXT:   pop_.notify_all();
  }
  void push() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!stop_ && full_)
      push_.wait(lk);
  }
  void pop() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!stop_ && empty_)
      pop_.wait(lk);
  }

private:
  std::mutex mu_;
  std::condition_variable push_, pop_;
  bool stop_ = false, full_ = false, empty_ = true;
};

// ---- An empty locked scope: the atomic write is the if's condition ----------

class ExchangeInCondition {
public:
  void stop() {
    if (!stopped_.exchange(true)) {
      cv_.notify_all();
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'stopped_' without holding 'mu_'
      // CHECK-MESSAGES: :[[@LINE+11]]:9: note: the wait on 'cv_' that can miss it
      // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'stopped_' written here without 'mu_'
      // CHECK-FIXES:      if (!stopped_.exchange(true)) {
      // CHECK-FIXES-NEXT:   {
      // CHECK-FIXES-NEXT:     std::lock_guard lock(mu_);
      // CHECK-FIXES-NEXT:   }
      // CHECK-FIXES-NEXT:   cv_.notify_all();
    }
  }
  void run() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return stopped_.load(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stopped_{false};
};

// ---- Waiter side: the flag tested before the lock, a wait without a
// predicate: the wait guarded by the same test, made with the lock held ---

class Scheduler {
public:
  void loop() {
    while (running_) {
      std::unique_lock<std::mutex> lk(mu_);
      if (queue_empty_) {
        cv_.wait(lk);
        // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lost wakeup: 'wait' on 'cv_' follows a test of 'running_' made without holding 'mu_', the mutex it waits with; a stop that writes 'running_' and notifies 'cv_' between the test and the wait is missed, and the wait blocks forever; test 'running_' after taking 'mu_' (test it again just before the wait) [context-uncancellable-wait]
        // CHECK-MESSAGES: :[[@LINE-5]]:12: note: 'running_' tested here, before 'mu_' is taken
        // CHECK-MESSAGES: :[[@LINE+18]]:5: note: 'running_' written on the stop path here, then 'cv_' notified
        // CHECK-FIXES: if (running_) cv_.wait(lk);
      }
    }
  }
  void flushLoop() {
    for (;;) {
      if (stop_.load())
        break;
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait_for(lk, std::chrono::seconds(5));
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'wait_for' on 'cv_' follows a test of 'stop_' made without holding 'mu_'{{.*}}for up to 5s{{.*}}(test it again just before the wait) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-5]]:11: note: 'stop_' tested here, before 'mu_' is taken
      // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'stop_' written on the stop path here, then 'cv_' notified
      // CHECK-FIXES: if (!stop_.load()) cv_.wait_for(lk, std::chrono::seconds(5));
    }
  }
  void stop() {
    running_ = false;
    stop_ = true;
    std::lock_guard<std::mutex> g(mu_);
    cv_.notify_all();
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> running_{true};
  std::atomic<bool> stop_{false};
  bool queue_empty_ = true;
};

// ---- No fix: the wait has a predicate (the flag would have to join it) -----

class PredicateWaiter {
public:
  void loop() {
    while (!stop_) {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [this] { return ready_; });
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'wait' on 'cv_' follows a test of 'stop_' made without holding 'mu_'{{.*}}(in the wait's predicate) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'stop_' tested here, before 'mu_' is taken
      // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'stop_' written on the stop path here, then 'cv_' notified
      ready_ = false;
    }
  }
  void stop() {
    stop_ = true;
    std::lock_guard<std::mutex> g(mu_);
    cv_.notify_all();
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  bool ready_ = false;
};

// ---- No fix: the mutex may already be held (a member function calls
// stop() with it held: a lock there would deadlock) ---------------------------

class HeldByCaller {
public:
  void reset() {
    std::lock_guard<std::mutex> g(mu_);
    stop();
  }
  void stop() {
    halt_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'halt_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'halt_' written here without 'mu_'
    // CHECK-FIXES:      {{^    }}halt_ = true;{{$}}
    // CHECK-FIXES-NEXT: {{^    }}cv_.notify_all();{{$}}
  }
  void wait() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return halt_.load(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> halt_{false};
};

// ---- No fix: the mutex is not a member (a variable of the namespace): not
// named by a fix-it yet -------------------------------------------------------

std::mutex g_mu;

class GlobalMutex {
public:
  void stop() {
    quit_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'quit_' without holding 'g_mu'
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'quit_' written here without 'g_mu'
    // CHECK-FIXES:      {{^    }}quit_ = true;{{$}}
    // CHECK-FIXES-NEXT: {{^    }}cv_.notify_all();{{$}}
  }
  void wait() {
    std::unique_lock<std::mutex> lk(g_mu);
    cv_.wait(lk, [this] { return quit_.load(); });
  }

private:
  std::condition_variable cv_;
  std::atomic<bool> quit_{false};
};

// ---- No fix: a plain flag written by a macro (the store cannot be moved
// under the lock, and only an atomic store may stay outside it) --------------

#define MARK_STOPPED(flag) flag = true

class MacroWrite {
public:
  void stop() {
    MARK_STOPPED(shut_);
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'shut_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: 'shut_' written here without 'mu_'
    // CHECK-FIXES:      {{^    }}MARK_STOPPED(shut_);{{$}}
    // CHECK-FIXES-NEXT: {{^    }}cv_.notify_all();{{$}}
  }
  void wait() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return shut_; });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool shut_ = false;
};

// ---- No fix: the statement is an if's branch without braces (a statement
// put before it would leave the branch, an `if` around it would take the
// `else`) ---------------------------------------------------------------------

class BranchWait {
public:
  void loop() {
    while (going_) {
      std::unique_lock<std::mutex> lk(mu_);
      if (idle_)
        cv_.wait(lk);
      else
        idle_ = true;
      // CHECK-MESSAGES: :[[@LINE-3]]:13: warning: lost wakeup: 'wait' on 'cv_' follows a test of 'going_' made without holding 'mu_'{{.*}}(in the wait's predicate) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-7]]:12: note: 'going_' tested here, before 'mu_' is taken
      // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'going_' written on the stop path here, then 'cv_' notified
      // CHECK-FIXES:      {{^        }}cv_.wait(lk);{{$}}
    }
  }
  void stop() {
    going_ = false;
    std::lock_guard<std::mutex> g(mu_);
    cv_.notify_all();
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> going_{true};
  bool idle_ = false;
};

class BranchNotify {
public:
  void stop() {
    if (!closed_.exchange(true))
      cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'closed_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the wait on 'cv_' that can miss it
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'closed_' written here without 'mu_'
    // CHECK-FIXES:      {{^    }}if (!closed_.exchange(true)){{$}}
    // CHECK-FIXES-NEXT: {{^      }}cv_.notify_all();{{$}}
  }
  void run() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return closed_.load(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> closed_{false};
};
