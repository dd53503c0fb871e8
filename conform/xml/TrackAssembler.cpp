#include "TrackAssembler.h"

#include <algorithm>
#include <cmath>

namespace emu::conform {

using timeline::Frames;

namespace {

void windowLane(const LaneItems& from, Frames begin, Frames end, Frames shift, LaneItems& to) {
    for (const PlacedClip& p : from.clips) {
        const Frames a = std::max(begin, p.clip.record.start);
        const Frames b = std::min(end, p.clip.record.end());
        if (a >= b) continue;
        PlacedClip c = p;
        const double speed = std::abs(p.clip.speed.speed);
        const Frames trimmedFront = a - p.clip.record.start;
        const Frames trimmedBack = p.clip.record.end() - b;
        // Source frames run forwards for a forward clip and backwards for a reversed one.
        const Frames sourceFront = std::llround(double(trimmedFront) * speed);
        const Frames sourceBack = std::llround(double(trimmedBack) * speed);
        const bool reversed = p.clip.speed.speed < 0;
        c.clip.source.start += reversed ? sourceBack : sourceFront;
        c.clip.source.duration =
            std::max<Frames>(speed == 0 ? 1 : 0, p.clip.source.duration - sourceFront - sourceBack);
        c.clip.record = {a + shift, b - a};
        to.clips.push_back(std::move(c));
    }
    for (const PlacedTransition& t : from.transitions) {
        if (t.cut <= begin || t.cut >= end) continue;
        PlacedTransition c = t;
        c.cut += shift;
        c.transition.inOffset = std::min(t.transition.inOffset, t.cut - begin);
        c.transition.outOffset = std::min(t.transition.outOffset, end - t.cut);
        to.transitions.push_back(std::move(c));
    }
}

timeline::Track assembleLane(const LaneItems& lane, timeline::Track::Kind kind,
                             const std::string& name, Frames origin,
                             std::vector<timeline::Warning>& warnings) {
    timeline::Track track;
    track.kind = kind;
    track.name = name;
    std::vector<PlacedClip> clips = lane.clips;
    std::stable_sort(clips.begin(), clips.end(), [](const PlacedClip& a, const PlacedClip& b) {
        return a.clip.record.start < b.clip.record.start;
    });
    std::vector<PlacedTransition> transitions = lane.transitions;
    std::stable_sort(
        transitions.begin(), transitions.end(),
        [](const PlacedTransition& a, const PlacedTransition& b) { return a.cut < b.cut; });
    std::size_t nextTransition = 0;
    Frames cursor = origin;
    for (PlacedClip& p : clips) {
        if (p.clip.record.start < cursor) {
            warnings.push_back({p.line, "clip '" + p.clip.name +
                                            "' overlaps the clip before it on " + name +
                                            "; left out"});
            continue;
        }
        if (p.clip.record.start > cursor) {
            track.items.push_back(timeline::Gap{{cursor, p.clip.record.start - cursor}});
        }
        while (nextTransition < transitions.size() &&
               transitions[nextTransition].cut <= p.clip.record.start) {
            track.items.push_back(transitions[nextTransition++].transition);
        }
        cursor = p.clip.record.end();
        track.items.push_back(std::move(p.clip));
    }
    while (nextTransition < transitions.size()) {
        track.items.push_back(transitions[nextTransition++].transition);
    }
    return track;
}

}  // namespace

void placeWindow(const Layout& from, timeline::Track::Kind kind, Frames begin, Frames end,
                 Frames shift, int trackOffset, Layout& to) {
    const bool video = kind == timeline::Track::Kind::Video;
    for (const auto& [index, lane] : video ? from.video : from.audio) {
        windowLane(lane, begin, end, shift, (video ? to.video : to.audio)[index + trackOffset]);
    }
}

std::vector<timeline::Track> assembleTracks(const Layout& layout, Frames origin,
                                            std::vector<timeline::Warning>& warnings) {
    std::vector<timeline::Track> tracks;
    const auto addAll = [&](const std::map<int, LaneItems>& lanes, timeline::Track::Kind kind,
                            const char* prefix) {
        if (lanes.empty()) return;
        const int last = lanes.rbegin()->first;
        for (int i = 0; i <= last; ++i) {
            const auto it = lanes.find(i);
            const std::string name = prefix + std::to_string(i + 1);
            tracks.push_back(it == lanes.end()
                                 ? timeline::Track{kind, name, {}, {}}
                                 : assembleLane(it->second, kind, name, origin, warnings));
        }
    };
    addAll(layout.video, timeline::Track::Kind::Video, "V");
    addAll(layout.audio, timeline::Track::Kind::Audio, "A");
    return tracks;
}

}  // namespace emu::conform
