#include <cmath>

#include "OtioReader.h"

namespace emu::conform::otio {

namespace {

constexpr const char* kDefaultMediaKey = "DEFAULT_MEDIA";

// "a.%07d.exr" from the sequence fields.
std::string sequencePattern(const std::string& base, const std::string& prefix,
                            const std::string& suffix, std::int64_t padding) {
    std::string folder = pathFromUrl(base);
    if (!folder.empty() && folder.back() != '/') folder += '/';
    const std::string number =
        padding > 0 ? "%0" + std::to_string(padding) + "d" : std::string("%d");
    return folder + prefix + number + suffix;
}

}  // namespace

Result<ReferenceRead> Reader::reference(const Json& j, const std::string& key,
                                        const std::string& where) {
    EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(j, where));
    ReferenceRead out;
    out.ref.name = key;
    if (s.name == "ExternalReference") {
        EMU_RETURN_IF_ERROR(expect(s, "ExternalReference", 1, where));
        out.ref.kind = MediaReference::Kind::External;
        EMU_ASSIGN_OR_RETURN(std::string url, text(j, "target_url", where));
        out.ref.path = pathFromUrl(url);
    } else if (s.name == "ImageSequenceReference") {
        EMU_RETURN_IF_ERROR(expect(s, "ImageSequenceReference", 1, where));
        out.ref.kind = MediaReference::Kind::ImageSequence;
        EMU_ASSIGN_OR_RETURN(std::string base, text(j, "target_url_base", where));
        EMU_ASSIGN_OR_RETURN(std::string prefix, text(j, "name_prefix", where));
        EMU_ASSIGN_OR_RETURN(std::string suffix, text(j, "name_suffix", where));
        EMU_ASSIGN_OR_RETURN(double start, number(j, "start_frame", where));
        EMU_ASSIGN_OR_RETURN(double step, number(j, "frame_step", where));
        EMU_ASSIGN_OR_RETURN(double rate, number(j, "rate", where));
        EMU_ASSIGN_OR_RETURN(double padding, number(j, "frame_zero_padding", where));
        if (padding < 0 || padding > 32 || padding != std::floor(padding)) {
            return error(where, "frame_zero_padding must be a whole number from 0 to 32");
        }
        if (step < 1 || step != std::floor(step) || start != std::floor(start)) {
            return error(where, "start_frame and frame_step must be whole, frame_step 1 or more");
        }
        if (rate <= 0) return error(where, "an image sequence needs a positive rate");
        out.ref.path = sequencePattern(base, prefix, suffix, std::int64_t(padding));
        out.startFrame = std::int64_t(start);
        out.frameStep = std::int64_t(step);
        out.sequenceRate = rate;
    } else if (s.name == "MissingReference") {
        EMU_RETURN_IF_ERROR(expect(s, "MissingReference", 1, where));
        out.ref.kind = MediaReference::Kind::Missing;
    } else if (s.name == "GeneratorReference") {
        EMU_RETURN_IF_ERROR(expect(s, "GeneratorReference", 1, where));
        out.ref.kind = MediaReference::Kind::Generator;
        EMU_ASSIGN_OR_RETURN(out.ref.generator, text(j, "generator_kind", where));
        if (member(j, "parameters") && !(*member(j, "parameters")).empty()) {
            warn(where, "generator parameters are not kept");
        }
    } else {
        return error(where, "unknown media reference OTIO_SCHEMA '" + s.text + "'");
    }
    EMU_ASSIGN_OR_RETURN(out.available,
                         range(member(j, "available_range"), where + " available_range"));
    return out;
}

Result<double> Reader::speed(const Json& j, const std::string& where) {
    double speed = 1.0;
    const Json* effects = member(j, "effects");
    if (!effects) return speed;
    if (!effects->is_array()) return error(where, "\"effects\" must be a list");
    for (std::size_t i = 0; i < effects->size(); ++i) {
        const Json& e = (*effects)[i];
        const std::string at = where + ", effect " + std::to_string(i + 1);
        EMU_ASSIGN_OR_RETURN(Schema s, schemaOf(e, at));
        if (s.name == "LinearTimeWarp") {
            EMU_RETURN_IF_ERROR(expect(s, "LinearTimeWarp", 1, at));
            EMU_ASSIGN_OR_RETURN(double scalar, number(e, "time_scalar", at));
            speed *= scalar;
        } else if (s.name == "FreezeFrame") {
            EMU_RETURN_IF_ERROR(expect(s, "FreezeFrame", 1, at));
            speed = 0;
        } else if (s.name == "Effect" || s.name == "TimeEffect") {
            EMU_ASSIGN_OR_RETURN(std::string name, text(e, "effect_name", at));
            warn(at, "effect '" + name + "' is not applied");
        } else {
            return error(at, "unknown effect OTIO_SCHEMA '" + s.text + "'");
        }
    }
    return speed;
}

namespace {

// Reads metadata.cdl {asc_sop: {slope, offset, power}, asc_sat}; nullopt if malformed.
std::optional<timeline::CdlValues> readCdl(const Json& cdl) {
    timeline::CdlValues out;
    const Json* sop = member(cdl, "asc_sop");
    if (!sop || !sop->is_object()) return std::nullopt;
    auto triple = [&](const char* key, double(&dst)[3]) {
        const Json* v = member(*sop, key);
        if (!v || !v->is_array() || v->size() != 3) return false;
        for (int i = 0; i < 3; ++i) {
            if (!(*v)[i].is_number()) return false;
            dst[i] = (*v)[i].get<double>();
        }
        return true;
    };
    if (!triple("slope", out.slope) || !triple("offset", out.offset) ||
        !triple("power", out.power)) {
        return std::nullopt;
    }
    if (const Json* sat = member(cdl, "asc_sat")) {
        if (!sat->is_number()) return std::nullopt;
        out.saturation = sat->get<double>();
    }
    return out;
}

// Removes `key` from `j` and returns it, if it is a string.
std::optional<std::string> takeString(Json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    std::string out = it->get<std::string>();
    j.erase(it);
    return out;
}

}  // namespace

Status Reader::clipMetadata(const Json& j, Clip& c, const std::string& where) {
    const Json* source = member(j, "metadata");
    if (!source) return Status::ok();
    if (!source->is_object()) return error(where, "\"metadata\" must be an object");
    Json meta = *source;
    if (auto cmx = meta.find("cmx_3600"); cmx != meta.end() && cmx->is_object()) {
        if (auto reel = takeString(*cmx, "reel")) c.reel = *reel;
        if (cmx->empty()) meta.erase(cmx);
    }
    if (auto cdl = meta.find("cdl"); cdl != meta.end()) {
        if (auto values = readCdl(*cdl)) {
            c.cdl = values;
            meta.erase(cdl);
        } else {
            warn(where,
                 "metadata.cdl is not {asc_sop: {slope, offset, power}, asc_sat}; kept "
                 "as metadata only");
        }
    }
    if (auto e = meta.find("emulsion"); e != meta.end() && e->is_object()) {
        if (auto event = e->find("event"); event != e->end() && event->is_number_integer()) {
            c.event = event->get<int>();
            e->erase(event);
        }
        if (auto file = takeString(*e, "source_file")) c.sourceFile = *file;
        if (auto tc = takeString(*e, "source_timecode")) c.sourceTimecodeStart = *tc;
        if (e->empty()) meta.erase(e);
    }
    flattenMetadata(meta, "", c.metadata);
    return Status::ok();
}

Result<Item> Reader::clip(const Json& j, const Schema& s, const std::string& where) {
    Clip c;
    EMU_ASSIGN_OR_RETURN(c.name, text(j, "name", where));
    std::vector<ReferenceRead> refs;
    if (s.version == 1) {
        if (const Json* r = member(j, "media_reference")) {
            EMU_ASSIGN_OR_RETURN(ReferenceRead ref, reference(*r, kDefaultMediaKey, where));
            refs.push_back(std::move(ref));
        } else {
            refs.push_back({});
            refs.back().ref.name = kDefaultMediaKey;
        }
    } else {
        const Json* map = member(j, "media_references");
        if (map && !map->is_object()) return error(where, "\"media_references\" must be a map");
        if (map) {
            for (const auto& [key, value] : map->items()) {
                EMU_ASSIGN_OR_RETURN(ReferenceRead ref,
                                     reference(value, key, where + ", media '" + key + "'"));
                refs.push_back(std::move(ref));
            }
        }
        EMU_ASSIGN_OR_RETURN(std::string active, text(j, "active_media_reference_key", where));
        const auto it = std::find_if(refs.begin(), refs.end(),
                                     [&](const ReferenceRead& r) { return r.ref.name == active; });
        if (it != refs.end()) {
            c.activeMedia = int(it - refs.begin());
        } else if (!refs.empty()) {
            warn(where, "active_media_reference_key '" + active +
                            "' names no reference; the "
                            "first is active");
        }
    }
    EMU_ASSIGN_OR_RETURN(std::optional<TimeRange> r,
                         range(member(j, "source_range"), where + " source_range"));
    if (!r && !refs.empty()) r = refs[std::size_t(c.activeMedia)].available;
    if (!r) return error(where, "a clip needs a source_range or an available_range on its media");
    c.sourceRate = rateFromDouble(r->start.rate);
    EMU_ASSIGN_OR_RETURN(c.source.start, frames(r->start, c.sourceRate, where));
    EMU_ASSIGN_OR_RETURN(Frames length, frames(r->duration, c.sourceRate, where));
    EMU_ASSIGN_OR_RETURN(c.record.duration, frames(r->duration, m_rate, where));
    if (length < 0 || c.record.duration < 0) return error(where, "negative duration");
    const Json* enabled = member(j, "enabled");
    if (enabled && enabled->is_boolean() && !enabled->get<bool>()) {
        warn(where, "disabled clip read as a gap");
        return Item(Gap{c.record});
    }
    EMU_ASSIGN_OR_RETURN(c.speed.speed, speed(j, where));
    c.source.duration = shown(length, c.speed.speed, where);
    for (ReferenceRead& ref : refs) {
        if (ref.available) {
            FrameRange a;
            EMU_ASSIGN_OR_RETURN(a.start, frames(ref.available->start, c.sourceRate, where));
            EMU_ASSIGN_OR_RETURN(a.duration, frames(ref.available->duration, c.sourceRate, where));
            ref.ref.availableRange = a;
        }
        c.media.push_back(ref.ref);
    }
    EMU_ASSIGN_OR_RETURN(c.markers, markers(j, c.sourceRate, 0, where));
    if (!c.media.empty()) {
        // The file name of the active reference, unless metadata.emulsion.source_file says.
        const MediaReference& active = c.media[std::size_t(c.activeMedia)];
        if (active.kind == MediaReference::Kind::External ||
            active.kind == MediaReference::Kind::ImageSequence) {
            c.sourceFile = active.path.filename().string();
        }
    }
    EMU_RETURN_IF_ERROR(clipMetadata(j, c, where));
    for (const ReferenceRead& ref : refs) {
        // Sequence fields the model has no place for, kept where they differ from what the
        // writer derives (start_frame = the available range's start, step 1, the clip's rate).
        if (!ref.startFrame) continue;
        const std::string key = "otio.media." + ref.ref.name + ".";
        const Frames derived = ref.ref.availableRange ? ref.ref.availableRange->start : 0;
        if (*ref.startFrame != derived)
            c.metadata[key + "start_frame"] = std::to_string(*ref.startFrame);
        if (*ref.frameStep != 1) c.metadata[key + "frame_step"] = std::to_string(*ref.frameStep);
        if (rateFromDouble(*ref.sequenceRate) != c.sourceRate) {
            c.metadata[key + "rate"] = Json(*ref.sequenceRate).dump();
        }
    }
    return Item(std::move(c));
}

Result<Transition> Reader::transition(const Json& j, const std::string& where) {
    Transition t;
    EMU_ASSIGN_OR_RETURN(t.name, text(j, "name", where));
    EMU_ASSIGN_OR_RETURN(std::string type, text(j, "transition_type", where));
    t.kind = type == "SMPTE_Dissolve" ? Transition::Kind::Dissolve : Transition::Kind::Wipe;
    const Json* in = member(j, "in_offset");
    const Json* out = member(j, "out_offset");
    if (!in || !out) return error(where, "a transition needs in_offset and out_offset");
    EMU_ASSIGN_OR_RETURN(RationalTime inTime, time(*in, where + " in_offset"));
    EMU_ASSIGN_OR_RETURN(RationalTime outTime, time(*out, where + " out_offset"));
    EMU_ASSIGN_OR_RETURN(t.inOffset, frames(inTime, m_rate, where));
    EMU_ASSIGN_OR_RETURN(t.outOffset, frames(outTime, m_rate, where));
    if (t.inOffset < 0 || t.outOffset < 0) return error(where, "negative transition offset");
    if (const Json* meta = member(j, "metadata")) {
        const Json* e = member(*meta, "emulsion");
        const Json* code = e ? member(*e, "wipe_code") : nullptr;
        if (code && code->is_number_integer()) t.wipeCode = code->get<int>();
    }
    return t;
}

}  // namespace emu::conform::otio
