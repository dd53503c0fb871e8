#include "RenderCommand.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "CliContext.h"
#include "Progress.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/conform/GradeKey.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/core/Hash.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/render/BurnInOverlay.h"
#include "emulsion/timeline/Project.h"
#include "emulsion/timeline/TimelineJson.h"

namespace emu::cli {

namespace {

using timeline::Frames;

// A record frame given as a time code or a frame number.
Result<Frames> parseRecordFrame(const std::string& text, const timeline::Timeline& t) {
    if (text.find(':') != std::string::npos || text.find(';') != std::string::npos) {
        return timeline::timecodeToFrames(text, t.rate);
    }
    try {
        std::size_t used = 0;
        const long long f = std::stoll(text, &used);
        if (used == text.size()) return Frames(f);
    } catch (const std::exception&) {
    }
    return makeError(ErrorCode::InvalidArgument,
                     "--range: '" + text + "' is neither a time code nor a frame number");
}

Result<std::optional<timeline::FrameRange>> parseRange(const std::string& text,
                                                       const timeline::Timeline& t) {
    if (text.empty()) return std::optional<timeline::FrameRange>();
    const auto dash = text.find('-');
    if (dash == std::string::npos) {
        return makeError(ErrorCode::InvalidArgument, "--range takes IN-OUT (inclusive)");
    }
    EMU_ASSIGN_OR_RETURN(Frames in, parseRecordFrame(text.substr(0, dash), t));
    EMU_ASSIGN_OR_RETURN(Frames out, parseRecordFrame(text.substr(dash + 1), t));
    if (out < in) return makeError(ErrorCode::InvalidArgument, "--range: OUT is before IN");
    return std::optional<timeline::FrameRange>(timeline::FrameRange{in, out - in + 1});
}

// The active grade of each shot, by grade key; a clip whose exact key is unknown takes the
// shot of the same media whose source frames contain its own.
struct ProjectGrades {
    std::vector<std::pair<timeline::Shot, std::string>> shots;  // shot, grade JSON

    const std::string* find(const timeline::Clip& clip) const {
        const conform::GradeKey key = conform::gradeKeyOf(clip);
        const std::string* inside = nullptr;
        for (const auto& [shot, json] : shots) {
            if (shot.mediaIdentity != key.media) continue;
            if (shot.source == key.source) return &json;
            if (!inside && shot.source.covers(key.source)) inside = &json;
        }
        return inside;
    }
};

Result<ProjectGrades> loadGrades(timeline::Project& project) {
    ProjectGrades grades;
    EMU_ASSIGN_OR_RETURN(std::vector<timeline::Shot> shots, project.shots());
    for (const timeline::Shot& shot : shots) {
        if (!shot.activeVersion) continue;
        EMU_ASSIGN_OR_RETURN(timeline::GradeVersion g, project.grade(shot.id, *shot.activeVersion));
        grades.shots.emplace_back(shot, g.gradeJson);
    }
    return grades;
}

std::string safeName(const std::string& text) {
    std::string out;
    for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
    return out.empty() ? "timeline" : out;
}

std::string fileText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Status writeQc(const std::filesystem::path& file, const render::DeliverableOutcome& o) {
    const render::QcReport& qc = o.qc;
    nlohmann::json j = {{"output", o.output.string()},
                        {"expected_frames", qc.expectedFrames},
                        {"frames", qc.frames},
                        {"missing", qc.missing},
                        {"strays", qc.strays},
                        {"timecode_breaks", qc.timecodeBreaks},
                        {"black_frames", qc.blackFrames},
                        {"nan_frames", qc.nanFrames},
                        {"bytes", qc.bytes},
                        {"rendered", o.rendered},
                        {"skipped", o.skipped},
                        {"ok", qc.ok()}};
    return core::writeFileAtomically(file, j.dump(2) + "\n", "QC report");
}

}  // namespace

render::RenderCapabilities renderCapabilities() {
    return render::builtinCapabilities();
}

Result<render::DeliverableOutcome> renderProject(CliContext& context, const RenderArgs& args,
                                                 bool showProgress) {
    EMU_ASSIGN_OR_RETURN(render::Preset preset,
                         render::findPreset(args.preset, render::presetSearchPath()));
    const render::RenderCapabilities capabilities = renderCapabilities();
    EMU_RETURN_IF_ERROR(render::checkPreset(preset, capabilities));
    if (!args.resolution.empty()) {
        EMU_RETURN_IF_ERROR(render::setPresetResolution(preset, args.resolution, "--resolution"));
    }
    if (preset.audio && args.mix.empty()) {
        return makeError(ErrorCode::InvalidArgument,
                         "preset " + preset.name + " carries the final mix: give --mix FILE.wav");
    }
    if (!preset.audio && !args.mix.empty()) {
        context.log.warning("preset " + preset.name + " has no audio: --mix " + args.mix +
                            " is not used");
    }
    std::unique_ptr<render::FrameOverlay> burnins;
    if (!preset.burnins.empty()) {
        EMU_ASSIGN_OR_RETURN(burnins, capabilities.burnins(preset.burnins));
    }
    EMU_ASSIGN_OR_RETURN(timeline::Project project, timeline::Project::open(args.project));
    EMU_ASSIGN_OR_RETURN(std::vector<std::string> names, project.timelineNames());
    if (names.empty()) {
        return makeError(ErrorCode::NotFound, args.project +
                                                  ": the project has no timeline; "
                                                  "conform a cut into it first");
    }
    const std::string name = args.timeline.empty() ? names.front() : args.timeline;
    EMU_ASSIGN_OR_RETURN(timeline::Timeline cut, project.loadTimeline(name));
    EMU_ASSIGN_OR_RETURN(std::optional<timeline::FrameRange> range, parseRange(args.range, cut));
    EMU_ASSIGN_OR_RETURN(ProjectGrades grades, loadGrades(project));

    std::optional<std::filesystem::path> ocio;
    if (context.ocioConfig) ocio = *context.ocioConfig;
    EMU_ASSIGN_OR_RETURN(color::ColorConfig config, color::ColorConfig::load(ocio));
    // Everything the pixels depend on names the journal, so a resume never mixes settings.
    core::Hasher settings;
    settings.add(fileText(preset.file)).add(timeline::timelineToJson(cut)).add(config.source());
    for (const auto& [shot, json] : grades.shots) settings.add(json);
    settings.add(args.range).add(args.inputSpace).add(args.resolution);
    std::unique_ptr<render::FrameOverlay> subtitles;
    if (!args.subtitles.empty()) {
        settings.add(fileText(args.subtitles));
        EMU_ASSIGN_OR_RETURN(subtitles, render::makeSubtitleOverlay(
                                            args.subtitles, cut.startFrame,
                                            {int(cut.rate.numerator), int(cut.rate.denominator)}));
    }
    if (preset.audio) {
        // A mix is large: its name, size and time stamp stand for its content.
        std::error_code ec;
        const auto size = std::filesystem::file_size(args.mix, ec);
        if (ec)
            return makeError(ErrorCode::NotFound,
                             args.mix + ": cannot read the mix: " + ec.message());
        const auto stamp =
            std::filesystem::last_write_time(args.mix, ec).time_since_epoch().count();
        settings.add(std::filesystem::absolute(args.mix).string())
            .add(std::to_string(size))
            .add(std::to_string(stamp));
    }
    std::optional<graph::Grade> timelineGrade;
    if (!args.timelineGrade.empty()) {
        EMU_ASSIGN_OR_RETURN(graph::Grade g, graph::loadGrade(args.timelineGrade));
        settings.add(graph::gradeToJson(g));
        timelineGrade = std::move(g);
    }

    render::TimelineRenderOptions options;
    options.widthPx = preset.widthPx;
    options.heightPx = preset.heightPx;
    options.output = {preset.colourSpace, preset.display, preset.view, preset.look};
    options.defaultInputSpace = args.inputSpace;
    options.timelineGrade = timelineGrade;
    if (ocio) options.ocio.config = config;
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    options.shotGrade =
        [&grades](const timeline::Clip& clip) -> Result<std::optional<graph::Grade>> {
        const std::string* json = grades.find(clip);
        if (!json) return std::optional<graph::Grade>();
        EMU_ASSIGN_OR_RETURN(graph::Grade g, graph::gradeFromJson(*json, "grade of " + clip.name));
        return std::optional<graph::Grade>(std::move(g));
    };
    EMU_ASSIGN_OR_RETURN(gpu::Device * device, context.device());
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<render::TimelineRenderer> renderer,
                         render::TimelineRenderer::create(
                             *device, config, cut, media::builtinClipReaders(), registry, options));

    render::DeliverableRequest request;
    request.preset = preset;
    request.outDir = args.out;
    request.name = safeName(name) + "_" + preset.name;
    // A range of a movie is a movie of its own, beside the whole one.
    if (!preset.perFrameFiles() && range) {
        request.name += "_" + std::to_string(range->start) + "-" + std::to_string(range->end() - 1);
    }
    request.range = range;
    request.resume = args.resume;
    if (preset.audio) request.mix = args.mix;
    request.settings = settings.hex();
    if (subtitles) request.overlays.push_back(subtitles.get());
    if (burnins) request.overlays.push_back(burnins.get());
    const timeline::FrameRange rendered = range.value_or(renderer->range());
    timeline::RenderJob job;
    job.preset = preset.name;
    job.range = rendered;
    job.status = timeline::RenderJob::Status::Running;
    EMU_ASSIGN_OR_RETURN(std::int64_t jobId, project.addRenderJob(job));
    Progress bar("rendering " + preset.name, int(rendered.duration), showProgress);
    int lastPercent = 0;
    request.progress = [&](int done, int total) {
        bar.advance(done);
        if (args.onProgress) args.onProgress(done, total);
        const int percent = total ? done * 100 / total : 100;
        if (percent >= lastPercent + 10) {  // the project sees the job move, not every frame
            lastPercent = percent;
            (void)project.updateRenderJob(jobId, timeline::RenderJob::Status::Running,
                                          double(done) / total);
        }
    };
    Result<render::DeliverableOutcome> outcome = render::renderDeliverable(*renderer, request);
    bar.finish();
    EMU_RETURN_IF_ERROR(project.updateRenderJob(
        jobId,
        outcome.isOk() ? timeline::RenderJob::Status::Done : timeline::RenderJob::Status::Failed,
        outcome.isOk() ? 1.0 : 0.0));
    if (!outcome.isOk()) return outcome.status();
    EMU_RETURN_IF_ERROR(
        writeQc(std::filesystem::path(args.out) / (request.name + ".qc.json"), *outcome));
    // One line per clip and problem is enough; the count says how often.
    const std::vector<std::string>& warnings = renderer->warnings();
    for (std::size_t i = 0; i < warnings.size() && i < 5; ++i) context.log.warning(warnings[i]);
    if (warnings.size() > 5) {
        context.log.warning(std::to_string(warnings.size() - 5) + " more warnings like these");
    }
    return outcome;
}

namespace {

int runRender(CliContext& context, const RenderArgs& args) {
    auto outcome = renderProject(context, args, context.showProgress());
    if (!outcome.isOk()) return reportError(outcome.status());
    const render::QcReport& qc = outcome->qc;
    if (!context.quiet) {
        std::printf("%s\n", outcome->output.c_str());
        std::printf("  %d frames: %d rendered, %d already done; %llu bytes\n", qc.expectedFrames,
                    outcome->rendered, outcome->skipped, static_cast<unsigned long long>(qc.bytes));
        if (outcome->rendered > 0) {
            std::printf("  %.3f s, %.2f frames/s\n", outcome->seconds,
                        outcome->rendered / std::max(outcome->seconds, 1e-9));
        }
        std::printf(
            "  QC %s: %d of %d frames, %zu missing, %zu stray files, %d time code "
            "breaks, %d black, %d NaN\n",
            qc.ok() ? "passed" : "FAILED", qc.frames, qc.expectedFrames, qc.missing.size(),
            qc.strays.size(), qc.timecodeBreaks, qc.blackFrames, qc.nanFrames);
    }
    if (!qc.ok()) {
        std::fprintf(stderr, "emulsion: error: %s: QC failed (see %s.qc.json)\n",
                     outcome->output.c_str(), outcome->output.filename().c_str());
        return 3;
    }
    return 0;
}

}  // namespace

void addRenderCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto args = std::make_shared<RenderArgs>();
    CLI::App* cmd = app.add_subcommand(
        "render", "Render a project's timeline from the camera originals to a deliverable preset");
    cmd->add_option("project", args->project, "Project file (.emulsion)")->required();
    cmd->add_option("--preset", args->preset, "Preset name (`emulsion presets`) or preset file")
        ->required();
    cmd->add_option("--out", args->out, "Output folder")->required();
    cmd->add_option("--timeline", args->timeline, "Timeline name (default: the first)");
    cmd->add_option("--range", args->range,
                    "Record frames IN-OUT, inclusive: time codes (01:00:00:00-01:00:09:23) or "
                    "frame numbers");
    cmd->add_flag("--resume", args->resume,
                  "Continue an interrupted render: keep frames whose files match the journal");
    cmd->add_option("--input-space", args->inputSpace,
                    "Colour space of media whose header names none (default: such media is an "
                    "error)");
    cmd->add_option("--resolution", args->resolution,
                    "Output size instead of the preset's: WxH or \"source\"");
    cmd->add_option("--subtitles", args->subtitles,
                    "SRT file burned into the frames, its times from the timeline's start");
    cmd->add_option("--mix", args->mix,
                    "The final mix (WAV, 48 kHz stereo or 5.1), starting at the timeline's start, "
                    "for presets with audio");
    cmd->add_option("--timeline-grade", args->timelineGrade,
                    "Grade file applied over the whole timeline, after each shot's grade");
    cmd->callback([&context, &exitCode, args] {
        context.applyVerbosity();
        exitCode = runRender(context, *args);
    });
}

}  // namespace emu::cli
