#include "ConformCommand.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "CliContext.h"
#include "emulsion/conform/CutChanges.h"
#include "emulsion/conform/Edl.h"
#include "emulsion/conform/FcpXml.h"
#include "emulsion/conform/GradeKey.h"
#include "emulsion/conform/MediaIndex.h"
#include "emulsion/conform/Otio.h"
#include "emulsion/conform/Relink.h"
#include "emulsion/conform/VfxVersions.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/timeline/Project.h"

namespace emu::cli {

namespace {

struct DiffArgs {
    std::string oldCut;
    std::string newCut;
    std::string rate;
    bool json = false;
};

std::string lowerExtension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

// Which of the two XML formats a .xml file holds, from its root element near the top.
std::string xmlFormatOf(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));
    return head.find("<fcpxml") != std::string::npos ? "fcpxml" : "fcp7xml";
}

// --rate as given, or an error saying the EDL needs one.
Result<timeline::Rate> rateOption(const std::string& text, bool needed) {
    if (text.empty()) {
        if (needed) return makeError(ErrorCode::InvalidArgument, "an EDL needs --rate");
        return timeline::Rate{24, 1};
    }
    return timeline::parseRate(text);
}

Result<ReadCut> readCutAt(const std::filesystem::path& file, const std::string& rateText) {
    const bool edl = lowerExtension(file) == ".edl";
    EMU_ASSIGN_OR_RETURN(const timeline::Rate rate, rateOption(rateText, edl));
    return readCut(file, rate);
}

Result<std::vector<timeline::Warning>> indexMedia(const std::vector<std::string>& folders,
                                                  const conform::MediaIndexOptions& options,
                                                  const media::ClipRegistry& registry,
                                                  conform::MediaIndex& index) {
    std::vector<std::filesystem::path> roots(folders.begin(), folders.end());
    EMU_ASSIGN_OR_RETURN(index, conform::MediaIndex::scan(roots, options, registry));
    std::vector<timeline::Warning> warnings;
    for (const conform::UnreadableFile& u : index.unreadable())
        warnings.push_back({0, "unreadable media " + u.path.string() + ": " + u.error});
    return warnings;
}

int runConform(const ConformArgs& args) {
    if (args.cut.empty()) {
        return reportError(makeError(ErrorCode::InvalidArgument, "conform needs a CUT file"));
    }
    auto cut = conformCut(args);
    if (!cut.isOk()) return reportError(cut.status());
    if (!args.report.empty()) {
        const Status written =
            core::writeFileAtomically(args.report, conformHtml(*cut), "conform report");
        if (!written.isOk()) return reportError(written);
    }
    std::string stored;
    if (!args.project.empty()) {
        auto line = storeInProject(*cut, args.project);
        if (!line.isOk()) return reportError(line.status());
        stored = *line;
    }
    if (args.json) {
        std::printf("%s\n", conformJson(*cut).dump(2).c_str());
        if (!stored.empty()) std::fprintf(stderr, "%s\n", stored.c_str());
    } else {
        std::fputs(conformText(*cut).c_str(), stdout);
        if (!stored.empty()) std::printf("%s\n", stored.c_str());
    }
    return 0;
}

int runDiff(const DiffArgs& args) {
    auto graded = readCutAt(args.oldCut, args.rate);
    if (!graded.isOk()) return reportError(graded.status());
    auto cut = readCutAt(args.newCut, args.rate);
    if (!cut.isOk()) return reportError(cut.status());
    const conform::CutChanges changes = conform::compareCuts(graded->timeline, cut->timeline);
    if (args.json) {
        std::printf("%s\n", changesJson(changes, cut->timeline, graded->timeline).dump(2).c_str());
    } else {
        std::fputs(changesText(changes, cut->timeline, graded->timeline).c_str(), stdout);
    }
    return 0;
}

}  // namespace

Result<ReadCut> readCut(const std::filesystem::path& file, const timeline::Rate& rate) {
    const std::string ext = lowerExtension(file);
    ReadCut cut;
    if (ext == ".edl") {
        EMU_ASSIGN_OR_RETURN(conform::EdlResult r, conform::readEdl(file, rate));
        cut = {"edl", std::move(r.timeline), std::move(r.warnings)};
    } else if (ext == ".xml" || ext == ".fcpxml" || ext == ".fcpxmld") {
        // An .fcpxmld bundle is a folder holding the document as Info.fcpxml.
        const std::filesystem::path document = ext == ".fcpxmld" ? file / "Info.fcpxml" : file;
        EMU_ASSIGN_OR_RETURN(conform::XmlConform r, conform::readFcpXmlFile(document));
        const std::string format = ext == ".xml" ? xmlFormatOf(document) : "fcpxml";
        cut = {format, std::move(r.timeline), std::move(r.warnings)};
    } else if (ext == ".otio") {
        EMU_ASSIGN_OR_RETURN(conform::OtioReadResult r, conform::readOtioFile(file));
        cut = {"otio", std::move(r.timeline), std::move(r.warnings)};
    } else {
        return makeError(
            ErrorCode::InvalidArgument,
            file.string() + ": not an edit list (.edl, .xml, .fcpxml, .fcpxmld, .otio)");
    }
    return cut;
}

Result<ConformedCut> conformCut(const ConformArgs& args) {
    EMU_ASSIGN_OR_RETURN(ReadCut read, readCutAt(args.cut, args.rate));
    if (args.handles < 0) return makeError(ErrorCode::InvalidArgument, "--handles must be >= 0");
    ConformedCut cut;
    cut.file = args.cut;
    cut.format = read.format;
    cut.timeline = std::move(read.timeline);
    cut.warnings = std::move(read.warnings);

    const media::ClipRegistry registry = media::builtinClipReaders();
    conform::MediaIndexOptions indexOptions;
    indexOptions.reelPattern = args.reelPattern;
    indexOptions.fallbackRate = cut.timeline.rate;
    conform::MediaIndex plates;
    EMU_ASSIGN_OR_RETURN(auto mediaWarnings,
                         indexMedia(args.media, indexOptions, registry, plates));
    conform::MediaIndex renders;
    EMU_ASSIGN_OR_RETURN(auto vfxWarnings, indexMedia(args.vfx, indexOptions, registry, renders));
    cut.warnings.insert(cut.warnings.end(), mediaWarnings.begin(), mediaWarnings.end());
    cut.warnings.insert(cut.warnings.end(), vfxWarnings.begin(), vfxWarnings.end());

    const conform::VfxIndex vfx(renders);
    conform::RelinkOptions options;
    options.handles = args.handles;
    if (!args.vfx.empty()) options.vfx = &vfx;
    cut.relink = conform::relink(cut.timeline, plates, options);
    return cut;
}

std::string storedTimelineName(const ConformedCut& cut) {
    return cut.timeline.title.empty() ? cut.file.stem().string() : cut.timeline.title;
}

Result<ProjectConform> conformIntoProject(const std::filesystem::path& cut, const std::string& rate,
                                          const std::vector<std::string>& media,
                                          const std::filesystem::path& project) {
    ConformArgs args;
    args.cut = cut.string();
    args.rate = rate;
    args.media = media;
    EMU_ASSIGN_OR_RETURN(const ConformedCut conformed, conformCut(args));
    EMU_ASSIGN_OR_RETURN(std::string stored, storeInProject(conformed, project.string()));
    ProjectConform out;
    out.timeline = storedTimelineName(conformed);
    std::istringstream text(conformText(conformed));
    for (std::string line; std::getline(text, line);) out.lines.push_back(line);
    out.lines.push_back(std::move(stored));
    return out;
}

Result<std::string> storeInProject(const ConformedCut& cut, const std::string& path) {
    EMU_ASSIGN_OR_RETURN(timeline::Project project, timeline::Project::open(path));
    const std::string name = storedTimelineName(cut);
    EMU_ASSIGN_OR_RETURN(std::int64_t saved, project.saveTimeline(name, cut.timeline));
    (void)saved;
    // The grades already in the project, by grade key: a recut's shots take the grade of the
    // same media whose source frames overlap theirs most (conform::mapGrades).
    EMU_ASSIGN_OR_RETURN(const std::vector<timeline::Shot> before, project.shots());
    std::map<conform::GradeKey, std::string> graded;
    for (const timeline::Shot& shot : before) {
        if (!shot.activeVersion) continue;
        EMU_ASSIGN_OR_RETURN(timeline::GradeVersion g, project.grade(shot.id, *shot.activeVersion));
        graded[{shot.mediaIdentity, shot.source}] = g.gradeJson;
    }
    const conform::GradeMapping mapping = conform::mapGrades(graded, cut.timeline);
    int carried = 0;
    for (const conform::MappedGrade& m : mapping.shots) {
        const timeline::Clip& clip =
            std::get<timeline::Clip>(cut.timeline.tracks[m.shot.track].items[m.shot.item]);
        const conform::GradeKey key = conform::gradeKeyOf(clip);
        EMU_ASSIGN_OR_RETURN(timeline::ShotId id,
                             project.shotFor(key.media, key.source, clip.name));
        EMU_ASSIGN_OR_RETURN(timeline::Shot shot, project.shot(id));
        const auto grade = mapping.grades.find(key);
        if (!shot.activeVersion && grade != mapping.grades.end()) {
            EMU_RETURN_IF_ERROR(project.setGrade(id, 1, grade->second));
            ++carried;
        }
    }
    EMU_ASSIGN_OR_RETURN(const auto after, project.shots());
    std::string line = "project " + path + ": timeline '" + name + "', " +
                       std::to_string(mapping.shots.size()) + " shots (" +
                       std::to_string(after.size() - before.size()) + " new)";
    if (!graded.empty()) {
        line += ", " + std::to_string(carried) + " grades carried over from overlapping shots, " +
                std::to_string(mapping.needsGrade) + " without a grade, " +
                std::to_string(mapping.exposing) + " showing ungraded frames";
    }
    return line;
}

void addConformCommand(CLI::App& app, CliContext& context, int& exitCode) {
    auto args = std::make_shared<ConformArgs>();
    auto diffArgs = std::make_shared<DiffArgs>();
    CLI::App* cmd = app.add_subcommand(
        "conform",
        "Read a cut (EDL, FCP XML, FCPXML, OTIO), relink it to camera originals and "
        "VFX renders, and report each event");
    cmd->add_option("cut", args->cut, "The edit list: .edl, .xml, .fcpxml, .fcpxmld, .otio");
    cmd->add_option("--rate", args->rate, "Frame rate of an EDL: 24, 25, 23.976, 24000/1001");
    cmd->add_option("--media", args->media, "Folder of camera originals (repeatable)");
    cmd->add_option("--vfx", args->vfx, "Folder of VFX renders SHOT_task_v### (repeatable)");
    cmd->add_option("--handles", args->handles, "Frames wanted each side of every event")
        ->capture_default_str();
    cmd->add_option("--reel-pattern", args->reelPattern,
                    "Regex with one group: the reel from file or folder names");
    cmd->add_flag("--json", args->json, "Print the conformed cut as JSON");
    cmd->add_option("--report", args->report, "Also write an HTML report to this file");
    cmd->add_option("--project", args->project,
                    "Project file (SQLite; created if absent): store the conformed timeline and "
                    "one shot per picture clip, keyed by media and source frames");

    CLI::App* diff =
        cmd->add_subcommand("diff", "What changed from one cut to the next, shot by shot");
    diff->add_option("old", diffArgs->oldCut, "The cut that was graded")->required();
    diff->add_option("new", diffArgs->newCut, "The new cut")->required();
    diff->add_option("--rate", diffArgs->rate, "Frame rate of EDLs");
    diff->add_flag("--json", diffArgs->json, "Print the change list as JSON");
    diff->callback([&context, &exitCode, diffArgs] {
        context.applyVerbosity();
        exitCode = runDiff(*diffArgs);
    });

    cmd->callback([&context, &exitCode, args, cmd, diff] {
        if (cmd->got_subcommand(diff)) return;
        context.applyVerbosity();
        exitCode = runConform(*args);
    });
}

}  // namespace emu::cli
