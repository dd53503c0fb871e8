#pragma once

// Clips and transitions placed by record position, turned into tracks that tile: gaps fill
// the holes, a transition sits before the clip that starts at its cut. Both FCP readers place
// into a Layout; nested sequences and compound clips are windows of another Layout.
// Private to emu_conform_xml.

#include <map>
#include <string>
#include <vector>

#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

struct PlacedClip {
    timeline::Clip clip;  // record already set
    int line = 0;
};

struct PlacedTransition {
    timeline::Frames cut = 0;  // record frame of the edit point
    timeline::Transition transition;
    int line = 0;
};

struct LaneItems {
    std::vector<PlacedClip> clips;
    std::vector<PlacedTransition> transitions;
};

struct Layout {
    std::map<int, LaneItems> video;  // 0 = V1
    std::map<int, LaneItems> audio;  // 0 = A1
};

// Copies what the `kind` tracks of `from` hold in record frames [begin, end) into `to`, moved
// by `shift` frames and up by `trackOffset` tracks. Clips cut by the window are trimmed, their
// source with them (scaled by their speed).
void placeWindow(const Layout& from, timeline::Track::Kind kind, timeline::Frames begin,
                 timeline::Frames end, timeline::Frames shift, int trackOffset, Layout& to);

// The tracks of `layout` from record frame `origin`: video tracks V1.. then audio A1..
// Overlapping clips are left out with a warning.
std::vector<timeline::Track> assembleTracks(const Layout& layout, timeline::Frames origin,
                                            std::vector<timeline::Warning>& warnings);

}  // namespace emu::conform
