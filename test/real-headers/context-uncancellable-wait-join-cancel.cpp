// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Two kinds of waits that are not where cancellation is lost (libstdc++):
//  - joining a thread, unless the joined callable is visible and itself
//    blocks at least MaxStopLatency without observing the token;
//  - waits in a scope that cancels the token itself (the canceller).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

std::mutex m;
std::condition_variable cv;
bool ready;

void setUp();
void work(std::stop_token st);

// ---- Joins ---------------------------------------------------------------

void joinsThreadThatObserves(std::stop_token st) {
  std::thread t([st] {
    while (!st.stop_requested())
      std::this_thread::sleep_for(10ms);
  });
  t.join();
}

void joinsSetUpWork(std::stop_token st, std::vector<std::thread> &threads) {
  std::thread t(setUp); // not visible: its body is elsewhere
  t.join();
  for (std::thread &w : threads)
    w.join();
}

void joinsShortWork(std::stop_token st) {
  std::thread t([] { std::this_thread::sleep_for(200ms); });
  t.join();
}

void joinsBlindThread(std::stop_token st) {
  std::thread t([] {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [] { return ready; });
  });
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'join' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-7]]:39: note: cancellation token 'st' declared here
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: the joined thread blocks here without observing the token
}

void joinsLongSleeper(std::stop_token st) {
  std::thread t([] { std::this_thread::sleep_for(5s); });
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'join' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-4]]:39: note: cancellation token 'st' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:40: note: the joined thread blocks here without observing the token
}

// ---- Cancellers ------------------------------------------------------------

void canceller(std::stop_source src) {
  std::this_thread::sleep_for(3s);
  src.request_stop();
}

void cancelsFromALambda(std::stop_source &src) {
  auto timeout = [&src] {
    std::this_thread::sleep_for(5s);
    src.request_stop();
  };
  timeout();
}

// Cancelling another source does not make this scope a canceller of 'st'.
void cancelsAnother(std::stop_token st, std::stop_source other) {
  std::this_thread::sleep_for(3s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 3s without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: cancellation token 'st' declared here
  other.request_stop();
}
