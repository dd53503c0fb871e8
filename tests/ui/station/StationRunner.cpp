#include "StationRunner.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "emulsion/gpu/Device.h"

namespace emu::test {

std::string stationSkipReason() {
    if (runCommand("command -v xvfb-run").exitCode != 0) return "xvfb-run is not installed";
    auto devices = gpu::Device::enumerate();
    if (!devices.isOk() || devices->empty()) return "no Vulkan device";
    return {};
}

// xvfb-run's own exit status sometimes says only that it could not clean up its temporary
// directory (5) after the program ran: the station's status is printed from inside and used.
CommandResult runStation(const std::string& arguments) {
    static const std::string kMarker = "station exit code: ";
    CommandResult r = runCommand(
        "EMULSION_VALIDATION=1 xvfb-run -a -s '-screen 0 1600x900x24' sh -c '\"$@\"; echo \"" +
        kMarker + "$?\"' sh " + shellQuote(EMULSION_BINARY) + " station " + arguments);
    const std::size_t at = r.output.rfind(kMarker);
    if (at == std::string::npos) return r;  // xvfb-run failed before the station ran
    r.exitCode = std::atoi(r.output.c_str() + at + kMarker.size());
    const std::size_t end = r.output.find('\n', at);
    r.output.erase(at, end == std::string::npos ? std::string::npos : end + 1 - at);
    return r;
}

CommandResult runEmulsion(const std::string& arguments) {
    return runCommand(shellQuote(EMULSION_BINARY) + " " + arguments);
}

std::filesystem::path makeDemoProject(const std::filesystem::path& dir) {
    const CommandResult made =
        runEmulsion("demo -q --no-deliverables --out " + quotePath(dir / "demo"));
    EXPECT_EQ(made.exitCode, 0) << made.output;
    return made.exitCode == 0 ? dir / "demo" / "demo.emulsion" : std::filesystem::path();
}

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    ASSERT_TRUE(out.good()) << path;
}

}  // namespace emu::test
