// A "system" header full of the patterns the checks report.
#pragma once
#include <chrono>
#include <gocxx/context.h>

namespace sysctx {
using namespace std::chrono_literals;
namespace gc = gocxx::context;

inline void inlineBugs(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  auto t = gc::WithTimeout(parent, 0ms);
  jobs.Recv();
}

template <typename T>
void instantiatedFromMain(gc::ContextPtr parent, gocxx::Chan<T> &jobs) {
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  auto t = gc::WithTimeout(parent, -1ms);
  jobs.Recv();
}

#define SYSCTX_EXPIRED(p) gc::WithTimeout(p, 0ms)
inline void macroBug(gc::ContextPtr p) { auto r = SYSCTX_EXPIRED(p); }
} // namespace sysctx
