#pragma once

#include <filesystem>
#include <string>

#include "Shell.h"

namespace emu::test {

// Why station tests cannot run here ("" when they can): no xvfb-run or no Vulkan device.
std::string stationSkipReason();

// Runs `emulsion station <arguments>` in a virtual X server (1600x900, 24-bit), validation on.
CommandResult runStation(const std::string& arguments);

// Runs the `emulsion` binary built with the tests.
CommandResult runEmulsion(const std::string& arguments);

// Writes `text` to `path` (a script), failing the test on error.
void writeText(const std::filesystem::path& path, const std::string& text);

}  // namespace emu::test
