#include <gtest/gtest.h>

#include <cstdlib>

#include "emulsion/gpu/DeviceChoice.h"

namespace emu::gpu {
namespace {

DeviceInfo dev(int index, DeviceKind kind, bool compute = true) {
    DeviceInfo d;
    d.index = index;
    d.name = "device" + std::to_string(index);
    d.kind = kind;
    d.hasComputeQueue = compute;
    return d;
}

TEST(DeviceChoice, PrefersDiscreteThenIntegratedThenCpu) {
    EXPECT_EQ(chooseDevice({dev(0, DeviceKind::Cpu), dev(1, DeviceKind::Discrete),
                            dev(2, DeviceKind::Integrated)},
                           std::nullopt)
                  .value(),
              1);
    EXPECT_EQ(chooseDevice({dev(0, DeviceKind::Cpu), dev(1, DeviceKind::Integrated)}, std::nullopt)
                  .value(),
              1);
    EXPECT_EQ(chooseDevice({dev(0, DeviceKind::Cpu)}, std::nullopt).value(), 0);
}

TEST(DeviceChoice, SkipsDevicesWithoutCompute) {
    EXPECT_EQ(
        chooseDevice({dev(0, DeviceKind::Discrete, false), dev(1, DeviceKind::Cpu)}, std::nullopt)
            .value(),
        1);
}

TEST(DeviceChoice, RequestedIndexOverrides) {
    std::vector<DeviceInfo> devices{dev(0, DeviceKind::Discrete), dev(1, DeviceKind::Cpu)};
    EXPECT_EQ(chooseDevice(devices, 1).value(), 1);
    Result<int> missing = chooseDevice(devices, 5);
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("no Vulkan device 5"), std::string::npos);
}

TEST(DeviceChoice, NoDevicesIsNotFound) {
    Result<int> r = chooseDevice({}, std::nullopt);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::NotFound);
}

TEST(DeviceChoice, EnvironmentVariableIsParsed) {
    setenv("EMULSION_DEVICE", "2", 1);
    EXPECT_EQ(deviceIndexFromEnvironment().value(), std::optional<int>(2));
    setenv("EMULSION_DEVICE", "gpu", 1);
    EXPECT_FALSE(deviceIndexFromEnvironment().isOk());
    unsetenv("EMULSION_DEVICE");
    EXPECT_EQ(deviceIndexFromEnvironment().value(), std::nullopt);
}

TEST(DeviceChoice, ApiVersionIsDotted) {
    EXPECT_EQ(apiVersionString((1u << 22) | (3u << 12) | 230), "1.3.230");
}

}  // namespace
}  // namespace emu::gpu
