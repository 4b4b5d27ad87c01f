// The file clangd-lost-wakeup-fix.test opens in context-clangd: a pool
// whose stop() clears its flag and notifies without the workers' mutex.
// Line numbers matter: the test asserts the diagnostics' ranges.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

class Pool {
public:
  void stop() {
    running_ = false;
    cv_.notify_all();
    for (std::thread &t : workers_)
      t.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !running_ || !jobs_.empty(); });
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> running_{true};
  std::vector<int> jobs_;
  std::vector<std::thread> workers_;
};
