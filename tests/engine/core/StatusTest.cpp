#include <gtest/gtest.h>

#include "emulsion/core/Result.h"

namespace emu::core {
namespace {

Result<int> parsePositive(int v) {
    if (v <= 0) return makeError(ErrorCode::InvalidArgument, "not positive");
    return v;
}

Result<int> doubled(int v) {
    EMU_ASSIGN_OR_RETURN(int x, parsePositive(v));
    return x * 2;
}

TEST(Status, OkByDefault) {
    Status s;
    EXPECT_TRUE(s.isOk());
    EXPECT_EQ(s.code(), ErrorCode::Ok);
}

TEST(Status, WithContextPrefixesTheMessage) {
    Status s = makeError(ErrorCode::CorruptData, "truncated").withContext("shot.exr");
    EXPECT_EQ(s.message(), "shot.exr: truncated");
    EXPECT_EQ(s.code(), ErrorCode::CorruptData);
}

TEST(Result, AssignOrReturnPropagatesTheError) {
    EXPECT_EQ(doubled(4).value(), 8);
    Result<int> r = doubled(-1);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().message(), "not positive");
}

}  // namespace
}  // namespace emu::core
