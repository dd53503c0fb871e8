#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include "OtioReader.h"

namespace emu::conform::otio {

namespace {

// "\"key\" problem", built by appending (GCC 12 warns falsely on chains of operator+ here).
std::string field(const char* key, const char* problem) {
    std::string out = "\"";
    out.append(key).append("\" ").append(problem);
    return out;
}

}  // namespace

Result<Schema> Reader::schemaOf(const Json& j, const std::string& where) const {
    if (!j.is_object()) return error(where, "expected an OTIO object");
    const Json* s = member(j, "OTIO_SCHEMA");
    if (!s || !s->is_string()) return error(where, "object without an \"OTIO_SCHEMA\" string");
    Schema out;
    out.text = s->get<std::string>();
    const std::size_t dot = out.text.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == out.text.size() ||
        !std::all_of(out.text.begin() + long(dot) + 1, out.text.end(),
                     [](char c) { return c >= '0' && c <= '9'; }) ||
        out.text.size() - dot > 6) {
        return error(where, "OTIO_SCHEMA '" + out.text + "' is not Name.Version");
    }
    out.name = out.text.substr(0, dot);
    out.version = std::stoi(out.text.substr(dot + 1));
    return out;
}

Status Reader::expect(const Schema& s, const char* name, int maxVersion,
                      const std::string& where) const {
    if (s.name != name) {
        return error(where, "expected " + std::string(name) + " but found " + s.text);
    }
    if (s.version < 1 || s.version > maxVersion) {
        return error(where, "schema " + s.text + " is not supported (" + name + ".1 to " + name +
                                "." + std::to_string(maxVersion) + ")");
    }
    return Status::ok();
}

Result<std::string> Reader::text(const Json& j, const char* key, const std::string& where) const {
    const Json* v = member(j, key);
    if (!v) return std::string();
    if (!v->is_string()) return error(where, field(key, "must be a string"));
    return v->get<std::string>();
}

Result<double> Reader::number(const Json& j, const char* key, const std::string& where) const {
    const Json* v = member(j, key);
    if (!v || !v->is_number()) {
        return error(where, field(key, "must be a number"));
    }
    const double x = v->get<double>();
    if (!std::isfinite(x) || std::abs(x) > 1e15) {
        return error(where, field(key, "is out of range"));
    }
    return x;
}

Result<RationalTime> Reader::time(const Json& j, const std::string& where) const {
    EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(j, where));
    EMU_RETURN_IF_ERROR(expect(s, "RationalTime", 1, where));
    RationalTime t;
    EMU_ASSIGN_OR_RETURN(t.value, number(j, "value", where));
    EMU_ASSIGN_OR_RETURN(t.rate, number(j, "rate", where));
    if (t.rate <= 0 || t.rate > 1e6) return error(where, "rate must be above 0 and at most 1e6");
    return t;
}

Result<std::optional<TimeRange>> Reader::range(const Json* j, const std::string& where) const {
    if (!j) return std::optional<TimeRange>();
    EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(*j, where));
    EMU_RETURN_IF_ERROR(expect(s, "TimeRange", 1, where));
    const Json* start = member(*j, "start_time");
    const Json* duration = member(*j, "duration");
    if (!start || !duration) return error(where, "TimeRange needs start_time and duration");
    TimeRange r;
    EMU_ASSIGN_OR_RETURN(r.start, time(*start, where + " start_time"));
    EMU_ASSIGN_OR_RETURN(r.duration, time(*duration, where + " duration"));
    return std::optional<TimeRange>(r);
}

Frames Reader::roundFrames(double x, const std::string& where, const char* what) {
    const double whole = std::round(x);
    if (std::abs(x - whole) > 1e-6) {
        std::ostringstream msg;
        msg.precision(12);
        msg << what << " " << x << " is not a whole frame; rounded to " << whole;
        warn(where, msg.str());
    }
    return Frames(whole);
}

Result<Frames> Reader::frames(const RationalTime& t, const Rate& at, const std::string& where) {
    double x = t.value;
    if (std::abs(t.rate - at.fps()) > 1e-9 * at.fps()) {
        x = t.value * double(at.numerator) / (double(at.denominator) * t.rate);
    }
    if (std::abs(x) > 1e15) return error(where, "time out of range");
    return roundFrames(x, where, ("time at " + timeline::toString(at)).c_str());
}

Result<std::vector<Marker>> Reader::markers(const Json& j, const Rate& rate, Frames offset,
                                            const std::string& where) {
    std::vector<Marker> out;
    const Json* list = member(j, "markers");
    if (!list) return out;
    if (!list->is_array()) return error(where, "\"markers\" must be a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& jm = (*list)[i];
        const std::string at = where + ", marker " + std::to_string(i + 1);
        EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(jm, at));
        EMU_RETURN_IF_ERROR(expect(s, "Marker", 2, at));
        const Json* r = member(jm, "marked_range");
        if (!r) r = member(jm, "range");
        EMU_ASSIGN_OR_RETURN(std::optional<TimeRange> mr, range(r, at + " marked_range"));
        if (!mr) return error(at, "a marker needs a marked_range");
        Marker m;
        EMU_ASSIGN_OR_RETURN(m.name, text(jm, "name", at));
        EMU_ASSIGN_OR_RETURN(std::string colour, text(jm, "color", at));
        m.colour = lower(colour);
        EMU_ASSIGN_OR_RETURN(m.comment, text(jm, "comment", at));
        EMU_ASSIGN_OR_RETURN(Frames start, frames(mr->start, rate, at));
        EMU_ASSIGN_OR_RETURN(m.duration, frames(mr->duration, rate, at));
        m.frame = start + offset;
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

// The rate of the first RationalTime in document order: the timeline's rate when the file has
// no global_start_time.
std::optional<double> firstRate(const Json& j) {
    if (j.is_object()) {
        const Json* s = member(j, "OTIO_SCHEMA");
        const Json* rate = member(j, "rate");
        if (s && s->is_string() && s->get<std::string>() == "RationalTime.1" && rate &&
            rate->is_number() && rate->get<double>() > 0 && rate->get<double>() <= 1e6) {
            return rate->get<double>();
        }
    }
    if (j.is_object() || j.is_array()) {
        for (const auto& child : j) {
            if (auto r = firstRate(child)) return r;
        }
    }
    return std::nullopt;
}

}  // namespace

Result<OtioReadResult> Reader::read(const Json& root) {
    if (!root.is_object())
        return error("", "not an OTIO document (the top level is not an object)");
    EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(root, "top level"));
    if (s.name != "Timeline") {
        return error("", "the top level is " + s.text + "; this reader reads Timeline.1");
    }
    EMU_RETURN_IF_ERROR(expect(s, "Timeline", 1, "top level"));
    OtioReadResult out;
    timeline::Timeline& t = out.timeline;
    EMU_ASSIGN_OR_RETURN(t.title, text(root, "name", "timeline"));
    if (const Json* g = member(root, "global_start_time")) {
        EMU_ASSIGN_OR_RETURN(RationalTime start, time(*g, "global_start_time"));
        m_rate = otio::rateFromDouble(start.rate);
        EMU_ASSIGN_OR_RETURN(t.startFrame, frames(start, m_rate, "global_start_time"));
    } else if (const Json* tracks = member(root, "tracks")) {
        m_rate = otio::rateFromDouble(firstRate(*tracks).value_or(24.0));
    }
    t.rate = m_rate;
    if (const Json* meta = member(root, "metadata")) {
        if (const Json* e = member(*meta, "emulsion")) {
            const Json* drop = member(*e, "drop_frame");
            t.dropFrame = drop && drop->is_boolean() && drop->get<bool>();
        }
    }
    const Json* tracks = member(root, "tracks");
    if (!tracks) return error("timeline", "no \"tracks\" stack");
    EMU_RETURN_IF_ERROR(readTracks(*tracks, t));
    out.warnings = std::move(m_warnings);
    return out;
}

Status Reader::readTracks(const Json& stack, timeline::Timeline& out) {
    EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(stack, "tracks"));
    EMU_RETURN_IF_ERROR(expect(s, "Stack", 1, "tracks"));
    EMU_ASSIGN_OR_RETURN(out.markers, markers(stack, m_rate, out.startFrame, "tracks"));
    const Json* children = member(stack, "children");
    if (!children) return Status::ok();
    if (!children->is_array()) return error("tracks", "\"children\" must be a list");
    std::vector<Track> audio;
    for (std::size_t i = 0; i < children->size(); ++i) {
        const Json& jt = (*children)[i];
        std::string where = "track " + std::to_string(i + 1);
        EMU_ASSIGN_OR_RETURN(Schema ts, schemaOf(jt, where));
        EMU_RETURN_IF_ERROR(expect(ts, "Track", 1, where));
        Track track;
        EMU_ASSIGN_OR_RETURN(track.name, text(jt, "name", where));
        where += " '" + track.name + "'";
        EMU_ASSIGN_OR_RETURN(std::string kind, text(jt, "kind", where));
        if (kind != "Video" && kind != "Audio") {
            warn(where, "track kind '" + kind + "' is neither Video nor Audio; skipped");
            continue;
        }
        track.kind = kind == "Video" ? Track::Kind::Video : Track::Kind::Audio;
        if (member(jt, "source_range")) warn(where, "the track's source_range is ignored");
        EMU_ASSIGN_OR_RETURN(track.markers, markers(jt, m_rate, out.startFrame, where));
        const Json* items = member(jt, "children");
        if (items) {
            EMU_ASSIGN_OR_RETURN(Sequence seq, this->items(*items, where));
            shift(seq.items, out.startFrame);
            track.items = std::move(seq.items);
        }
        (track.kind == Track::Kind::Video ? out.tracks : audio).push_back(std::move(track));
    }
    for (Track& a : audio) out.tracks.push_back(std::move(a));
    return Status::ok();
}

Result<Sequence> Reader::items(const Json& children, const std::string& where) {
    if (!children.is_array()) return error(where, "\"children\" must be a list");
    Sequence seq;
    for (std::size_t k = 0; k < children.size(); ++k) {
        const Json& j = children[k];
        std::string at = where + ", item " + std::to_string(k + 1);
        EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(j, at));
        EMU_ASSIGN_OR_RETURN(std::string name, text(j, "name", at));
        at += " (" + s.text + (name.empty() ? "" : " '" + name + "'") + ")";
        if (s.name == "Clip") {
            EMU_RETURN_IF_ERROR(expect(s, "Clip", 2, at));
            EMU_ASSIGN_OR_RETURN(Item item, clip(j, s, at));
            recordOf(item).start = seq.duration;
            seq.duration += recordOf(item).duration;
            seq.items.push_back(std::move(item));
        } else if (s.name == "Gap") {
            EMU_RETURN_IF_ERROR(expect(s, "Gap", 1, at));
            EMU_ASSIGN_OR_RETURN(std::optional<TimeRange> r,
                                 range(member(j, "source_range"), at + " source_range"));
            if (!r) return error(at, "a gap needs a source_range");
            EMU_ASSIGN_OR_RETURN(Frames duration, frames(r->duration, m_rate, at));
            if (duration < 0) return error(at, "negative duration");
            seq.items.push_back(Gap{{seq.duration, duration}});
            seq.duration += duration;
        } else if (s.name == "Transition") {
            EMU_RETURN_IF_ERROR(expect(s, "Transition", 1, at));
            EMU_ASSIGN_OR_RETURN(Transition t, transition(j, at));
            seq.items.push_back(std::move(t));
        } else if (s.name == "Stack" || s.name == "Track") {
            EMU_RETURN_IF_ERROR(expect(s, s.name.c_str(), 1, at));
            EMU_ASSIGN_OR_RETURN(Sequence inner, nested(j, s, at));
            shift(inner.items, seq.duration);
            for (Item& item : inner.items) seq.items.push_back(std::move(item));
            seq.duration += inner.duration;
        } else {
            return error(at, "unknown OTIO_SCHEMA '" + s.text + "' in a track");
        }
    }
    return seq;
}

// A Stack or Track inside a track is flattened: a stack contributes its top-most track (its
// last child; the others are dropped with a warning), cut to the composition's source_range.
Result<Sequence> Reader::nested(const Json& j, const Schema& s, const std::string& where) {
    const Json* children = member(j, "children");
    Sequence inner;
    if (s.name == "Track") {
        if (children) {
            EMU_ASSIGN_OR_RETURN(inner, items(*children, where));
        }
    } else if (children) {
        if (!children->is_array()) return error(where, "\"children\" must be a list");
        Frames longest = 0;
        for (std::size_t i = 0; i < children->size(); ++i) {
            const std::string at = where + ", track " + std::to_string(i + 1);
            EMU_ASSIGN_OR_RETURN(Schema ts, schemaOf((*children)[i], at));
            EMU_RETURN_IF_ERROR(expect(ts, "Track", 1, at));
            const Json* trackItems = member((*children)[i], "children");
            Sequence seq;
            if (trackItems) {
                EMU_ASSIGN_OR_RETURN(seq, items(*trackItems, at));
            }
            longest = std::max(longest, seq.duration);
            inner = std::move(seq);
        }
        if (children->size() > 1) {
            warn(where, "nested stack flattened to its top track; " +
                            std::to_string(children->size() - 1) + " lower track(s) dropped");
        }
        inner.duration = longest;
    }
    EMU_ASSIGN_OR_RETURN(std::optional<TimeRange> r,
                         range(member(j, "source_range"), where + " source_range"));
    FrameRange window{0, inner.duration};
    if (r) {
        EMU_ASSIGN_OR_RETURN(window.start, frames(r->start, m_rate, where));
        EMU_ASSIGN_OR_RETURN(window.duration, frames(r->duration, m_rate, where));
        if (window.duration < 0) return error(where, "negative duration");
    }
    return trim(inner, window, where);
}

Sequence Reader::trim(const Sequence& seq, FrameRange window, const std::string& where) {
    Sequence out;
    out.duration = window.duration;
    Frames at = window.start;  // filled up to here
    Frames cut = 0;            // end of the last clip or gap: where a transition sits
    for (const Item& item : seq.items) {
        if (const auto* t = std::get_if<Transition>(&item)) {
            if (cut > window.start && cut < window.end()) {
                out.items.push_back(*t);
            } else {
                warn(where, "transition '" + t->name + "' outside the nested range dropped");
            }
            continue;
        }
        Item piece = item;
        const FrameRange r = recordOf(piece);
        cut = r.end();
        const Frames start = std::max(r.start, window.start);
        const Frames end = std::min(r.end(), window.end());
        if (end <= start) continue;
        if (start > at) out.items.push_back(Gap{{at - window.start, start - at}});
        if (auto* c = std::get_if<Clip>(&piece)) {
            const Frames front = start - r.start;
            if (front > 0) {
                c->source.start +=
                    Frames(std::llround(double(sourceFrames(front, *c, where)) * c->speed.speed));
            }
            c->source.duration = shown(sourceFrames(end - start, *c, where), c->speed.speed, where);
        }
        recordOf(piece) = {start - window.start, end - start};
        out.items.push_back(std::move(piece));
        at = end;
    }
    if (at < window.end()) out.items.push_back(Gap{{at - window.start, window.end() - at}});
    return out;
}

Frames Reader::sourceFrames(Frames record, const Clip& c, const std::string& where) {
    if (c.sourceRate == m_rate) return record;
    const double x = double(record) * c.sourceRate.fps() / m_rate.fps();
    return roundFrames(x, where, "source length");
}

Frames Reader::shown(Frames length, double speed, const std::string& where) {
    if (speed == 0) return length > 0 ? 1 : 0;  // a freeze shows one frame
    return roundFrames(std::abs(speed) * double(length), where, "source frames at this speed");
}

}  // namespace emu::conform::otio

namespace emu::conform {

Result<OtioReadResult> readOtio(std::string_view text, const std::string& sourceName) {
    EMU_RETURN_IF_ERROR(otio::checkJsonLimits(text, sourceName));
    try {
        otio::Json root;
        try {
            root = otio::Json::parse(text);
        } catch (const otio::Json::parse_error& e) {
            const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
            return makeError(ErrorCode::InvalidArgument,
                             sourceName + ":" + std::to_string(otio::lineOf(text, at)) +
                                 ": malformed JSON (" + e.what() + ")");
        }
        return otio::Reader(sourceName).read(root);
    } catch (const std::exception& e) {
        // Caught here: no exception leaves the module (numbers too large for a double, or a
        // bad allocation on a document that passed the limits).
        return makeError(ErrorCode::InvalidArgument, sourceName + ": " + e.what());
    }
}

Result<OtioReadResult> readOtioFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return makeError(ErrorCode::NotFound, path.string() + ": no such OTIO file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kOtioMaxFileBytes) {
        return makeError(ec ? ErrorCode::IoError : ErrorCode::InvalidArgument,
                         path.string() + (ec ? ": cannot read its size"
                                             : ": over the OTIO size limit of " +
                                                   std::to_string(kOtioMaxFileBytes) + " bytes"));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) return makeError(ErrorCode::IoError, path.string() + ": cannot open");
    std::string text(size, '\0');
    in.read(text.data(), std::streamsize(size));
    if (in.bad() || std::size_t(in.gcount()) != size) {
        return makeError(ErrorCode::IoError, path.string() + ": read failed");
    }
    return readOtio(text, path.string());
}

}  // namespace emu::conform
