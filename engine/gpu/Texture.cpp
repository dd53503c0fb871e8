#include "emulsion/gpu/Texture.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "emulsion/gpu/Buffer.h"
#include "emulsion/gpu/Device.h"

namespace emu::gpu {

VkFormat toVkFormat(TextureFormat format) {
    switch (format) {
        case TextureFormat::R32f:
            return VK_FORMAT_R32_SFLOAT;
        case TextureFormat::Rgba32f:
            return VK_FORMAT_R32G32B32A32_SFLOAT;
    }
    return VK_FORMAT_R32G32B32A32_SFLOAT;
}

std::size_t channelCount(TextureFormat format) {
    return format == TextureFormat::R32f ? 1 : 4;
}

namespace {

const char* formatName(VkFormat format) {
    switch (format) {
        case VK_FORMAT_R32_SFLOAT:
            return "R32_SFLOAT";
        case VK_FORMAT_R32G32B32_SFLOAT:
            return "R32G32B32_SFLOAT";
        case VK_FORMAT_R32G32B32A32_SFLOAT:
            return "R32G32B32A32_SFLOAT";
        default:
            return "this format";
    }
}

std::string shapeText(const TextureDesc& d) {
    std::string s = std::to_string(d.width);
    // append() rather than += "x" + ...: GCC 12 warns falsely (-Wrestrict) on the latter.
    if (d.dimensions >= 2) s.append("x").append(std::to_string(d.height));
    if (d.dimensions == 3) s.append("x").append(std::to_string(d.depth));
    return s;
}

std::size_t texelCount(const TextureDesc& d) {
    return std::size_t(d.width) * std::size_t(d.height) * std::size_t(d.depth);
}

// A shape the API can express at all; InvalidArgument otherwise.
Status checkShape(const TextureDesc& d) {
    if (d.dimensions < 1 || d.dimensions > 3) {
        return makeError(ErrorCode::InvalidArgument,
                         "a texture has 1, 2 or 3 dimensions, not " + std::to_string(d.dimensions));
    }
    bool positive = d.width > 0 && d.height > 0 && d.depth > 0;
    bool unusedAreOne = (d.dimensions >= 2 || d.height == 1) && (d.dimensions == 3 || d.depth == 1);
    if (!positive || !unusedAreOne) {
        return makeError(ErrorCode::InvalidArgument,
                         "bad " + std::to_string(d.dimensions) + "D texture size " +
                             std::to_string(d.width) + "x" + std::to_string(d.height) + "x" +
                             std::to_string(d.depth));
    }
    return Status::ok();
}

// The device's limit on a side for this kind of image; Unsupported beyond it.
Status checkLimits(const Device& device, const TextureDesc& d) {
    const VkPhysicalDeviceLimits& limits = device.properties().limits;
    std::uint32_t maxSide = d.dimensions == 1   ? limits.maxImageDimension1D
                            : d.dimensions == 2 ? limits.maxImageDimension2D
                                                : limits.maxImageDimension3D;
    for (int side : {d.width, d.height, d.depth}) {
        if (std::uint32_t(side) > maxSide) {
            return makeError(ErrorCode::Unsupported,
                             std::to_string(d.dimensions) + "D texture of " + shapeText(d) +
                                 " texels exceeds the device limit of " + std::to_string(maxSide) +
                                 " texels a side");
        }
    }
    return Status::ok();
}

VkImageType imageType(int dimensions) {
    return dimensions == 1 ? VK_IMAGE_TYPE_1D
                           : (dimensions == 2 ? VK_IMAGE_TYPE_2D : VK_IMAGE_TYPE_3D);
}

VkImageViewType viewType(int dimensions) {
    return dimensions == 1 ? VK_IMAGE_VIEW_TYPE_1D
                           : (dimensions == 2 ? VK_IMAGE_VIEW_TYPE_2D : VK_IMAGE_VIEW_TYPE_3D);
}

void transition(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to,
                VkAccessFlags srcAccess, VkAccessFlags dstAccess, VkPipelineStageFlags srcStage,
                VkPipelineStageFlags dstStage) {
    VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barrier.srcAccessMask = srcAccess;
    barrier.dstAccessMask = dstAccess;
    barrier.oldLayout = from;
    barrier.newLayout = to;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = image;
    barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, nullptr, 0, nullptr, 1, &barrier);
}

}  // namespace

Status Texture::checkFormatSupport(const Device& device, VkFormat format, bool linear) {
    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(device.physical(), format, &props);
    VkFormatFeatureFlags features = props.optimalTilingFeatures;
    const std::string name = formatName(format);
    if (!(features & VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT)) {
        return makeError(ErrorCode::Unsupported,
                         device.info().name + " cannot sample " + name + " textures");
    }
    if (!(features & VK_FORMAT_FEATURE_TRANSFER_DST_BIT)) {
        return makeError(ErrorCode::Unsupported,
                         device.info().name + " cannot upload to " + name + " textures");
    }
    if (linear && !(features & VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT)) {
        return makeError(ErrorCode::Unsupported, device.info().name + " cannot filter " + name +
                                                     " textures linearly; use nearest filtering");
    }
    return Status::ok();
}

Result<Texture> Texture::create(Device& device, const TextureDesc& desc, const float* data,
                                std::size_t floatCount) {
    EMU_RETURN_IF_ERROR(checkShape(desc));
    std::size_t expected = texelCount(desc) * channelCount(desc.format);
    if (!data || floatCount != expected) {
        return makeError(ErrorCode::InvalidArgument,
                         std::to_string(floatCount) + " floats for a texture of " +
                             shapeText(desc) + " texels that needs " + std::to_string(expected));
    }
    EMU_RETURN_IF_ERROR(checkLimits(device, desc));
    EMU_RETURN_IF_ERROR(checkFormatSupport(device, toVkFormat(desc.format), desc.linear));

    Texture tex;
    tex.m_device = device.handle();
    tex.m_desc = desc;
    EMU_RETURN_IF_ERROR(tex.allocate(device));
    EMU_RETURN_IF_ERROR(tex.upload(device, data, floatCount));
    return tex;
}

Result<Texture> Texture::createFromRgb(Device& device, const TextureDesc& desc, const float* rgb,
                                       std::size_t floatCount) {
    EMU_RETURN_IF_ERROR(checkShape(desc));
    std::size_t texels = texelCount(desc);
    if (!rgb || floatCount != texels * 3) {
        return makeError(ErrorCode::InvalidArgument,
                         std::to_string(floatCount) + " floats for an RGB texture of " +
                             shapeText(desc) + " texels that needs " + std::to_string(texels * 3));
    }
    std::vector<float> rgba(texels * 4);
    for (std::size_t i = 0; i < texels; ++i) {
        rgba[4 * i + 0] = rgb[3 * i + 0];
        rgba[4 * i + 1] = rgb[3 * i + 1];
        rgba[4 * i + 2] = rgb[3 * i + 2];
        rgba[4 * i + 3] = 1.0f;
    }
    TextureDesc wide = desc;
    wide.format = TextureFormat::Rgba32f;
    return create(device, wide, rgba.data(), rgba.size());
}

Status Texture::allocate(Device& device) {
    VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    info.imageType = imageType(m_desc.dimensions);
    info.format = toVkFormat(m_desc.format);
    info.extent = {std::uint32_t(m_desc.width), std::uint32_t(m_desc.height),
                   std::uint32_t(m_desc.depth)};
    info.mipLevels = 1;
    info.arrayLayers = 1;
    info.samples = VK_SAMPLE_COUNT_1_BIT;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    EMU_ASSIGN_OR_RETURN(m_image, DeviceImage::create(device, info, viewType(m_desc.dimensions),
                                                      "a " + shapeText(m_desc) + " texture"));

    VkFilter filter = m_desc.linear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
    VkSamplerCreateInfo samplerInfo{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    samplerInfo.magFilter = filter;
    samplerInfo.minFilter = filter;
    samplerInfo.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    samplerInfo.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    samplerInfo.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    samplerInfo.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    samplerInfo.minLod = 0.0f;
    samplerInfo.maxLod = 0.0f;
    samplerInfo.unnormalizedCoordinates = VK_FALSE;
    EMU_VK_CHECK("vkCreateSampler", vkCreateSampler(m_device, &samplerInfo, nullptr, &m_sampler));
    return Status::ok();
}

Status Texture::upload(Device& device, const float* data, std::size_t floatCount) {
    std::size_t bytes = floatCount * sizeof(float);
    EMU_ASSIGN_OR_RETURN(Buffer staging,
                         Buffer::create(device, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                        Buffer::Memory::HostVisible));
    std::memcpy(staging.mapped(), data, bytes);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {std::uint32_t(m_desc.width), std::uint32_t(m_desc.height),
                          std::uint32_t(m_desc.depth)};
    VkImage image = m_image.image();
    return device.submitAndWait([&](VkCommandBuffer cmd) {
        transition(cmd, image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
                   VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                   VK_PIPELINE_STAGE_TRANSFER_BIT);
        vkCmdCopyBufferToImage(cmd, staging.handle(), image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                               1, &region);
        transition(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                   VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                   VK_ACCESS_SHADER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                   VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT);
    });
}

Texture::~Texture() {
    release();
}

Texture::Texture(Texture&& other) noexcept {
    *this = std::move(other);
}

Texture& Texture::operator=(Texture&& other) noexcept {
    if (this != &other) {
        release();
        m_device = std::exchange(other.m_device, VK_NULL_HANDLE);
        m_image = std::move(other.m_image);
        m_sampler = std::exchange(other.m_sampler, VK_NULL_HANDLE);
        m_desc = other.m_desc;
    }
    return *this;
}

void Texture::release() {
    if (!m_device) return;
    if (m_sampler) vkDestroySampler(m_device, m_sampler, nullptr);
    m_sampler = VK_NULL_HANDLE;
    m_image = DeviceImage();
}

}  // namespace emu::gpu
