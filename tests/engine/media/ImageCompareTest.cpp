#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "emulsion/media/ImageCompare.h"
#include "emulsion/media/TestPattern.h"

namespace emu::media {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(ImageCompare, IdenticalImagesHaveInfinitePsnr) {
    const Image a = makeSpecialValues(8, 8, PixelType::Half);
    auto d = compareImages(a, a);
    ASSERT_TRUE(d.isOk());
    EXPECT_TRUE(d->identical());
    EXPECT_EQ(d->psnrDb, std::numeric_limits<double>::infinity());
    EXPECT_EQ(d->comparedSamples, 8u * 8u * 4u);
    EXPECT_EQ(d->worstX, -1);
}

TEST(ImageCompare, NanMatchesNanAndInfinityTheSameInfinity) {
    Image a(2, 1, PixelType::Float);
    a.setSample(0, 0, 0, kNaN);
    a.setSample(1, 0, 0, -kInf);
    Image b = a;
    b.setSample(0, 0, 0, -kNaN);  // another NaN pattern is still NaN
    auto d = compareImages(a, b);
    ASSERT_TRUE(d.isOk());
    EXPECT_TRUE(d->identical()) << d->describe();
}

TEST(ImageCompare, NonFiniteMismatchesAreCountedAndLocated) {
    Image a(3, 2, PixelType::Float);
    Image b = a;
    a.setSample(1, 1, 2, kNaN);  // NaN vs 0
    a.setSample(2, 1, 0, kInf);  // +Inf vs -Inf
    b.setSample(2, 1, 0, -kInf);
    a.setSample(0, 0, 1, 0.5f);  // a finite error before them
    auto d = compareImages(a, b);
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->mismatchedNonFinite, 2u);
    EXPECT_EQ(d->maxAbsError, 0.5);
    EXPECT_EQ(d->worstX, 1);
    EXPECT_EQ(d->worstY, 1);
    EXPECT_EQ(d->worstChannel, 2);
    EXPECT_FALSE(d->identical());
}

TEST(ImageCompare, ErrorsAndPsnrFollowTheirDefinitions) {
    Image a(4, 4, PixelType::Float);
    Image b = a;
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 4; ++x) {
            for (int c = 0; c < 4; ++c) b.setSample(x, y, c, 0.1f);
        }
    }
    b.setSample(3, 2, 1, 0.25f);
    a.setSample(3, 2, 1, 0.5f);  // abs 0.25, rel 0.5
    auto d = compareImages(a, b);
    ASSERT_TRUE(d.isOk());
    EXPECT_NEAR(d->maxAbsError, 0.25, 1e-7);
    EXPECT_NEAR(d->maxRelError, 1.0, 1e-7);  // 0.1 against 0: floor keeps it at 1, not inf
    EXPECT_EQ(d->worstX, 3);
    EXPECT_EQ(d->worstY, 2);
    EXPECT_EQ(d->worstChannel, 1);
    const double mse = (63 * 0.01 + 0.0625) / 64.0;
    EXPECT_NEAR(d->psnrDb, 10.0 * std::log10(1.0 / mse), 1e-4);
    EXPECT_NE(d->describe().find("(3, 2)"), std::string::npos) << d->describe();
}

TEST(ImageCompare, ChannelCountLimitsTheComparison) {
    Image a(2, 2, PixelType::Half);
    Image b = a;
    b.setSample(1, 1, 3, 1.f);
    auto rgb = compareImages(a, b, 3);
    ASSERT_TRUE(rgb.isOk());
    EXPECT_TRUE(rgb->identical());
    EXPECT_EQ(rgb->comparedSamples, 12u);
    EXPECT_FALSE(compareImages(a, b, 4)->identical());
}

TEST(ImageCompare, HalfAndFloatCompareByValue) {
    const Image h = makeRamp(9, 2, PixelType::Half, 0.f, 1.f);
    auto d = compareImages(h, h.converted(PixelType::Float));
    ASSERT_TRUE(d.isOk());
    EXPECT_TRUE(d->identical());
}

TEST(ImageCompare, BadArgumentsAreErrors) {
    const Image a(2, 2, PixelType::Float);
    const Image b(3, 2, PixelType::Float);
    EXPECT_EQ(compareImages(a, b).status().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(compareImages(a, a, 0).status().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(compareImages(a, a, 5).status().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace emu::media
