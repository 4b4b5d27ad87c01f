// A tiny fixed-capacity job queue shared by the demo sources.  It includes
// no heavy standard header, so that the many clang-tidy runs of the
// integration tests stay fast.
#pragma once

#include <cstddef>
#include <utility>

namespace demo {

struct Job {
  const char *name = "";
  int priority = 0;
};

class Queue {
public:
  bool push(Job &&job) {
    if (size_ == Capacity)
      return false;
    jobs_[(head_ + size_++) % Capacity] = std::move(job);
    return true;
  }
  bool empty() const { return size_ == 0; }
  Job pop() {
    Job job = std::move(jobs_[head_]);
    head_ = (head_ + 1) % Capacity;
    --size_;
    return job;
  }

private:
  static constexpr std::size_t Capacity = 64;
  Job jobs_[Capacity];
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

} // namespace demo
