#include "DemoCommand.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <system_error>

#include "CliContext.h"
#include "ConformCommand.h"
#include "GenerateCommand.h"
#include "RenderCommand.h"
#include "emulsion/conform/Edl.h"
#include "emulsion/conform/FcpXml.h"
#include "emulsion/conform/Otio.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"
#include "emulsion/media/WavWriter.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"
#include "emulsion/render/FrameGrader.h"
#include "emulsion/timeline/Project.h"

namespace emu::cli {

namespace {

constexpr int kWidthPx = 1920;
constexpr int kHeightPx = 1080;

// The chart as a camera original would carry it: linear Rec.709 primaries, 24 fps, a start
// timecode and a reel name, so the graded copy shows which attributes travel with a frame.
media::ExrFrame makeChartFrame() {
    media::ExrFrame frame;
    frame.image = media::makeTestChart(kWidthPx, kHeightPx, media::PixelType::Half);
    frame.dataWindow = {0, 0, kWidthPx - 1, kHeightPx - 1};
    frame.displayWindow = frame.dataWindow;
    frame.layout = media::ChannelLayout::Rgba;
    frame.compression = media::ExrCompression::Zip;
    frame.attributes.timeCode = media::ExrTimecode{1, 0, 0, 0};
    frame.attributes.framesPerSecond = std::make_pair(24, 1);
    frame.attributes.chromaticities =
        std::array<float, 8>{0.64f, 0.33f, 0.30f, 0.60f, 0.15f, 0.06f, 0.3127f, 0.3290f};
    frame.attributes.strings["reelName"] = "EMU_DEMO";
    frame.attributes.strings["owner"] = "Emulsion demo";
    return frame;
}

// A cut of the generated originals, as editorial would hand it over: one shot of 12 frames from
// each clip, 6 frames in, on V1 from 01:00:00:00.
Result<timeline::Timeline> demoCut(const std::vector<GeneratedClip>& clips) {
    timeline::Timeline t;
    t.title = "EMULSION DEMO CUT";
    t.rate = {24, 1};
    EMU_ASSIGN_OR_RETURN(t.startFrame, timeline::timecodeToFrames("01:00:00:00", t.rate));
    timeline::Track v1;
    v1.name = "V1";
    timeline::Frames record = t.startFrame;
    int event = 1;
    for (const GeneratedClip& c : clips) {
        EMU_ASSIGN_OR_RETURN(timeline::Frames start,
                             timeline::timecodeToFrames(c.startTimecode, t.rate));
        timeline::Clip clip;
        clip.name = c.name;
        clip.reel = c.reel;
        clip.event = event++;
        clip.record = {record, 12};
        clip.source = {start + 6, 12};
        clip.sourceRate = t.rate;
        clip.media = {timeline::MediaReference{}};
        v1.items.push_back(clip);
        record += 12;
    }
    t.tracks = {v1};
    return t;
}

Status setClipColourSpaces(timeline::Project& project, const std::string& name,
                           const std::vector<GeneratedClip>& clips) {
    EMU_ASSIGN_OR_RETURN(timeline::Timeline t, project.loadTimeline(name));
    for (timeline::Track& track : t.tracks) {
        for (timeline::Item& item : track.items) {
            auto* clip = std::get_if<timeline::Clip>(&item);
            if (!clip) continue;
            for (const GeneratedClip& c : clips) {
                if (c.name == clip->name && c.kind != "dng") {
                    clip->metadata["colour_space"] = c.colourSpace;
                }
            }
        }
    }
    EMU_ASSIGN_OR_RETURN(std::int64_t id, project.saveTimeline(name, t));
    (void)id;
    return Status::ok();
}

// A stand-in for the film's final mix, as long as the demo cut: stereo, 48 kHz, 24-bit, a
// 1 kHz line-up tone at -20 dBFS for the first second, then a different pitch in each channel.
Status writeDemoMix(const std::filesystem::path& file, const timeline::Timeline& cut) {
    timeline::Frames end = cut.startFrame;
    for (const timeline::Track& track : cut.tracks) {
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (const timeline::Item& item : track.items) {
            if (const auto* clip = std::get_if<timeline::Clip>(&item)) {
                end = std::max(end, clip->record.start + clip->record.duration);
            }
        }
    }
    constexpr int kRate = 48000;  // [Hz]
    const double seconds =
        double(end - cut.startFrame) * double(cut.rate.denominator) / double(cut.rate.numerator);
    const auto frames = std::size_t(std::ceil(seconds * kRate));
    std::vector<float> samples(frames * 2);
    const double kTwoPi = 6.283185307179586;
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = double(i) / kRate;
        const bool lineUp = i < std::size_t(kRate);
        const double left = lineUp ? 1000.0 : 440.0;  // [Hz]
        const double right = lineUp ? 1000.0 : 660.0;
        const double level = lineUp ? 0.1 : 0.05;  // -20 dBFS, then -26 dBFS
        samples[2 * i] = float(level * std::sin(kTwoPi * left * t));
        samples[2 * i + 1] = float(level * std::sin(kTwoPi * right * t));
    }
    return media::writeWav24(file, kRate, 2, samples);
}

// Renders the demo timeline's deliverables into OUT/masters — a ProRes 4444 master with the
// mix, an ACES EXR master and a review H.264 with burn-ins and the mix — and prints their paths.
Status renderMasters(CliContext& context, const std::filesystem::path& out, bool quiet) {
    const std::filesystem::path projectPath = out / "demo.emulsion";
    EMU_ASSIGN_OR_RETURN(timeline::Project project, timeline::Project::open(projectPath));
    EMU_ASSIGN_OR_RETURN(std::vector<std::string> names, project.timelineNames());
    if (names.empty()) return makeError(ErrorCode::Internal, "the demo project has no timeline");
    EMU_ASSIGN_OR_RETURN(timeline::Timeline cut, project.loadTimeline(names.front()));
    const std::filesystem::path mix = out / "mix.wav";
    EMU_RETURN_IF_ERROR(writeDemoMix(mix, cut));
    if (!quiet) std::printf("  final mix   stereo 48 kHz 24-bit          %s\n", mix.c_str());
    for (const char* preset : {"prores-4444-master", "aces-archival-master", "review-h264"}) {
        RenderArgs args;
        args.project = projectPath.string();
        args.preset = preset;
        args.out = (out / "masters").string();
        args.mix = mix.string();
        // The demo's originals are 256x144: a quarter of 1080p keeps the review's burn-ins
        // legible and renders in seconds on a machine without a GPU.
        if (std::string(preset) == "review-h264") args.resolution = "960x540";
        EMU_ASSIGN_OR_RETURN(render::DeliverableOutcome o,
                             renderProject(context, args, !quiet && context.showProgress()));
        if (!o.qc.ok()) {
            return makeError(ErrorCode::Internal, o.output.string() + ": QC failed");
        }
        if (!quiet) {
            std::printf("  %-20s %d frames, QC passed  %s\n", preset, o.qc.frames,
                        o.output.c_str());
        }
    }
    return Status::ok();
}

// Generates the originals, writes the cut as EDL and OTIO, conforms the EDL against the
// originals, writes the conformed cut as FCPXML and stores it in a project with a grade per
// shot. Prints what it made.
Status conformDemo(const std::filesystem::path& out, const graph::Grade& grade, bool quiet) {
    GenerateOptions options;
    EMU_ASSIGN_OR_RETURN(std::vector<GeneratedClip> clips,
                         generateOriginals(out / "originals", options));
    EMU_ASSIGN_OR_RETURN(timeline::Timeline cut, demoCut(clips));
    EMU_ASSIGN_OR_RETURN(std::string edl, conform::writeEdl(cut, {}));
    EMU_RETURN_IF_ERROR(core::writeFileAtomically(out / "cut.edl", edl, "EDL"));
    EMU_RETURN_IF_ERROR(conform::writeOtioFile(cut, out / "cut.otio"));

    ConformArgs args;
    args.cut = (out / "cut.edl").string();
    args.rate = "24";
    args.media = {(out / "originals").string()};
    EMU_ASSIGN_OR_RETURN(ConformedCut conformed, conformCut(args));
    // The conformed cut, with the paths it found, for an editor's system.
    EMU_ASSIGN_OR_RETURN(std::string fcpxml, conform::writeFcpxml(conformed.timeline));
    EMU_RETURN_IF_ERROR(core::writeFileAtomically(out / "cut.fcpxml", fcpxml, "FCPXML"));
    const std::filesystem::path projectPath = out / "demo.emulsion";
    EMU_ASSIGN_OR_RETURN(std::string stored, storeInProject(conformed, projectPath.string()));
    // Each shot starts from the demo grade, its version 1.
    EMU_ASSIGN_OR_RETURN(timeline::Project project, timeline::Project::open(projectPath));
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::Shot> shots, project.shots());
    for (const timeline::Shot& shot : shots) {
        EMU_RETURN_IF_ERROR(project.setGrade(shot.id, 1, graph::gradeToJson(grade)));
    }
    // The DPX and movie headers do not name their log encodings: the colourist sets each
    // clip's colour space, as the generator knows it (camera raw develops on its own).
    EMU_RETURN_IF_ERROR(setClipColourSpaces(project, conformed.timeline.title, clips));
    if (quiet) return Status::ok();
    const conform::RelinkSummary& sum = conformed.relink.summary;
    std::printf("  originals   %zu clips (EXR, DPX, CinemaDNG, ProRes)  %s\n", clips.size(),
                (out / "originals").c_str());
    std::printf("  cut         EDL and OTIO, %d events      %s\n", sum.events,
                (out / "cut.edl").c_str());
    std::printf("  conformed cut as FCPXML                %s\n", (out / "cut.fcpxml").c_str());
    std::printf("  conform     %d matched, %d missing, %d ambiguous, %d short\n", sum.matched,
                sum.missing, sum.ambiguous, sum.shortEvents);
    std::printf("  %s, each shot graded\n", stored.c_str());
    return Status::ok();
}

int runDemo(CliContext& context, const std::string& outDir, bool deliverables) {
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (ec) {
        return reportError(
            makeError(ErrorCode::IoError, "cannot create " + outDir + ": " + ec.message()));
    }
    const std::filesystem::path chartPath = std::filesystem::path(outDir) / "chart.exr";
    const std::filesystem::path gradedPath = std::filesystem::path(outDir) / "chart_graded.exr";
    const std::filesystem::path gradePath = std::filesystem::path(outDir) / "grade.json";
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto grade = nodes::typicalGrade(registry);
    if (!grade.isOk()) return reportError(grade.status());
    if (Status s = graph::saveGrade(gradePath, *grade); !s.isOk()) return reportError(s);

    media::ExrFrame frame = makeChartFrame();
    if (Status s = media::writeExr(chartPath, frame); !s.isOk()) return reportError(s);

    auto device = context.device();
    if (!device.isOk()) return reportError(device.status());
    auto grader = render::FrameGrader::create(**device);
    if (!grader.isOk()) return reportError(grader.status());
    if (Status s = (*grader)->setGrade(*grade, registry); !s.isOk()) return reportError(s);
    auto start = std::chrono::steady_clock::now();
    auto graded = (*grader)->grade(frame.image);
    if (!graded.isOk()) return reportError(graded.status());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    frame.image = std::move(graded).value();
    if (Status s = media::writeExr(gradedPath, frame); !s.isOk()) return reportError(s);

    if (context.quiet) {
        if (Status s = conformDemo(outDir, *grade, true); !s.isOk()) return reportError(s);
        if (!deliverables) return 0;
        if (Status s = renderMasters(context, outDir, true); !s.isOk()) return reportError(s);
        return 0;
    }
    double kernelMs = 0;
    for (const auto& t : (*grader)->lastTimings()) kernelMs += t.milliseconds;
    std::printf("Emulsion demo on %s\n", (*device)->info().name.c_str());
    std::printf("  test chart  %dx%d half RGBA      %s\n", kWidthPx, kHeightPx, chartPath.c_str());
    std::printf("  grade       %zu nodes              %s\n", grade->nodes().size() - 2,
                gradePath.c_str());
    std::printf("  graded chart                       %s\n", gradedPath.c_str());
    std::printf("  GPU: %zu dispatches, %.2f ms in kernels, %.2f ms with upload and download\n",
                (*grader)->lastTimings().size(), kernelMs, ms);
    if (Status s = conformDemo(outDir, *grade, false); !s.isOk()) return reportError(s);
    if (!deliverables) return 0;
    if (Status s = renderMasters(context, outDir, false); !s.isOk()) return reportError(s);
    return 0;
}

}  // namespace

void addDemoCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto outDir = std::make_shared<std::string>("emulsion-demo");
    CLI::App* cmd = app.add_subcommand(
        "demo",
        "Grade a test chart through a node graph on the GPU; generate camera originals, cut them "
        "(EDL, OTIO), conform the cut, store it in a project with a grade per shot and render its "
        "deliverables: a ProRes 4444 master with a mix, an ACES EXR master, a review H.264");
    cmd->add_option("--out", *outDir, "Output directory")->capture_default_str();
    auto noDeliverables = std::make_shared<bool>(false);
    cmd->add_flag("--no-deliverables", *noDeliverables,
                  "Stop at the graded project (the renders are the slow part without a GPU)");
    cmd->callback([&context, &exitCode, outDir, noDeliverables] {
        context.applyVerbosity();
        exitCode = runDemo(context, *outDir, !*noDeliverables);
    });
}

}  // namespace emu::cli
