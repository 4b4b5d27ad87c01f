// REQUIRES: boost-fiber
// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// Boost.Fiber channels in a fiber handed a std::stop_token.
#include <boost/fiber/all.hpp>
#include <chrono>
#include <stop_token>

using Channel = boost::fibers::buffered_channel<int>;

void consume(std::stop_token st, Channel &in,
             boost::fibers::unbuffered_channel<int> &out) {
  int v = 0;
  in.pop(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'pop' blocks without observing cancellation of 'st'; use a bounded wait in a loop that checks 'st', or wake it from a stop callback [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: cancellation token 'st' declared here
  v = in.value_pop();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'value_pop' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-8]]:30: note: cancellation token 'st' declared here
  in.push(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'push' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-11]]:30: note: cancellation token 'st' declared here
  out.push(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'push' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-14]]:30: note: cancellation token 'st' declared here
  (void)out.pop(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'pop' blocks without observing cancellation of 'st'
  // CHECK-MESSAGES: :[[@LINE-17]]:30: note: cancellation token 'st' declared here
  // Non-blocking and bounded forms.
  (void)in.try_pop(v);
  (void)in.try_push(v);
  (void)in.pop_wait_for(v, std::chrono::milliseconds(100));
  (void)out.push_wait_for(v, std::chrono::milliseconds(100));
}

// Closing the channel from a stop callback wakes the pop.
void closedOnStop(std::stop_token st, Channel &in) {
  std::stop_callback close(st, [&in] { in.close(); });
  int v;
  while (in.pop(v) == boost::fibers::channel_op_status::success) {
  }
}

// The owner requests stop and closes the channel: its worker is woken.
class Pipeline {
public:
  ~Pipeline() {
    stop_.request_stop();
    jobs_.close();
  }
  void work(std::stop_token st) {
    int v;
    while (!st.stop_requested() &&
           jobs_.pop(v) == boost::fibers::channel_op_status::success) {
    }
  }

private:
  std::stop_source stop_;
  Channel jobs_{16};
};
