#include "a.h"
inline int fromB() { return 2; }
