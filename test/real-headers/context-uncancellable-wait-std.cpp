// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// The blocking calls of libstdc++ (<condition_variable> <future> <thread>
// <latch> <barrier> <semaphore>) in a scope handed a std::stop_token, and
// their bounded, non-blocking and aware forms.
#include <array>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <stop_token>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

std::mutex m;
std::condition_variable cv;
std::condition_variable_any cva;
bool ready;

// ---- Each blind call kind ------------------------------------------------

void conditionVariables(std::stop_token st) {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-4]]:41: note: cancellation token 'st' declared here
  cv.wait(lk, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-7]]:41: note: cancellation token 'st'
  // The predicate reads the token, but nothing wakes the wait on a stop.
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-11]]:41: note: cancellation token 'st'
  cva.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wait' blocks without observing cancellation of 'st'; use the overload that takes a cancellation token [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-14]]:41: note: cancellation token 'st'
  // Not blind: the aware overload.
  cva.wait(lk, st, [] { return ready; });
  cva.wait_for(lk, st, 10s, [] { return ready; });
  // Bounded waits delay noticing a stop by their timeout: reported from
  // MaxStopLatency (1s) on.
  cv.wait_for(lk, 1s, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait_for' can delay noticing a stop request on 'st' by 1s; wait with a timeout shorter than 1s, or wake it from a stop callback that holds the mutex [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-22]]:41: note: cancellation token 'st'
  cv.wait_until(lk, std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait_until' can delay noticing a stop request on 'st' by 1s
  // CHECK-MESSAGES: :[[@LINE-25]]:41: note: cancellation token 'st'
  cva.wait_for(lk, 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wait_for' can delay noticing a stop request on 'st' by 1s
  // CHECK-MESSAGES: :[[@LINE-28]]:41: note: cancellation token 'st'
  cv.wait_for(lk, 999ms);
}

void futures(std::stop_token st, std::future<int> f, std::shared_future<int> sf,
             std::promise<void> &p) {
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-4]]:30: note: cancellation token 'st'
  sf.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'get' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-7]]:30: note: cancellation token 'st'
  sf.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-10]]:30: note: cancellation token 'st'
  p.get_future().get();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-13]]:30: note: cancellation token 'st'
  f.wait_for(100ms);
  f.wait_until(std::chrono::system_clock::now());
  f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'get' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-18]]:30: note: cancellation token 'st'
}

void threadsAndCounters(std::stop_token st, std::thread &t, std::jthread &jt,
                        std::latch &l, std::barrier<> &b,
                        std::counting_semaphore<4> &sem,
                        std::binary_semaphore &bin) {
  t.join();
  // Not reported: what t runs is not visible here (joining is not where
  // cancellation is lost unless the joined work itself blocks blind).
  // Joining a jthread is the idiom: not blind.
  jt.join();
  l.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-11]]:41: note: cancellation token 'st'
  l.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'arrive_and_wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-14]]:41: note: cancellation token 'st'
  b.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'arrive_and_wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-17]]:41: note: cancellation token 'st'
  b.wait(b.arrive());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-20]]:41: note: cancellation token 'st'
  sem.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'acquire' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-23]]:41: note: cancellation token 'st'
  bin.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'acquire' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-26]]:41: note: cancellation token 'st'
  // Not blind: non-blocking and bounded forms.
  (void)l.try_wait();
  (void)sem.try_acquire();
  (void)sem.try_acquire_for(50ms);
  (void)bin.try_acquire_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'try_acquire_until' can delay noticing a stop request on 'st' by 1s
  // CHECK-MESSAGES: :[[@LINE-33]]:41: note: cancellation token 'st'
}

void sleeps(std::stop_token st, std::chrono::milliseconds configured) {
  std::this_thread::sleep_for(2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 2s without observing cancellation of 'st'; sleep in short steps in a loop that checks 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: cancellation token 'st'
  std::this_thread::sleep_for(100ms);
  // Not reported: shorter than MaxStopLatency (1s); it was with the old
  // MinBlockingSleep default (100ms).
  std::this_thread::sleep_for(configured);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks without observing cancellation of 'st'; sleep in short steps
  // CHECK-MESSAGES: :[[@LINE-9]]:29: note: cancellation token 'st'
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_until' blocks for 5s without observing
  // CHECK-MESSAGES: :[[@LINE-12]]:29: note: cancellation token 'st'
  // Shorter than MaxStopLatency (1s): not a wait.
  std::this_thread::sleep_for(99ms);
  std::this_thread::sleep_for(0s);
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 10ms);
  const auto tick = 20ms;
  std::this_thread::sleep_for(tick);
}

// ---- The polling idiom -------------------------------------------------

void polling(std::stop_token st, std::chrono::seconds period) {
  // Each step delays noticing a stop by its length.
  while (!st.stop_requested())
    std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sleep_for' can delay noticing a stop request on 'st' by 1s; sleep in steps shorter than 1s, or wait on a condition_variable_any with 'st' [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: cancellation token 'st'
  for (;;) {
    if (st.stop_requested())
      return;
    std::this_thread::sleep_for(period);
  }
  do {
    std::this_thread::sleep_for(500ms);
  } while (!st.stop_requested());
}

void notPolling(std::stop_token st, bool once) {
  std::unique_lock<std::mutex> lk(m);
  // A loop that checks the token does not make an unbounded wait fine.
  while (!st.stop_requested())
    cv.wait(lk);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'wait' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-6]]:33: note: cancellation token 'st'
  // The check is not on every iteration.
  for (;;) {
    if (once) {
      if (st.stop_requested())
        return;
    }
    std::this_thread::sleep_for(1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sleep_for' blocks for 1s without observing
    // CHECK-MESSAGES: :[[@LINE-15]]:33: note: cancellation token 'st'
  }
}

// ---- Readiness checks ----------------------------------------------------

void readiness(std::stop_token st, std::future<int> f, std::future<int> g,
               std::shared_future<int> sf) {
  if (f.wait_for(0s) == std::future_status::ready)
    (void)f.get();
  if (sf.wait_for(0s) != std::future_status::ready)
    return;
  (void)sf.get();
  auto status = g.wait_for(10ms);
  if (status == std::future_status::ready) {
    g.wait();
  } else {
    g.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'wait' blocks without observing
    // CHECK-MESSAGES: :[[@LINE-13]]:32: note: cancellation token 'st'
  }
  // A test of another future guards nothing.
  if (f.wait_for(0s) == std::future_status::ready)
    (void)g.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'get' blocks without observing
    // CHECK-MESSAGES: :[[@LINE-19]]:32: note: cancellation token 'st'
}

void pollThenGet(std::stop_token st, std::future<int> f) {
  while (f.wait_for(50ms) != std::future_status::ready) {
    if (st.stop_requested())
      return;
  }
  (void)f.get();
}

// A timed wait that gives up on timeout: on the other edge the future is
// ready (or deferred), and get() returns at once.
int timedOutThenGet(std::stop_token st, std::future<int> f,
                    std::future<int> g) {
  if (f.wait_for(10ms) == std::future_status::timeout)
    return -1;
  int v = f.get();
  if (g.wait_for(10ms) != std::future_status::timeout)
    v += g.get();
  if (g.wait_for(10ms) == std::future_status::timeout)
    v += g.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'get' blocks without observing
    // CHECK-MESSAGES: :[[@LINE-10]]:37: note: cancellation token 'st'
  return v;
}

// ---- Woken on stop ---------------------------------------------------------

void stopCallbackWakes(std::stop_token st) {
  std::stop_callback wake(st, [] {
    std::lock_guard<std::mutex> g(m);
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

// Without the mutex, the notify can land between the waiter's test of its
// predicate and its block: a lost wakeup, reported at the notify.
void stopCallbackWakesRacily(std::stop_token st) {
  std::stop_callback wake(st, [] { cv.notify_all(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: lost wakeup: 'notify_all' on 'cv' runs on a stop request without holding 'm', the mutex its waiter uses
  // CHECK-MESSAGES: :[[@LINE+3]]:6: note: the wait on 'cv' that can miss it
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the stop callback registered here
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [&] { return ready || st.stop_requested(); });
}

void stopCallbackWakesAnother(std::stop_token st, std::counting_semaphore<1> &sem) {
  std::stop_callback wake(st, [&] { cv.notify_all(); });
  sem.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'acquire' blocks without observing cancellation of 'st'; use a bounded wait
  // CHECK-MESSAGES: :[[@LINE-4]]:47: note: cancellation token 'st'
}

class Worker {
public:
  Worker()
      : thread_([this](std::stop_token st) { run(st); }),
        other_([this](std::stop_token st) {
          while (!st.stop_requested())
            idle_.acquire();
          // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'acquire' blocks without observing cancellation of 'st'; use a bounded wait
          // CHECK-MESSAGES: :[[@LINE-4]]:39: note: cancellation token 'st'
        }) {}
  // The destructor requests stop and wakes the semaphore: run() is fine.
  ~Worker() {
    thread_.request_stop();
    sem_.release();
  }
  // idle_ is released, but not on a stop path: other_ stays blind.
  void poke() {
    idle_.release();
  }

private:
  void run(std::stop_token st) {
    while (!st.stop_requested())
      sem_.acquire();
  }
  std::counting_semaphore<8> sem_{0};
  std::counting_semaphore<8> idle_{0};
  std::jthread thread_;
  std::jthread other_;
};

// The owner's destructor wakes a member reached through its own members.
class SlotPool {
public:
  SlotPool() {
    for (int i = 0; i < 2; ++i)
      threads_.emplace_back([this, i](std::stop_token st) {
        while (!st.stop_requested())
          slots_[i].signal.acquire();
      });
  }
  ~SlotPool() {
    for (int i = 0; i < 2; ++i) {
      threads_[i].request_stop();
      slots_[i].signal.release();
    }
  }

private:
  struct Slot {
    std::binary_semaphore signal{0};
  };
  std::array<Slot, 2> slots_;
  std::vector<std::jthread> threads_;
};

// The function that requests stop then waits for the work to end.
void shutdown(std::stop_source src, std::thread &t) {
  src.request_stop();
  t.join();
}

// ---- Scopes ---------------------------------------------------------------

void jthreadLambdas() {
  std::jthread worker([](std::stop_token st) {
    std::unique_lock<std::mutex> lk(m);
    cva.wait(lk, [] { return ready; });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'st'; pass 'st' to the cancellation-aware overload [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-4]]:42: note: cancellation token 'st' declared here
    // CHECK-FIXES: cva.wait(lk, st, [] { return ready; });
  });
  // A plain thread with no token: not a cancellable scope.
  std::thread plain([] {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk);
  });
  plain.join();
}

void madeHere() {
  // A token the function makes for itself does not make it cancellable...
  std::stop_source src;
  std::stop_token own = src.get_token();
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk);
  // ...but a lambda it hands the token to is.
  auto task = [own] {
    std::unique_lock<std::mutex> lk2(m);
    cva.wait(lk2, [] { return ready; });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' blocks without observing cancellation of 'own'; pass 'own' to the cancellation-aware overload
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: cancellation token 'own' captured here
    // CHECK-FIXES: cva.wait(lk2, own, [] { return ready; });
  };
  task();
}

void noToken() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk);
  std::this_thread::sleep_for(10s);
}
