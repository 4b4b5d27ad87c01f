#pragma once

#include <goctx/context.h>

namespace service {

bool lookup(const goctx::ContextPtr &ctx, int key);
bool handle(goctx::ContextPtr server, int key);
void remember(int session, goctx::ContextPtr ctx);

} // namespace service
