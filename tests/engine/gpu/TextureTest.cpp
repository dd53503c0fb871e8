#include "emulsion/gpu/Texture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "GpuTest.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/gpu/StorageImage.h"

namespace emu::gpu {
namespace {

// dst[i] = textureLod(lut, coords[i], 0): one sample per pixel of an N x 1 image, with the
// normalised coordinates computed on the CPU so the test controls every bit of them.
std::string samplingKernel(int dimensions) {
    const char* type = dimensions == 1 ? "sampler1D" : dimensions == 2 ? "sampler2D" : "sampler3D";
    const char* swizzle = dimensions == 1 ? "x" : dimensions == 2 ? "xy" : "xyz";
    return std::string(R"(#version 460
#include "common.glsl"
layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0) uniform )") +
           type + R"( lut;
layout(set = 0, binding = 1, rgba32f) uniform readonly image2D coords;
layout(set = 0, binding = 2, rgba32f) uniform writeonly image2D dst;
void main() {
    ivec2 px;
    if (!emuPixel(imageSize(coords), px)) return;
    imageStore(dst, px, textureLod(lut, imageLoad(coords, px).)" +
           swizzle + R"(, 0.0));
}
)";
}

KernelLayout samplingLayout() {
    KernelLayout l;
    l.bindings = {BindingKind::SampledTexture, BindingKind::StorageImage,
                  BindingKind::StorageImage};
    return l;
}

class TextureTest : public test::GpuTest {
protected:
    // Samples `texture` at each coordinate (4 floats each, unused ones 0); returns 4 floats a
    // sample (a one-channel texture gives (r, 0, 0, 1)).
    std::vector<float> sample(const Texture& texture, const std::vector<float>& coords) {
        KernelCache cache(device());
        cache.disableDisk();
        auto kernel = cache.fromSource("sample_texture", samplingKernel(texture.desc().dimensions),
                                       samplingLayout());
        EXPECT_TRUE(kernel.isOk()) << kernel.status().message();
        if (!kernel.isOk()) return {};
        int n = int(coords.size() / 4);
        auto in = StorageImage::create(device(), n, 1, ImageFormat::Rgba32f);
        auto out = StorageImage::create(device(), n, 1, ImageFormat::Rgba32f);
        auto batch = ComputeBatch::create(device());
        EXPECT_TRUE(in.isOk() && out.isOk() && batch.isOk());
        if (!in.isOk() || !out.isOk() || !batch.isOk()) return {};
        EXPECT_TRUE(in->upload(device(), coords.data(), coords.size() * 4).isOk());
        Status s = batch->dispatch(**kernel, {texture, *in, *out}, nullptr, 0, n, 1);
        EXPECT_TRUE(s.isOk()) << s.message();
        EXPECT_TRUE(batch->submitAndWait().isOk());
        std::vector<float> result(coords.size());
        EXPECT_TRUE(out->download(device(), result.data(), result.size() * 4).isOk());
        return result;
    }
};

// Linear-filter weights are fixed point with subTexelPrecisionBits fraction bits (8 on
// lavapipe; at least 4 anywhere). Samples at texel centres and halfway between them use weights
// 0 and 1/2, which every device represents exactly, so the results are exact in float.
TEST_F(TextureTest, LinearRampIsExactAtTexelCentresAndMidpoints) {
    const int n = 64;  // a power of two: (i + 0.5) / n is exact in float
    std::vector<float> ramp(n);
    for (int i = 0; i < n; ++i) ramp[i] = float(i * i) / 8.0f - 3.0f;
    auto tex = Texture::create(device(), {1, n, 1, 1, TextureFormat::R32f, true}, ramp.data(),
                               ramp.size());
    ASSERT_TRUE(tex.isOk()) << tex.status().message();

    std::vector<float> coords, expected;
    for (int i = 0; i < n; ++i) {
        coords.insert(coords.end(), {(float(i) + 0.5f) / n, 0, 0, 0});
        expected.push_back(ramp[i]);
        if (i + 1 < n) {
            coords.insert(coords.end(), {float(i + 1) / n, 0, 0, 0});
            expected.push_back((ramp[i] + ramp[i + 1]) / 2.0f);
        }
    }
    // Clamp to edge: beyond the outer texel centres the end values hold.
    coords.insert(coords.end(), {0.0f, 0, 0, 0, 1.0f, 0, 0, 0, -0.5f, 0, 0, 0, 1.5f, 0, 0, 0});
    expected.insert(expected.end(), {ramp[0], ramp[n - 1], ramp[0], ramp[n - 1]});

    std::vector<float> out = sample(*tex, coords);
    ASSERT_EQ(out.size(), coords.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(out[4 * i], expected[i], 1e-6) << "sample " << i << " at u=" << coords[4 * i];
    }
}

TEST_F(TextureTest, BilinearSampleBetweenFourTexelsIsTheirAverage) {
    // 4 x 2 texels; the centre of the square of texels (1,0), (2,0), (1,1), (2,1) is (0.5, 0.5).
    std::vector<float> texels = {1, 2, 4, 8, 16, 32, 64, 128};
    auto tex = Texture::create(device(), {2, 4, 2, 1, TextureFormat::R32f, true}, texels.data(),
                               texels.size());
    ASSERT_TRUE(tex.isOk()) << tex.status().message();
    std::vector<float> out = sample(*tex, {0.5f, 0.5f, 0, 0, 0.125f, 0.25f, 0, 0});
    ASSERT_EQ(out.size(), 8u);
    EXPECT_NEAR(out[0], (2.0f + 4.0f + 32.0f + 64.0f) / 4.0f, 1e-6);
    EXPECT_NEAR(out[4], 1.0f, 1e-6);  // the centre of texel (0, 0)
}

// A 17^3 identity LUT reproduces its input up to the filtering weights' precision: a weight off
// by at most 2^-bits moves the result by at most that fraction of one lattice step (1/16).
TEST_F(TextureTest, TrilinearIdentityLutReproducesTheInputColour) {
    const int n = 17;
    std::vector<float> rgb;
    for (int b = 0; b < n; ++b) {
        for (int g = 0; g < n; ++g) {
            for (int r = 0; r < n; ++r) {
                rgb.insert(rgb.end(), {float(r) / (n - 1), float(g) / (n - 1), float(b) / (n - 1)});
            }
        }
    }
    auto tex = Texture::createFromRgb(device(), {3, n, n, n, TextureFormat::Rgba32f, true},
                                      rgb.data(), rgb.size());
    ASSERT_TRUE(tex.isOk()) << tex.status().message();
    EXPECT_EQ(tex->desc().format, TextureFormat::Rgba32f);

    // Deterministic colours in [0, 1], plus the corners and a lattice point.
    std::vector<float> colours = {0, 0, 0, 1, 1, 1, 0.5f, 0.25f, 0.75f};
    std::uint32_t seed = 12345;
    for (int i = 0; i < 500 * 3; ++i) {
        seed = seed * 1664525u + 1013904223u;
        colours.push_back(float(seed >> 8) / float(1u << 24));
    }
    std::vector<float> coords;
    for (std::size_t i = 0; i < colours.size(); i += 3) {
        for (int c = 0; c < 3; ++c) {
            coords.push_back(float((double(colours[i + c]) * (n - 1) + 0.5) / n));
        }
        coords.push_back(0.0f);
    }
    std::vector<float> out = sample(*tex, coords);
    ASSERT_EQ(out.size(), coords.size());

    std::uint32_t bits = device().properties().limits.subTexelPrecisionBits;
    double bound = std::ldexp(1.0, -int(bits)) / (n - 1) + 1e-6;
    double worst = 0.0;
    for (std::size_t s = 0; s < colours.size() / 3; ++s) {
        for (int c = 0; c < 3; ++c) {
            double err = std::abs(double(out[4 * s + c]) - double(colours[3 * s + c]));
            worst = std::max(worst, err);
            ASSERT_LE(err, bound) << "sample " << s << " channel " << c;
        }
        ASSERT_EQ(out[4 * s + 3], 1.0f) << "alpha of sample " << s;
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.3g of %.3g", worst, bound);
    RecordProperty("worst_error_of_bound", text);
}

TEST_F(TextureTest, NearestFilterReturnsExactTexelValues) {
    const int w = 5, h = 4, d = 3;
    std::vector<float> texels;
    for (int i = 0; i < w * h * d * 4; ++i) texels.push_back(float(i) * 0.1f - 7.3f);
    auto tex = Texture::create(device(), {3, w, h, d, TextureFormat::Rgba32f, false}, texels.data(),
                               texels.size());
    ASSERT_TRUE(tex.isOk()) << tex.status().message();

    // Every texel, hit at its centre and 0.3 texel off it (still inside it).
    std::vector<float> coords;
    std::vector<int> index;
    for (int z = 0; z < d; ++z) {
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x) {
                for (float off : {0.0f, 0.3f, -0.3f}) {
                    coords.insert(coords.end(), {(x + 0.5f + off) / w, (y + 0.5f - off) / h,
                                                 (z + 0.5f + off) / d, 0.0f});
                    index.push_back((z * h + y) * w + x);
                }
            }
        }
    }
    std::vector<float> out = sample(*tex, coords);
    ASSERT_EQ(out.size(), coords.size());
    for (std::size_t s = 0; s < index.size(); ++s) {
        for (int c = 0; c < 4; ++c) {
            ASSERT_EQ(out[4 * s + c], texels[4 * index[s] + c]) << "sample " << s << " ch " << c;
        }
    }
}

TEST_F(TextureTest, TooLargeTexturesAreUnsupported) {
    const auto& limits = device().properties().limits;
    int too1D = int(limits.maxImageDimension1D) + 1;
    std::vector<float> line(too1D, 0.0f);
    auto t1 = Texture::create(device(), {1, too1D, 1, 1, TextureFormat::R32f, true}, line.data(),
                              line.size());
    ASSERT_FALSE(t1.isOk());
    EXPECT_EQ(t1.status().code(), ErrorCode::Unsupported);
    EXPECT_NE(t1.status().message().find("limit"), std::string::npos) << t1.status().message();

    int too3D = int(limits.maxImageDimension3D) + 1;
    std::vector<float> rgb(std::size_t(too3D) * 3, 0.0f);
    auto t3 = Texture::createFromRgb(device(), {3, too3D, 1, 1, TextureFormat::Rgba32f, true},
                                     rgb.data(), rgb.size());
    ASSERT_FALSE(t3.isOk());
    EXPECT_EQ(t3.status().code(), ErrorCode::Unsupported);
    EXPECT_NE(t3.status().message().find(std::to_string(limits.maxImageDimension3D)),
              std::string::npos)
        << t3.status().message();
}

TEST_F(TextureTest, FormatsWithoutTheNeededFeaturesAreUnsupported) {
    // Integer formats are never filtered linearly.
    Status noLinear = Texture::checkFormatSupport(device(), VK_FORMAT_R32_UINT, true);
    EXPECT_EQ(noLinear.code(), ErrorCode::Unsupported);
    EXPECT_NE(noLinear.message().find("linearly"), std::string::npos) << noLinear.message();

    // Few devices sample 64-bit floats (lavapipe does not); check against what this one says.
    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(device().physical(), VK_FORMAT_R64G64B64A64_SFLOAT, &props);
    Status f64 = Texture::checkFormatSupport(device(), VK_FORMAT_R64G64B64A64_SFLOAT, false);
    if (!(props.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT)) {
        EXPECT_EQ(f64.code(), ErrorCode::Unsupported);
        EXPECT_NE(f64.message().find("cannot sample"), std::string::npos) << f64.message();
    }

    // The formats textures are made of are usable on every device the project supports.
    EXPECT_TRUE(Texture::checkFormatSupport(device(), VK_FORMAT_R32_SFLOAT, true).isOk());
    EXPECT_TRUE(Texture::checkFormatSupport(device(), VK_FORMAT_R32G32B32A32_SFLOAT, true).isOk());
}

TEST_F(TextureTest, BadShapesAndDataSizesAreRejected) {
    std::vector<float> data(64, 0.0f);
    auto wrongCount =
        Texture::create(device(), {1, 8, 1, 1, TextureFormat::Rgba32f, true}, data.data(), 31);
    ASSERT_FALSE(wrongCount.isOk());
    EXPECT_EQ(wrongCount.status().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(wrongCount.status().message().find("32"), std::string::npos);

    auto tallLine =
        Texture::create(device(), {1, 8, 2, 1, TextureFormat::R32f, true}, data.data(), 16);
    EXPECT_EQ(tallLine.status().code(), ErrorCode::InvalidArgument);
    auto fourD = Texture::create(device(), {4, 2, 2, 2, TextureFormat::R32f, true}, data.data(), 8);
    EXPECT_EQ(fourD.status().code(), ErrorCode::InvalidArgument);
    auto empty = Texture::create(device(), {2, 0, 4, 1, TextureFormat::R32f, true}, data.data(), 0);
    EXPECT_EQ(empty.status().code(), ErrorCode::InvalidArgument);
    auto rgbCount = Texture::createFromRgb(device(), {1, 8, 1, 1, TextureFormat::Rgba32f, true},
                                           data.data(), 32);
    EXPECT_EQ(rgbCount.status().code(), ErrorCode::InvalidArgument);
}

TEST_F(TextureTest, DispatchNeedsATextureForASampledBinding) {
    KernelCache cache(device());
    cache.disableDisk();
    auto kernel = cache.fromSource("sample_texture", samplingKernel(1), samplingLayout());
    ASSERT_TRUE(kernel.isOk()) << kernel.status().message();
    auto img = StorageImage::create(device(), 4, 1, ImageFormat::Rgba32f);
    auto batch = ComputeBatch::create(device());
    ASSERT_TRUE(img.isOk() && batch.isOk());
    Status s = batch->dispatch(**kernel, {*img, *img, *img}, nullptr, 0, 4, 1);
    ASSERT_FALSE(s.isOk());
    EXPECT_EQ(s.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(s.message().find("needs a texture"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace emu::gpu
