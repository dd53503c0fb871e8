#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "emulsion/media/TestPattern.h"

namespace emu::media {
namespace {

constexpr PixelType kTypes[] = {PixelType::Half, PixelType::Float};

// FNV-1a over the image's bytes: a fingerprint to pin the exact output.
std::uint64_t fingerprint(const Image& img) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < img.sizeBytes(); ++i) {
        h = (h ^ std::uint64_t(img.data()[i])) * 0x100000001b3ull;
    }
    return h;
}

TEST(TestPattern, SameArgumentsGiveTheSameBits) {
    for (PixelType t : kTypes) {
        EXPECT_TRUE(makeNoise(33, 17, t, 99, -1.f, 2.f) == makeNoise(33, 17, t, 99, -1.f, 2.f));
        EXPECT_TRUE(makeTestChart(120, 90, t) == makeTestChart(120, 90, t));
        EXPECT_TRUE(makeColourPatches(60, 40, t) == makeColourPatches(60, 40, t));
    }
}

// Pinned values: noise is integer arithmetic plus one exact scaling, so these hold on every
// platform. A change here changes every test and demo image made from noise.
TEST(TestPattern, NoiseIsPinnedAcrossPlatforms) {
    const Image n = makeNoise(16, 16, PixelType::Float, 42, 0.f, 1.f);
    EXPECT_EQ(fingerprint(n), 0xc19511bc97313ca2ull) << std::hex << fingerprint(n);
}

TEST(TestPattern, SeedsGiveDifferentNoiseWithinRange) {
    const Image a = makeNoise(64, 64, PixelType::Float, 1, -0.5f, 0.25f);
    const Image b = makeNoise(64, 64, PixelType::Float, 2, -0.5f, 0.25f);
    EXPECT_FALSE(a == b);
    float lo = 1e9f, hi = -1e9f;
    for (int y = 0; y < 64; ++y) {
        for (int x = 0; x < 64; ++x) {
            for (int c = 0; c < 3; ++c) {
                lo = std::min(lo, a.sample(x, y, c));
                hi = std::max(hi, a.sample(x, y, c));
            }
            EXPECT_EQ(a.sample(x, y, 3), 1.f);
        }
    }
    EXPECT_GE(lo, -0.5f);
    EXPECT_LT(hi, 0.25f);
    EXPECT_LT(lo, -0.45f);  // and it spans the range
    EXPECT_GT(hi, 0.2f);
}

TEST(TestPattern, RampEndsAtItsLimits) {
    const Image r = makeRamp(11, 3, PixelType::Float, -1.f, 4.f);
    EXPECT_EQ(r.sample(0, 2, 0), -1.f);
    EXPECT_EQ(r.sample(10, 2, 1), 4.f);
    EXPECT_EQ(r.sample(5, 0, 2), 1.5f);
}

TEST(TestPattern, SpecialValuesArePresentInBothTypes) {
    for (PixelType t : kTypes) {
        const Image img = makeSpecialValues(8, 2, t);
        bool nan = false, posInf = false, negInf = false, negative = false, negZero = false,
             subnormal = false, large = false;
        for (int y = 0; y < img.height(); ++y) {
            for (int x = 0; x < img.width(); ++x) {
                for (int c = 0; c < 4; ++c) {
                    const float v = img.sample(x, y, c);
                    nan |= std::isnan(v);
                    posInf |= v == INFINITY;
                    negInf |= v == -INFINITY;
                    negative |= v < 0.f && std::isfinite(v);
                    negZero |= v == 0.f && std::signbit(v);
                    large |= std::isfinite(v) && std::abs(v) >= 65504.f;
                    if (t == PixelType::Float) {
                        subnormal |= std::fpclassify(v) == FP_SUBNORMAL;
                    } else {
                        subnormal |= v != 0.f && std::abs(v) < 6.103515625e-5f;  // below 2^-14
                    }
                }
            }
        }
        EXPECT_TRUE(nan && posInf && negInf && negative && negZero && subnormal && large)
            << toString(t);
    }
}

TEST(TestPattern, PatchesIncludeOutOfRangeValuesAndTheChartIsFinite) {
    const Image p = makeColourPatches(120, 96, PixelType::Half);
    bool above = false, below = false;
    for (int y = 0; y < p.height(); ++y) {
        for (int x = 0; x < p.width(); ++x) {
            for (int c = 0; c < 3; ++c) {
                above |= p.sample(x, y, c) > 1.f;
                below |= p.sample(x, y, c) < 0.f;
            }
        }
    }
    EXPECT_TRUE(above && below);
    const Image chart = makeTestChart(160, 90, PixelType::Float);
    for (int y = 0; y < chart.height(); ++y) {
        for (int x = 0; x < chart.width(); ++x) {
            for (int c = 0; c < 4; ++c) ASSERT_TRUE(std::isfinite(chart.sample(x, y, c)));
        }
    }
}

TEST(TestPattern, TinySizesDoNotFail) {
    for (PixelType t : kTypes) {
        EXPECT_EQ(makeTestChart(1, 1, t).width(), 1);
        EXPECT_EQ(makeColourPatches(3, 2, t).height(), 2);
        EXPECT_EQ(makeRamp(1, 1, t, 0.f, 1.f).sample(0, 0, 0), 0.f);
    }
}

}  // namespace
}  // namespace emu::media
