#include "GenerateCommand.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "CliContext.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/color/OcioCpuTransform.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/media/DngWriter.h"
#include "emulsion/media/DpxWriter.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/FramePattern.h"
#include "emulsion/media/MovieWriter.h"
#include "emulsion/media/SmpteTimecode.h"
#include "emulsion/media/SyntheticScene.h"

namespace emu::cli {

namespace {

// ACES AP0 primaries and white, as ACES EXRs carry them.
constexpr std::array<float, 8> kAp0{0.7347f, 0.2653f, 0.0f,     1.0f,
                                    0.0001f, -0.077f, 0.32168f, 0.33767f};

// The time code `frames` frames after hh:00:00:00 at a whole-number rate (the generator uses
// non-drop counting; 23.976 counts as 24).
std::string timecodeAt(int hours, int frames, const media::FrameRate& rate) {
    const int base = (rate.numerator + rate.denominator - 1) / rate.denominator;
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d:%02d", hours, frames / base / 60 % 60,
                  frames / base % 60, frames % base);
    return text;
}

// The frame number of hh:00:00:00: camera originals number their frames by time code.
int firstFrameOf(int hours, const media::FrameRate& rate) {
    const int base = (rate.numerator + rate.denominator - 1) / rate.denominator;
    return hours * 3600 * base;
}

// `scene` (linear ACES2065-1) encoded into `space` by OpenColorIO's CPU processor.
Result<media::Image> encoded(const color::OcioCpuTransform& toSpace, media::Image scene) {
    toSpace.apply(reinterpret_cast<float*>(scene.data()), scene.pixelCount());
    return scene;
}

Status makeDirectory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return makeError(ErrorCode::IoError, "cannot create " + dir.string() + ": " + ec.message());
    return Status::ok();
}

}  // namespace

Result<std::vector<GeneratedClip>> generateOriginals(const std::filesystem::path& dir,
                                                     const GenerateOptions& o) {
    if (o.width < 32 || o.height < 32 || o.width % 2 || o.height % 2 || o.width > 8192 ||
        o.height > 8192) {
        return makeError(ErrorCode::InvalidArgument,
                         "--size must be even, from 32x32 to 8192x8192");
    }
    if (o.frames < 1 || o.frames > 10000) {
        return makeError(ErrorCode::InvalidArgument, "--frames must be 1 to 10000");
    }
    if (!o.rate.valid()) return makeError(ErrorCode::InvalidArgument, "--rate must be positive");
    EMU_RETURN_IF_ERROR(makeDirectory(dir));
    EMU_ASSIGN_OR_RETURN(const color::ColorConfig config, color::ColorConfig::builtin());
    auto toSpace = [&](const std::string& space) {
        color::OcioShaderRequest r;
        r.from = "ACES2065-1";
        r.to = space;
        return color::OcioCpuTransform::build(config, r);
    };
    const std::string logC = "ARRI LogC EI800 AWG";
    const std::string sLog3 = "Sony S-Log3 S-Gamut3";
    EMU_ASSIGN_OR_RETURN(color::OcioCpuTransform toLogC, toSpace(logC));
    EMU_ASSIGN_OR_RETURN(color::OcioCpuTransform toSLog3, toSpace(sLog3));

    std::vector<GeneratedClip> clips = {
        {"A001C001", "exr", dir / "A001C001" / "A001C001_%07d.exr", "ACES2065-1", "A001"},
        {"B001C002", "dpx", dir / "B001C002" / "B001C002.%07d.dpx", logC, "B001"},
        {"C001C003", "dng", dir / "C001C003" / "C001C003_%07d.dng", "ACES2065-1 (camera raw)",
         "C001"},
        {"D001C004", "movie", dir / "D001C004.mov", sLog3, "D001"},
    };
    for (std::size_t i = 0; i < clips.size(); ++i) {
        GeneratedClip& c = clips[i];
        const int hours = int(i) + 1;
        c.startTimecode = timecodeAt(hours, 0, o.rate);
        c.firstFrame = c.kind == "movie" ? 0 : firstFrameOf(hours, o.rate);
        c.frameCount = o.frames;
        if (c.kind != "movie") EMU_RETURN_IF_ERROR(makeDirectory(c.path.parent_path()));
    }

    std::unique_ptr<media::MovieWriter> movie;
    {
        media::MovieWriteOptions m;
        m.codec = media::MovieCodec::ProRes4444;
        m.width = o.width;
        m.height = o.height;
        m.rate = o.rate;
        m.startTimecode = clips[3].startTimecode;
        m.reel = clips[3].reel;
        EMU_ASSIGN_OR_RETURN(movie, media::MovieWriter::create(clips[3].path, m));
    }
    media::DngCamera camera;
    camera.make = "Emulsion";
    camera.model = "Synthetic CinemaDNG";
    for (int f = 0; f < o.frames; ++f) {
        const media::Image scene = media::makeSceneFrame(o.width, o.height, f, o.frames);
        // EXR: ACES2065-1 half, as an ACES camera original or a VFX plate is delivered.
        {
            const GeneratedClip& c = clips[0];
            media::ExrFrame exr;
            exr.image = scene.converted(media::PixelType::Half);
            exr.dataWindow = exr.displayWindow = {0, 0, o.width - 1, o.height - 1};
            exr.layout = media::ChannelLayout::Rgb;
            exr.compression = media::ExrCompression::Piz;
            exr.attributes.timeCode = media::SmpteTimecode::parse(timecodeAt(1, f, o.rate));
            exr.attributes.framesPerSecond = std::make_pair(o.rate.numerator, o.rate.denominator);
            exr.attributes.chromaticities = kAp0;
            exr.attributes.strings["reelName"] = c.reel;
            exr.attributes.strings["clipName"] = c.name;
            auto pattern = media::FramePattern::parse(c.path.string());
            EMU_RETURN_IF_ERROR(media::writeExr(pattern->path(c.firstFrame + f), exr));
        }
        // DPX: ARRI LogC, 10-bit, as a log scan or a log camera export is delivered.
        {
            const GeneratedClip& c = clips[1];
            media::DpxFrame dpx;
            EMU_ASSIGN_OR_RETURN(dpx.image, encoded(toLogC, scene));
            dpx.header.bitDepth = 10;
            dpx.header.transfer = media::DpxCharacteristic::Logarithmic;
            dpx.header.colorimetric = media::DpxCharacteristic::UserDefined;
            dpx.header.timecode = media::SmpteTimecode::parse(timecodeAt(2, f, o.rate));
            dpx.header.tvFrameRate = float(o.rate.fps());
            dpx.header.filmFrameRate = float(o.rate.fps());
            dpx.header.inputDevice = c.reel;
            dpx.header.creator = "emulsion generate";
            dpx.header.project = "synthetic camera originals";
            auto pattern = media::FramePattern::parse(c.path.string());
            EMU_RETURN_IF_ERROR(media::writeDpx(pattern->path(c.firstFrame + f), dpx));
        }
        // CinemaDNG: the scene as a sensor sees it.
        {
            const GeneratedClip& c = clips[2];
            media::DngFrameTags tags;
            tags.timecode = timecodeAt(3, f, o.rate);
            tags.rate = o.rate;
            tags.reel = c.reel;
            auto pattern = media::FramePattern::parse(c.path.string());
            EMU_RETURN_IF_ERROR(
                media::writeCinemaDng(pattern->path(c.firstFrame + f), scene, camera, tags));
        }
        // ProRes 4444: S-Log3, as a camera records to ProRes.
        {
            EMU_ASSIGN_OR_RETURN(media::Image slog, encoded(toSLog3, scene));
            EMU_RETURN_IF_ERROR(movie->write(slog));
        }
    }
    EMU_RETURN_IF_ERROR(movie->close());

    nlohmann::json list = nlohmann::json::array();
    for (const GeneratedClip& c : clips) {
        list.push_back({{"name", c.name},
                        {"kind", c.kind},
                        {"path", std::filesystem::relative(c.path, dir).string()},
                        {"colourSpace", c.colourSpace},
                        {"reel", c.reel},
                        {"startTimecode", c.startTimecode},
                        {"firstFrame", c.firstFrame},
                        {"frameCount", c.frameCount},
                        {"rate", std::to_string(o.rate.numerator) + "/" +
                                     std::to_string(o.rate.denominator)}});
    }
    nlohmann::json manifest = {{"format", "emulsion.originals"},
                               {"width", o.width},
                               {"height", o.height},
                               {"clips", list}};
    EMU_RETURN_IF_ERROR(core::writeFileAtomically(dir / "originals.json", manifest.dump(2) + "\n",
                                                  "originals list"));
    return clips;
}

void addGenerateCommand(CLI::App& app, CliContext& context, int& exitCode) {
    struct Args {
        std::string out;
        std::string size = "256x144";
        int frames = 24;
        std::string rate = "24";
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand(
        "generate",
        "Make small synthetic camera originals: ACES EXR, LogC DPX, CinemaDNG and S-Log3 "
        "ProRes 4444 of one moving scene, with reels and time codes");
    cmd->add_option("--out", args->out, "Output folder")->required();
    cmd->add_option("--size", args->size, "Frame size WxH (even)")->capture_default_str();
    cmd->add_option("--frames", args->frames, "Frames per clip")->capture_default_str();
    cmd->add_option("--rate", args->rate, "Frame rate: 24, 25, 24000/1001, ...")
        ->capture_default_str();
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        GenerateOptions o;
        o.frames = args->frames;
        if (std::sscanf(args->size.c_str(), "%dx%d", &o.width, &o.height) != 2) {
            exitCode = reportError(makeError(ErrorCode::InvalidArgument, "--size must be WxH"));
            return;
        }
        int num = 0, den = 1;
        const int n = std::sscanf(args->rate.c_str(), "%d/%d", &num, &den);
        if (n < 1 || num <= 0 || den <= 0) {
            exitCode = reportError(
                makeError(ErrorCode::InvalidArgument, "--rate must be N or N/D, e.g. 24000/1001"));
            return;
        }
        o.rate = {num, den};
        auto clips = generateOriginals(args->out, o);
        if (!clips.isOk()) {
            exitCode = reportError(clips.status());
            return;
        }
        if (context.quiet) return;
        for (const GeneratedClip& c : *clips) {
            std::printf("%-9s %-6s %-28s %s  %s  %d frames\n", c.name.c_str(), c.kind.c_str(),
                        c.colourSpace.c_str(), c.startTimecode.c_str(), c.path.c_str(),
                        c.frameCount);
        }
    });
}

}  // namespace emu::cli
