#pragma once
#include "b.h"
#include <gocxx/context.h>
inline void timeoutInA(gocxx::context::ContextPtr p) { timeoutInB(p); }
