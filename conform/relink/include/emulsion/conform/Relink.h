#pragma once

// Relink: point each clip of a conformed timeline at its camera original in a MediaIndex, and
// optionally at the newest VFX render of its shot. Every event ends in one state (matched,
// missing, ambiguous, short, skipped) and the report says which and why; nothing is an error.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/conform/MediaIndex.h"
#include "emulsion/conform/VfxVersions.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

struct RelinkOptions {
    // Frames wanted on each side of the visible source range; media that does not hold them
    // makes the event short.
    timeline::Frames handles = 0;
    // VFX renders to prefer over the plate (a shot's newest version); null: none.
    const VfxIndex* vfx = nullptr;
    std::string vfxTask;  // only renders of this task ("comp"); empty: any task
};

enum class RelinkStatus {
    Matched,    // one clip holds the visible source range plus handles
    Short,      // one clip matched but does not hold all of it (shortHead / shortTail)
    Missing,    // nothing matched
    Ambiguous,  // several clips matched equally well (candidates)
    Skipped,    // a generator: nothing to relink
};
const char* toString(RelinkStatus status);

// The key that found the media, in the order they are tried.
enum class MatchKey { None, ReelTimecode, ClipName, SourceFile, Path };
const char* toString(MatchKey key);

// What happened to one clip. Thread: value type.
struct EventRelink {
    std::size_t track = 0;  // index into Timeline::tracks
    std::size_t item = 0;   // index into Track::items
    int event = 0;          // the clip's event number (0 when the edit list has none)
    std::string clipName;
    std::string reel;
    RelinkStatus status = RelinkStatus::Missing;
    MatchKey matchedBy = MatchKey::None;
    std::filesystem::path media;                    // the camera original used (matched, short)
    std::vector<std::filesystem::path> candidates;  // ambiguous: every clip that matched
    // Short: frames of the wanted range (visible source plus handles) the media lacks before
    // its start and after its end, at the clip's source rate.
    timeline::Frames shortHead = 0;
    timeline::Frames shortTail = 0;
    std::optional<VfxVersion> vfx;  // the render made active, when one was found
    std::string note;               // for people: why missing, what a name match held

    timeline::Frames shortBy() const { return shortHead + shortTail; }
};

struct RelinkSummary {
    int events = 0;  // clips considered, generators included
    int matched = 0;
    int missing = 0;
    int ambiguous = 0;
    int shortEvents = 0;
    int skipped = 0;
    int vfx = 0;  // clips given a VFX render
};

struct RelinkReport {
    std::vector<EventRelink> events;  // in track, then record order
    RelinkSummary summary;
};

// Relinks every clip of the video tracks of `timeline` in place. A matched or short clip gets
// a "camera original" MediaReference (an image sequence or an external file, with the source
// frames the media holds at the clip's source rate) made active, replacing one of that name or
// a missing active one; a clip with no reference at all that stays unmatched gets a Missing
// one. With options.vfx, the newest render of the clip's shot is added as "vfx <task> v###"
// and made active; the plate stays as a reference. Thread: any; touches only its arguments.
RelinkReport relink(timeline::Timeline& timeline, const MediaIndex& index,
                    const RelinkOptions& options);

// `range` (frames at `from`) in frames at `to`: the same numbers when both count time code
// seconds alike (24 and 23.976), else scaled by the rates (start rounded down, end up).
timeline::FrameRange convertRange(const timeline::FrameRange& range, const timeline::Rate& from,
                                  const timeline::Rate& to);

}  // namespace emu::conform
