// RUN: %check_clang_tidy %s context-lost-cancel %t -- -- -isystem %mocks
// The early return of a failed test assertion ends the path without a
// report (like vet's t.FailNow): the test has failed anyway.
#include <golang/context.h>
#include <gtest/gtest.h>
#include <catch2/catch.hpp>

namespace gctx = golang::context;
gctx::Context background();
bool ready(gctx::Context);

TEST(Context, GoogleTestAssertions) {
  auto [c, cancel] = gctx::with_timeout(background(), 1.0);
  ASSERT_TRUE(ready(c));
  ASSERT_EQ(ready(c), true);
  if (!ready(c))
    FAIL();
  cancel();
}

TEST(Context, PlainReturnStillLeaks) {
  auto [c, cancel] = gctx::with_timeout(background(), 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_timeout' is not called on all paths;
  ASSERT_TRUE(ready(c));
  if (!ready(c))
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: this return is reached without calling 'cancel'
  cancel();
}

void catch2Test() {
  auto [c, cancel] = gctx::with_cancel(background());
  REQUIRE(ready(c));
  REQUIRE_FALSE(!ready(c));
  CHECK(ready(c));
  cancel();
}
