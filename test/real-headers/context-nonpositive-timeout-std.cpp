// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -std=c++20
//
// libstdc++'s poll-style waits: a zero timeout is the "do not block" idiom
// and stays silent; a negative one, or one truncated to zero, is reported.
// Deadlines (wait_until, try_acquire_until) are never reported, and
// sleep_for takes no timeout at all.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <thread>

using namespace std::chrono_literals;
namespace chr = std::chrono;

constexpr auto kPollInterval = 200ms;

bool futures(std::future<int> &fut, std::shared_future<int> &shared) {
  bool ready = fut.wait_for(0s) == std::future_status::ready;
  ready = ready && shared.wait_for(chr::seconds::zero()) == std::future_status::ready;
  fut.wait_for(-1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: timeout passed to 'wait_for' is negative (-1s); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  shared.wait_for(chr::duration_cast<chr::seconds>(kPollInterval));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'duration_cast<seconds>' truncates 200ms to 0s; the timeout passed to 'wait_for' is zero and the call does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-9]]:16: note: 'kPollInterval' is defined here
  fut.wait_until(chr::steady_clock::now());
  fut.wait_until(chr::steady_clock::time_point::min());
  return ready && fut.wait_for(kPollInterval) == std::future_status::ready;
}

void conditionVariables(std::condition_variable &cv, std::condition_variable_any &any,
                        std::mutex &m) {
  std::unique_lock<std::mutex> lock(m);
  cv.wait_for(lock, 0ms);
  cv.wait_for(lock, 10ms - 20ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: timeout passed to 'wait_for' is negative (-10ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  cv.wait_for(lock, chr::floor<chr::seconds>(999ms), [] { return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'floor<seconds>' truncates 999ms to 0s; the timeout passed to 'wait_for' is zero and the call does not wait [context-nonpositive-timeout]
  any.wait_for(lock, -kPollInterval);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: timeout passed to 'wait_for' is negative (-200ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-25]]:16: note: 'kPollInterval' is defined here
  cv.wait_until(lock, chr::steady_clock::now() - 1s);
  any.wait_for(lock, kPollInterval);
}

void semaphoresAndMutexes(std::counting_semaphore<8> &sem, std::binary_semaphore &bin,
                          std::timed_mutex &tm, std::shared_timed_mutex &stm) {
  (void)sem.try_acquire_for(0ms);
  (void)sem.try_acquire_for(-1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: timeout passed to 'try_acquire_for' is negative (-1ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  (void)bin.try_acquire_for(chr::round<chr::seconds>(kPollInterval));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'round<seconds>' truncates 200ms to 0s; the timeout passed to 'try_acquire_for' is zero and the call does not wait [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-37]]:16: note: 'kPollInterval' is defined here
  (void)sem.try_acquire_until(chr::steady_clock::now());
  if (tm.try_lock_for(-2s))
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: timeout passed to 'try_lock_for' is negative (-2s); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
    tm.unlock();
  if (stm.try_lock_shared_for(0s))
    stm.unlock_shared();
  std::unique_lock<std::timed_mutex> lock(tm, std::defer_lock);
  (void)lock.try_lock_for(chr::milliseconds(-1));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'try_lock_for' is negative (-1ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
}

void sleeps() {
  // A yield, not a timeout.
  std::this_thread::sleep_for(0s);
  std::this_thread::sleep_for(-1ms);
  std::this_thread::sleep_until(chr::steady_clock::now());
}
