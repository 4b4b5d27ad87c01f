#include "service/handler.h"

#include <chrono>

namespace service {

bool lookup(const goctx::ContextPtr &ctx, int key) {
  return ctx->Err().empty() && key % 2 == 0;
}

// Cancelled on the success path only: a rejected key leaks the child.
bool handle(goctx::ContextPtr server, int key) {
  auto [ctx, cancel] = goctx::WithTimeout(server, std::chrono::milliseconds(500)); // finding: context-lost-cancel
  if (key < 0)
    return false;
  bool found = lookup(ctx, key);
  cancel();
  return found;
}

} // namespace service
