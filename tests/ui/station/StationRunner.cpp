#include "StationRunner.h"

#include <gtest/gtest.h>

#include <fstream>

#include "emulsion/gpu/Device.h"

namespace emu::test {

std::string stationSkipReason() {
    if (runCommand("command -v xvfb-run").exitCode != 0) return "xvfb-run is not installed";
    auto devices = gpu::Device::enumerate();
    if (!devices.isOk() || devices->empty()) return "no Vulkan device";
    return {};
}

CommandResult runStation(const std::string& arguments) {
    return runCommand("EMULSION_VALIDATION=1 xvfb-run -a -s '-screen 0 1600x900x24' " +
                      shellQuote(EMULSION_BINARY) + " station " + arguments);
}

CommandResult runEmulsion(const std::string& arguments) {
    return runCommand(shellQuote(EMULSION_BINARY) + " " + arguments);
}

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    ASSERT_TRUE(out.good()) << path;
}

}  // namespace emu::test
