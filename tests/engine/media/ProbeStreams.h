#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace emu::test {

// Each stream ffprobe -show_streams lists, as its key=value pairs ("codec_type", "duration",
// "TAG:timecode", ...), in file order. Empty when ffprobe fails.
std::vector<std::map<std::string, std::string>> probeStreams(const std::filesystem::path& path);

// The first stream of that codec_type ("video", "audio", "data"); empty if none.
std::map<std::string, std::string> probeStream(const std::filesystem::path& path,
                                               const std::string& codecType);

}  // namespace emu::test
