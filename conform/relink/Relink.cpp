#include "emulsion/conform/Relink.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <variant>

namespace emu::conform {
namespace {

using timeline::FrameRange;
using timeline::Frames;
using timeline::Rate;

// The clips of `index` that one key found, before and after narrowing.
struct Found {
    MatchKey key = MatchKey::None;
    std::vector<std::size_t> clips;
};

std::vector<std::size_t> intersect(const std::vector<std::size_t>& a,
                                   const std::vector<std::size_t>& b) {
    std::vector<std::size_t> both;
    for (std::size_t i : a) {
        if (std::find(b.begin(), b.end(), i) != b.end()) both.push_back(i);
    }
    return both;
}

std::vector<std::size_t> overlapping(const MediaIndex& index, std::vector<std::size_t> clips,
                                     const FrameRange& visible, const Rate& rate) {
    std::erase_if(clips, [&](std::size_t i) {
        const IndexedClip& c = index.clips()[i];
        return !convertRange(visible, rate, c.rate).overlaps(c.source);
    });
    return clips;
}

// A source file as the edit list wrote it may name one frame of a sequence
// (A001C003_0000123.exr): its stem without the frame digits names the clip too.
std::vector<std::string> stemsOfSourceFile(const std::string& sourceFile) {
    const std::string stem = std::filesystem::path(sourceFile).stem().string();
    std::vector<std::string> stems{stem};
    std::size_t end = stem.size();
    while (end > 0 && std::isdigit(static_cast<unsigned char>(stem[end - 1]))) --end;
    if (end < stem.size() && end > 1 && (stem[end - 1] == '_' || stem[end - 1] == '.')) {
        stems.push_back(stem.substr(0, end - 1));
    }
    return stems;
}

std::vector<std::size_t> bySourceFile(const MediaIndex& index, const std::string& sourceFile) {
    if (sourceFile.empty()) return {};
    std::vector<std::size_t> found =
        index.byFileName(std::filesystem::path(sourceFile).filename().string());
    for (const std::string& stem : stemsOfSourceFile(sourceFile)) {
        for (std::size_t i : index.byName(stem)) {
            if (std::find(found.begin(), found.end(), i) == found.end()) found.push_back(i);
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

const timeline::MediaReference* activeReference(const timeline::Clip& clip) {
    if (clip.activeMedia < 0 || std::size_t(clip.activeMedia) >= clip.media.size()) return nullptr;
    return &clip.media[std::size_t(clip.activeMedia)];
}

std::vector<std::size_t> byPath(const MediaIndex& index, const timeline::Clip& clip) {
    const timeline::MediaReference* ref = activeReference(clip);
    if (!ref || ref->path.empty()) return {};
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < index.clips().size(); ++i) {
        if (index.clips()[i].path == ref->path) found.push_back(i);
    }
    return found.empty() ? index.byFileName(ref->path.filename().string()) : found;
}

// The keys in the order they are tried: reel + time code (only clips whose source frames
// overlap the visible range), then clip name, source file and path (narrowed to overlapping
// clips when any overlap, else kept: a name match says which media even when it is short).
std::vector<Found> keysFor(const timeline::Clip& clip, const MediaIndex& index) {
    std::vector<Found> keys;
    keys.push_back({MatchKey::ReelTimecode,
                    overlapping(index, index.byReel(clip.reel), clip.source, clip.sourceRate)});
    keys.push_back({MatchKey::ClipName, index.byName(clip.name)});
    keys.push_back({MatchKey::SourceFile, bySourceFile(index, clip.sourceFile)});
    keys.push_back({MatchKey::Path, byPath(index, clip)});
    for (std::size_t k = 1; k < keys.size(); ++k) {
        std::vector<std::size_t> over =
            overlapping(index, keys[k].clips, clip.source, clip.sourceRate);
        if (!over.empty()) keys[k].clips = std::move(over);
    }
    return keys;
}

// The first key that found anything; several clips are narrowed by the later keys (a reel
// shared by two cameras' clips is told apart by the clip name).
Found choose(const std::vector<Found>& keys) {
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k].clips.empty()) continue;
        Found found = keys[k];
        for (std::size_t later = k + 1; later < keys.size() && found.clips.size() > 1; ++later) {
            std::vector<std::size_t> narrowed = intersect(found.clips, keys[later].clips);
            if (!narrowed.empty()) found.clips = std::move(narrowed);
        }
        return found;
    }
    return {};
}

std::string describe(const IndexedClip& c) {
    std::string text = c.path.string() + " holds ";
    text += c.hasTimecode ? "time code frames " : "frame numbers ";
    return text + std::to_string(c.source.start) + ".." + std::to_string(c.source.end() - 1);
}

void setActive(timeline::Clip& clip, timeline::MediaReference ref) {
    auto same = std::find_if(clip.media.begin(), clip.media.end(),
                             [&](const timeline::MediaReference& r) { return r.name == ref.name; });
    const timeline::MediaReference* active = activeReference(clip);
    if (same == clip.media.end() && active &&
        active->kind == timeline::MediaReference::Kind::Missing) {
        same = clip.media.begin() + clip.activeMedia;
    }
    if (same == clip.media.end()) {
        clip.media.push_back(std::move(ref));
        clip.activeMedia = int(clip.media.size()) - 1;
    } else {
        *same = std::move(ref);
        clip.activeMedia = int(same - clip.media.begin());
    }
}

timeline::MediaReference referenceTo(const IndexedClip& c, const Rate& clipRate, std::string name) {
    timeline::MediaReference ref;
    ref.kind = c.sequence ? timeline::MediaReference::Kind::ImageSequence
                          : timeline::MediaReference::Kind::External;
    ref.name = std::move(name);
    ref.path = c.path;
    ref.availableRange = convertRange(c.source, c.rate, clipRate);
    return ref;
}

// Coverage of the wanted range (visible plus handles) by the chosen clip, at the clip's rate.
void resolve(timeline::Clip& clip, const IndexedClip& media, Frames handles, EventRelink& out) {
    const FrameRange held = convertRange(media.source, media.rate, clip.sourceRate);
    if (!held.overlaps(clip.source)) {
        out.status = RelinkStatus::Missing;
        out.note = "found by " + std::string(toString(out.matchedBy)) + " but " + describe(media) +
                   ", none of source frames " + std::to_string(clip.source.start) + ".." +
                   std::to_string(clip.source.end() - 1);
        return;
    }
    const FrameRange wanted{clip.source.start - handles, clip.source.duration + 2 * handles};
    out.media = media.path;
    out.shortHead = std::max<Frames>(0, held.start - wanted.start);
    out.shortTail = std::max<Frames>(0, wanted.end() - held.end());
    out.status = out.shortBy() > 0 ? RelinkStatus::Short : RelinkStatus::Matched;
    if (out.status == RelinkStatus::Short) out.note = describe(media);
    setActive(clip, referenceTo(media, clip.sourceRate, "camera original"));
}

void applyVfx(timeline::Clip& clip, const RelinkOptions& options, EventRelink& out) {
    if (!options.vfx) return;
    std::optional<VfxVersion> v = options.vfx->newest(shotOf(clip), options.vfxTask);
    if (!v) return;
    char label[32];
    std::snprintf(label, sizeof label, " v%03d", v->version);
    timeline::MediaReference ref = referenceTo(v->clip, clip.sourceRate, "vfx " + v->task + label);
    // A render numbered from 1001 rather than on the plate's time code says nothing about
    // which source frames it holds.
    if (!v->clip.hasTimecode) ref.availableRange.reset();
    auto same = std::find_if(clip.media.begin(), clip.media.end(),
                             [&](const timeline::MediaReference& r) { return r.name == ref.name; });
    if (same == clip.media.end()) {
        clip.media.push_back(std::move(ref));
        clip.activeMedia = int(clip.media.size()) - 1;
    } else {
        *same = std::move(ref);
        clip.activeMedia = int(same - clip.media.begin());
    }
    out.vfx = std::move(v);
}

bool isGenerator(const timeline::Clip& clip) {
    const timeline::MediaReference* ref = activeReference(clip);
    return ref && ref->kind == timeline::MediaReference::Kind::Generator;
}

EventRelink relinkClip(timeline::Clip& clip, const MediaIndex& index,
                       const RelinkOptions& options) {
    EventRelink out;
    out.event = clip.event;
    out.clipName = clip.name;
    out.reel = clip.reel;
    if (isGenerator(clip)) {
        out.status = RelinkStatus::Skipped;
        return out;
    }
    const Found found = choose(keysFor(clip, index));
    out.matchedBy = found.key;
    if (found.clips.size() > 1) {
        out.status = RelinkStatus::Ambiguous;
        for (std::size_t i : found.clips) out.candidates.push_back(index.clips()[i].path);
    } else if (found.clips.size() == 1) {
        resolve(clip, index.clips()[found.clips.front()], options.handles, out);
    } else {
        out.status = RelinkStatus::Missing;
        out.note = "no clip of reel '" + clip.reel + "', name '" + clip.name + "' or file '" +
                   clip.sourceFile + "'";
    }
    if (out.status == RelinkStatus::Missing || out.status == RelinkStatus::Ambiguous) {
        if (clip.media.empty()) clip.media.push_back({});  // Kind::Missing by default
    }
    applyVfx(clip, options, out);
    return out;
}

void count(RelinkSummary& s, const EventRelink& e) {
    ++s.events;
    switch (e.status) {
        case RelinkStatus::Matched:
            ++s.matched;
            break;
        case RelinkStatus::Short:
            ++s.shortEvents;
            break;
        case RelinkStatus::Missing:
            ++s.missing;
            break;
        case RelinkStatus::Ambiguous:
            ++s.ambiguous;
            break;
        case RelinkStatus::Skipped:
            ++s.skipped;
            break;
    }
    if (e.vfx) ++s.vfx;
}

}  // namespace

const char* toString(RelinkStatus status) {
    switch (status) {
        case RelinkStatus::Matched:
            return "matched";
        case RelinkStatus::Short:
            return "short";
        case RelinkStatus::Missing:
            return "missing";
        case RelinkStatus::Ambiguous:
            return "ambiguous";
        case RelinkStatus::Skipped:
            return "skipped";
    }
    return "?";
}

const char* toString(MatchKey key) {
    switch (key) {
        case MatchKey::None:
            return "none";
        case MatchKey::ReelTimecode:
            return "reel and time code";
        case MatchKey::ClipName:
            return "clip name";
        case MatchKey::SourceFile:
            return "source file";
        case MatchKey::Path:
            return "path";
    }
    return "?";
}

FrameRange convertRange(const FrameRange& range, const Rate& from, const Rate& to) {
    if (from == to || from.timecodeBase() == to.timecodeBase()) return range;
    // start * to / from, in exact integers: rates are small ratios.
    const auto scale = [&](Frames f, bool up) {
        const __int128 num = __int128(f) * to.numerator * from.denominator;
        const __int128 den = __int128(to.denominator) * from.numerator;
        __int128 q = num / den;
        const __int128 r = num % den;
        if (r != 0 && ((r > 0) == up)) q += up ? 1 : -1;
        return Frames(q);
    };
    const Frames start = scale(range.start, false);
    return {start, scale(range.end(), true) - start};
}

RelinkReport relink(timeline::Timeline& timeline, const MediaIndex& index,
                    const RelinkOptions& options) {
    RelinkReport report;
    for (std::size_t t = 0; t < timeline.tracks.size(); ++t) {
        timeline::Track& track = timeline.tracks[t];
        if (track.kind != timeline::Track::Kind::Video) continue;
        for (std::size_t i = 0; i < track.items.size(); ++i) {
            auto* clip = std::get_if<timeline::Clip>(&track.items[i]);
            if (!clip) continue;
            EventRelink e = relinkClip(*clip, index, options);
            e.track = t;
            e.item = i;
            count(report.summary, e);
            report.events.push_back(std::move(e));
        }
    }
    return report;
}

}  // namespace emu::conform
