#include "clang-tidy/ClangTidyCheck.h"
#include "lib/d/D.h"
