#pragma once

// What `emulsion conform` prints: a conformed cut (its timeline, the reader's warnings and the
// relink of each event) as JSON, as text for people and as a self-contained HTML page, and the
// change list of `conform diff` as JSON and text.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulsion/conform/CutChanges.h"
#include "emulsion/conform/Relink.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::cli {

// A cut read and relinked. Thread: value type.
struct ConformedCut {
    std::filesystem::path file;
    std::string format;  // "edl", "fcp7xml", "fcpxml", "otio"
    timeline::Timeline timeline;
    std::vector<timeline::Warning> warnings;  // the reader's, then unreadable media
    conform::RelinkReport relink;
};

// The `--json` document: format, rate, title, tracks with their items (clips with their media
// status, gaps, transitions), warnings and the relink summary. Audio clips are not relinked:
// their "media" is null. Thread: any.
nlohmann::json conformJson(const ConformedCut& cut);

// The readable report: one line per event with its status and media, the warnings as
// "file:line: message", and the summary. Thread: any.
std::string conformText(const ConformedCut& cut);

// The same report as one HTML page with no external resources; every text is escaped.
std::string conformHtml(const ConformedCut& cut);

// "a < b & c" -> "a &lt; b &amp; c"; quotes too, so the result is safe in attributes.
std::string htmlEscape(const std::string& text);

// The change list between two cuts. `rate` gives the time codes of record positions.
nlohmann::json changesJson(const conform::CutChanges& changes, const timeline::Timeline& cut,
                           const timeline::Timeline& graded);
std::string changesText(const conform::CutChanges& changes, const timeline::Timeline& cut,
                        const timeline::Timeline& graded);

}  // namespace emu::cli
