#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "emulsion/core/Log.h"
#include "emulsion/gpu/Device.h"

namespace emu::test {

// Runs a test on whatever Vulkan device exists (lavapipe in CI), with validation on. Skips only
// when there is no Vulkan device at all; any other failure to create one fails the test, and
// so does any validation error reported while the test ran.
class GpuTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    gpu::Device& device() { return *m_device; }
    core::Log& log() { return m_log; }

private:
    core::Log m_log{core::LogLevel::Warning};
    std::unique_ptr<gpu::Device> m_device;
};

}  // namespace emu::test
