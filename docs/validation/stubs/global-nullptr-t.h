// bongo names nullptr_t unqualified; the libstdc++ used here declares it in
// std only.
#pragma once
#include <cstddef>
using std::nullptr_t;
