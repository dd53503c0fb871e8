#include "emulsion/graph/OcioPass.h"

#include <string>

#include "emulsion/gpu/ComputeBatch.h"
#include "emulsion/gpu/Kernel.h"
#include "emulsion/gpu/KernelCache.h"

namespace emu::graph {
namespace {

std::string kernelSource(const color::OcioShader& shader, gpu::ImageFormat srcFormat) {
    return std::string(R"(#version 460
#include "common.glsl"
layout(local_size_x = EMU_LOCAL_SIZE_X, local_size_y = EMU_LOCAL_SIZE_Y) in;
layout(set = 0, binding = 0, )") +
           gpu::glslFormat(srcFormat) + R"() uniform readonly image2D src;
layout(set = 0, binding = 1, rgba32f) uniform writeonly image2D dst;
)" + shader.glsl +
           R"(
void main() {
    ivec2 px;
    if (!emuPixel(imageSize(src), px)) return;
    vec4 c = imageLoad(src, px);
    imageStore(dst, px, vec4()" +
           shader.functionName + R"((c).rgb, c.a));
}
)";
}

}  // namespace

Result<gpu::Texture> uploadOcioTexture(gpu::Device& device, const color::OcioTexture& t) {
    gpu::TextureDesc desc;
    desc.dimensions = t.dimensions;
    desc.width = t.width;
    desc.height = t.height;
    desc.depth = t.depth;
    desc.linear = t.linear;
    if (t.channels == 3) {
        desc.format = gpu::TextureFormat::Rgba32f;
        return gpu::Texture::createFromRgb(device, desc, t.values.data(), t.values.size());
    }
    desc.format = gpu::TextureFormat::R32f;
    return gpu::Texture::create(device, desc, t.values.data(), t.values.size());
}

Result<OcioPass> OcioPass::create(gpu::Device& device, gpu::KernelCache& cache,
                                  const color::OcioShader& shader, gpu::ImageFormat srcFormat) {
    if (srcFormat != gpu::ImageFormat::Rgba16f && srcFormat != gpu::ImageFormat::Rgba32f) {
        return core::makeError(ErrorCode::InvalidArgument,
                               "OCIO pass: source must be an RGBA16F or RGBA32F image");
    }
    gpu::KernelLayout layout;
    layout.bindings = {gpu::BindingKind::StorageImage, gpu::BindingKind::StorageImage};
    OcioPass pass;
    pass.m_srcFormat = srcFormat;
    for (const color::OcioTexture& t : shader.textures) {
        if (t.binding != kFirstTextureBinding + int(pass.m_textures.size())) {
            return core::makeError(
                ErrorCode::InvalidArgument,
                "OCIO pass: texture '" + t.samplerName + "' has binding " +
                    std::to_string(t.binding) + ", expected " +
                    std::to_string(kFirstTextureBinding + int(pass.m_textures.size())));
        }
        auto texture = uploadOcioTexture(device, t);
        if (!texture.isOk()) return texture.status().withContext("OCIO LUT " + t.samplerName);
        pass.m_textures.push_back(std::move(texture).value());
        layout.bindings.push_back(gpu::BindingKind::SampledTexture);
    }
    auto kernel = cache.fromSource(shader.functionName, kernelSource(shader, srcFormat), layout);
    if (!kernel.isOk()) return kernel.status().withContext("OCIO kernel " + shader.functionName);
    pass.m_kernel = *kernel;
    return pass;
}

Status OcioPass::record(gpu::ComputeBatch& batch, const gpu::StorageImage& src,
                        const gpu::StorageImage& dst) const {
    if (src.format() != m_srcFormat || dst.format() != gpu::ImageFormat::Rgba32f ||
        src.width() != dst.width() || src.height() != dst.height()) {
        return core::makeError(ErrorCode::InvalidArgument,
                               "OCIO pass: images do not match the kernel (format or size)");
    }
    std::vector<gpu::Resource> resources = {src, dst};
    for (const gpu::Texture& t : m_textures) resources.emplace_back(t);
    return batch.dispatch(*m_kernel, resources, nullptr, 0, src.width(), src.height(),
                          m_kernel->name());
}

}  // namespace emu::graph
