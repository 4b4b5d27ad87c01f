#include "service/handler.h"

#include <chrono>

// Correct: the child is cancelled on every path.
int main() {
  auto [ctx, cancel] = goctx::WithTimeout(goctx::Background(), std::chrono::seconds(1));
  bool found = service::handle(ctx, 2);
  cancel();
  return found ? 0 : 1;
}
