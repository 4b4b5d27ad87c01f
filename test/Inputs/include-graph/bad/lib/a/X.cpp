#include "lib/a/Y.h"
