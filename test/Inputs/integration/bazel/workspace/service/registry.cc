#include "service/handler.h"
#include "service/registry.h"

#include <map>

namespace service {

std::map<int, goctx::ContextPtr> g_sessions; // finding: context-stored-context

void remember(int session, goctx::ContextPtr ctx) {
  if (session < kMaxSessions)
    g_sessions[session] = ctx;
}

} // namespace service
