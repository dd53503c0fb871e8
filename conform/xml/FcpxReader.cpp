// FCPXML 1.8 to 1.11 (Final Cut Pro X): the first project's sequence -> timeline::Timeline.

#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "ReaderSupport.h"
#include "TrackAssembler.h"
#include "XmlTree.h"
#include "emulsion/conform/FcpXml.h"

namespace emu::conform {

using timeline::Frames;
using timeline::Rate;

namespace {

// An exact FCPXML time in seconds: "1001/24000s", "5s", "0s".
struct Time {
    std::int64_t num = 0;
    std::int64_t den = 1;

    static Time make(__int128 n, __int128 d) {
        if (d < 0) n = -n, d = -d;
        __int128 a = n < 0 ? -n : n;
        __int128 b = d;
        while (b != 0) a %= b, std::swap(a, b);
        if (a == 0) a = 1;
        return {static_cast<std::int64_t>(n / a), static_cast<std::int64_t>(d / a)};
    }
    Time operator+(const Time& o) const {
        return make(__int128(num) * o.den + __int128(o.num) * den, __int128(den) * o.den);
    }
    Time operator-(const Time& o) const { return *this + Time{-o.num, o.den}; }
    double seconds() const { return double(num) / double(den); }
    // The nearest whole frame at `rate`.
    Frames frames(const Rate& rate) const {
        const __int128 n = __int128(num) * rate.numerator;
        const __int128 d = __int128(den) * rate.denominator;
        const __int128 q = (n >= 0 ? n + d / 2 : n - d / 2) / d;
        return static_cast<Frames>(q);
    }
};

const std::string kReelKey = "com.apple.proapps.studio.reel";

struct Asset {
    std::string name;
    std::optional<std::filesystem::path> path;
    Time start;
    std::optional<Time> duration;
    std::optional<Rate> rate;
    bool hasVideo = true;
    bool hasAudio = false;
    std::string reel;
};

// Local time of a container -> record time: record = base + (local - localStart).
struct Mapping {
    Time base;
    Time localStart;
    Time record(const Time& local) const { return base + (local - localStart); }
};

class FcpxReader {
public:
    explicit FcpxReader(ReaderContext& context) : m_ctx(context) {}
    Result<XmlConform> read(const XmlNode& root);

private:
    Result<Time> time(const XmlNode& e, const char* attribute, std::optional<Time> fallback) const;
    Result<Rate> formatRate(const XmlNode& e, const std::string& formatId) const;
    Status resources(const XmlNode& e);
    Status spine(const XmlNode& e, const Mapping& map, int lane, Layout& out);
    Status element(const XmlNode& e, const Mapping& map, int lane, Layout& out,
                   std::optional<std::pair<Time, Time>>& span);
    Status connected(const XmlNode& e, const Mapping& map, Layout& out);
    Status clip(const XmlNode& e, const Time& recordStart, const Time& duration, int lane,
                Layout& out);
    Status compound(const XmlNode& e, const Time& recordStart, const Time& duration, int lane,
                    Layout& out);
    Status markers(const XmlNode& e, const Rate& rate, const Mapping& map,
                   std::vector<timeline::Marker>& out) const;

    ReaderContext& m_ctx;
    Rate m_rate;
    std::map<std::string, Rate> m_formats;
    std::map<std::string, Asset> m_assets;
    std::map<std::string, std::string> m_effects;       // id -> name
    std::map<std::string, const XmlNode*> m_compounds;  // media id -> its <sequence>
    std::set<const XmlNode*> m_open;
    std::vector<timeline::Marker> m_timelineMarkers;
};

Result<Time> FcpxReader::time(const XmlNode& e, const char* attribute,
                              std::optional<Time> fallback) const {
    const std::string* text = e.attribute(attribute);
    if (!text) {
        if (fallback) return *fallback;
        return m_ctx.error(e.line, "<" + e.name + "> has no " + attribute);
    }
    const auto bad = [&] {
        return m_ctx.error(e.line, std::string(attribute) + " '" + *text + "' is not a time");
    };
    if (text->empty() || text->back() != 's') return bad();
    const std::string body = text->substr(0, text->size() - 1);
    const auto slash = body.find('/');
    const auto n = parseWholeNumber(body.substr(0, slash));
    const auto d = slash == std::string::npos ? std::optional<std::int64_t>(1)
                                              : parseWholeNumber(body.substr(slash + 1));
    if (!n || !d || *d <= 0) return bad();
    return Time::make(*n, *d);
}

Result<Rate> FcpxReader::formatRate(const XmlNode& e, const std::string& formatId) const {
    const auto it = m_formats.find(formatId);
    if (it == m_formats.end()) {
        return m_ctx.error(e.line, "format '" + formatId + "' is not among the resources");
    }
    return it->second;
}

Status FcpxReader::resources(const XmlNode& e) {
    for (const XmlNode& r : e.children) {
        const std::string* id = r.attribute("id");
        if (!id) continue;
        if (r.name == "format") {
            if (!r.attribute("frameDuration")) continue;  // audio formats have none
            EMU_ASSIGN_OR_RETURN(Time fd, time(r, "frameDuration", std::nullopt));
            if (fd.num <= 0) return m_ctx.error(r.line, "frameDuration must be positive");
            m_formats[*id] = Rate{fd.den, fd.num};
        } else if (r.name == "asset") {
            Asset a;
            if (const std::string* n = r.attribute("name")) a.name = *n;
            EMU_ASSIGN_OR_RETURN(a.start, time(r, "start", Time{}));
            if (r.attribute("duration")) {
                EMU_ASSIGN_OR_RETURN(Time d, time(r, "duration", std::nullopt));
                a.duration = d;
            }
            if (const std::string* f = r.attribute("format")) {
                EMU_ASSIGN_OR_RETURN(Rate rate, formatRate(r, *f));
                a.rate = rate;
            }
            const std::string* v = r.attribute("hasVideo");
            const std::string* au = r.attribute("hasAudio");
            a.hasVideo = v ? *v == "1" : !au;
            a.hasAudio = au && *au == "1";
            // 1.8 names the file in `src`; 1.9 and later in <media-rep kind="original-media">.
            const std::string* src = r.attribute("src");
            int srcLine = r.line;
            for (const XmlNode& c : r.children) {
                const std::string* kind = c.attribute("kind");
                if (c.name == "media-rep" && c.attribute("src") &&
                    (!src || (kind && *kind == "original-media"))) {
                    src = c.attribute("src");
                    srcLine = c.line;
                }
                if (c.name == "metadata") {
                    for (const XmlNode& md : c.children) {
                        const std::string* key = md.attribute("key");
                        const std::string* value = md.attribute("value");
                        if (key && value && *key == kReelKey) a.reel = *value;
                    }
                }
            }
            if (src) {
                auto path = pathFromUrl(*src);
                if (!path.isOk()) return m_ctx.error(srcLine, path.status().message());
                a.path = *path;
            }
            if (a.name.empty() && a.path) a.name = a.path->stem().string();
            m_assets[*id] = std::move(a);
        } else if (r.name == "effect") {
            const std::string* n = r.attribute("name");
            m_effects[*id] = n ? *n : *id;
        } else if (r.name == "media") {
            if (const XmlNode* seq = r.child("sequence")) m_compounds[*id] = seq;
        }
    }
    return Status::ok();
}

Status FcpxReader::markers(const XmlNode& e, const Rate& rate, const Mapping& map,
                           std::vector<timeline::Marker>& out) const {
    for (const XmlNode& m : e.children) {
        if (m.name != "marker" && m.name != "chapter-marker") continue;
        EMU_ASSIGN_OR_RETURN(Time start, time(m, "start", std::nullopt));
        EMU_ASSIGN_OR_RETURN(Time duration, time(m, "duration", Time{}));
        timeline::Marker marker;
        if (const std::string* v = m.attribute("value")) marker.name = *v;
        if (const std::string* n = m.attribute("note")) marker.comment = *n;
        marker.frame = map.record(start).frames(rate);
        marker.duration = duration.frames(rate);
        out.push_back(std::move(marker));
    }
    return Status::ok();
}

// A clip's speed from its <timeMap>: the slope of the segment its start lies in; the source
// range is where its first and last frames map.
struct Retime {
    timeline::SpeedEffect speed;
    double sourceBegin = 0;  // [s]
    double sourceEnd = 0;    // [s]
};

Result<std::optional<Retime>> retime(const ReaderContext& ctx, const XmlNode& clip,
                                     const Time& start, const Time& duration) {
    const XmlNode* map = clip.child("timeMap");
    if (!map) return std::optional<Retime>();
    std::vector<std::pair<double, double>> points;  // (clip time, source time) [s]
    for (const XmlNode& p : map->children) {
        if (p.name != "timept") continue;
        const std::string* t = p.attribute("time");
        const std::string* v = p.attribute("value");
        std::pair<double, double> tv;
        for (int i = 0; i < 2; ++i) {
            const std::string* text = i == 0 ? t : v;
            Time parsed;
            if (!text || text->empty() || text->back() != 's') {
                return ctx.error(p.line, "<timept> needs time and value");
            }
            const std::string body = text->substr(0, text->size() - 1);
            const auto slash = body.find('/');
            const auto n = parseWholeNumber(body.substr(0, slash));
            const auto d = slash == std::string::npos ? std::optional<std::int64_t>(1)
                                                      : parseWholeNumber(body.substr(slash + 1));
            if (!n || !d || *d <= 0) return ctx.error(p.line, "'" + *text + "' is not a time");
            (i == 0 ? tv.first : tv.second) = double(*n) / double(*d);
        }
        if (!points.empty() && tv.first <= points.back().first) {
            return ctx.error(p.line, "<timept> times must increase");
        }
        points.push_back(tv);
    }
    if (points.size() < 2) return ctx.error(map->line, "<timeMap> needs two <timept>");
    const auto at = [&](double t) {
        std::size_t i = 1;
        while (i + 1 < points.size() && points[i].first <= t) ++i;
        const auto& [t0, v0] = points[i - 1];
        const auto& [t1, v1] = points[i];
        const double slope = (v1 - v0) / (t1 - t0);
        return std::pair<double, double>(v0 + (t - t0) * slope, slope);
    };
    Retime r;
    const auto [begin, slope] = at(start.seconds());
    r.speed.speed = slope;
    r.sourceBegin = begin;
    r.sourceEnd = at((start + duration).seconds()).first;
    return std::optional<Retime>(r);
}

Status FcpxReader::clip(const XmlNode& e, const Time& recordStart, const Time& duration, int lane,
                        Layout& out) {
    EMU_ASSIGN_OR_RETURN(Time start, time(e, "start", Time{}));
    timeline::Clip c;
    if (const std::string* n = e.attribute("name")) c.name = *n;
    timeline::MediaReference media;
    media.name = "original";
    bool audioOnly = e.name == "audio";
    const Asset* asset = nullptr;
    Time sourceStart = start;  // in the asset's time
    const XmlNode* mediaNode = &e;
    if (e.name == "clip") {
        // A clip wraps its media in <video> or <audio> in the clip's own time.
        mediaNode = nullptr;
        for (const XmlNode& inner : e.children) {
            if ((inner.name == "video" || inner.name == "audio" || inner.name == "asset-clip") &&
                !inner.attribute("lane")) {
                mediaNode = &inner;
                break;
            }
        }
        if (!mediaNode) return m_ctx.error(e.line, "<clip> '" + c.name + "' holds no media");
        EMU_ASSIGN_OR_RETURN(Time innerOffset, time(*mediaNode, "offset", Time{}));
        EMU_ASSIGN_OR_RETURN(Time innerStart, time(*mediaNode, "start", innerOffset));
        sourceStart = innerStart + (start - innerOffset);
        audioOnly = mediaNode->name == "audio";
    }
    const std::string* ref = mediaNode->attribute("ref");
    if (e.name == "title") {
        media.kind = timeline::MediaReference::Kind::Generator;
        media.generator = "title";
    } else if (ref && m_effects.count(*ref)) {
        media.kind = timeline::MediaReference::Kind::Generator;
        media.generator = m_effects.at(*ref);
    } else {
        if (!ref || !m_assets.count(*ref)) {
            return m_ctx.error(mediaNode->line,
                               "ref '" + (ref ? *ref : std::string()) + "' names no asset");
        }
        asset = &m_assets.at(*ref);
        if (!asset->hasVideo) audioOnly = true;
        if (const std::string* en = e.attribute("srcEnable"); en && *en == "audio") {
            audioOnly = true;
        }
        if (!e.attribute("start") && e.name != "clip") sourceStart = asset->start;
        if (asset->path) {
            media.kind = timeline::MediaReference::Kind::External;
            media.path = *asset->path;
            c.sourceFile = asset->path->filename().string();
        }
        c.reel = asset->reel;
        if (c.name.empty()) c.name = asset->name;
    }
    c.sourceRate = asset && asset->rate ? *asset->rate : m_rate;
    const Frames recordFrames = duration.frames(m_rate);
    c.record = {recordStart.frames(m_rate),
                (recordStart + duration).frames(m_rate) - recordStart.frames(m_rate)};
    c.source = {sourceStart.frames(c.sourceRate),
                (sourceStart + duration).frames(c.sourceRate) - sourceStart.frames(c.sourceRate)};
    if (const XmlNode* conform = e.child("conform-rate")) {
        if (const std::string* src = conform->attribute("srcFrameRate")) {
            auto rate = timeline::parseRate(*src);
            if (!rate.isOk()) return m_ctx.error(conform->line, rate.status().message());
            const std::string* scale = conform->attribute("scaleEnabled");
            c.sourceRate = *rate;
            c.metadata["fcpxml.conformRate"] = *src;
            if (!scale || *scale != "0") {
                // Frame for frame: the media's time code origin, then one media frame per
                // timeline frame.
                const Time origin = asset ? asset->start : Time{};
                c.source = {origin.frames(*rate) + (sourceStart - origin).frames(m_rate),
                            recordFrames};
            }
        }
    }
    EMU_ASSIGN_OR_RETURN(std::optional<Retime> r, retime(m_ctx, e, start, duration));
    if (r) {
        c.speed = r->speed;
        const double lo = std::min(r->sourceBegin, r->sourceEnd);
        const double hi = std::max(r->sourceBegin, r->sourceEnd);
        const double fps = c.sourceRate.fps();
        const Frames first = std::llround(lo * fps);
        c.source = {first, std::max<Frames>(1, std::llround(hi * fps) - first)};
    }
    for (const XmlNode* holder : {&e, mediaNode}) {
        if (const XmlNode* md = holder->child("metadata")) {
            for (const XmlNode& m : md->children) {
                const std::string* key = m.attribute("key");
                const std::string* value = m.attribute("value");
                if (key && value && *key == kReelKey) c.reel = *value;
            }
        }
    }
    if (asset) {
        auto tc = timeline::framesToTimecode(c.source.start, c.sourceRate, false);
        if (tc.isOk()) c.sourceTimecodeStart = *tc;
        if (asset->duration) {
            media.availableRange =
                timeline::FrameRange{asset->start.frames(c.sourceRate),
                                     (asset->start + *asset->duration).frames(c.sourceRate) -
                                         asset->start.frames(c.sourceRate)};
        }
    }
    EMU_RETURN_IF_ERROR(markers(e, c.sourceRate, Mapping{Time{}, Time{}}, c.markers));
    c.media.push_back(std::move(media));
    auto& lanes = audioOnly || lane < 0 ? out.audio : out.video;
    lanes[std::abs(lane)].clips.push_back({std::move(c), e.line});
    return Status::ok();
}

// A ref-clip: the part of a compound clip's storyline it shows, flattened into the parent.
Status FcpxReader::compound(const XmlNode& e, const Time& recordStart, const Time& duration,
                            int lane, Layout& out) {
    const std::string* ref = e.attribute("ref");
    const auto it = ref ? m_compounds.find(*ref) : m_compounds.end();
    if (it == m_compounds.end()) {
        return m_ctx.error(
            e.line, "ref '" + (ref ? *ref : std::string()) + "' names no compound clip <media>");
    }
    if (m_open.count(it->second)) return m_ctx.error(e.line, "compound clip contains itself");
    m_open.insert(it->second);
    const XmlNode* innerSpine = it->second->child("spine");
    if (!innerSpine) return m_ctx.error(it->second->line, "compound clip has no <spine>");
    Layout inner;
    EMU_RETURN_IF_ERROR(spine(*innerSpine, Mapping{Time{}, Time{}}, 0, inner));
    m_open.erase(it->second);
    EMU_ASSIGN_OR_RETURN(Time start, time(e, "start", Time{}));
    const Frames begin = start.frames(m_rate);
    const Frames end = (start + duration).frames(m_rate);
    const Frames shift = recordStart.frames(m_rate) - begin;
    placeWindow(inner, timeline::Track::Kind::Video, begin, end, shift, std::max(lane, 0), out);
    placeWindow(inner, timeline::Track::Kind::Audio, begin, end, shift, std::abs(lane), out);
    return Status::ok();
}

// Connected clips and secondary storylines inside `e`, whose own time `map` places.
Status FcpxReader::connected(const XmlNode& e, const Mapping& map, Layout& out) {
    for (const XmlNode& c : e.children) {
        const std::string* laneText = c.attribute("lane");
        if (!laneText) continue;
        const auto lane = parseWholeNumber(*laneText);
        if (!lane || std::abs(*lane) > 1000) {
            return m_ctx.error(c.line, "lane '" + *laneText + "' is not a whole number");
        }
        if (c.name == "spine") {
            EMU_ASSIGN_OR_RETURN(Time offset, time(c, "offset", Time{}));
            EMU_RETURN_IF_ERROR(spine(c, Mapping{map.record(offset), Time{}}, int(*lane), out));
        } else {
            std::optional<std::pair<Time, Time>> span;
            EMU_RETURN_IF_ERROR(element(c, map, int(*lane), out, span));
        }
    }
    return Status::ok();
}

Status FcpxReader::element(const XmlNode& e, const Mapping& map, int lane, Layout& out,
                           std::optional<std::pair<Time, Time>>& span) {
    static const std::set<std::string> kClips = {
        "asset-clip", "clip", "title", "audio", "video", "ref-clip", "gap", "sync-clip", "mc-clip"};
    if (!kClips.count(e.name)) return Status::ok();
    EMU_ASSIGN_OR_RETURN(Time offset, time(e, "offset", Time{}));
    EMU_ASSIGN_OR_RETURN(Time duration, time(e, "duration", std::nullopt));
    EMU_ASSIGN_OR_RETURN(Time start, time(e, "start", Time{}));
    const Time recordStart = map.record(offset);
    span = std::pair(recordStart, recordStart + duration);
    if (const std::string* enabled = e.attribute("enabled"); enabled && *enabled == "0") {
        return Status::ok();
    }
    if (e.name == "gap") {
        EMU_RETURN_IF_ERROR(markers(e, m_rate, Mapping{recordStart, start}, m_timelineMarkers));
    } else if (e.name == "ref-clip") {
        EMU_RETURN_IF_ERROR(compound(e, recordStart, duration, lane, out));
    } else if (e.name == "sync-clip" || e.name == "mc-clip") {
        m_ctx.warn(e.line, "<" + e.name + "> is not supported; left as a hole");
    } else {
        EMU_RETURN_IF_ERROR(clip(e, recordStart, duration, lane, out));
    }
    return connected(e, Mapping{recordStart, start}, out);
}

Status FcpxReader::spine(const XmlNode& e, const Mapping& map, int lane, Layout& out) {
    // A transition overlaps the edit between its neighbours: the cut is where the element
    // after it begins (or, at the end of a storyline, where the one before it ends).
    std::vector<PlacedTransition> pending;
    std::optional<Time> lastEnd;
    auto& lanes = lane < 0 ? out.audio : out.video;
    const auto settle = [&](std::optional<Time> cut) {
        for (PlacedTransition& t : pending) {
            const Frames begin = t.transition.inOffset;  // record frames held until settled
            const Frames end = t.transition.outOffset;
            t.cut = cut ? cut->frames(m_rate) : begin;
            t.transition.inOffset = std::max<Frames>(0, t.cut - begin);
            t.transition.outOffset = std::max<Frames>(0, end - t.cut);
            lanes[std::abs(lane)].transitions.push_back(std::move(t));
        }
        pending.clear();
    };
    for (const XmlNode& c : e.children) {
        if (c.name == "transition") {
            EMU_ASSIGN_OR_RETURN(Time offset, time(c, "offset", Time{}));
            EMU_ASSIGN_OR_RETURN(Time duration, time(c, "duration", std::nullopt));
            PlacedTransition t;
            t.line = c.line;
            if (const std::string* n = c.attribute("name")) t.transition.name = *n;
            if (t.transition.name.find("Wipe") != std::string::npos) {
                t.transition.kind = timeline::Transition::Kind::Wipe;
            }
            t.transition.inOffset = map.record(offset).frames(m_rate);
            t.transition.outOffset = (map.record(offset) + duration).frames(m_rate);
            pending.push_back(std::move(t));
            continue;
        }
        std::optional<std::pair<Time, Time>> span;
        EMU_RETURN_IF_ERROR(element(c, map, lane, out, span));
        if (!span) continue;
        settle(span->first);
        lastEnd = span->second;
    }
    settle(lastEnd);
    return Status::ok();
}

const XmlNode* findProject(const XmlNode& e, int& count) {
    const XmlNode* found = nullptr;
    for (const XmlNode& c : e.children) {
        if (c.name == "project") {
            ++count;
            if (!found) found = &c;
        } else if (c.name == "library" || c.name == "event") {
            const XmlNode* f = findProject(c, count);
            if (!found) found = f;
        }
    }
    return found;
}

Result<XmlConform> FcpxReader::read(const XmlNode& root) {
    if (root.name != "fcpxml") {
        return m_ctx.error(root.line, "<" + root.name + "> is not an FCPXML document",
                           ErrorCode::Unsupported);
    }
    const std::string* version = root.attribute("version");
    static const std::set<std::string> kKnown = {"1.8", "1.9", "1.10", "1.11"};
    if (!version || !kKnown.count(*version)) {
        m_ctx.warn(root.line, "FCPXML version " + (version ? *version : std::string("(none)")) +
                                  " is read as 1.11");
    }
    if (const XmlNode* r = root.child("resources")) EMU_RETURN_IF_ERROR(resources(*r));
    int count = 0;
    const XmlNode* project = findProject(root, count);
    if (!project) return m_ctx.error(root.line, "no <project> in the document");
    const XmlNode* seq = project->child("sequence");
    if (!seq) return m_ctx.error(project->line, "<project> has no <sequence>");
    const std::string* format = seq->attribute("format");
    if (!format) return m_ctx.error(seq->line, "<sequence> has no format");
    EMU_ASSIGN_OR_RETURN(m_rate, formatRate(*seq, *format));
    EMU_ASSIGN_OR_RETURN(Time tcStart, time(*seq, "tcStart", Time{}));
    XmlConform result;
    timeline::Timeline& t = result.timeline;
    if (const std::string* n = project->attribute("name")) t.title = *n;
    if (count > 1) {
        m_ctx.warn(project->line,
                   std::to_string(count) + " projects; only the first, '" + t.title + "', is read");
    }
    t.rate = m_rate;
    t.startFrame = tcStart.frames(m_rate);
    const std::string* tcFormat = seq->attribute("tcFormat");
    t.dropFrame = tcFormat && *tcFormat == "DF" && m_rate.allowsDropFrame();
    const XmlNode* main = seq->child("spine");
    if (!main) return m_ctx.error(seq->line, "<sequence> has no <spine>");
    Layout layout;
    // The sequence's time is record time: its first frame is at tcStart.
    EMU_RETURN_IF_ERROR(spine(*main, Mapping{Time{}, Time{}}, 0, layout));
    t.markers = std::move(m_timelineMarkers);
    t.tracks = assembleTracks(layout, t.startFrame, m_ctx.warnings);
    result.warnings = std::move(m_ctx.warnings);
    return result;
}

}  // namespace

Result<XmlConform> readFcpxml(std::string_view text, const std::string& fileName) {
    EMU_ASSIGN_OR_RETURN(XmlNode root, parseXmlDocument(text, fileName));
    ReaderContext context{fileName, {}};
    return FcpxReader(context).read(root);
}

}  // namespace emu::conform
