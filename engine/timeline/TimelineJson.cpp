#include "emulsion/timeline/TimelineJson.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace emu::timeline {

namespace {

using nlohmann::json;

constexpr const char* kFormatName = "emulsion-timeline";

// A structure error inside the reader: the field's path and what is wrong. Caught by
// timelineFromJson; never leaves this file.
struct FieldError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw FieldError(where + ": " + what);
}

const json& field(const json& j, const std::string& where, const char* key) {
    if (!j.is_object()) fail(where, "must be an object");
    auto it = j.find(key);
    if (it == j.end()) fail(where, std::string("needs \"") + key + "\"");
    return *it;
}

std::string text(const json& j, const std::string& where, const char* key) {
    const json& v = field(j, where, key);
    if (!v.is_string()) fail(where + "." + key, "must be a string");
    return v.get<std::string>();
}

std::int64_t integer(const json& j, const std::string& where, const char* key) {
    const json& v = field(j, where, key);
    if (!v.is_number_integer()) fail(where + "." + key, "must be an integer");
    return v.get<std::int64_t>();
}

double real(const json& j, const std::string& where, const char* key) {
    const json& v = field(j, where, key);
    if (!v.is_number()) fail(where + "." + key, "must be a number");
    return v.get<double>();
}

bool boolean(const json& j, const std::string& where, const char* key) {
    const json& v = field(j, where, key);
    if (!v.is_boolean()) fail(where + "." + key, "must be true or false");
    return v.get<bool>();
}

const json& array(const json& j, const std::string& where, const char* key) {
    const json& v = field(j, where, key);
    if (!v.is_array()) fail(where + "." + key, "must be an array");
    return v;
}

// Enumerations are written by name so the stored text stays readable and stable.
template <typename E, std::size_t N>
E enumFrom(const json& j, const std::string& where, const char* key,
           const std::pair<E, const char*> (&names)[N]) {
    const std::string name = text(j, where, key);
    for (const auto& [value, n] : names) {
        if (name == n) return value;
    }
    fail(where + "." + key, "unknown value \"" + name + "\"");
}

template <typename E, std::size_t N>
const char* enumName(E value, const std::pair<E, const char*> (&names)[N]) {
    for (const auto& [v, n] : names) {
        if (v == value) return n;
    }
    return names[0].second;
}

const std::pair<MediaReference::Kind, const char*> kMediaKinds[] = {
    {MediaReference::Kind::External, "external"},
    {MediaReference::Kind::ImageSequence, "image_sequence"},
    {MediaReference::Kind::Missing, "missing"},
    {MediaReference::Kind::Generator, "generator"},
};
const std::pair<Transition::Kind, const char*> kTransitionKinds[] = {
    {Transition::Kind::Dissolve, "dissolve"},
    {Transition::Kind::Wipe, "wipe"},
};
const std::pair<Track::Kind, const char*> kTrackKinds[] = {
    {Track::Kind::Video, "video"},
    {Track::Kind::Audio, "audio"},
};

// ---- writing ----

json toJson(const Rate& r) {
    return json::array({r.numerator, r.denominator});
}

json toJson(const FrameRange& r) {
    return {{"start", r.start}, {"duration", r.duration}};
}

json toJson(const Marker& m) {
    return {{"name", m.name},
            {"frame", m.frame},
            {"duration", m.duration},
            {"colour", m.colour},
            {"comment", m.comment}};
}

json toJson(const std::vector<Marker>& markers) {
    json out = json::array();
    for (const Marker& m : markers) out.push_back(toJson(m));
    return out;
}

json toJson(const MediaReference& m) {
    json j = {{"kind", enumName(m.kind, kMediaKinds)},
              {"name", m.name},
              {"path", m.path.generic_string()},
              {"generator", m.generator}};
    j["available_range"] = m.availableRange ? toJson(*m.availableRange) : json(nullptr);
    return j;
}

json toJson(const CdlValues& c) {
    return {{"slope", {c.slope[0], c.slope[1], c.slope[2]}},
            {"offset", {c.offset[0], c.offset[1], c.offset[2]}},
            {"power", {c.power[0], c.power[1], c.power[2]}},
            {"saturation", c.saturation}};
}

json toJson(const Clip& c) {
    json j = {{"type", "clip"},
              {"name", c.name},
              {"reel", c.reel},
              {"source_file", c.sourceFile},
              {"event", c.event},
              {"record", toJson(c.record)},
              {"source", toJson(c.source)},
              {"source_rate", toJson(c.sourceRate)},
              {"speed", c.speed.speed},
              {"markers", toJson(c.markers)},
              {"active_media", c.activeMedia},
              {"metadata", c.metadata}};
    j["source_timecode_start"] =
        c.sourceTimecodeStart ? json(*c.sourceTimecodeStart) : json(nullptr);
    j["cdl"] = c.cdl ? toJson(*c.cdl) : json(nullptr);
    json media = json::array();
    for (const MediaReference& m : c.media) media.push_back(toJson(m));
    j["media"] = std::move(media);
    return j;
}

json toJson(const Gap& g) {
    return {{"type", "gap"}, {"record", toJson(g.record)}};
}

json toJson(const Transition& t) {
    return {{"type", "transition"},      {"kind", enumName(t.kind, kTransitionKinds)},
            {"wipe_code", t.wipeCode},   {"in_offset", t.inOffset},
            {"out_offset", t.outOffset}, {"name", t.name}};
}

json toJson(const Track& t) {
    json items = json::array();
    for (const Item& item : t.items) {
        items.push_back(std::visit([](const auto& i) { return toJson(i); }, item));
    }
    return {{"kind", enumName(t.kind, kTrackKinds)},
            {"name", t.name},
            {"items", std::move(items)},
            {"markers", toJson(t.markers)}};
}

// ---- reading ----

Rate readRate(const json& j, const std::string& where, const char* key) {
    const json& v = array(j, where, key);
    if (v.size() != 2 || !v[0].is_number_integer() || !v[1].is_number_integer()) {
        fail(where + "." + key, "must be [numerator, denominator]");
    }
    return Rate{v[0].get<std::int64_t>(), v[1].get<std::int64_t>()};
}

FrameRange readRange(const json& j, const std::string& where) {
    return {integer(j, where, "start"), integer(j, where, "duration")};
}

Marker readMarker(const json& j, const std::string& where) {
    return {text(j, where, "name"), integer(j, where, "frame"), integer(j, where, "duration"),
            text(j, where, "colour"), text(j, where, "comment")};
}

std::vector<Marker> readMarkers(const json& j, const std::string& where) {
    std::vector<Marker> out;
    const json& a = array(j, where, "markers");
    for (std::size_t i = 0; i < a.size(); ++i) {
        out.push_back(readMarker(a[i], where + ".markers[" + std::to_string(i) + "]"));
    }
    return out;
}

MediaReference readMedia(const json& j, const std::string& where) {
    MediaReference m;
    m.kind = enumFrom(j, where, "kind", kMediaKinds);
    m.name = text(j, where, "name");
    m.path = std::filesystem::path(text(j, where, "path"));
    m.generator = text(j, where, "generator");
    const json& range = field(j, where, "available_range");
    if (!range.is_null()) m.availableRange = readRange(range, where + ".available_range");
    return m;
}

void readTriple(const json& j, const std::string& where, const char* key, double (&out)[3]) {
    const json& a = array(j, where, key);
    if (a.size() != 3) fail(where + "." + key, "needs three numbers");
    for (int i = 0; i < 3; ++i) {
        if (!a[i].is_number()) fail(where + "." + key, "needs three numbers");
        out[i] = a[i].get<double>();
    }
}

CdlValues readCdl(const json& j, const std::string& where) {
    CdlValues c;
    readTriple(j, where, "slope", c.slope);
    readTriple(j, where, "offset", c.offset);
    readTriple(j, where, "power", c.power);
    c.saturation = real(j, where, "saturation");
    return c;
}

Clip readClip(const json& j, const std::string& where) {
    Clip c;
    c.name = text(j, where, "name");
    c.reel = text(j, where, "reel");
    c.sourceFile = text(j, where, "source_file");
    c.event = int(integer(j, where, "event"));
    c.record = readRange(field(j, where, "record"), where + ".record");
    c.source = readRange(field(j, where, "source"), where + ".source");
    c.sourceRate = readRate(j, where, "source_rate");
    const json& tc = field(j, where, "source_timecode_start");
    if (!tc.is_null()) c.sourceTimecodeStart = text(j, where, "source_timecode_start");
    c.speed.speed = real(j, where, "speed");
    const json& cdl = field(j, where, "cdl");
    if (!cdl.is_null()) c.cdl = readCdl(cdl, where + ".cdl");
    c.markers = readMarkers(j, where);
    const json& media = array(j, where, "media");
    for (std::size_t i = 0; i < media.size(); ++i) {
        c.media.push_back(readMedia(media[i], where + ".media[" + std::to_string(i) + "]"));
    }
    c.activeMedia = int(integer(j, where, "active_media"));
    const json& meta = field(j, where, "metadata");
    if (!meta.is_object()) fail(where + ".metadata", "must be an object");
    for (const auto& [key, value] : meta.items()) {
        if (!value.is_string()) fail(where + ".metadata." + key, "must be a string");
        c.metadata[key] = value.get<std::string>();
    }
    return c;
}

Transition readTransition(const json& j, const std::string& where) {
    Transition t;
    t.kind = enumFrom(j, where, "kind", kTransitionKinds);
    t.wipeCode = int(integer(j, where, "wipe_code"));
    t.inOffset = integer(j, where, "in_offset");
    t.outOffset = integer(j, where, "out_offset");
    t.name = text(j, where, "name");
    return t;
}

Item readItem(const json& j, const std::string& where) {
    const std::string type = text(j, where, "type");
    if (type == "clip") return readClip(j, where);
    if (type == "gap") return Gap{readRange(field(j, where, "record"), where + ".record")};
    if (type == "transition") return readTransition(j, where);
    fail(where + ".type", "unknown item type \"" + type + "\"");
}

Track readTrack(const json& j, const std::string& where) {
    Track t;
    t.kind = enumFrom(j, where, "kind", kTrackKinds);
    t.name = text(j, where, "name");
    const json& items = array(j, where, "items");
    for (std::size_t i = 0; i < items.size(); ++i) {
        t.items.push_back(readItem(items[i], where + ".items[" + std::to_string(i) + "]"));
    }
    t.markers = readMarkers(j, where);
    return t;
}

Timeline readTimeline(const json& j) {
    const std::string where = "timeline";
    Timeline t;
    t.title = text(j, where, "title");
    t.rate = readRate(j, where, "rate");
    t.startFrame = integer(j, where, "start_frame");
    t.dropFrame = boolean(j, where, "drop_frame");
    const json& tracks = array(j, where, "tracks");
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        t.tracks.push_back(readTrack(tracks[i], "tracks[" + std::to_string(i) + "]"));
    }
    t.markers = readMarkers(j, where);
    return t;
}

}  // namespace

std::string timelineToJson(const Timeline& timeline) {
    json tracks = json::array();
    for (const Track& t : timeline.tracks) tracks.push_back(toJson(t));
    json j = {{"format", kFormatName},
              {"version", kTimelineFormatVersion},
              {"title", timeline.title},
              {"rate", toJson(timeline.rate)},
              {"start_frame", timeline.startFrame},
              {"drop_frame", timeline.dropFrame},
              {"tracks", std::move(tracks)},
              {"markers", toJson(timeline.markers)}};
    // Invalid UTF-8 in names from old edit lists is replaced rather than failing the save.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Timeline> timelineFromJson(std::string_view text, const std::string& sourceName) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) {
        return makeError(ErrorCode::InvalidArgument, sourceName + ": not valid JSON");
    }
    try {
        if (!j.is_object() || j.value("format", std::string()) != kFormatName) {
            return makeError(
                ErrorCode::InvalidArgument,
                sourceName + ": not an Emulsion timeline (no \"format\": \"" + kFormatName + "\")");
        }
        const std::int64_t version = integer(j, "timeline", "version");
        if (version > kTimelineFormatVersion || version < 1) {
            return makeError(ErrorCode::Unsupported, sourceName + ": timeline format version " +
                                                         std::to_string(version) +
                                                         "; this build reads 1 to " +
                                                         std::to_string(kTimelineFormatVersion));
        }
        return readTimeline(j);
    } catch (const FieldError& e) {
        return makeError(ErrorCode::InvalidArgument, sourceName + ": " + e.what());
    } catch (const json::exception& e) {
        return makeError(ErrorCode::InvalidArgument, sourceName + ": " + e.what());
    }
}

}  // namespace emu::timeline
