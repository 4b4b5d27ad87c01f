#include "lib/a/X.h"
#include "lib/Loose.h"
