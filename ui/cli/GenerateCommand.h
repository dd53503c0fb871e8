#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"

namespace emu::cli {

struct CliContext;

// What `generate` makes.
struct GenerateOptions {
    int width = 256;  // [px], even (CinemaDNG needs a whole number of CFA tiles)
    int height = 144;
    int frames = 24;
    media::FrameRate rate{24, 1};
};

// One generated camera original.
struct GeneratedClip {
    std::string name;            // "A001C001"
    std::string kind;            // "exr", "dpx", "dng", "movie"
    std::filesystem::path path;  // the sequence pattern or the movie
    std::string colourSpace;     // the OCIO colour space of the built-in config its pixels are in
    std::string reel;
    std::string startTimecode;
    int firstFrame = 0;
    int frameCount = 0;
};

// Makes small deterministic camera originals of one synthetic scene (media::makeSceneFrame) in
// `dir`: an ACES2065-1 EXR sequence, an ARRI LogC DPX sequence, a CinemaDNG sequence and an
// S-Log3 ProRes 4444 movie, each with its own reel and start time code, frames numbered by
// their time code, and `originals.json` listing them. Errors name the file.
Result<std::vector<GeneratedClip>> generateOriginals(const std::filesystem::path& dir,
                                                     const GenerateOptions& options);

// `emulsion generate --out DIR [--size WxH] [--frames N] [--rate R]`.
void addGenerateCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
