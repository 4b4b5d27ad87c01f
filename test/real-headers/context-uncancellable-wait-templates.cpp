// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Lost wakeups of stop flags in class templates (libstdc++), analysed in
// the uninstantiated pattern and reported there once, whether or not the
// translation unit instantiates the template.  A predicate lambda makes
// `cv_.wait(lock, pred)` an unresolved call in the pattern (the closure
// type is dependent); the condition variable's own type is not dependent,
// so the overload is known.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>

// ---- Predicate form: the wait is unresolved in the pattern ------------------

template <typename Task> class Worker {
public:
  explicit Worker(std::function<void(const Task &)> f)
      : f_(std::move(f)), thread_([this] { work(); }) {}
  void push(Task t) {
    {
      std::lock_guard<std::mutex> g(mu_);
      task_ = std::move(t);
      wake_.store(true);
    }
    cv_.notify_one();
  }
  void join() {
    running_.store(false);
    wake_.store(true);
    cv_.notify_one();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_one' on 'cv_' follows a write of 'wake_' without holding 'mu_', the mutex its waiter uses; a waiter that has just read 'wake_' can miss the notification and block forever; write 'wake_' while holding 'mu_', or take 'mu_' before notifying [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE+11]]:13: note: the wait on 'cv_' that can miss it; it reads 'wake_' with 'mu_' held
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'wake_' written here without 'mu_'
    thread_.join();
  }

private:
  void work() {
    Task current;
    while (running_.load()) {
      {
        std::unique_lock<std::mutex> lk{mu_};
        cv_.wait(lk, [&] { return wake_.load(); });
        if (!running_.load())
          return;
        current = std::move(task_);
        wake_.store(false);
      }
      f_(current);
    }
  }
  std::function<void(const Task &)> f_;
  std::atomic_bool running_{true};
  std::atomic_bool wake_{false};
  Task task_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

// The same with the wake flag published under the mutex: silent.
template <typename Task> class FixedWorker {
public:
  void join() {
    running_.store(false);
    {
      std::unique_lock<std::mutex> lk{mu_};
      wake_.store(true);
    }
    cv_.notify_one();
  }
  void work() {
    std::unique_lock<std::mutex> lk{mu_};
    cv_.wait(lk, [&] { return wake_.load(); });
  }

private:
  std::atomic_bool running_{true};
  std::atomic_bool wake_{false};
  std::mutex mu_;
  std::condition_variable cv_;
};

// A timed wait with a predicate, bounded below MaxStopLatency: a missed
// notify costs one short timeout.
template <typename T> class ShortTimedWorker {
public:
  void stop() {
    stop_ = true;
    cv_.notify_all();
  }
  void work() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait_for(lk, std::chrono::milliseconds(50), [this] { return stop_; });
  }

private:
  bool stop_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
};

// ---- Loop form, out-of-line members, atomic flag ------------------------------

template <typename T> class JobQueue {
public:
  bool push(T job);
  T pop();
  void stop();

private:
  std::atomic<bool> stop_{false};
  std::queue<T> jobs_;
  std::mutex mutex_;
  std::condition_variable pushed_;
};

template <typename T> bool JobQueue<T>::push(T job) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stop_)
    return false;
  jobs_.push(std::move(job));
  pushed_.notify_one();
  return true;
}

template <typename T> T JobQueue<T>::pop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (jobs_.empty() && !stop_)
    pushed_.wait(lock);
  T job = std::move(jobs_.front());
  jobs_.pop();
  return job;
}

template <typename T> void JobQueue<T>::stop() {
  stop_ = true;
  pushed_.notify_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lost wakeup: 'notify_all' on 'pushed_' follows a write of 'stop_' without holding 'mutex_'
  // CHECK-MESSAGES: :[[@LINE-10]]:13: note: the wait on 'pushed_' that can miss it; it reads 'stop_' with 'mutex_' held
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'stop_' written here without 'mutex_'
}

// JobQueue is instantiated twice: its notify is still reported once, above,
// at the pattern.  Worker is never instantiated: only its pattern is seen.
void use() {
  JobQueue<int> q;
  q.push(1);
  q.pop();
  q.stop();
  JobQueue<long> r;
  r.pop();
  r.stop();
}

// The file after -fix: the lost-wakeup fix-its (lib/waits/LockFix.h).
// CHECK-FIXES:      {{^}}    running_.store(false);{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}      std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}      wake_.store(true);{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[}]}}{{$}}
// CHECK-FIXES:      {{^}}template <typename T> void JobQueue<T>::stop() {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}  {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::lock_guard lock(mutex_);{{$}}
// CHECK-FIXES-NEXT: {{^}}    stop_ = true;{{$}}
// CHECK-FIXES-NEXT: {{^}}  {{[}]}}{{$}}
