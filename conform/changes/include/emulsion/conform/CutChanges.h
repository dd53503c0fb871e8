#pragma once

// What changed between the cut that was graded and a new cut of the same programme, shot by
// shot, and which grades carry over. Shots are identified by their source media and source
// frames (GradeKey), not by where they sit on the timeline.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/conform/GradeKey.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

// One clip of a video track, as the comparison sees it. Thread: value type.
struct ShotRef {
    std::size_t track = 0;  // index into Timeline::tracks
    std::size_t item = 0;   // index into Track::items
    std::string name;
    GradeKey key;
    timeline::FrameRange record;
};

enum class ShotChangeKind {
    Unchanged,  // same source frames at the same record position
    Trimmed,    // source frames removed at the head and/or tail, none added
    Extended,   // source frames added at the head and/or tail (they need grading)
    Moved,      // same source frames, another record position or track
    New,        // no shot of the graded cut shows any of its source frames
    Removed,    // a graded shot no shot of the new cut shows any frame of
};
const char* toString(ShotChangeKind kind);

// Thread: value type.
struct ShotChange {
    ShotChangeKind kind = ShotChangeKind::Unchanged;
    std::optional<ShotRef> graded;  // absent for New
    std::optional<ShotRef> cut;     // absent for Removed
    // Source frames added (> 0) or removed (< 0) at the head and the tail.
    timeline::Frames headFrames = 0;
    timeline::Frames tailFrames = 0;
    bool moved = false;  // record start or track differs (also for trimmed and extended shots)
    timeline::Frames recordOffset = 0;  // cut record start - graded record start
    // Source frames the new shot shows outside the graded shot's: ungraded (New: all of them).
    std::vector<timeline::FrameRange> exposed;

    timeline::Frames exposedFrames() const;
};

struct CutChangeSummary {
    int unchanged = 0;
    int trimmed = 0;
    int extended = 0;
    int moved = 0;  // shots whose kind is Moved
    int added = 0;  // New
    int removed = 0;
    int exposing = 0;  // shots with exposed frames (extended and new)
};

struct CutChanges {
    std::vector<ShotChange> shots;  // the new cut's shots in track and record order, then the
                                    // removed ones in the graded cut's order
    CutChangeSummary summary;
};

// Compares the video tracks of two cuts. Each shot of `cut` is paired with the shot of
// `graded` of the same media whose source frames overlap it most (ties: the nearer record
// position); several new shots may pair with one graded shot (a shot split in two). Generators
// are left out. Thread: any.
CutChanges compareCuts(const timeline::Timeline& graded, const timeline::Timeline& cut);

enum class GradeStatus { Kept, NeedsGrade };

// Thread: value type.
struct MappedGrade {
    ShotRef shot;  // in the new cut
    GradeStatus status = GradeStatus::NeedsGrade;
    std::optional<GradeKey> from;  // the old grade it kept
    // Source frames outside the kept grade's range: shown now, never graded. The grade is kept
    // for them too; they want a look.
    std::vector<timeline::FrameRange> exposed;
};

struct GradeMapping {
    std::map<GradeKey, std::string> grades;  // keyed by the new cut's shots
    std::vector<MappedGrade> shots;          // the new cut's shots in track and record order
    int kept = 0;
    int needsGrade = 0;
    int exposing = 0;  // kept grades with exposed frames
};

// Carries `grades` (grade JSON by GradeKey of the graded cut) onto the shots of `cut`: each
// shot keeps the grade of the same media whose source range overlaps its own most, under its
// new key; a shot no grade overlaps needs a grade. Thread: any.
GradeMapping mapGrades(const std::map<GradeKey, std::string>& grades,
                       const timeline::Timeline& cut);

// The shots of a timeline's video tracks that carry picture (generators left out).
std::vector<ShotRef> shotsOf(const timeline::Timeline& timeline);

}  // namespace emu::conform
