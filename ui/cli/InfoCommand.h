#pragma once

#include <CLI/CLI.hpp>

namespace emu::cli {

struct CliContext;

// `emulsion info`: the Vulkan devices, the one chosen, and the library versions.
void addInfoCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
