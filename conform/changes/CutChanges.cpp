#include "emulsion/conform/CutChanges.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <variant>

namespace emu::conform {
namespace {

using timeline::FrameRange;
using timeline::Frames;

Frames overlapOf(const FrameRange& a, const FrameRange& b) {
    return std::max<Frames>(0, std::min(a.end(), b.end()) - std::max(a.start, b.start));
}

Frames total(const std::vector<FrameRange>& ranges) {
    Frames n = 0;
    for (const FrameRange& r : ranges) n += r.duration;
    return n;
}

// The graded shot that shares the most source frames with `shot`; ties go to the nearer
// record position. nullopt when none of the same media overlaps it.
std::optional<std::size_t> bestGraded(const ShotRef& shot, const std::vector<ShotRef>& graded) {
    std::optional<std::size_t> best;
    Frames bestOverlap = 0;
    Frames bestDistance = 0;
    for (std::size_t i = 0; i < graded.size(); ++i) {
        const ShotRef& g = graded[i];
        if (g.key.media != shot.key.media) continue;
        const Frames overlap = overlapOf(g.key.source, shot.key.source);
        if (overlap == 0) continue;
        const Frames distance = std::abs(g.record.start - shot.record.start);
        if (!best || overlap > bestOverlap || (overlap == bestOverlap && distance < bestDistance)) {
            best = i;
            bestOverlap = overlap;
            bestDistance = distance;
        }
    }
    return best;
}

ShotChange paired(const ShotRef& graded, const ShotRef& cut) {
    ShotChange c;
    c.graded = graded;
    c.cut = cut;
    const FrameRange& was = graded.key.source;
    const FrameRange& now = cut.key.source;
    c.headFrames = was.start - now.start;
    c.tailFrames = now.end() - was.end();
    c.recordOffset = cut.record.start - graded.record.start;
    c.moved = c.recordOffset != 0 || cut.track != graded.track;
    c.exposed = framesOutside(now, was);
    if (!c.exposed.empty()) {
        c.kind = ShotChangeKind::Extended;
    } else if (c.headFrames < 0 || c.tailFrames < 0) {
        c.kind = ShotChangeKind::Trimmed;
    } else if (c.moved) {
        c.kind = ShotChangeKind::Moved;
    } else {
        c.kind = ShotChangeKind::Unchanged;
    }
    return c;
}

void count(CutChangeSummary& s, const ShotChange& c) {
    switch (c.kind) {
        case ShotChangeKind::Unchanged:
            ++s.unchanged;
            break;
        case ShotChangeKind::Trimmed:
            ++s.trimmed;
            break;
        case ShotChangeKind::Extended:
            ++s.extended;
            break;
        case ShotChangeKind::Moved:
            ++s.moved;
            break;
        case ShotChangeKind::New:
            ++s.added;
            break;
        case ShotChangeKind::Removed:
            ++s.removed;
            break;
    }
    if (!c.exposed.empty()) ++s.exposing;
}

}  // namespace

const char* toString(ShotChangeKind kind) {
    switch (kind) {
        case ShotChangeKind::Unchanged:
            return "unchanged";
        case ShotChangeKind::Trimmed:
            return "trimmed";
        case ShotChangeKind::Extended:
            return "extended";
        case ShotChangeKind::Moved:
            return "moved";
        case ShotChangeKind::New:
            return "new";
        case ShotChangeKind::Removed:
            return "removed";
    }
    return "?";
}

Frames ShotChange::exposedFrames() const {
    return total(exposed);
}

std::vector<ShotRef> shotsOf(const timeline::Timeline& timeline) {
    std::vector<ShotRef> shots;
    for (std::size_t t = 0; t < timeline.tracks.size(); ++t) {
        const timeline::Track& track = timeline.tracks[t];
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (std::size_t i = 0; i < track.items.size(); ++i) {
            const auto* clip = std::get_if<timeline::Clip>(&track.items[i]);
            if (!clip) continue;
            const bool generator = clip->activeMedia >= 0 &&
                                   std::size_t(clip->activeMedia) < clip->media.size() &&
                                   clip->media[std::size_t(clip->activeMedia)].kind ==
                                       timeline::MediaReference::Kind::Generator;
            if (generator) continue;
            shots.push_back({t, i, clip->name, gradeKeyOf(*clip), clip->record});
        }
    }
    return shots;
}

CutChanges compareCuts(const timeline::Timeline& graded, const timeline::Timeline& cut) {
    const std::vector<ShotRef> before = shotsOf(graded);
    const std::vector<ShotRef> after = shotsOf(cut);
    CutChanges changes;
    for (const ShotRef& shot : after) {
        ShotChange c;
        if (std::optional<std::size_t> g = bestGraded(shot, before)) {
            c = paired(before[*g], shot);
        } else {
            c.kind = ShotChangeKind::New;
            c.cut = shot;
            c.exposed = {shot.key.source};
        }
        count(changes.summary, c);
        changes.shots.push_back(std::move(c));
    }
    // A graded shot is removed only when no new shot shows any of its frames: one that lost a
    // pairing to a longer neighbour still has its frames on screen.
    for (const ShotRef& g : before) {
        const bool shown = std::any_of(after.begin(), after.end(), [&](const ShotRef& s) {
            return s.key.media == g.key.media && s.key.source.overlaps(g.key.source);
        });
        if (shown) continue;
        ShotChange c;
        c.kind = ShotChangeKind::Removed;
        c.graded = g;
        count(changes.summary, c);
        changes.shots.push_back(std::move(c));
    }
    return changes;
}

GradeMapping mapGrades(const std::map<GradeKey, std::string>& grades,
                       const timeline::Timeline& cut) {
    GradeMapping mapping;
    for (const ShotRef& shot : shotsOf(cut)) {
        MappedGrade m;
        m.shot = shot;
        const std::pair<const GradeKey, std::string>* best = nullptr;
        Frames bestOverlap = 0;
        // Keys of one media are adjacent in the map's order.
        for (auto it =
                 grades.lower_bound({shot.key.media, {std::numeric_limits<Frames>::min(), 0}});
             it != grades.end() && it->first.media == shot.key.media; ++it) {
            const Frames overlap = overlapOf(it->first.source, shot.key.source);
            if (overlap > bestOverlap) {
                best = &*it;
                bestOverlap = overlap;
            }
        }
        if (best) {
            m.status = GradeStatus::Kept;
            m.from = best->first;
            m.exposed = framesOutside(shot.key.source, best->first.source);
            mapping.grades[shot.key] = best->second;
            ++mapping.kept;
            if (!m.exposed.empty()) ++mapping.exposing;
        } else {
            ++mapping.needsGrade;
        }
        mapping.shots.push_back(std::move(m));
    }
    return mapping;
}

}  // namespace emu::conform
