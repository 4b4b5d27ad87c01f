// The service's entry points: correct uses that every check stays silent on.
#include <goctx/context.h>

#include <chrono>
#include <stop_token>
#include <thread>

namespace service {

// Cancel is deferred with a scope guard: released on every path.
bool handleRequest(goctx::ContextPtr parent, int payload) {
  auto [ctx, cancel] = goctx::WithTimeout(parent, std::chrono::seconds(2));
  struct Defer {
    goctx::CancelFunc f;
    ~Defer() { f(); }
  } defer{cancel};
  if (payload < 0)
    return false;
  return ctx->Err().empty();
}

// The token is observed between bounded steps: cancellable.
void pollLoop(std::stop_token st) {
  while (!st.stop_requested())
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

} // namespace service
