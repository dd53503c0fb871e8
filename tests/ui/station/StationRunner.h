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

// Makes the demo project under `dir`/demo (`emulsion demo --no-deliverables`: camera
// originals, the cut, a graded project) and returns the project file; empty when the command
// failed, which fails the test with its output.
std::filesystem::path makeDemoProject(const std::filesystem::path& dir);

// Writes `text` to `path` (a script), failing the test on error.
void writeText(const std::filesystem::path& path, const std::string& text);

}  // namespace emu::test
