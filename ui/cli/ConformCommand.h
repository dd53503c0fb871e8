#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

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

// `emulsion conform CUT --rate R [--media DIR]... [--vfx DIR]... [--handles N]
// [--reel-pattern REGEX] [--json] [--report FILE.html]` and
// `emulsion conform diff OLD NEW --rate R [--json]`.
void addConformCommand(CLI::App& app, CliContext& context, int& exitCode);

}  // namespace emu::cli
