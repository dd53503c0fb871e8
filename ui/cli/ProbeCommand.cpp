#include "ProbeCommand.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "CliContext.h"
#include "emulsion/media/ClipRegistry.h"

namespace emu::cli {

namespace {

struct ProbeArgs {
    std::string path;
    bool json = false;
};

// "123-130" with the gaps folded into ranges: "126, 140-142".
std::string framesText(const std::vector<int>& frames) {
    std::string text;
    for (std::size_t i = 0; i < frames.size();) {
        std::size_t j = i;
        while (j + 1 < frames.size() && frames[j + 1] == frames[j] + 1) ++j;
        if (!text.empty()) text += ", ";
        text += std::to_string(frames[i]);
        if (j > i) text += "-" + std::to_string(frames[j]);
        i = j + 1;
    }
    return text;
}

nlohmann::json toJson(const media::ClipInfo& c) {
    nlohmann::json j;
    j["path"] = c.path.string();
    j["format"] = c.format;
    j["codec"] = c.codec;
    j["width"] = c.width;
    j["height"] = c.height;
    j["pixelAspect"] = c.pixelAspect;
    if (c.rate.valid()) {
        j["rate"] = std::to_string(c.rate.numerator) + "/" + std::to_string(c.rate.denominator);
        j["fps"] = c.rate.fps();
    } else {
        j["rate"] = nullptr;
    }
    j["firstFrame"] = c.firstFrame;
    j["frameCount"] = c.frameCount;
    j["missingFrames"] = c.missingFrames;
    j["startTimecode"] = c.startTimecode;
    j["reel"] = c.reel;
    j["clipName"] = c.clipName;
    j["camera"] = c.camera;
    j["colourSpaceHint"] = c.colourSpaceHint;
    j["bitDepth"] = c.bitDepth;
    j["raw"] = c.raw;
    return j;
}

void printText(const media::ClipInfo& c) {
    auto line = [](const char* key, const std::string& value) {
        if (!value.empty()) std::printf("  %-10s %s\n", key, value.c_str());
    };
    std::printf("%s\n", c.path.string().c_str());
    std::string format = c.format;
    if (c.codec != c.format) format += " (" + c.codec + ")";
    if (c.bitDepth) format += ", " + std::to_string(c.bitDepth) + "-bit";
    if (c.raw) format += ", raw mosaic";
    line("format", format);
    char size[96];
    std::snprintf(size, sizeof size, "%dx%d, pixel aspect %g", c.width, c.height,
                  double(c.pixelAspect));
    line("size", size);
    if (c.rate.valid()) {
        char rate[64];
        std::snprintf(rate, sizeof rate, "%d/%d (%.3f fps)", c.rate.numerator, c.rate.denominator,
                      c.rate.fps());
        line("rate", rate);
    }
    std::string frames = std::to_string(c.frameCount) + " frame" + (c.frameCount == 1 ? "" : "s");
    if (c.frameCount > 1 || c.firstFrame != 0) {
        frames = std::to_string(c.firstFrame) + "-" +
                 std::to_string(c.firstFrame + c.frameCount - 1) + " (" + frames + ")";
    }
    line("frames", frames);
    if (!c.missingFrames.empty()) {
        line("missing",
             std::to_string(c.missingFrames.size()) + ": " + framesText(c.missingFrames));
    }
    line("timecode", c.startTimecode);
    line("reel", c.reel);
    line("clip", c.clipName);
    line("camera", c.camera);
    line("colour", c.colourSpaceHint);
}

int runProbe(const ProbeArgs& args) {
    const media::ClipRegistry registry = media::builtinClipReaders();
    std::error_code ec;
    const bool folder = std::filesystem::is_directory(args.path, ec);
    std::vector<std::filesystem::path> targets;
    if (folder) {
        auto clips = media::findSequencesInFolder(args.path);
        if (!clips.isOk()) return reportError(clips.status());
        for (const media::FileSequence& s : *clips) targets.push_back(s.pattern.text());
    } else {
        targets.push_back(args.path);
    }
    nlohmann::json all = nlohmann::json::array();
    int exitCode = 0;
    for (const std::filesystem::path& target : targets) {
        auto reader = registry.open(target);
        if (!reader.isOk()) {
            // In a folder, files that are not media are passed over; a named file must read.
            if (folder && reader.status().code() == ErrorCode::Unsupported) continue;
            exitCode = reportError(reader.status());
            continue;
        }
        const media::ClipInfo& info = (*reader)->info();
        if (args.json) {
            all.push_back(toJson(info));
        } else {
            printText(info);
        }
    }
    if (args.json) {
        const nlohmann::json& out = folder ? all : (all.empty() ? nlohmann::json() : all[0]);
        if (!out.is_null()) std::printf("%s\n", out.dump(2).c_str());
    }
    return exitCode;
}

}  // namespace

void addProbeCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto args = std::make_shared<ProbeArgs>();
    CLI::App* cmd = app.add_subcommand(
        "probe", "Describe a clip (file of a sequence, pattern, movie) or every clip in a folder");
    cmd->add_option("path", args->path, "A file of the clip, a pattern (name.%07d.exr), a folder")
        ->required();
    cmd->add_flag("--json", args->json,
                  "JSON instead of text: an object for a clip, an array for a folder");
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        exitCode = runProbe(*args);
    });
}

}  // namespace emu::cli
