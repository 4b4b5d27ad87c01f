// REQUIRES: boost-fiber
// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -std=c++20
//
// Boost.Fiber's bounded channel operations and condition variables are
// poll-style: zero is silent, negative is reported, *_wait_until never.
#include <boost/fiber/all.hpp>
#include <chrono>

using namespace std::chrono_literals;

void channels(boost::fibers::buffered_channel<int> &ch, boost::fibers::condition_variable &cv,
              boost::fibers::mutex &m) {
  int v = 0;
  ch.pop_wait_for(v, 0ms);
  ch.pop_wait_for(v, -1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: timeout passed to 'pop_wait_for' is negative (-1ms); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  ch.push_wait_for(1, std::chrono::duration_cast<std::chrono::seconds>(10ms));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'duration_cast<seconds>' truncates 10ms to 0s; the timeout passed to 'push_wait_for' is zero and the call does not wait [context-nonpositive-timeout]
  ch.pop_wait_until(v, std::chrono::steady_clock::now());
  std::unique_lock<boost::fibers::mutex> lock(m);
  cv.wait_for(lock, -5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: timeout passed to 'wait_for' is negative (-5s); it behaves as a zero timeout and does not wait [context-nonpositive-timeout]
  cv.wait_for(lock, 0s);
}
