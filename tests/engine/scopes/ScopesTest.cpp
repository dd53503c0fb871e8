#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "GpuTest.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/nodes/GpuFrame.h"
#include "emulsion/scopes/CpuScope.h"
#include "emulsion/scopes/GpuScope.h"
#include "emulsion/scopes/ScopeRender.h"

namespace emu::scopes {
namespace {

using media::PixelType;

// Every plane accounts for every pixel: binned once, or counted as NaN.
void expectEveryPixelCounted(const ScopeData& d) {
    ASSERT_EQ(d.stats.size(), std::size_t(d.planes));
    for (int p = 0; p < d.planes; ++p) {
        EXPECT_EQ(d.total(p) + d.stats[std::size_t(p)].nan, d.pixels) << "plane " << p;
    }
}

// Values on and one float step either side of every bin edge of 256 bins over [0, 1] and of
// the chroma range, where the slightest difference in arithmetic shows.
media::Image makeBinEdges(PixelType type) {
    constexpr int kWidth = 257;
    media::Image img(kWidth, 6, type);
    for (int x = 0; x < kWidth; ++x) {
        const float edge = float(x) / 256.0f;
        const float values[] = {edge,
                                std::nextafter(edge, -1.0f),
                                std::nextafter(edge, 2.0f),
                                edge - 0.5f,
                                0.2126f * edge,
                                edge * 0.75f};
        for (int y = 0; y < 6; ++y) {
            img.setSample(x, y, 0, values[y]);
            img.setSample(x, y, 1, values[(y + 1) % 6]);
            img.setSample(x, y, 2, values[(y + 3) % 6]);
            img.setSample(x, y, 3, 1.0f);
        }
    }
    return img;
}

TEST(ScopeCpu, GreyLandsInItsLevelAndTheCentreOfTheVectorscope) {
    media::Image img = media::makeRamp(64, 8, PixelType::Float, 0.5f, 0.5f);
    auto wave = computeScopeCpu(img, {ScopeType::Waveform, 16, 256, 64});
    ASSERT_TRUE(wave.isOk()) << wave.status().message();
    for (int x = 0; x < 16; ++x) EXPECT_EQ(wave->at(0, x, 128), 4u * 8u);
    EXPECT_EQ(wave->total(0), 64u * 8u);

    auto vec = computeScopeCpu(img, {ScopeType::Vectorscope, 16, 256, 64});
    ASSERT_TRUE(vec.isOk());
    EXPECT_EQ(vec->at(0, 32, 32), 64u * 8u);
}

TEST(ScopeCpu, WhiteIsExactlyOneNotAbove) {
    media::Image img = media::makeRamp(8, 8, PixelType::Half, 1.0f, 1.0f);
    auto wave = computeScopeCpu(img, {ScopeType::Waveform, 8, 100, 64});
    ASSERT_TRUE(wave.isOk());
    EXPECT_EQ(wave->stats[0].above, 0u);
    EXPECT_EQ(wave->at(0, 0, 99), 8u);
}

TEST(ScopeCpu, OutOfRangeGoesToTheEndBinsAndNanIsCountedApart) {
    media::Image img(4, 1, PixelType::Float);
    const float inf = std::numeric_limits<float>::infinity();
    const float values[] = {-0.5f, 7.0f, inf, std::numeric_limits<float>::quiet_NaN()};
    for (int x = 0; x < 4; ++x) {
        for (int c = 0; c < 3; ++c) img.setSample(x, 0, c, values[x]);
    }
    auto h = computeScopeCpu(img, {ScopeType::Histogram, 4, 10, 64});
    ASSERT_TRUE(h.isOk());
    for (int p = 0; p < 3; ++p) {
        EXPECT_EQ(h->at(p, 0, 0), 1u);
        EXPECT_EQ(h->at(p, 9, 0), 2u);
        EXPECT_EQ(h->stats[std::size_t(p)], (PlaneStats{1, 1, 2}));
    }
    expectEveryPixelCounted(*h);
}

TEST(ScopeCpu, ColumnsNeverExceedTheImageWidth) {
    auto d =
        computeScopeCpu(media::Image(40, 2, PixelType::Float), {ScopeType::Waveform, 512, 8, 8});
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->width, 40);
    EXPECT_EQ(d->at(0, 39, 0), 2u);
}

TEST(ScopeCpu, ParadeColumnsFollowTheImage) {
    // Red ramps up across the image: each column bin holds the levels of its own columns.
    media::Image img = media::makeRamp(100, 3, PixelType::Float, 0.0f, 0.99f);
    auto parade = computeScopeCpu(img, {ScopeType::Parade, 10, 10, 64});
    ASSERT_TRUE(parade.isOk());
    EXPECT_EQ(parade->width, 10);
    EXPECT_EQ(parade->planes, 3);
    EXPECT_EQ(parade->at(0, 0, 0), 30u);  // columns 0..9 at 0..0.09
    std::uint32_t lastColumn = 0;         // columns 90..99: 0.9 sits on a bin edge
    for (int y = 0; y < 10; ++y) lastColumn += parade->at(0, 9, y);
    EXPECT_EQ(lastColumn, 30u);
    EXPECT_GE(parade->at(0, 9, 9), 27u);
}

TEST(ScopeCpu, RefusesBadSettings) {
    media::Image img(8, 8, PixelType::Float);
    EXPECT_EQ(computeScopeCpu(img, {ScopeType::Waveform, 0, 16, 16}).status().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(computeScopeCpu(img, {ScopeType::Histogram, 8, 0, 16}).status().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(computeScopeCpu(img, {ScopeType::Vectorscope, 8, 16, 5000}).status().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(computeScopeCpu(media::Image(), {}).status().code(), ErrorCode::InvalidArgument);
}

TEST(ScopeType, IdsRoundTrip) {
    for (ScopeType t :
         {ScopeType::Waveform, ScopeType::Parade, ScopeType::Vectorscope, ScopeType::Histogram}) {
        EXPECT_EQ(parseScopeType(toString(t)), t);
    }
    EXPECT_FALSE(parseScopeType("cie").has_value());
}

TEST(ScopeRender, DrawsAtTheRequestedSizeWithTracesOnDark) {
    media::Image img = media::makeTestChart(160, 90, PixelType::Half);
    for (ScopeType t :
         {ScopeType::Waveform, ScopeType::Parade, ScopeType::Vectorscope, ScopeType::Histogram}) {
        auto d = computeScopeCpu(img, {t, 80, 64, 64});
        ASSERT_TRUE(d.isOk());
        auto pic = renderScope(*d, 200, 120);
        ASSERT_TRUE(pic.isOk()) << pic.status().message();
        EXPECT_EQ(pic->width(), 200);
        EXPECT_EQ(pic->height(), 120);
        EXPECT_LT(pic->sample(0, 0, 1), 0.1f) << toString(t);  // background in the corner
        float brightest = 0.0f;
        for (int y = 0; y < 120; ++y) {
            for (int x = 0; x < 200; ++x) brightest = std::max(brightest, pic->sample(x, y, 1));
        }
        EXPECT_GT(brightest, 0.7f) << toString(t);
    }
    auto d = computeScopeCpu(img, {});
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(renderScope(*d, 10, 10).status().code(), ErrorCode::InvalidArgument);
}

// --- GPU against the CPU reference ----------------------------------------------------------

enum class Input { Noise, Ramp, Chart, Special, BinEdges };

struct Case {
    Input input;
    PixelType type;
    ScopeType scope;
};

media::Image makeInput(Input input, PixelType type) {
    switch (input) {
        case Input::Noise:
            return media::makeNoise(203, 97, type, 7, -0.25f, 1.25f);
        case Input::Ramp:
            return media::makeRamp(317, 29, type, -0.1f, 1.1f);
        case Input::Chart:
            return media::makeColourPatches(240, 135, type);
        case Input::Special:
            return media::makeSpecialValues(67, 41, type);
        case Input::BinEdges:
            return makeBinEdges(type);
    }
    return {};
}

const char* inputName(Input input) {
    switch (input) {
        case Input::Noise:
            return "Noise";
        case Input::Ramp:
            return "Ramp";
        case Input::Chart:
            return "Chart";
        case Input::Special:
            return "Special";
        case Input::BinEdges:
            return "BinEdges";
    }
    return "?";
}

class ScopeGpu : public test::GpuTest, public ::testing::WithParamInterface<Case> {};

// Tolerance: none. The kernel and the reference bin with the same arithmetic (see
// shaders/include/scopes.glsl), so every count and every NaN / below / above tally is equal.
TEST_P(ScopeGpu, CountsEqualTheCpuReference) {
    const Case c = GetParam();
    const media::Image img = makeInput(c.input, c.type);
    // Column bins that do not divide the width, and levels that are not a power of two.
    const ScopeSettings settings{c.scope, std::min(img.width(), 61), 250, 96};
    auto expected = computeScopeCpu(img, settings);
    ASSERT_TRUE(expected.isOk()) << expected.status().message();
    expectEveryPixelCounted(*expected);

    gpu::KernelCache cache(device());
    cache.disableDisk();
    auto src = nodes::uploadImage(device(), img);
    ASSERT_TRUE(src.isOk()) << src.status().message();
    auto got = computeScope(device(), cache, *src, settings);
    ASSERT_TRUE(got.isOk()) << got.status().message();
    EXPECT_EQ(got->width, expected->width);
    EXPECT_EQ(got->height, expected->height);
    EXPECT_EQ(got->planes, expected->planes);
    EXPECT_EQ(got->pixels, img.pixelCount());
    for (std::size_t p = 0; p < expected->stats.size(); ++p) {
        EXPECT_EQ(got->stats[p], expected->stats[p]) << "plane " << p;
    }
    std::size_t differing = 0;
    for (std::size_t i = 0; i < expected->counts.size(); ++i) {
        if (got->counts[i] != expected->counts[i] && differing++ < 5) {
            ADD_FAILURE() << "bin " << i << ": GPU " << got->counts[i] << ", CPU "
                          << expected->counts[i];
        }
    }
    EXPECT_EQ(differing, 0u);
    expectEveryPixelCounted(*got);
}

std::vector<Case> allCases() {
    std::vector<Case> cases;
    for (Input in : {Input::Noise, Input::Ramp, Input::Chart, Input::Special, Input::BinEdges}) {
        for (PixelType t : {PixelType::Half, PixelType::Float}) {
            for (ScopeType s : {ScopeType::Waveform, ScopeType::Parade, ScopeType::Vectorscope,
                                ScopeType::Histogram}) {
                cases.push_back({in, t, s});
            }
        }
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(InputsTypesScopes, ScopeGpu, ::testing::ValuesIn(allCases()),
                         [](const auto& info) {
                             std::string name = inputName(info.param.input);
                             name += info.param.type == PixelType::Half ? "Half" : "Float";
                             name += toString(info.param.scope);
                             return name;
                         });

TEST_F(ScopeGpu, OneBatchCarriesSeveralScopes) {
    const media::Image img = media::makeTestChart(192, 108, PixelType::Half);
    gpu::KernelCache cache(device());
    cache.disableDisk();
    auto src = nodes::uploadImage(device(), img);
    auto batch = gpu::ComputeBatch::create(device(), 4);
    ASSERT_TRUE(src.isOk() && batch.isOk());
    GpuScope wave(device(), cache);
    GpuScope vec(device(), cache);
    const ScopeSettings w{ScopeType::Waveform, 192, 128, 64};
    const ScopeSettings v{ScopeType::Vectorscope, 192, 128, 64};
    ASSERT_TRUE(wave.record(*batch, *src, w).isOk());
    ASSERT_TRUE(vec.record(*batch, *src, v).isOk());
    ASSERT_TRUE(batch->submitAndWait().isOk());
    EXPECT_EQ(*wave.result(), *computeScopeCpu(img, w));
    EXPECT_EQ(*vec.result(), *computeScopeCpu(img, v));
    EXPECT_EQ(batch->timings().size(), 2u);
}

TEST_F(ScopeGpu, RefusesMattesAndBadSettings) {
    gpu::KernelCache cache(device());
    cache.disableDisk();
    auto matte = gpu::StorageImage::create(device(), 16, 16, gpu::ImageFormat::R16f);
    auto rgba = gpu::StorageImage::create(device(), 16, 16, gpu::ImageFormat::Rgba16f);
    ASSERT_TRUE(matte.isOk() && rgba.isOk());
    EXPECT_EQ(computeScope(device(), cache, *matte, {}).status().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(computeScope(device(), cache, *rgba, {ScopeType::Parade, 8, 5000, 8}).status().code(),
              ErrorCode::InvalidArgument);
    GpuScope scope(device(), cache);
    EXPECT_EQ(scope.result().status().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace emu::scopes
