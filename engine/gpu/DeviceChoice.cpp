#include "emulsion/gpu/DeviceChoice.h"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace emu::gpu {

const char* toString(DeviceKind kind) {
    switch (kind) {
        case DeviceKind::Discrete:
            return "discrete GPU";
        case DeviceKind::Integrated:
            return "integrated GPU";
        case DeviceKind::Virtual:
            return "virtual GPU";
        case DeviceKind::Cpu:
            return "CPU";
        case DeviceKind::Other:
            return "other";
    }
    return "other";
}

std::string apiVersionString(std::uint32_t v) {
    // VK_API_VERSION_MAJOR/MINOR/PATCH, spelled out so this file needs no Vulkan header.
    return std::to_string((v >> 22) & 0x7f) + "." + std::to_string((v >> 12) & 0x3ff) + "." +
           std::to_string(v & 0xfff);
}

Result<int> chooseDevice(const std::vector<DeviceInfo>& devices, std::optional<int> requested) {
    if (devices.empty()) {
        return makeError(ErrorCode::NotFound,
                         "no Vulkan device found (install mesa-vulkan-drivers for the CPU "
                         "device, or a GPU driver)");
    }
    if (requested) {
        for (const DeviceInfo& d : devices) {
            if (d.index != *requested) continue;
            if (!d.hasComputeQueue) {
                return makeError(ErrorCode::Unsupported, "Vulkan device " +
                                                             std::to_string(d.index) + " (" +
                                                             d.name + ") has no compute queue");
            }
            return d.index;
        }
        return makeError(ErrorCode::NotFound, "no Vulkan device " + std::to_string(*requested) +
                                                  "; there are " + std::to_string(devices.size()) +
                                                  " (see `emulsion info`)");
    }
    for (DeviceKind preferred : {DeviceKind::Discrete, DeviceKind::Integrated, DeviceKind::Virtual,
                                 DeviceKind::Cpu, DeviceKind::Other}) {
        for (const DeviceInfo& d : devices) {
            if (d.kind == preferred && d.hasComputeQueue) return d.index;
        }
    }
    return makeError(ErrorCode::Unsupported, "no Vulkan device has a compute queue");
}

Result<std::optional<int>> deviceIndexFromEnvironment() {
    const char* text = std::getenv("EMULSION_DEVICE");
    if (!text || !*text) return std::optional<int>();
    int value = 0;
    const char* end = text + std::strlen(text);
    auto [ptr, ec] = std::from_chars(text, end, value);
    if (ec != std::errc() || ptr != end || value < 0) {
        return makeError(ErrorCode::InvalidArgument,
                         std::string("EMULSION_DEVICE must be a device index, not '") + text + "'");
    }
    return std::optional<int>(value);
}

}  // namespace emu::gpu
