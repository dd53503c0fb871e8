#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::gpu {

enum class DeviceKind { Discrete, Integrated, Virtual, Cpu, Other };
const char* toString(DeviceKind kind);

// What a user needs to know to choose a Vulkan device; filled from VkPhysicalDeviceProperties.
struct DeviceInfo {
    int index = 0;  // position in the instance's enumeration: what --device N names
    std::string name;
    DeviceKind kind = DeviceKind::Other;
    std::uint32_t apiVersion = 0;  // VK_MAKE_API_VERSION packing
    std::string driverName;
    std::string driverInfo;
    bool hasComputeQueue = false;
};

std::string apiVersionString(std::uint32_t apiVersion);

// Picks the device to use: the one `requested` names (error if absent or without a compute
// queue), else the first of discrete, integrated, virtual, CPU with a compute queue.
// Pure: no Vulkan calls, so it is tested without a device.
Result<int> chooseDevice(const std::vector<DeviceInfo>& devices, std::optional<int> requested);

// Reads EMULSION_DEVICE; empty when unset, error when set to something that is not a number.
Result<std::optional<int>> deviceIndexFromEnvironment();

}  // namespace emu::gpu
