#ifndef CYCLE_GUARDED_B_H
#define CYCLE_GUARDED_B_H
#include "a.h"
#include <gocxx/context.h>
#include <chrono>
// Findings in a header the main file includes: reported with -header-filter.
inline void timeoutInB(gocxx::context::ContextPtr p) {
  auto r = gocxx::context::WithTimeout(p, std::chrono::milliseconds(0));
}
#endif
