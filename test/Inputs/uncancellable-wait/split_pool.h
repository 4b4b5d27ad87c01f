// A thread pool whose class is declared here and defined in the test's
// .cpp file (context-uncancellable-wait-flags.cpp): the stop flag, the
// wait and the racy write + notify lie in different files of one
// translation unit.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class SplitPool {
public:
  SplitPool();
  ~SplitPool();

private:
  void work();
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> quit_{false};
  std::thread thread_;
};

class SplitPoolFixed {
public:
  SplitPoolFixed();
  ~SplitPoolFixed();

private:
  void work();
  std::mutex mu_;
  std::condition_variable cv_;
  bool quit_ = false;
  std::thread thread_;
};
