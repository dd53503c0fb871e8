#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "GpuTest.h"
#include "emulsion/gpu/StorageImage.h"

namespace emu::gpu {
namespace {

using DeviceTest = test::GpuTest;

TEST_F(DeviceTest, ChosenDeviceHasAComputeQueue) {
    EXPECT_TRUE(device().info().hasComputeQueue);
    EXPECT_FALSE(device().info().name.empty());
    EXPECT_GE(device().properties().apiVersion, VK_API_VERSION_1_2);
}

TEST_F(DeviceTest, EnumerateListsTheChosenDevice) {
    auto devices = Device::enumerate();
    ASSERT_TRUE(devices.isOk());
    ASSERT_GT(devices->size(), std::size_t(device().info().index));
    EXPECT_EQ((*devices)[device().info().index].name, device().info().name);
}

template <typename T>
void roundTrip(Device& device, ImageFormat format, std::vector<T> pixels, int w, int h) {
    auto image = StorageImage::create(device, w, h, format);
    ASSERT_TRUE(image.isOk()) << image.status().message();
    ASSERT_TRUE(image->upload(device, pixels.data(), pixels.size() * sizeof(T)).isOk());
    std::vector<T> back(pixels.size());
    ASSERT_TRUE(image->download(device, back.data(), back.size() * sizeof(T)).isOk());
    EXPECT_EQ(std::memcmp(back.data(), pixels.data(), pixels.size() * sizeof(T)), 0);
}

TEST_F(DeviceTest, Rgba32fUploadDownloadIsBitExactIncludingNanAndInf) {
    const int w = 37, h = 19;  // not a multiple of anything
    std::vector<float> pixels(w * h * 4);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = float(i) * 0.37f - 100.0f;
    pixels[5] = std::numeric_limits<float>::quiet_NaN();
    pixels[6] = std::numeric_limits<float>::infinity();
    pixels[7] = -std::numeric_limits<float>::infinity();
    pixels[8] = 1e-40f;  // denormal
    roundTrip(device(), ImageFormat::Rgba32f, pixels, w, h);
}

TEST_F(DeviceTest, Rgba16fUploadDownloadIsBitExact) {
    const int w = 64, h = 33;
    std::vector<std::uint16_t> pixels(w * h * 4);
    // Every finite half pattern appears somewhere; NaN/Inf patterns too.
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = std::uint16_t(i * 7919u);
    pixels[0] = 0x7c00;  // +Inf
    pixels[1] = 0xfc00;  // -Inf
    pixels[2] = 0x7e00;  // NaN
    roundTrip(device(), ImageFormat::Rgba16f, pixels, w, h);
}

TEST_F(DeviceTest, A4kRgba32fFrameFitsAsAnImage) {
    // 4096x2160 RGBA32F is 141.6 MB: more than lavapipe's 128 MiB storage-buffer range.
    auto image = StorageImage::create(device(), 4096, 2160, ImageFormat::Rgba32f);
    ASSERT_TRUE(image.isOk()) << image.status().message();
    EXPECT_GT(image->sizeBytes(), std::size_t(128) << 20);
}

TEST_F(DeviceTest, OversizedImageIsAClearError) {
    auto image = StorageImage::create(device(), 1 << 20, 4, ImageFormat::Rgba16f);
    ASSERT_FALSE(image.isOk());
    EXPECT_NE(image.status().message().find("exceeds the device limit"), std::string::npos);
}

TEST(DeviceValidation, ValidationErrorsAreCounted) {
    DeviceOptions options;
    options.validation = true;
    auto device = Device::create(options);
    if (!device.isOk() && device.status().code() == ErrorCode::NotFound) GTEST_SKIP();
    ASSERT_TRUE(device.isOk());
    ASSERT_EQ((*device)->validationErrorCount(), 0u);
    // A zero-sized buffer violates VUID-VkBufferCreateInfo-size-00912.
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = 0;
    info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    vkCreateBuffer((*device)->handle(), &info, nullptr, &buffer);
    if (buffer) vkDestroyBuffer((*device)->handle(), buffer, nullptr);
    EXPECT_GE((*device)->validationErrorCount(), 1u);
    EXPECT_NE((*device)->lastValidationError().find("size"), std::string::npos);
}

}  // namespace
}  // namespace emu::gpu
