// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20 -I %S/../Inputs/uncancellable-wait
// Ad-hoc stop flags (libstdc++): a bool or atomic member that the exit of
// a condition-variable wait reads (its predicate, or the condition of the
// loop around it), written and then notified by a member function without
// the wait's mutex.  Found by structure, not by name; no token needed.
#include "split_pool.h"
#include <vector>

// ---- Predicate form, atomic flag, destructor ------------------------------

class AtomicPool {
public:
  AtomicPool() : thread_([this] { work(); }) {}
  ~AtomicPool() {
    wake_up_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'wake_up_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'wake_up_' can miss the notification and block forever; write 'wake_up_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE+9]]:11: note: the wait on 'cv_' that can miss it; it reads 'wake_up_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'wake_up_' written here without 'mu_'
    thread_.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    for (;;) {
      cv_.wait(lk, [this] { return wake_up_.load() || !jobs_.empty(); });
      if (wake_up_)
        return;
      jobs_.pop_back();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> wake_up_{false};
  std::vector<int> jobs_;
  std::thread thread_;
};

// ---- Loop form, plain bool, stop() ------------------------------------------

class LoopPool {
public:
  void start() { thread_ = std::thread([this] { work(); }); }
  void stop() {
    running_ = false;
    cv_.notify_one();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_one' on 'cv_' follows a write of 'running_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+9]]:11: note: the wait on 'cv_' that can miss it; it reads 'running_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'running_' written here without 'mu_'
    thread_.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    while (running_ && pending_ == 0)
      cv_.wait(lk);
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool running_ = true;
  int pending_ = 0;
  std::thread thread_;
};

// ---- Race-free forms ----------------------------------------------------------

class WrittenUnderLock {
public:
  ~WrittenUnderLock() {
    {
      std::lock_guard<std::mutex> g(mu_);
      done_ = true;
    }
    cv_.notify_all();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return done_; });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

class TakenAfterWrite {
public:
  void stop() {
    done_.store(true);
    mu_.lock();
    mu_.unlock();
    cv_.notify_all();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!done_)
      cv_.wait(lk);
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> done_{false};
};

// A short bounded wait: a missed notify costs one timeout.
class ShortTimeout {
public:
  void stop() {
    stop_ = true;
    cv_.notify_all();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!stop_)
      cv_.wait_for(lk, std::chrono::milliseconds(100));
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
};

// A flag the wait does not read is not its exit.
class UnrelatedFlag {
public:
  void stop() {
    verbose_ = true;
    cv_.notify_all();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return !queue_.empty(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool verbose_ = false;
  std::vector<int> queue_;
};

// ---- The class split across a header and this file ----------------------------

SplitPool::SplitPool() : thread_([this] { work(); }) {}

SplitPool::~SplitPool() {
  quit_.store(true);
  cv_.notify_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'quit_' without holding 'mu_'
  // CHECK-MESSAGES: :[[@LINE+8]]:9: note: the wait on 'cv_' that can miss it; it reads 'quit_' with 'mu_' held
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'quit_' written here without 'mu_'
  thread_.join();
}

void SplitPool::work() {
  std::unique_lock<std::mutex> lk(mu_);
  while (!quit_)
    cv_.wait(lk);
}

SplitPoolFixed::SplitPoolFixed() : thread_([this] { work(); }) {}

SplitPoolFixed::~SplitPoolFixed() {
  {
    std::lock_guard<std::mutex> g(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void SplitPoolFixed::work() {
  std::unique_lock<std::mutex> lk(mu_);
  cv_.wait(lk, [this] { return quit_; });
}

// ---- A class template that is never instantiated --------------------------

template <typename T> class JobQueue {
public:
  void stop() {
    stop_ = true;
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' follows a write of 'stop_' without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+6]]:11: note: the wait on 'cv_' that can miss it; it reads 'stop_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'stop_' written here without 'mu_'
  }
  T pop() {
    std::unique_lock<std::mutex> lk(mu_);
    while (jobs_.empty() && !stop_)
      cv_.wait(lk);
    T t = jobs_.back();
    jobs_.pop_back();
    return t;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::vector<T> jobs_;
};

// ---- Stop latency on a stop flag ----------------------------------------------

class Stats {
public:
  Stats() : thread_([this] { run(); }) {}
  ~Stats() {
    shutdown_ = true;
    thread_.join();
  }

private:
  void run() {
    while (!shutdown_) {
      std::this_thread::sleep_for(std::chrono::seconds(30));
      // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'sleep_for' can delay noticing a stop request on 'shutdown_' by 30s; sleep in steps shorter than 1s, or wait on a condition variable that the stop path notifies [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'shutdown_' is set here on the stop path
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  std::atomic<bool> shutdown_{false};
  std::thread thread_;
};

// A flag that no stop path writes (no destructor, no join) is not a stop
// flag.
class Poller {
public:
  void connected() { connected_ = true; }
  void run() {
    while (!connected_)
      std::this_thread::sleep_for(std::chrono::seconds(5));
  }

private:
  std::atomic<bool> connected_{false};
};

// A timed wait that the stop path wakes: the timeout is not the delay.
class WokenStats {
public:
  WokenStats() : thread_([this] { run(); }) {}
  ~WokenStats() {
    {
      std::lock_guard<std::mutex> g(mu_);
      shutdown_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

private:
  void run() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!shutdown_)
      cv_.wait_for(lk, std::chrono::seconds(30));
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool shutdown_ = false;
  std::thread thread_;
};

// The same with a predicate, the wait's result ending the loop (issue 14
// item 1: a wait the stop path wakes race-free has no latency bound).
class WokenStatsPredicate {
public:
  WokenStatsPredicate() : thread_([this] { run(); }) {}
  ~WokenStatsPredicate() {
    {
      std::lock_guard<std::mutex> g(mu_);
      shutdown_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

private:
  void run() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!shutdown_) {
      if (cv_.wait_for(lk, std::chrono::seconds(30),
                       [this] { return shutdown_.load(); }))
        break;
      ++rounds_;
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> shutdown_{false};
  int rounds_ = 0;
  std::thread thread_;
};

// The file after -fix: the lost-wakeup fix-its (lib/waits/LockFix.h).
// CHECK-FIXES:      {{^}}  ~AtomicPool() {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}      std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}      wake_up_ = true;{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[}]}}{{$}}
// CHECK-FIXES:      {{^}}  void stop() {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}      std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}      running_ = false;{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[}]}}{{$}}
// CHECK-FIXES:      {{^}}SplitPool::~SplitPool() {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}  {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}    quit_.store(true);{{$}}
// CHECK-FIXES-NEXT: {{^}}  {{[}]}}{{$}}
// CHECK-FIXES:      {{^}}  void stop() {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}      std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}      stop_ = true;{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[}]}}{{$}}
