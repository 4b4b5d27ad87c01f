// A job used after it was moved into the queue.
#include <demo/queue.h>

#include <utility>

namespace demo {

const char *submit(Queue &queue, Job job) {
  queue.push(std::move(job));
  return job.name; // finding: bugprone-use-after-move
}

} // namespace demo
