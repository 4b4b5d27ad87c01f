// A system header (-isystem): context-* stays silent here, upstream checks
// run with --system-headers do not.
#include <golang/context.h>
int systemGlobal = 2;
inline void inSystemHeader(golang::context::Context p) {
  auto [c, cancel] = golang::context::with_cancel(p);
}
