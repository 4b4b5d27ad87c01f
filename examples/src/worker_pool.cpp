// The service's background threads: a pool of std::jthread workers fed from
// a job queue, a flusher that writes dirty state out, and a heartbeat.
// Every thread is handed a std::stop_token by its std::jthread; destroying
// the owner requests stop and joins, so a wait that cannot see the token
// hangs the destructor.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

namespace service {

class JobQueue {
public:
  void push(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }

  // Correct: the token goes to the wait, which returns when stop is
  // requested.
  std::optional<std::function<void()>> pop(std::stop_token st) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!ready_.wait(lock, st, [&] { return !jobs_.empty(); }))
      return std::nullopt;
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex mu_;
  std::condition_variable_any ready_;
  std::deque<std::function<void()>> jobs_;
};

class WorkerPool {
public:
  explicit WorkerPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this](std::stop_token st) { run(st); });
  }
  void submit(std::function<void()> job) { queue_.push(std::move(job)); }

private:
  void run(std::stop_token st) {
    while (std::optional<std::function<void()>> job = queue_.pop(st))
      (*job)();
  }
  JobQueue queue_;
  std::vector<std::jthread> workers_; // destroyed first: stop, then join
};

// Writes state out when it changes.
class Flusher {
public:
  explicit Flusher(std::function<void()> flush)
      : flush_(std::move(flush)), thread_([this](std::stop_token st) { loop(st); }) {}
  void markDirty() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      dirty_ = true;
    }
    cv_.notify_one();
  }

private:
  void loop(std::stop_token st) {
    while (!st.stop_requested()) {
      std::unique_lock<std::mutex> lock(mu_);
      // Bug: nothing wakes this wait when ~Flusher requests stop; the
      // predicate is only evaluated after a notify, so the join hangs
      // unless someone marks the state dirty once more.
      cv_.wait(lock, [&] { return dirty_ || st.stop_requested(); }); // finding: context-uncancellable-wait
      dirty_ = false;
      lock.unlock();
      flush_();
    }
  }
  std::function<void()> flush_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool dirty_ = false;
  std::jthread thread_;
};

// Reports liveness every few seconds.
class Heartbeat {
public:
  explicit Heartbeat(std::function<void()> beat)
      : beat_(std::move(beat)), thread_([this](std::stop_token st) { loop(st); }) {}

private:
  void loop(std::stop_token st) {
    // Bug: a 5s sleep the stop request cannot cut short.
    std::this_thread::sleep_for(std::chrono::seconds(5)); // finding: context-uncancellable-wait
    // Correct: short sleeps in a loop that checks the token.
    auto next = std::chrono::steady_clock::now();
    while (!st.stop_requested()) {
      if (std::chrono::steady_clock::now() >= next) {
        beat_();
        next += std::chrono::seconds(5);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  std::function<void()> beat_;
  std::jthread thread_;
};

} // namespace service
