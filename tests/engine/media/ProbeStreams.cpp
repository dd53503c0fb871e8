#include "ProbeStreams.h"

#include <sstream>

#include "MovieTestMedia.h"

namespace emu::test {

std::vector<std::map<std::string, std::string>> probeStreams(const std::filesystem::path& path) {
    const CommandResult r = runFfprobe(path, "-show_streams");
    std::vector<std::map<std::string, std::string>> streams;
    if (r.exitCode != 0) return streams;
    std::istringstream in(r.output);
    std::string line;
    while (std::getline(in, line)) {
        if (line == "[STREAM]") {
            streams.emplace_back();
            continue;
        }
        const auto eq = line.find('=');
        if (eq != std::string::npos && !streams.empty())
            streams.back()[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return streams;
}

std::map<std::string, std::string> probeStream(const std::filesystem::path& path,
                                               const std::string& codecType) {
    for (auto& s : probeStreams(path))
        if (s["codec_type"] == codecType) return s;
    return {};
}

}  // namespace emu::test
