// A header of the project (not a system header) with a lost cancel handle.
#include <golang/context.h>
inline void inFilteredHeader(golang::context::Context p) {
  auto [c, cancel] =
      golang::context::with_cancel(p);
}
