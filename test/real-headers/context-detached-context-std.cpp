// RUN: %check_clang_tidy %s context-detached-context %t -- -- -std=c++20
// libstdc++'s std::stop_token: a user API with a defaulted token parameter,
// and overload sets with and without a token (.NET's CA2016).
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

struct Item {};
void process(const Item &item, std::stop_token st = {});

class Store {
public:
  std::string load(const std::string &key);
  std::string load(const std::string &key, std::stop_token st);
  void save(const std::string &key, const std::string &value);
  void save(std::stop_token st, const std::string &key,
            const std::string &value);
  void flush();
};

void worker(std::stop_token st, Store &store, const std::vector<Item> &items) {
  for (const Item &item : items)
    process(item);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'process' leaves its cancellation token parameter 'st' to the default, a cancellation token that is not cancelled with 'st'; pass 'st' (or an explicit empty cancellation token to detach on purpose) [context-detached-context]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: cancellation token 'st' declared here
  // CHECK-FIXES: process(item, st);
  std::string v = store.load("k");
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'load' is called without a cancellation token while an overload takes one; the call is not cancelled with 'st'; pass 'st' (or an explicit empty cancellation token to detach on purpose) [context-detached-context]
  // CHECK-MESSAGES: :17:15: note: the overload that takes a cancellation token
  // CHECK-MESSAGES: :24:29: note: cancellation token 'st' declared here
  // CHECK-FIXES: std::string v = store.load("k", st);
  store.save("k", v);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'save' is called without a cancellation token while an overload takes one
  // CHECK-MESSAGES: :19:8: note: the overload that takes a cancellation token
  // CHECK-MESSAGES: :24:29: note: cancellation token 'st' declared here
  // CHECK-FIXES: store.save(st, "k", v);
  // No overload takes a token.
  store.flush();
  // Detached on purpose: an explicit empty token.
  process(items.front(), std::stop_token{});
  (void)store.load("k", std::stop_token());
  // Passed on.
  process(items.front(), st);
  (void)store.load("k", st);
}

// A std::stop_source is not a token: it cannot be passed as one.
void sourceOnly(std::stop_source src, const Item &item) {
  process(item);
  src.request_stop();
}

// A std::jthread callable: its stop_token is the scope's token.
void spawn(Store &store) {
  std::jthread t([&store](std::stop_token st) {
    (void)store.load("k");
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'load' is called without a cancellation token while an overload takes one
    // CHECK-MESSAGES: :17:15: note: the overload that takes a cancellation token
    // CHECK-MESSAGES: :[[@LINE-4]]:43: note: cancellation token 'st' declared here
    // CHECK-FIXES: (void)store.load("k", st);
  });
}

// condition_variable_any::wait without the token is context-uncancellable-wait's.
void waits(std::stop_token st, std::mutex &m, std::condition_variable_any &cv) {
  std::unique_lock lock(m);
  cv.wait(lock, [] { return true; });
}

// main and its lambdas are not checked.
int main() {
  std::jthread t([](std::stop_token st) { process(Item{}); });
}
