// RUN: %check_clang_tidy %s context-lost-cancel %t -- -config="{CheckOptions: {context-lost-cancel.CheckSources: true}}" -- -std=c++20
// The check on libstdc++: std::function and function-pointer handles,
// std::pair/std::tuple/std::optional results, std::thread and std::jthread
// as owners, std::stop_source as a source (CheckSources).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

bool cond();
namespace app {
class Context {
public:
  virtual ~Context() = default;
  virtual bool Done() = 0;
  virtual const char *Err() = 0;
};
using ContextPtr = std::shared_ptr<Context>;
std::pair<ContextPtr, std::function<void()>> WithCancel(ContextPtr parent);
std::optional<std::pair<ContextPtr, std::function<void()>>>
WithTimeout(ContextPtr parent, std::chrono::milliseconds timeout);
std::tuple<ContextPtr, void (*)()> WithDeadline(ContextPtr parent,
                                               std::chrono::steady_clock::time_point d);
} // namespace app

void functionHandle(app::ContextPtr p) {
  auto [c, cancel] = app::WithCancel(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'WithCancel' is not called on all paths;
  if (c->Done())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  std::invoke(cancel);
}

void optionalResult(app::ContextPtr p) {
  auto r = app::WithTimeout(p, std::chrono::milliseconds(5));
  if (!r)
    return; // nothing to cancel
  auto [c, cancel] = *r;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'WithTimeout' is not called on all paths;
  if (cond())
    throw 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this throw is reached without calling 'cancel'
  r->second();
}

void functionPointerHandle(app::ContextPtr p) {
  auto [c, stop] = app::WithDeadline(p, std::chrono::steady_clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'stop' returned by 'WithDeadline' is not called on all paths;
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'stop'
  (*stop)();
}

void handedToThreads(app::ContextPtr p, std::vector<std::jthread> &pool) {
  auto [c1, cancel1] = app::WithCancel(p);
  std::jthread t1(cancel1);
  auto [c2, cancel2] = app::WithCancel(p);
  std::thread t2([cancel2] { cancel2(); });
  t2.detach();
  auto [c3, cancel3] = app::WithCancel(p);
  pool.emplace_back([=] { cancel3(); });
}

void handleDiscarded(app::ContextPtr p) {
  auto c = std::get<0>(app::WithCancel(p));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: the cancel handle returned by 'WithCancel' is discarded and only the context is kept;
}

void worker(std::stop_token st);

void stopSourceNotStopped() {
  std::stop_source src;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the cancellation source 'src' gave its token to a thread or other owner, but 'request_stop' is not called on all paths; the owner may wait forever for a stop request [context-lost-cancel]
  std::jthread t(worker, src.get_token());
  if (cond())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'request_stop' on 'src'
  src.request_stop();
}

void stopSourceCapturedByThread() {
  std::stop_source src;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the cancellation source 'src' gave its token to a thread or other owner, but 'request_stop' is not called on all paths;
  std::jthread t([&] {
    while (!src.stop_requested())
      std::this_thread::yield();
  });
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'request_stop' on 'src'

void stopSourceStopped() {
  std::stop_source src;
  std::jthread t(worker, src.get_token());
  if (cond()) {
    src.request_stop();
    return;
  }
  src.request_stop();
}

// The thread was joined: nothing waits on the token any more.
void threadJoined() {
  std::stop_source src;
  std::thread t(worker, src.get_token());
  t.join();
}

// A jthread's own stop source is requested by its destructor.
void jthreadOwnToken() {
  std::jthread t([](std::stop_token st) {
    while (!st.stop_requested())
      std::this_thread::yield();
  });
}

// The token was never handed to anyone.
void tokenKept() {
  std::stop_source src;
  std::stop_token tok = src.get_token();
  if (tok.stop_requested())
    return;
}
