// Correct code: no finding.
#include <demo/queue.h>

namespace demo {

int drain(Queue &queue) {
  int total = 0;
  while (!queue.empty())
    total += queue.pop().priority;
  return total;
}

} // namespace demo
