#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::station {

// What a conform stored in the project, and its report.
struct ConformOutcome {
    std::string timeline;            // the name the conformed timeline was stored under
    std::vector<std::string> lines;  // one per event, then what was stored (shots, grades)
};

// Conforms the edit list `cut` (an EDL read at `rate`; other formats carry their own) to the
// camera originals under `media` and stores the timeline in the project at `project`, grades
// carried over from overlapping shots: `emulsion conform --project`'s work, which the command
// that opens the station supplies (ui/station does not depend on ui/cli). Nothing is stored
// when the cut or the folder cannot be read; errors name the file.
// Thread: any; it opens its own connection to the project.
using ConformFunction = std::function<Result<ConformOutcome>(
    const std::filesystem::path& cut, const std::string& rate, const std::filesystem::path& media,
    const std::filesystem::path& project)>;

}  // namespace emu::station
