// The file the LSP tests open in context-clangd.  Line numbers matter: the
// tests assert the diagnostics' ranges.
#include <goctx/context.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

namespace app {

using namespace std::chrono_literals;

// Known only through CheckOptions (TimeoutFunctions: '::app::retry_for:1').
void retry_for(goctx::ContextPtr ctx, std::chrono::milliseconds budget);

void leak(goctx::ContextPtr parent) {
  auto [ctx, cancel] = goctx::WithTimeout(parent, 500ms);
  ctx->Done();
}

void suppressed(goctx::ContextPtr parent) {
  auto [ctx, cancel] = goctx::WithCancel(parent); // NOLINT(context-lost-cancel)
  ctx->Done();
}

void expired(goctx::ContextPtr parent) {
  auto [ctx, cancel] = goctx::WithTimeout(parent, 0ms);
  cancel();
  retry_for(parent, 0ms);
}

std::mutex mu;
std::condition_variable_any cv;
bool ready = false;

void worker() {
  std::jthread t([](std::stop_token st) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [] { return ready; });
  });
}

} // namespace app
