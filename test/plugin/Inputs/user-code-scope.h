// A header of the project (not a system header).
#include <golang/context.h>
int headerGlobal = 1;
inline void inHeader(golang::context::Context p) {
  auto [c, cancel] =
      golang::context::with_cancel(p);
}
