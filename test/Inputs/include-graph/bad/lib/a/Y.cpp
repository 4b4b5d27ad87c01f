#include "lib/a/X.h"
