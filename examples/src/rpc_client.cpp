// The RPC client: every call gets a context with its own budget, derived
// from the service's configured budgets.
#include <goctx/context.h>

#include <chrono>
#include <future>
#include <string>
#include <utility>

namespace rpc {

using namespace std::chrono_literals;

struct Response {
  int status = 0;
  std::string body;
};

// Budgets, in one place.  kCallBudget was lowered from 2s to 800ms; the
// code below was written when it was a whole number of seconds.
constexpr std::chrono::milliseconds kCallBudget = 800ms;
constexpr std::chrono::milliseconds kConnectBudget = 250ms;
// What is left for a retry after a connect and a first attempt: 800ms -
// 2 * 250ms - 300ms is nothing at all.
const std::chrono::milliseconds kRetryBudget = kCallBudget - 2 * kConnectBudget - 300ms;

struct Releaser {
  goctx::CancelFunc cancel;
  ~Releaser() { cancel(); }
};

Response send(const goctx::ContextPtr &ctx, const std::string &request) {
  if (!ctx->Err().empty())
    return {504, "deadline exceeded before sending " + request};
  return {200, request};
}

Response call(goctx::ContextPtr parent, const std::string &request) {
  // The wire header carries whole seconds, so the budget is cast first:
  // 800ms becomes 0s and every call times out before it is sent.
  auto [ctx, cancel] = goctx::WithTimeout(
      parent, std::chrono::duration_cast<std::chrono::seconds>(kCallBudget)); // finding: context-nonpositive-timeout
  Releaser release{cancel};
  return send(ctx, request);
}

Response retry(goctx::ContextPtr parent, const std::string &request) {
  auto [ctx, cancel] = goctx::WithTimeout(parent, kRetryBudget); // finding: context-nonpositive-timeout
  Releaser release{cancel};
  return send(ctx, request);
}

Response connectFirst(goctx::ContextPtr parent, const std::string &request) {
  // Correct: the budget in its own unit.
  auto [ctx, cancel] = goctx::WithTimeout(parent, kConnectBudget);
  Releaser release{cancel};
  return send(ctx, request);
}

// The audit record is sent under a fresh root context: when the caller
// cancels the request, the audit call goes on.  The fix passes `parent`, as
// connectFirst does (or goctx::WithoutCancel, if the port had it, to detach
// on purpose).
Response audit(goctx::ContextPtr parent, const std::string &request) {
  auto [ctx, cancel] = goctx::WithTimeout(goctx::Background(), kConnectBudget); // finding: context-detached-context
  Releaser release{cancel};
  return send(ctx, "audit " + request);
}

Response withDeadline(goctx::ContextPtr parent, const std::string &request) {
  // Correct: a deadline in the future.
  auto [ctx, cancel] = goctx::WithDeadline(parent, goctx::Clock::now() + kCallBudget);
  Releaser release{cancel};
  return send(ctx, request);
}

Response hedge(goctx::ContextPtr parent, const std::string &request,
               std::chrono::milliseconds elapsed) {
  // A deadline "as of the start of the request" that was meant to add the
  // budget: now() minus a constant is always in the past.
  auto [ctx, cancel] = goctx::WithDeadline(parent, goctx::Clock::now() - kConnectBudget); // finding: context-nonpositive-timeout
  Releaser release{cancel};
  if (elapsed > kCallBudget)
    return {504, "budget spent"};
  return send(ctx, request);
}

// Polling a future with a zero timeout is the idiom for "is it ready?":
// silent.
bool ready(std::future<Response> &pending) {
  return pending.wait_for(0s) == std::future_status::ready;
}

} // namespace rpc
