// Request handling with per-request deadlines: each request gets a child
// context of the server's, and its CancelFunc must run when the request is
// done, or the child stays registered in the server context (with its
// timer) for as long as the server lives.
#include <goctx/context.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace service {

struct Request {
  std::string path;
  int attempts = 1;
  bool valid() const { return !path.empty(); }
};

bool lookup(const goctx::ContextPtr &ctx, const std::string &key);
void reply(const Request &req, bool found);

// Cancelled only on the success path: every rejected request leaks a child.
bool handleLookup(goctx::ContextPtr server, const Request &req) {
  auto [ctx, cancel] = goctx::WithTimeout(server, std::chrono::milliseconds(500)); // finding: context-lost-cancel
  if (!req.valid())
    return false;
  bool found = lookup(ctx, req.path);
  cancel();
  return found;
}

// Fixed: the cancel is deferred with a scope guard.
bool handleLookupDeferred(goctx::ContextPtr server, const Request &req) {
  auto [ctx, cancel] = goctx::WithTimeout(server, std::chrono::milliseconds(500));
  struct CancelOnExit {
    goctx::CancelFunc f;
    ~CancelOnExit() { f(); }
  } cleanup{cancel};
  if (!req.valid())
    return false;
  return lookup(ctx, req.path);
}

// A retry loop that creates a context per attempt and forgets the failed
// attempts' handles.
bool handleWithRetries(goctx::ContextPtr server, const Request &req) {
  for (int i = 0; i < req.attempts; ++i) {
    auto [ctx, cancel] = goctx::WithTimeout(server, std::chrono::seconds(1)); // finding: context-lost-cancel
    if (!lookup(ctx, req.path))
      continue;
    cancel();
    return true;
  }
  return false;
}

// Only the context is kept: nothing can ever cancel it.
void prefetch(goctx::ContextPtr server, const Request &req) {
  goctx::ContextPtr ctx = goctx::WithCancel(server).first; // finding: context-lost-cancel
  lookup(ctx, req.path);
}

// The handle goes to the caller, which now owns it: not a leak here.
std::pair<goctx::ContextPtr, goctx::CancelFunc> startRequest(goctx::ContextPtr server) {
  auto [ctx, cancel] = goctx::WithCancel(server);
  return {ctx, cancel};
}

// Handed to a worker thread that calls it when done.
void handleAsync(goctx::ContextPtr server, Request req, std::vector<std::thread> &workers) {
  auto [ctx, cancel] = goctx::WithDeadline(server, goctx::Clock::now() + std::chrono::seconds(5));
  workers.emplace_back([ctx, cancel, req] {
    reply(req, lookup(ctx, req.path));
    cancel();
  });
}

// An error thrown before the cancel skips it.
void handleStrict(goctx::ContextPtr server, const Request &req) {
  auto [ctx, cancel] = goctx::WithCancel(server); // finding: context-lost-cancel
  if (!req.valid())
    throw std::invalid_argument("empty path");
  reply(req, lookup(ctx, req.path));
  cancel();
}

} // namespace service
