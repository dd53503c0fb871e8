#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "GpuTest.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/nodes/Exposure.h"
#include "emulsion/nodes/GpuFrame.h"

namespace emu::nodes {
namespace {

media::Image specialImage(media::PixelType type) {
    const int w = 41, h = 23;
    media::Image img(w, h, type);
    const float specials[] = {0.0f,
                              -0.0f,
                              1.0f,
                              -2.5f,
                              0.18f,
                              1000.0f,
                              65504.0f,
                              std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity(),
                              std::numeric_limits<float>::quiet_NaN(),
                              6e-8f};
    int i = 0;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            for (int c = 0; c < 4; ++c) {
                float v = (i % 5 == 0) ? specials[(i / 5) % 11] : std::sin(float(i)) * 4.0f;
                img.setSample(x, y, c, v);
                ++i;
            }
        }
    }
    return img;
}

TEST(Exposure, OneStopDoublesRgbAndKeepsAlpha) {
    media::Image img(2, 1, media::PixelType::Float);
    img.setSample(0, 0, 0, 0.25f);
    img.setSample(0, 0, 3, 0.5f);
    img.setSample(1, 0, 2, -3.0f);
    applyExposure(img, 1.0f);
    EXPECT_EQ(img.sample(0, 0, 0), 0.5f);
    EXPECT_EQ(img.sample(0, 0, 3), 0.5f);
    EXPECT_EQ(img.sample(1, 0, 2), -6.0f);
}

TEST(Exposure, GainIsTwoToTheStops) {
    EXPECT_EQ(exposureGain(0.0f), 1.0f);
    EXPECT_EQ(exposureGain(-2.0f), 0.25f);
    EXPECT_NEAR(exposureGain(0.5f), std::sqrt(2.0f), 1e-6f);
}

class ExposureGpu : public test::GpuTest,
                    public ::testing::WithParamInterface<std::tuple<media::PixelType, float>> {};

// Tolerance: bit-exact. Both sides multiply in fp32 with the same gain and round to the
// sample type to nearest even, so they must agree to the last bit, overflow to Inf included.
TEST_P(ExposureGpu, MatchesTheCpuReference) {
    auto [type, stops] = GetParam();
    media::Image input = specialImage(type);
    media::Image expected = input;
    applyExposure(expected, stops);

    gpu::KernelCache cache(device());
    cache.disableDisk();
    auto pass = ExposurePass::create(cache, gpuFormatFor(type));
    ASSERT_TRUE(pass.isOk()) << pass.status().message();
    auto src = uploadImage(device(), input);
    ASSERT_TRUE(src.isOk());
    auto dst = gpu::StorageImage::create(device(), input.width(), input.height(),
                                         gpu::ImageFormat::Rgba32f);
    auto batch = gpu::ComputeBatch::create(device());
    ASSERT_TRUE(dst.isOk() && batch.isOk());
    ASSERT_TRUE(pass->record(*batch, *src, *dst, stops).isOk());
    ASSERT_TRUE(batch->submitAndWait().isOk());
    auto out32 = downloadImage(device(), *dst);
    ASSERT_TRUE(out32.isOk());
    media::Image out = out32->converted(type);  // round to nearest even on the CPU

    for (int y = 0; y < input.height(); ++y) {
        for (int x = 0; x < input.width(); ++x) {
            for (int c = 0; c < 4; ++c) {
                float e = expected.sample(x, y, c), g = out.sample(x, y, c);
                if (std::isnan(e)) {
                    ASSERT_TRUE(std::isnan(g)) << x << "," << y << "," << c;
                } else {
                    ASSERT_EQ(g, e) << x << "," << y << "," << c;
                }
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(TypesAndStops, ExposureGpu,
                         ::testing::Combine(::testing::Values(media::PixelType::Half,
                                                              media::PixelType::Float),
                                            ::testing::Values(1.0f, -3.0f, 0.37f)));

}  // namespace
}  // namespace emu::nodes
