#pragma once

// What a grade is anchored to: the source media and the source frames a shot shows, never its
// place on the timeline, so a grade follows its shot through a re-edit.

#include <string>
#include <vector>

#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

// Thread: value type.
struct GradeKey {
    std::string media;            // mediaIdentity() of the clip
    timeline::FrameRange source;  // the source frames the grade was made on

    bool operator==(const GradeKey&) const = default;
    bool operator<(const GradeKey& other) const;  // by media, then start, then duration
};

// The media a clip shows, as both an old and a new cut of one edit name it: the reel (tape or
// camera card; upper-cased, as edit systems differ in case), else the clip name, else the
// source file's name. Clips of one camera card share it and are told apart by source frames.
std::string mediaIdentity(const timeline::Clip& clip);

GradeKey gradeKeyOf(const timeline::Clip& clip);

// The frames of `shown` outside `graded`: before its start and after its end (0, 1 or 2
// ranges, in order). All of `shown` when they do not overlap.
std::vector<timeline::FrameRange> framesOutside(const timeline::FrameRange& shown,
                                                const timeline::FrameRange& graded);

}  // namespace emu::conform
