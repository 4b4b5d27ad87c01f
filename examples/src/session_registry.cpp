// The service's session registry: where requests are looked up by id, and
// where contexts and stop sources tend to end up stored for too long.
#include <goctx/context.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

namespace service {

struct Session {
  std::string user;
  int requests = 0;
};

// Sessions keep the context of the request that opened them: the context
// (and its cancellation tree) lives as long as the map entry, and a later
// request of the same session works under a context that is long gone.
std::map<int, goctx::ContextPtr> g_sessionContexts; // finding: context-stored-context
std::mutex g_sessionMutex;

// One stop source for "everything": a stop meant for one request stops them all.
std::stop_source g_stopAll; // finding: context-stored-context

void openSession(goctx::ContextPtr ctx, int id) {
  std::lock_guard<std::mutex> lock(g_sessionMutex);
  g_sessionContexts[id] = std::move(ctx);
}

// A "current request" context cached in a static: the next call sees the
// context of whichever request came first.
goctx::ContextPtr currentContext(goctx::ContextPtr fallback) {
  static goctx::ContextPtr cached = fallback; // finding: context-stored-context
  return cached;
}

// --- Correct forms: the checks stay silent on these.

// The session data without the context: the request passes its own down.
std::map<int, Session> g_sessions;

// Contexts used only as keys: a per-request attempt counter.
std::map<goctx::ContextPtr, int> g_attempts;

// A token that no source handed out can never be cancelled.
const std::stop_token &noStop() {
  static const std::stop_token none;
  return none;
}

// A worker owns the source of the thread it stops (CheckMembers is off).
class Worker {
public:
  void start() {
    thread_ = std::jthread([this](std::stop_token st) { run(st); });
  }
  void stop() { stop_.request_stop(); }

private:
  void run(std::stop_token st) {
    while (!st.stop_requested() && !stop_.stop_requested())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::stop_source stop_;
  std::jthread thread_;
};

bool serve(goctx::ContextPtr ctx, int id) {
  auto [child, cancel] = goctx::WithTimeout(ctx, std::chrono::seconds(1));
  bool ok;
  {
    std::lock_guard<std::mutex> lock(g_sessionMutex);
    ok = g_sessions.count(id) != 0 && child->Err().empty();
  }
  cancel();
  return ok;
}

} // namespace service
