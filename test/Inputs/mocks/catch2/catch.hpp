// Mock of Catch2's fatal assertions.  The real REQUIRE throws on failure;
// the mock uses a return so the CFG has an exit to recognise.
#pragma once

namespace Catch {
bool evaluate(bool);
void fail(const char *);
} // namespace Catch
#define REQUIRE(...)                                                           \
  do {                                                                         \
    if (!::Catch::evaluate(static_cast<bool>(__VA_ARGS__))) {                  \
      ::Catch::fail(#__VA_ARGS__);                                             \
      return;                                                                  \
    }                                                                          \
  } while (false)
#define REQUIRE_FALSE(...) REQUIRE(!(__VA_ARGS__))
#define CHECK(...) (void)::Catch::evaluate(static_cast<bool>(__VA_ARGS__))
