// No include guard: a.h -> b.h -> a.h -> ... until the nesting limit.
#include "b.h"
inline int fromA() { return 1; }
