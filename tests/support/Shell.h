#pragma once

#include <filesystem>
#include <string>

namespace emu::test {

struct CommandResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line and captures what it prints. Thread: any.
CommandResult runCommand(const std::string& commandLine);

// Single-quotes `text` for the shell.
std::string shellQuote(const std::string& text);

// A path, single-quoted for the shell.
inline std::string quotePath(const std::filesystem::path& path) {
    return shellQuote(path.string());
}

}  // namespace emu::test
