// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Waits that the stop path reaches by a route other than a notify of the
// wait's own object (libstdc++):
//  - a semaphore released after the stop request, where the request goes
//    through the thread type's own request_stop() (a pool templated on its
//    thread type, instantiated with a wrapper around std::jthread);
//  - a wait in a scope that registers a stop callback on its token whose
//    callable stops other work (request_stop() on worker threads, which
//    notify the waited-on condition variable when they leave) or calls code
//    that is not visible.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>
#include <vector>

// ---- Semaphores released on stop -------------------------------------------

// A thread type that forwards request_stop() to a std::jthread.
class WrappedThread {
public:
  template <class F> explicit WrappedThread(F &&f) : impl_(static_cast<F &&>(f)) {}
  void request_stop() { impl_.request_stop(); }
  void join() { impl_.join(); }

private:
  std::jthread impl_;
};

// A thread type whose request_stop() does not request stop.
class InertThread {
public:
  template <class F> explicit InertThread(F &&f) : impl_(static_cast<F &&>(f)) {}
  void request_stop() { asked_ = true; }
  void join() { impl_.join(); }

private:
  std::jthread impl_;
  bool asked_ = false;
};

template <class ThreadType>
class SemaphorePool {
public:
  explicit SemaphorePool(std::size_t n) : slots_(n) {
    for (std::size_t i = 0; i < n; ++i)
      threads_.emplace_back([this, id = i](const std::stop_token &st) {
        do {
          slots_[id].signal.acquire();
        } while (!st.stop_requested());
      });
  }
  // Each worker: stop requested, then its semaphore released.  The
  // semaphore keeps the release, so the worker cannot miss it.
  ~SemaphorePool() {
    for (std::size_t i = 0; i < threads_.size(); ++i) {
      threads_[i].request_stop();
      slots_[i].signal.release();
      threads_[i].join();
    }
  }

private:
  struct Slot {
    std::binary_semaphore signal{0};
  };
  std::vector<ThreadType> threads_;
  std::deque<Slot> slots_;
};

// The same with a thread type whose request_stop() requests nothing: the
// release is not on a stop path.
class InertPool {
public:
  InertPool()
      : thread_([this](std::stop_token st) {
          while (!st.stop_requested())
            sem_.acquire();
          // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'acquire' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
          // CHECK-MESSAGES: :[[@LINE-4]]:40: note: cancellation token 'st' declared here
        }) {}
  ~InertPool() {
    thread_.request_stop();
    sem_.release();
  }

private:
  std::counting_semaphore<4> sem_{0};
  InertThread thread_;
};

// Released before the stop request: the woken worker can test the token
// before the request and block again.
class ReleaseFirst {
public:
  ReleaseFirst()
      : thread_([this](std::stop_token st) {
          while (!st.stop_requested())
            sem_.acquire();
          // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'acquire' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
          // CHECK-MESSAGES: :[[@LINE-4]]:40: note: cancellation token 'st' declared here
        }) {}
  ~ReleaseFirst() {
    sem_.release();
    thread_.request_stop();
  }

private:
  std::counting_semaphore<4> sem_{0};
  std::jthread thread_;
};

void useSemaphorePools() {
  SemaphorePool<std::jthread> a(2);
  SemaphorePool<WrappedThread> b(2);
  InertPool c;
  ReleaseFirst d;
}

// ---- Stop callbacks that stop other work ------------------------------------

class Workers {
public:
  explicit Workers(std::size_t n) : queued_(n) {
    for (std::size_t i = 0; i < n; ++i)
      threads_.emplace_back([this](std::stop_token st) {
        while (!st.stop_requested()) {
          std::unique_lock lock(mu_);
          if (!work_.wait(lock, st, [this] { return pending_ > 0; }))
            break;
          --pending_;
        }
        {
          std::lock_guard g(mu_);
          ++stopped_;
        }
        done_.notify_all();
      });
  }

  // The callback stops every worker; each notifies done_ as it leaves,
  // which ends this wait.
  void waitForAll(std::stop_token st = {}) {
    std::stop_callback cb(st, [this] {
      for (auto &t : threads_)
        t.request_stop();
    });
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_ >= queued_ || pending_ == 0; });
  }

  // The same through a lambda held in a local, and a callback that calls a
  // function whose body is not visible.
  void waitForAllNamed(std::stop_token st) {
    auto stopAll = [this] {
      for (auto &t : threads_)
        t.request_stop();
    };
    std::stop_callback cb(st, stopAll);
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_ >= queued_; });
  }
  void waitForAllOpaque(std::stop_token st) {
    std::stop_callback cb(st, [this] { shutdownElsewhere(); });
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_ >= queued_; });
  }

  // No callback: nothing wakes the wait on stop.
  void waitForAllBlind(std::stop_token st) {
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_ >= queued_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-4]]:40: note: cancellation token 'st' declared here
  }

  // A callback on another token: a stop of 'st' does not run it.
  void waitOtherToken(std::stop_token st) {
    std::stop_callback cb(other_, [this] {
      for (auto &t : threads_)
        t.request_stop();
    });
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_ >= queued_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-8]]:39: note: cancellation token 'st' declared here
  }

  // A callback whose whole effect is seen and wakes nothing the wait uses.
  void waitCountingCallback(std::stop_token st) {
    std::stop_callback cb(st, [this] { count(); });
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_ >= queued_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-5]]:45: note: cancellation token 'st' declared here
  }

  // Registered after the wait: it cannot end it.
  void waitThenRegister(std::stop_token st) {
    {
      std::unique_lock lock(mu_);
      done_.wait(lock, [this] { return stopped_ >= queued_; });
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE-5]]:41: note: cancellation token 'st' declared here
    }
    std::stop_callback cb(st, [this] { threads_.front().request_stop(); });
  }

private:
  void shutdownElsewhere();
  void count() { ++callbacks_; }

  std::mutex mu_;
  std::condition_variable_any work_;
  std::condition_variable done_;
  std::size_t pending_ = 0, stopped_ = 0, queued_ = 0;
  std::atomic<int> callbacks_{0};
  std::stop_token other_;
  std::vector<std::jthread> threads_;
};

// A callback that notifies the wait's condition variable itself, without
// its mutex, is still a lost wakeup, even when it also stops the workers.
class RacyWorkers {
public:
  void waitRacyNotify(std::stop_token st) {
    std::stop_callback cb(st, [this] {
      for (auto &t : threads_)
        t.request_stop();
      done_.notify_all();
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lost wakeup: 'notify_all' on 'done_' runs on a stop request without holding 'mu_', the mutex its waiter uses; a waiter that has just tested its predicate can miss it and block forever; take 'mu_' before notifying, or wait with condition_variable_any::wait(lock, stop_token, pred) [context-uncancellable-wait]
      // CHECK-MESSAGES: :[[@LINE+4]]:11: note: the wait on 'done_' that can miss it, in a scope with cancellation token 'st'
      // CHECK-MESSAGES: :[[@LINE-6]]:24: note: the stop callback registered here
    });
    std::unique_lock lock(mu_);
    done_.wait(lock, [&] { return stopped_ > 0 || st.stop_requested(); });
  }

private:
  std::mutex mu_;
  std::condition_variable done_;
  std::size_t stopped_ = 0;
  std::vector<std::jthread> threads_;
};
