// A tiny job queue shared by the demo sources.
#pragma once

#include <deque>
#include <string>
#include <utility>

namespace demo {

struct Job {
  std::string name;
  int priority = 0;
};

class Queue {
public:
  void push(Job job) { jobs_.push_back(std::move(job)); }
  bool empty() const { return jobs_.empty(); }
  Job pop() {
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    return job;
  }

private:
  std::deque<Job> jobs_;
};

} // namespace demo
