// A third-party header, included as a system header: what it does is not
// the user's to fix.
#pragma once
#include <gocxx/context.h>

namespace vendor {
inline auto expiredContext(gocxx::context::ContextPtr p) {
  return gocxx::context::WithTimeout(p, std::chrono::milliseconds(0));
}
#define VENDOR_EXPIRED(p) gocxx::context::WithTimeout(p, std::chrono::milliseconds(-1))
} // namespace vendor
