// Mock of GoogleTest's fatal assertions: on failure they `return` from the
// enclosing (void) function, as the real GTEST_FATAL_FAILURE_ does.
#pragma once

namespace testing {
class AssertionResult {
public:
  explicit operator bool() const;
};
AssertionResult AssertTrue(bool);
void ReportFatalFailure(const char *file, int line, const char *message);
class Test {
public:
  virtual ~Test() = default;
  virtual void TestBody() = 0;
};
} // namespace testing

#define GTEST_FATAL_FAILURE_(message)                                          \
  return ::testing::ReportFatalFailure(__FILE__, __LINE__, message)
#define GTEST_TEST_BOOLEAN_(expression, text, fail)                            \
  if (const ::testing::AssertionResult gtest_ar_ =                             \
          ::testing::AssertTrue(expression))                                   \
    ;                                                                          \
  else                                                                         \
    fail(text)
#define ASSERT_TRUE(condition)                                                 \
  GTEST_TEST_BOOLEAN_(condition, #condition, GTEST_FATAL_FAILURE_)
#define ASSERT_FALSE(condition)                                                \
  GTEST_TEST_BOOLEAN_(!(condition), #condition, GTEST_FATAL_FAILURE_)
#define ASSERT_EQ(a, b) ASSERT_TRUE((a) == (b))
#define ASSERT_NE(a, b) ASSERT_TRUE((a) != (b))
#define EXPECT_TRUE(condition) (void)(condition)
#define GTEST_FAIL() GTEST_FATAL_FAILURE_("Failed")
#define FAIL() GTEST_FAIL()
#define TEST(suite, name)                                                      \
  class suite##_##name##_Test : public ::testing::Test {                       \
    void TestBody() override;                                                  \
  };                                                                           \
  void suite##_##name##_Test::TestBody()
