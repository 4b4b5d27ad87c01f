// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// A wake on stop counts only when it cannot be lost: between the stop
// request and the notify, the waker holds, or takes and releases, the
// mutex the wait uses.  Otherwise the notify is reported as a lost wakeup,
// with notes at the wait and at the stop request (libstdc++).
#include <condition_variable>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>

std::mutex m, other;
std::condition_variable cv;
bool ready;

// ---- Stop callbacks --------------------------------------------------------

void racyCallback(std::stop_token st) {
  std::stop_callback wake(st, [] { cv.notify_all(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: lost wakeup: 'notify_all' on 'cv' runs on a stop request without holding 'm', the mutex its waiter uses; a waiter that has just tested its predicate can miss it and block forever; take 'm' before notifying, or wait with condition_variable_any::wait(lock, stop_token, pred) [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE+3]]:6: note: the wait on 'cv' that can miss it, in a scope with cancellation token 'st'
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the stop callback registered here
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

void callbackHoldsTheMutex(std::stop_token st) {
  std::stop_callback wake(st, [] {
    std::lock_guard<std::mutex> g(m);
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

void callbackTakesAndReleases(std::stop_token st) {
  std::stop_callback wake(st, [] {
    { std::scoped_lock g(m); }
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

void callbackLockUnlock(std::stop_token st) {
  std::stop_callback wake(st, [] {
    m.lock();
    m.unlock();
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

// Another mutex does not order anything with the waiter.
void callbackHoldsAnotherMutex(std::stop_token st) {
  std::stop_callback wake(st, [] {
    std::lock_guard<std::mutex> g(other);
    cv.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lost wakeup: 'notify_all' on 'cv' runs on a stop request without holding 'm'
    // CHECK-MESSAGES: :[[@LINE+4]]:6: note: the wait on 'cv' that can miss it
    // CHECK-MESSAGES: :[[@LINE-5]]:22: note: the stop callback registered here
  });
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

// A semaphore counts its releases: nothing to lose.
void semaphoreCallback(std::stop_token st, std::counting_semaphore<1> &sem) {
  std::stop_callback wake(st, [&] { sem.release(); });
  sem.acquire();
}

// ---- Stopping member functions ----------------------------------------------

class RacyDestructor {
public:
  RacyDestructor() : worker_([this](std::stop_token st) { run(st); }) {}
  ~RacyDestructor() {
    worker_.request_stop();
    cv_.notify_all();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: lost wakeup: 'notify_all' on 'cv_' runs on a stop request without holding 'mu_'
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the wait on 'cv_' that can miss it, in a scope with cancellation token 'st'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: stop requested here
  }

private:
  void run(std::stop_token st) {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [&] { return ready_ || st.stop_requested(); });
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool ready_ = false;
  std::jthread worker_;
};

class ScopedLockDestructor {
public:
  ScopedLockDestructor() : worker_([this](std::stop_token st) { run(st); }) {}
  ~ScopedLockDestructor() {
    {
      std::scoped_lock g(mu_);
      worker_.request_stop();
    }
    cv_.notify_all();
  }

private:
  void run(std::stop_token st) {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [&] { return ready_ || st.stop_requested(); });
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool ready_ = false;
  std::jthread worker_;
};

class NotifyUnderLock {
public:
  NotifyUnderLock() : worker_([this](std::stop_token st) { run(st); }) {}
  void stop() {
    worker_.request_stop();
    std::unique_lock<std::mutex> lk(mu_);
    cv_.notify_one();
  }

private:
  void run(std::stop_token st) {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [&] { return ready_ || st.stop_requested(); });
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool ready_ = false;
  std::jthread worker_;
};

// The file after -fix: an empty locked scope between the stop request and
// the notify (lib/waits/LockFix.h).
// CHECK-FIXES:      {{^}}    worker_.request_stop();{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}      std::lock_guard lock(mu_);{{$}}
// CHECK-FIXES-NEXT: {{^}}    {{[}]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    cv_.notify_all();{{$}}
