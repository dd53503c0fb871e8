#include <gtest/gtest.h>

#include <cstring>

#include "GpuTest.h"
#include "TempDir.h"
#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/gpu/ShaderCompiler.h"
#include "emulsion/gpu/StorageImage.h"

namespace emu::gpu {
namespace {

// dst = src * scale + bias, through a uniform-free push-constant block.
constexpr const char* kScaleBias = R"(#version 460
#include "common.glsl"
layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, rgba32f) uniform readonly image2D src;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dst;
layout(push_constant) uniform P { float scale; float bias; } p;
void main() {
    ivec2 px;
    if (!emuPixel(imageSize(src), px)) return;
    imageStore(dst, px, imageLoad(src, px) * p.scale + p.bias);
}
)";

KernelLayout twoImages(std::uint32_t pushBytes) {
    KernelLayout l;
    l.bindings = {BindingKind::StorageImage, BindingKind::StorageImage};
    l.pushConstantBytes = pushBytes;
    return l;
}

TEST(ShaderCompiler, CompilesComputeShaderToSpirv) {
    ShaderCompiler compiler;
    auto spirv = compiler.compileCompute("scale_bias", kScaleBias);
    ASSERT_TRUE(spirv.isOk()) << spirv.status().message();
    ASSERT_GT(spirv->size(), 5u);
    EXPECT_EQ((*spirv)[0], 0x07230203u);  // SPIR-V magic
}

TEST(ShaderCompiler, ErrorsNameTheShaderAndLine) {
    ShaderCompiler compiler;
    auto bad =
        compiler.compileCompute("broken", "#version 460\nvoid main() { undefinedThing(); }\n");
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.status().message().find("broken"), std::string::npos);
    EXPECT_NE(bad.status().message().find("undefinedThing"), std::string::npos);
}

TEST(ShaderCompiler, UnknownIncludeIsNotFound) {
    auto r = ShaderCompiler::expandIncludes("x", "#version 460\n#include \"nope.glsl\"\n");
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::NotFound);
    EXPECT_NE(r.status().message().find("x:2"), std::string::npos);
}

using KernelTest = test::GpuTest;

TEST_F(KernelTest, RuntimeCompiledKernelComputesOnTheDevice) {
    KernelCache cache(device());
    cache.disableDisk();
    auto kernel = cache.fromSource("scale_bias", kScaleBias, twoImages(8));
    ASSERT_TRUE(kernel.isOk()) << kernel.status().message();

    const int w = 35, h = 18;
    std::vector<float> in(w * h * 4);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = float(i % 97) - 20.0f;
    auto src = StorageImage::create(device(), w, h, ImageFormat::Rgba32f);
    auto dst = StorageImage::create(device(), w, h, ImageFormat::Rgba32f);
    ASSERT_TRUE(src.isOk() && dst.isOk());
    ASSERT_TRUE(src->upload(device(), in.data(), in.size() * 4).isOk());

    auto batch = ComputeBatch::create(device());
    ASSERT_TRUE(batch.isOk());
    float params[2] = {0.5f, 3.0f};
    ASSERT_TRUE(batch->dispatch(**kernel, {*src, *dst}, params, 8, w, h).isOk());
    ASSERT_TRUE(batch->submitAndWait().isOk());

    std::vector<float> out(in.size());
    ASSERT_TRUE(dst->download(device(), out.data(), out.size() * 4).isOk());
    for (std::size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], in[i] * 0.5f + 3.0f) << i;

    ASSERT_EQ(batch->timings().size(), 1u);
    EXPECT_EQ(batch->timings()[0].label, "scale_bias");
    EXPECT_GE(batch->timings()[0].milliseconds, 0.0);
}

TEST_F(KernelTest, SameSourceIsCompiledAndCreatedOnce) {
    KernelCache cache(device());
    cache.disableDisk();
    auto a = cache.fromSource("scale_bias", kScaleBias, twoImages(8));
    auto b = cache.fromSource("scale_bias", kScaleBias, twoImages(8));
    ASSERT_TRUE(a.isOk() && b.isOk());
    EXPECT_EQ(*a, *b);
    EXPECT_EQ(cache.stats().glslCompiles, 1);
    EXPECT_EQ(cache.stats().pipelinesCreated, 1);
    EXPECT_EQ(cache.stats().memoryHits, 1);
}

TEST_F(KernelTest, DiskCacheSkipsCompilationInTheNextProcess) {
    test::TempDir dir;
    {
        KernelCache first(device(), dir.path());
        ASSERT_TRUE(first.fromSource("scale_bias", kScaleBias, twoImages(8)).isOk());
        EXPECT_EQ(first.stats().glslCompiles, 1);
        EXPECT_EQ(first.stats().diskHits, 0);
    }
    EXPECT_FALSE(std::filesystem::is_empty(dir.path() / "spirv"));
    EXPECT_FALSE(std::filesystem::is_empty(dir.path() / "pipelines"));
    KernelCache second(device(), dir.path());
    ASSERT_TRUE(second.fromSource("scale_bias", kScaleBias, twoImages(8)).isOk());
    EXPECT_EQ(second.stats().glslCompiles, 0);
    EXPECT_EQ(second.stats().diskHits, 1);
}

TEST_F(KernelTest, DamagedDiskCacheEntryIsRecompiled) {
    test::TempDir dir;
    {
        KernelCache first(device(), dir.path());
        ASSERT_TRUE(first.fromSource("scale_bias", kScaleBias, twoImages(8)).isOk());
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "spirv")) {
        std::filesystem::resize_file(entry.path(), 7);
    }
    KernelCache second(device(), dir.path());
    auto k = second.fromSource("scale_bias", kScaleBias, twoImages(8));
    ASSERT_TRUE(k.isOk()) << k.status().message();
    EXPECT_EQ(second.stats().glslCompiles, 1);
}

TEST_F(KernelTest, DispatchWithWrongResourcesIsRejected) {
    KernelCache cache(device());
    cache.disableDisk();
    auto kernel = cache.fromSource("scale_bias", kScaleBias, twoImages(8));
    ASSERT_TRUE(kernel.isOk());
    auto img = StorageImage::create(device(), 4, 4, ImageFormat::Rgba32f);
    auto batch = ComputeBatch::create(device());
    ASSERT_TRUE(img.isOk() && batch.isOk());
    float params[2] = {1, 0};
    EXPECT_FALSE(batch->dispatch(**kernel, {*img}, params, 8, 4, 4).isOk());
}

}  // namespace
}  // namespace emu::gpu
