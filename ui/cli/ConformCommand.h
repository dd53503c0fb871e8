#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "ConformReport.h"
#include "emulsion/core/Result.h"
#include "emulsion/timeline/Time.h"

namespace emu::cli {

struct CliContext;

// A cut as its reader gave it. Thread: value type.
struct ReadCut {
    std::string format;  // "edl", "fcp7xml", "fcpxml", "otio"
    timeline::Timeline timeline;
    std::vector<timeline::Warning> warnings;
};

// Reads an edit list chosen by its extension: .edl (at `rate`), .xml (FCP 7 XML or FCPXML),
// .fcpxml, an .fcpxmld bundle (its Info.fcpxml), .otio. The readers' errors name file:line;
// InvalidArgument for an extension no reader takes. Thread: any.
Result<ReadCut> readCut(const std::filesystem::path& file, const timeline::Rate& rate);

// What `conform` is asked to do.
struct ConformArgs {
    std::string cut;
    std::string rate;  // needed for EDLs
    std::vector<std::string> media;
    std::vector<std::string> vfx;
    int handles = 0;
    std::string reelPattern;
    bool json = false;
    std::string report;
    std::string project;  // store the conformed timeline and its shots here
};

// Reads the cut, indexes --media and --vfx and relinks every event. Errors name file:line.
Result<ConformedCut> conformCut(const ConformArgs& args);

// Saves the conformed timeline in the project at `path` (created if absent) under its title,
// else the cut's name, and one shot per picture clip keyed by media identity + source frames
// (a re-conform of the same cut finds the same shots). Returns a line saying what was stored.
Result<std::string> storeInProject(const ConformedCut& cut, const std::string& path);
// The name storeInProject() stores the cut's timeline under.
std::string storedTimelineName(const ConformedCut& cut);

// A cut conformed into a project: the timeline stored and what the CLI would print.
struct ProjectConform {
    std::string timeline;            // the name it was stored under
    std::vector<std::string> lines;  // the per-event report, then storeInProject's line
};

// conformCut() then storeInProject(), as `emulsion conform CUT --rate R --media DIR...
// --project P` does; `rate` may be "" for formats that carry their own. Nothing is written to
// the project unless the cut was read and its media indexed: errors name the file (file:line
// for an edit list that does not parse, the folder for one that does not exist).
// Thread: any (it opens its own connection to the project).
Result<ProjectConform> conformIntoProject(const std::filesystem::path& cut, const std::string& rate,
                                          const std::vector<std::string>& media,
                                          const std::filesystem::path& project);

// `emulsion conform CUT --rate R [--media DIR]... [--vfx DIR]... [--handles N]
// [--reel-pattern REGEX] [--json] [--report FILE.html]` and
// `emulsion conform diff OLD NEW --rate R [--json]`.
void addConformCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
