#include "GpuTest.h"

namespace emu::test {

void GpuTest::SetUp() {
    gpu::DeviceOptions options;
    options.validation = true;
    options.log = &m_log;
    auto device = gpu::Device::create(options);
    if (!device.isOk() && device.status().code() == ErrorCode::NotFound) {
        GTEST_SKIP() << "no Vulkan device: " << device.status().message();
    }
    ASSERT_TRUE(device.isOk()) << device.status().message();
    m_device = std::move(device).value();
    ASSERT_TRUE(m_device->validationEnabled())
        << "the Vulkan validation layer is missing (scripts/setup installs it)";
}

void GpuTest::TearDown() {
    if (!m_device) return;
    EXPECT_EQ(m_device->validationErrorCount(), 0u)
        << "Vulkan validation error: " << m_device->lastValidationError();
    m_device.reset();
}

}  // namespace emu::test
