// A null pointer written as 0 (modernize-use-nullptr has a fix-it).
#include <demo/queue.h>

namespace demo {

const Job *find(const Job *jobs, int count, int priority) {
  for (int i = 0; i < count; ++i)
    if (jobs[i].priority == priority)
      return &jobs[i];
  return 0; // finding: modernize-use-nullptr
}

} // namespace demo
