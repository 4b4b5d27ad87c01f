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
#define INTERNAL_CATCH_CAT2(a, b) a##b
#define INTERNAL_CATCH_CAT(a, b) INTERNAL_CATCH_CAT2(a, b)
#define TEST_CASE(...)                                                         \
  static void INTERNAL_CATCH_CAT(C_A_T_C_H_T_E_S_T_, __LINE__)()
