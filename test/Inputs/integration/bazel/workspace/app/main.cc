#include "service/handler.h"

extern "C" unsigned legacy_checksum(const char *data);

#include <chrono>

int main() {
  auto [ctx, cancel] = goctx::WithTimeout(goctx::Background(), std::chrono::milliseconds(0)); // finding: context-nonpositive-timeout
  bool found = service::handle(ctx, 4);
  cancel();
  return found && legacy_checksum("x") != 0 ? 0 : 1;
}
