#pragma once

// The OTIO reader's state and steps, shared by OtioReader.cpp (document, tracks, compositions,
// times) and OtioClipReader.cpp (clips, media references, effects, metadata, transitions).
// Private to emu_conform_otio.

#include <optional>
#include <string>
#include <vector>

#include "OtioSupport.h"
#include "emulsion/conform/Otio.h"

namespace emu::conform::otio {

using timeline::Clip;
using timeline::FrameRange;
using timeline::Frames;
using timeline::Gap;
using timeline::Item;
using timeline::Marker;
using timeline::MediaReference;
using timeline::Rate;
using timeline::Track;
using timeline::Transition;

struct RationalTime {
    double value = 0;
    double rate = 1;
};

struct TimeRange {
    RationalTime start;
    RationalTime duration;
};

struct Schema {
    std::string name;
    int version = 0;
    std::string text;  // as written: "Clip.2"
};

// Items read from a composition: record ranges from 0, and the composition's length.
struct Sequence {
    std::vector<Item> items;
    Frames duration = 0;
};

// A media reference as read, before the clip's source rate is known.
struct ReferenceRead {
    MediaReference ref;
    std::optional<TimeRange> available;
    std::optional<std::int64_t> startFrame;  // ImageSequenceReference fields the model lacks
    std::optional<std::int64_t> frameStep;
    std::optional<double> sequenceRate;
};

inline const Json* member(const Json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

inline std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

inline FrameRange& recordOf(Item& item) {
    if (auto* c = std::get_if<Clip>(&item)) return c->record;
    return std::get<Gap>(item).record;
}

inline void shift(std::vector<Item>& items, Frames by) {
    for (Item& item : items) {
        if (!std::holds_alternative<Transition>(item)) recordOf(item).start += by;
    }
}

class Reader {
public:
    explicit Reader(std::string source) : m_source(std::move(source)) {}

    Result<OtioReadResult> read(const Json& root);

private:
    Status error(const std::string& where, const std::string& what) const {
        return makeError(ErrorCode::InvalidArgument,
                         m_source + ": " + (where.empty() ? "" : where + ": ") + what);
    }
    void warn(const std::string& where, const std::string& what) {
        m_warnings.push_back({0, where + ": " + what});
    }

    Result<Schema> schemaOf(const Json& j, const std::string& where) const;
    Status expect(const Schema& s, const char* name, int maxVersion,
                  const std::string& where) const;
    Result<std::string> text(const Json& j, const char* key, const std::string& where) const;
    Result<double> number(const Json& j, const char* key, const std::string& where) const;
    Result<RationalTime> time(const Json& j, const std::string& where) const;
    Result<std::optional<TimeRange>> range(const Json* j, const std::string& where) const;
    Result<Frames> frames(const RationalTime& t, const Rate& at, const std::string& where);
    Frames roundFrames(double x, const std::string& where, const char* what);

    Status readTracks(const Json& stack, timeline::Timeline& out);
    Result<std::vector<Marker>> markers(const Json& j, const Rate& rate, Frames offset,
                                        const std::string& where);
    Result<Sequence> items(const Json& children, const std::string& where);
    Result<Sequence> nested(const Json& j, const Schema& s, const std::string& where);
    Sequence trim(const Sequence& seq, FrameRange window, const std::string& where);
    Result<Item> clip(const Json& j, const Schema& s, const std::string& where);
    Result<ReferenceRead> reference(const Json& j, const std::string& key,
                                    const std::string& where);
    Result<double> speed(const Json& j, const std::string& where);
    Status clipMetadata(const Json& j, Clip& c, const std::string& where);
    Result<Transition> transition(const Json& j, const std::string& where);
    Frames sourceFrames(Frames record, const Clip& c, const std::string& where);
    Frames shown(Frames length, double speed, const std::string& where);

    std::string m_source;
    std::vector<timeline::Warning> m_warnings;
    Rate m_rate;
};

}  // namespace emu::conform::otio
