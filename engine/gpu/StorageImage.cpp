#include "emulsion/gpu/StorageImage.h"

#include <cstring>
#include <utility>

#include "emulsion/gpu/Buffer.h"
#include "emulsion/gpu/Device.h"

namespace emu::gpu {

VkFormat toVkFormat(ImageFormat format) {
    switch (format) {
        case ImageFormat::Rgba16f:
            return VK_FORMAT_R16G16B16A16_SFLOAT;
        case ImageFormat::Rgba32f:
            return VK_FORMAT_R32G32B32A32_SFLOAT;
        case ImageFormat::R16f:
            return VK_FORMAT_R16_SFLOAT;
        case ImageFormat::R32f:
            return VK_FORMAT_R32_SFLOAT;
        case ImageFormat::R16Uint:
            return VK_FORMAT_R16_UINT;
    }
    return VK_FORMAT_R32G32B32A32_SFLOAT;
}

std::size_t bytesPerPixel(ImageFormat format) {
    switch (format) {
        case ImageFormat::Rgba16f:
            return 8;
        case ImageFormat::Rgba32f:
            return 16;
        case ImageFormat::R16f:
            return 2;
        case ImageFormat::R32f:
            return 4;
        case ImageFormat::R16Uint:
            return 2;
    }
    return 16;
}

const char* glslFormat(ImageFormat format) {
    switch (format) {
        case ImageFormat::Rgba16f:
            return "rgba16f";
        case ImageFormat::Rgba32f:
            return "rgba32f";
        case ImageFormat::R16f:
            return "r16f";
        case ImageFormat::R32f:
            return "r32f";
        case ImageFormat::R16Uint:
            return "r16ui";
    }
    return "rgba32f";
}

namespace {

void transition(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to) {
    VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT;
    barrier.oldLayout = from;
    barrier.newLayout = to;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = image;
    barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                         VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0, nullptr, 1,
                         &barrier);
}

VkBufferImageCopy wholeImage(int width, int height) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {std::uint32_t(width), std::uint32_t(height), 1};
    return region;
}

Status checkSize(const StorageImage& image, std::size_t sizeBytes) {
    if (sizeBytes == image.sizeBytes()) return Status::ok();
    return makeError(ErrorCode::InvalidArgument, "pixel data of " + std::to_string(sizeBytes) +
                                                     " bytes for an image of " +
                                                     std::to_string(image.sizeBytes()) + " bytes");
}

}  // namespace

Result<StorageImage> StorageImage::create(Device& device, int widthPx, int heightPx,
                                          ImageFormat format) {
    const auto& limits = device.properties().limits;
    if (widthPx <= 0 || heightPx <= 0 || std::uint32_t(widthPx) > limits.maxImageDimension2D ||
        std::uint32_t(heightPx) > limits.maxImageDimension2D) {
        return makeError(ErrorCode::Unsupported,
                         "image of " + std::to_string(widthPx) + "x" + std::to_string(heightPx) +
                             " exceeds the device limit of " +
                             std::to_string(limits.maxImageDimension2D) + " pixels a side");
    }
    StorageImage img;
    img.m_width = widthPx;
    img.m_height = heightPx;
    img.m_format = format;

    VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = toVkFormat(format);
    info.extent = {std::uint32_t(widthPx), std::uint32_t(heightPx), 1};
    info.mipLevels = 1;
    info.arrayLayers = 1;
    info.samples = VK_SAMPLE_COUNT_1_BIT;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT |
                 VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    EMU_ASSIGN_OR_RETURN(img.m_image, DeviceImage::create(device, info, VK_IMAGE_VIEW_TYPE_2D,
                                                          "a " + std::to_string(widthPx) + "x" +
                                                              std::to_string(heightPx) + " image"));

    VkImage handle = img.m_image.image();
    EMU_RETURN_IF_ERROR(device.submitAndWait([&](VkCommandBuffer cmd) {
        transition(cmd, handle, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL);
    }));
    return img;
}

Status StorageImage::upload(Device& device, const void* pixels, std::size_t sizeBytes) {
    EMU_RETURN_IF_ERROR(checkSize(*this, sizeBytes));
    EMU_ASSIGN_OR_RETURN(Buffer staging,
                         Buffer::create(device, sizeBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                        Buffer::Memory::HostVisible));
    std::memcpy(staging.mapped(), pixels, sizeBytes);
    VkBufferImageCopy region = wholeImage(m_width, m_height);
    return device.submitAndWait([&](VkCommandBuffer cmd) {
        vkCmdCopyBufferToImage(cmd, staging.handle(), m_image.image(), VK_IMAGE_LAYOUT_GENERAL, 1,
                               &region);
    });
}

Status StorageImage::download(Device& device, void* pixels, std::size_t sizeBytes) const {
    EMU_RETURN_IF_ERROR(checkSize(*this, sizeBytes));
    EMU_ASSIGN_OR_RETURN(Buffer staging,
                         Buffer::create(device, sizeBytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                        Buffer::Memory::HostVisible));
    VkBufferImageCopy region = wholeImage(m_width, m_height);
    EMU_RETURN_IF_ERROR(device.submitAndWait([&](VkCommandBuffer cmd) {
        VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
        barrier.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                             VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &barrier, 0, nullptr, 0,
                             nullptr);
        vkCmdCopyImageToBuffer(cmd, m_image.image(), VK_IMAGE_LAYOUT_GENERAL, staging.handle(), 1,
                               &region);
        VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                             &toHost, 0, nullptr, 0, nullptr);
    }));
    std::memcpy(pixels, staging.mapped(), sizeBytes);
    return Status::ok();
}

}  // namespace emu::gpu
