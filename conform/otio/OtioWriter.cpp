#include <cctype>
#include <charconv>

#include "OtioSupport.h"
#include "emulsion/conform/Otio.h"
#include "emulsion/core/AtomicFile.h"

namespace emu::conform {

namespace {

using otio::Json;
using timeline::Clip;
using timeline::Frames;
using timeline::Gap;
using timeline::Marker;
using timeline::MediaReference;
using timeline::Rate;
using timeline::Track;
using timeline::Transition;

constexpr const char* kDefaultMediaKey = "DEFAULT_MEDIA";
constexpr const char* kSequenceKeys = "otio.media.";

Json rationalTime(double value, const Rate& rate) {
    return Json{
        {"OTIO_SCHEMA", "RationalTime.1"}, {"rate", otio::rateToDouble(rate)}, {"value", value}};
}

Json timeRange(double start, double duration, const Rate& rate) {
    return Json{{"OTIO_SCHEMA", "TimeRange.1"},
                {"duration", rationalTime(duration, rate)},
                {"start_time", rationalTime(start, rate)}};
}

Json timeRange(const timeline::FrameRange& r, const Rate& rate) {
    return timeRange(double(r.start), double(r.duration), rate);
}

std::string upper(std::string s) {
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Markers on `rate`, their frames less `offset` (the record start for track markers).
Json markers(const std::vector<Marker>& list, const Rate& rate, Frames offset) {
    Json out = Json::array();
    for (const Marker& m : list) {
        out.push_back(
            Json{{"OTIO_SCHEMA", "Marker.2"},
                 {"metadata", Json::object()},
                 {"name", m.name},
                 {"color", upper(m.colour)},
                 {"marked_range", timeRange(double(m.frame - offset), double(m.duration), rate)},
                 {"comment", m.comment}});
    }
    return out;
}

Json availableRange(const MediaReference& r, const Rate& rate) {
    return r.availableRange ? timeRange(*r.availableRange, rate) : Json();
}

// Metadata text as a number, or `fallback` when it is not one.
std::int64_t wholeOr(const std::string* text, std::int64_t fallback) {
    std::int64_t v = 0;
    if (!text) return fallback;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    return ec == std::errc() && end == text->data() + text->size() ? v : fallback;
}

double numberOr(const std::string& text, double fallback) {
    const Json j = Json::parse(text, nullptr, false);
    return j.is_number() ? j.get<double>() : fallback;
}

// ImageSequenceReference fields from a pattern "folder/name.%07d.exr" and the clip's metadata.
void sequenceFields(const MediaReference& r, const Clip& c, Json& out) {
    const std::string file = r.path.filename().string();
    std::size_t percent = file.rfind('%');
    std::size_t end = percent;
    std::int64_t padding = 0;
    if (percent != std::string::npos) {
        end = percent + 1;
        while (end < file.size() && std::isdigit(static_cast<unsigned char>(file[end]))) {
            padding = padding * 10 + (file[end] - '0');
            ++end;
        }
        if (end >= file.size() || file[end] != 'd') percent = std::string::npos;
    }
    const std::string parent = r.path.parent_path().string();
    out["target_url_base"] = parent.empty() ? std::string() : otio::urlFromPath(parent) + "/";
    out["name_prefix"] = percent == std::string::npos ? file : file.substr(0, percent);
    out["name_suffix"] = percent == std::string::npos ? std::string() : file.substr(end + 1);
    const std::string key = kSequenceKeys + r.name + ".";
    auto extra = [&](const std::string& name) -> const std::string* {
        const auto it = c.metadata.find(key + name);
        return it == c.metadata.end() ? nullptr : &it->second;
    };
    const std::int64_t derivedStart = r.availableRange ? r.availableRange->start : 0;
    out["start_frame"] = wholeOr(extra("start_frame"), derivedStart);
    out["frame_step"] = wholeOr(extra("frame_step"), 1);
    out["rate"] = extra("rate") ? numberOr(*extra("rate"), otio::rateToDouble(c.sourceRate))
                                : otio::rateToDouble(c.sourceRate);
    out["frame_zero_padding"] = padding;
    out["missing_frame_policy"] = "error";
}

Json reference(const MediaReference& r, const Clip& c) {
    Json out;
    switch (r.kind) {
        case MediaReference::Kind::External:
            out["OTIO_SCHEMA"] = "ExternalReference.1";
            break;
        case MediaReference::Kind::ImageSequence:
            out["OTIO_SCHEMA"] = "ImageSequenceReference.1";
            break;
        case MediaReference::Kind::Missing:
            out["OTIO_SCHEMA"] = "MissingReference.1";
            break;
        case MediaReference::Kind::Generator:
            out["OTIO_SCHEMA"] = "GeneratorReference.1";
            break;
    }
    out["metadata"] = Json::object();
    out["name"] = r.name;
    out["available_range"] = availableRange(r, c.sourceRate);
    out["available_image_bounds"] = nullptr;
    if (r.kind == MediaReference::Kind::External) {
        out["target_url"] = otio::urlFromPath(r.path.string());
    } else if (r.kind == MediaReference::Kind::ImageSequence) {
        sequenceFields(r, c, out);
    } else if (r.kind == MediaReference::Kind::Generator) {
        out["generator_kind"] = r.generator;
        out["parameters"] = Json::object();
    }
    return out;
}

Json effects(double speed) {
    Json out = Json::array();
    if (speed == 1.0) return out;
    const bool freeze = speed == 0.0;
    out.push_back(Json{{"OTIO_SCHEMA", freeze ? "FreezeFrame.1" : "LinearTimeWarp.1"},
                       {"metadata", Json::object()},
                       {"name", ""},
                       {"effect_name", freeze ? "FreezeFrame" : "LinearTimeWarp"},
                       {"time_scalar", speed}});
    return out;
}

std::string derivedSourceFile(const Clip& c) {
    if (c.media.empty() || c.activeMedia < 0 || std::size_t(c.activeMedia) >= c.media.size()) {
        return {};
    }
    const MediaReference& active = c.media[std::size_t(c.activeMedia)];
    if (active.kind != MediaReference::Kind::External &&
        active.kind != MediaReference::Kind::ImageSequence) {
        return {};
    }
    return active.path.filename().string();
}

Json clipMetadata(const Clip& c) {
    std::map<std::string, std::string> rest;
    for (const auto& [key, value] : c.metadata) {
        if (key.rfind(kSequenceKeys, 0) != 0) rest[key] = value;
    }
    Json meta = otio::unflattenMetadata(rest);
    if (!c.reel.empty()) {
        if (!meta["cmx_3600"].is_object()) meta["cmx_3600"] = Json::object();
        meta["cmx_3600"]["reel"] = c.reel;
    }
    if (c.cdl) {
        const auto triple = [](const double(&v)[3]) { return Json{v[0], v[1], v[2]}; };
        meta["cdl"] = Json{{"asc_sop", Json{{"slope", triple(c.cdl->slope)},
                                            {"offset", triple(c.cdl->offset)},
                                            {"power", triple(c.cdl->power)}}},
                           {"asc_sat", c.cdl->saturation}};
    }
    Json own = Json::object();
    if (c.event != 0) own["event"] = c.event;
    if (c.sourceFile != derivedSourceFile(c)) own["source_file"] = c.sourceFile;
    if (c.sourceTimecodeStart) own["source_timecode"] = *c.sourceTimecodeStart;
    if (!own.empty()) meta["emulsion"] = own;
    return meta;
}

Json clip(const Clip& c, const Rate& rate) {
    // OTIO's source_range is the clip's length in source time before its time warp: the record
    // duration at the source rate.
    const double length = double(c.record.duration) * double(c.sourceRate.numerator) *
                          double(rate.denominator) /
                          (double(c.sourceRate.denominator) * double(rate.numerator));
    Json refs = Json::object();
    std::string active = kDefaultMediaKey;
    for (std::size_t i = 0; i < c.media.size(); ++i) {
        std::string key = c.media[i].name.empty() ? kDefaultMediaKey : c.media[i].name;
        while (refs.contains(key)) key.append("_").append(std::to_string(i + 1));
        refs[key] = reference(c.media[i], c);
        if (int(i) == c.activeMedia) active = key;
    }
    return Json{{"OTIO_SCHEMA", "Clip.2"},
                {"metadata", clipMetadata(c)},
                {"name", c.name},
                {"source_range", timeRange(double(c.source.start), length, c.sourceRate)},
                {"effects", effects(c.speed.speed)},
                {"markers", markers(c.markers, c.sourceRate, 0)},
                {"enabled", true},
                {"media_references", refs},
                {"active_media_reference_key", active}};
}

Json gap(Frames duration, const Rate& rate) {
    return Json{{"OTIO_SCHEMA", "Gap.1"},
                {"metadata", Json::object()},
                {"name", ""},
                {"source_range", timeRange(0, double(duration), rate)},
                {"effects", Json::array()},
                {"markers", Json::array()},
                {"enabled", true}};
}

Json transition(const Transition& t, const Rate& rate) {
    Json meta = Json::object();
    if (t.kind == Transition::Kind::Wipe && t.wipeCode != 0) {
        meta["emulsion"] = Json{{"wipe_code", t.wipeCode}};
    }
    return Json{{"OTIO_SCHEMA", "Transition.1"},
                {"metadata", meta},
                {"name", t.name},
                {"in_offset", rationalTime(double(t.inOffset), rate)},
                {"out_offset", rationalTime(double(t.outOffset), rate)},
                {"transition_type",
                 t.kind == Transition::Kind::Dissolve ? "SMPTE_Dissolve" : "Custom_Transition"}};
}

Json track(const Track& t, const timeline::Timeline& timeline) {
    Json children = Json::array();
    Frames at = timeline.startFrame;  // clips and gaps tile the track; holes become gaps
    for (const timeline::Item& item : t.items) {
        if (const auto* tr = std::get_if<Transition>(&item)) {
            children.push_back(transition(*tr, timeline.rate));
            continue;
        }
        const auto* c = std::get_if<Clip>(&item);
        const timeline::FrameRange record = c ? c->record : std::get<Gap>(item).record;
        if (record.start > at) children.push_back(gap(record.start - at, timeline.rate));
        children.push_back(c ? clip(*c, timeline.rate) : gap(record.duration, timeline.rate));
        at = record.end();
    }
    return Json{{"OTIO_SCHEMA", "Track.1"},
                {"metadata", Json::object()},
                {"name", t.name},
                {"source_range", nullptr},
                {"effects", Json::array()},
                {"markers", markers(t.markers, timeline.rate, timeline.startFrame)},
                {"enabled", true},
                {"children", children},
                {"kind", t.kind == Track::Kind::Video ? "Video" : "Audio"}};
}

}  // namespace

std::string writeOtio(const timeline::Timeline& timeline) {
    Json tracks = Json::array();
    for (const Track& t : timeline.tracks) tracks.push_back(track(t, timeline));
    Json meta = Json::object();
    if (timeline.dropFrame) meta["emulsion"] = Json{{"drop_frame", true}};
    const Json doc{
        {"OTIO_SCHEMA", "Timeline.1"},
        {"metadata", meta},
        {"name", timeline.title},
        {"global_start_time", rationalTime(double(timeline.startFrame), timeline.rate)},
        {"tracks", Json{{"OTIO_SCHEMA", "Stack.1"},
                        {"metadata", Json::object()},
                        {"name", "tracks"},
                        {"source_range", nullptr},
                        {"effects", Json::array()},
                        {"markers", markers(timeline.markers, timeline.rate, timeline.startFrame)},
                        {"enabled", true},
                        {"children", tracks}}}};
    // Strings that are not valid UTF-8 are replaced rather than refused: a name from an old
    // edit list must not stop a write.
    return doc.dump(4, ' ', false, Json::error_handler_t::replace) + "\n";
}

Status writeOtioFile(const timeline::Timeline& timeline, const std::filesystem::path& path) {
    return core::writeFileAtomically(path, writeOtio(timeline), "OTIO file");
}

}  // namespace emu::conform
