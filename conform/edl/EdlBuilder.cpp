#include "EdlBuilder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "emulsion/conform/Edl.h"

namespace emu::conform::edl {

using timeline::Clip;
using timeline::Frames;

namespace {

std::string upper(std::string s) {
    for (char& c : s) {
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    }
    return s;
}

std::string lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    }
    return s;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Numbers of an ASC remark: "(1 1 1)(0 0 0)(1 1 1)" or "1.2", with or without commas.
std::optional<std::vector<double>> numbers(const std::string& text) {
    std::vector<double> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '(' || c == ')' || c == ',') {
            ++i;
            continue;
        }
        double v = 0;
        auto [ptr, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
        if (ec != std::errc() || !std::isfinite(v)) return std::nullopt;
        out.push_back(v);
        i = std::size_t(ptr - text.data());
    }
    return out;
}

// (kind, number): video 0 / audio 1, then the track number; orders tracks as the model wants.
using TrackKey = std::pair<int, int>;

struct Entry {
    Clip clip;
    std::optional<timeline::Transition> before;  // a dissolve or wipe into this clip
    bool transitionFrom = false;                 // the C line of a dissolve or wipe
    int line = 0;
};

class Builder {
public:
    Builder(const timeline::Rate& rate, const std::string& file,
            std::vector<timeline::Warning>& warnings)
        : m_rate(rate), m_file(file), m_warnings(warnings) {}

    Status event(const Event& ev, Frames start);
    timeline::Track track(const TrackKey& key, std::vector<Entry>& entries, Frames start);
    std::map<TrackKey, std::vector<Entry>>& entries() { return m_entries; }

private:
    void warn(int line, const std::string& what) {
        m_warnings.push_back({line, where(m_file, line, what)});
    }
    Status error(int line, const std::string& what) const {
        return makeError(ErrorCode::InvalidArgument, where(m_file, line, what));
    }
    Clip clipOf(const Event& ev, const EditLine& e, Frames start);
    void applyMotion(const MotionLine& m, const EditLine& e, Clip& clip);
    // Applies the remarks to the clips: FROM CLIP NAME to `from`, the rest to `to`.
    Status applyRemarks(const Event& ev, std::vector<Clip*>& from, std::vector<Clip*>& to);
    void applyLoc(const Remark& r, std::vector<Clip*>& to);

    timeline::Rate m_rate;
    const std::string& m_file;
    std::vector<timeline::Warning>& m_warnings;
    std::map<TrackKey, std::vector<Entry>> m_entries;
    Frames m_start = 0;
};

Clip Builder::clipOf(const Event& ev, const EditLine& e, Frames start) {
    Clip c;
    c.reel = e.reel;
    c.event = ev.number;
    c.record = {e.recIn - start, e.recOut - e.recIn};
    c.source = {e.srcIn, e.srcOut - e.srcIn};
    c.sourceRate = m_rate;
    const MotionLine* motion = nullptr;
    for (const auto& m : ev.motions) {
        if (m.reel == e.reel) motion = &m;
    }
    if (motion) {
        applyMotion(*motion, e, c);
    } else if (c.source.duration != c.record.duration) {
        warn(e.line, "source lasts " + std::to_string(c.source.duration) + " frames, record " +
                         std::to_string(c.record.duration) + ", and no M2 gives a speed");
    }
    if (auto tc = timeline::framesToTimecode(c.source.start, m_rate, e.dropFrame)) {
        c.sourceTimecodeStart = *tc;
    }
    const std::string generator = generatorForReel(e.reel);
    timeline::MediaReference media;
    if (!generator.empty()) {
        media.kind = timeline::MediaReference::Kind::Generator;
        media.generator = generator;
    }
    c.media.push_back(media);
    if (e.type == EditType::KeyBackground) c.metadata[kEdlKey] = "background";
    if (e.type == EditType::KeyOut) c.metadata[kEdlKey] = "out";
    if (e.keyFrames) c.metadata[kEdlKeyFrames] = std::to_string(*e.keyFrames);
    return c;
}

void Builder::applyMotion(const MotionLine& m, const EditLine& e, Clip& c) {
    // Speeds are written in frames per second of the source; the model keeps the ratio,
    // rounded to 1/10000 so that 47.952 at 23.976 reads as exactly 2.
    c.speed.speed = std::round(m.fps / m_rate.fps() * 10000.0) / 10000.0;
    const Frames needed = sourceFramesFor(c.record.duration, c.speed.speed);
    c.source.start = c.speed.speed < 0 ? m.entry - needed + 1 : m.entry;
    c.source.duration = needed;
    if (m.entry != e.srcIn) {
        warn(m.line, "M2 entry point is " + std::to_string(m.entry - e.srcIn) +
                         " frames from the event's source in; the M2 entry is used");
    }
    if (e.srcOut - e.srcIn != needed) {
        warn(e.line, "source out gives " + std::to_string(e.srcOut - e.srcIn) + " source frames; " +
                         std::to_string(c.record.duration) +
                         " record frames at the M2 speed need " + std::to_string(needed));
    }
}

Status Builder::applyRemarks(const Event& ev, std::vector<Clip*>& from, std::vector<Clip*>& to) {
    for (const Remark& r : ev.remarks) {
        const std::string u = upper(r.text);
        auto value = [&](std::size_t n) { return trimmed(r.text.substr(n)); };
        if (u.starts_with("FROM CLIP NAME:")) {
            for (Clip* c : (from.empty() ? to : from)) c->name = value(15);
        } else if (u.starts_with("TO CLIP NAME:") && !from.empty()) {
            for (Clip* c : to) c->name = value(13);
        } else if (u.starts_with("SOURCE FILE:")) {
            for (Clip* c : to) {
                c->sourceFile = value(12);
                if (c->media[0].kind != timeline::MediaReference::Kind::Generator) {
                    c->media[0].kind = timeline::MediaReference::Kind::External;
                    c->media[0].path = c->sourceFile;
                }
            }
        } else if (r.loc) {
            applyLoc(r, to);
        } else if (u.starts_with("ASC_SOP") || u.starts_with("ASC_SAT")) {
            const auto n = numbers(r.text.substr(7));
            const bool sop = u[6] == 'P';
            if (!n || n->size() != (sop ? 9u : 1u)) {
                return error(r.line, sop ? "ASC_SOP needs (slope)(offset)(power), 9 numbers"
                                         : "ASC_SAT needs one number");
            }
            for (Clip* c : to) {
                if (!c->cdl) c->cdl.emplace();
                if (!sop) {
                    c->cdl->saturation = (*n)[0];
                    continue;
                }
                for (int i = 0; i < 3; ++i) {
                    c->cdl->slope[i] = (*n)[i];
                    c->cdl->offset[i] = (*n)[3 + i];
                    c->cdl->power[i] = (*n)[6 + i];
                }
            }
        } else {
            for (Clip* c : to) {
                std::string& comments = c->metadata[kEdlComment];
                comments += (comments.empty() ? "" : "\n") + r.text;
            }
        }
    }
    return Status::ok();
}

void Builder::applyLoc(const Remark& r, std::vector<Clip*>& to) {
    // "LOC: 01:00:05:00 RED comment": a record time code, a colour when one is named.
    static const char* kColours[] = {"RED",   "GREEN", "BLUE",   "CYAN",   "MAGENTA", "YELLOW",
                                     "BLACK", "WHITE", "ORANGE", "PURPLE", "PINK"};
    std::string rest = trimmed(r.text.substr(4));
    rest = trimmed(rest.substr(std::min(rest.size(), rest.find_first_of(" \t"))));
    timeline::Marker marker;
    const std::string word = upper(rest.substr(0, rest.find_first_of(" \t")));
    for (const char* colour : kColours) {
        if (word == colour) {
            marker.colour = lower(word);
            rest = trimmed(rest.substr(word.size()));
        }
    }
    marker.comment = rest;
    for (Clip* c : to) {
        const Frames offset = *r.loc - m_start - c->record.start;
        if (offset < 0 || offset >= std::max<Frames>(1, c->record.duration)) {
            warn(r.line, "LOC lies outside its event's record range");
        }
        timeline::Marker m = marker;
        m.frame = sourceFrameAt(*c, offset);
        c->markers.push_back(m);
    }
}

Status Builder::event(const Event& ev, Frames start) {
    m_start = start;
    // The line before a dissolve or wipe is its outgoing side; before a key, its background.
    std::size_t fromLine = ev.edits.size();
    for (std::size_t i = 1; i < ev.edits.size(); ++i) {
        const EditType t = ev.edits[i].type;
        const EditType p = ev.edits[i - 1].type;
        const bool transition = t == EditType::Dissolve || t == EditType::Wipe;
        const bool key = t == EditType::Key || t == EditType::KeyOut;
        if ((transition && p == EditType::Cut) || (key && p == EditType::KeyBackground)) {
            fromLine = i - 1;
        }
    }
    std::vector<std::pair<TrackKey, Entry>> made;
    std::vector<std::size_t> lineOf;
    for (std::size_t i = 0; i < ev.edits.size(); ++i) {
        const EditLine& e = ev.edits[i];
        Entry entry;
        entry.clip = clipOf(ev, e, start);
        entry.line = e.line;
        if (e.type == EditType::Dissolve || e.type == EditType::Wipe) {
            timeline::Transition t;
            t.kind = e.type == EditType::Wipe ? timeline::Transition::Kind::Wipe
                                              : timeline::Transition::Kind::Dissolve;
            t.wipeCode = e.wipeCode;
            t.outOffset = e.transitionFrames;  // CMX transitions start at the cut
            t.name = ev.effectName;
            entry.before = t;
            if (e.transitionFrames > entry.clip.record.duration) {
                warn(e.line, "transition is longer than its event");
            }
        }
        entry.transitionFrom = i == fromLine && e.type == EditType::Cut;
        const bool keyLayer = e.type == EditType::Key || e.type == EditType::KeyOut;
        if (e.channels.video) {
            made.push_back({{0, keyLayer ? 2 : 1}, entry});
            lineOf.push_back(i);
        }
        for (int a : e.channels.audio) {
            made.push_back({{1, a}, entry});
            lineOf.push_back(i);
        }
    }
    std::vector<Clip*> from, to;
    for (std::size_t k = 0; k < made.size(); ++k) {
        (lineOf[k] == fromLine ? from : to).push_back(&made[k].second.clip);
    }
    EMU_RETURN_IF_ERROR(applyRemarks(ev, from, to));
    for (auto& [key, entry] : made) m_entries[key].push_back(std::move(entry));
    return Status::ok();
}

timeline::Track Builder::track(const TrackKey& key, std::vector<Entry>& entries, Frames start) {
    timeline::Track track;
    track.kind = key.first == 0 ? timeline::Track::Kind::Video : timeline::Track::Kind::Audio;
    track.name = (key.first == 0 ? "V" : "A") + std::to_string(key.second);
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.clip.record.start < b.clip.record.start;
    });
    Frames end = start;
    Clip* last = nullptr;
    for (Entry& e : entries) {
        const Frames at = e.clip.record.start;
        const bool continues = last && last->record.end() == at;
        if (e.transitionFrom && continues && last->reel == e.clip.reel) {
            if (last->name.empty()) last->name = e.clip.name;
            continue;  // the usual C line: the clip before, named again at the cut
        }
        if (e.before && !continues) {
            warn(e.line, "transition on " + track.name + " has no clip before it; kept as a cut");
            e.before.reset();
        }
        if (at > end) {
            track.items.push_back(timeline::Gap{{end, at - end}});
        } else if (at < end && last) {
            const Frames cut = std::min(end - at, last->record.duration);
            warn(e.line, "overlaps the event before it on " + track.name + " by " +
                             std::to_string(end - at) + " frames; that event is cut short");
            last->record.duration -= cut;
            last->source.duration = sourceFramesFor(last->record.duration, last->speed.speed);
        }
        if (e.before) track.items.push_back(*e.before);
        track.items.push_back(std::move(e.clip));
        last = &std::get<Clip>(track.items.back());
        end = std::max(end, last->record.end());
    }
    return track;
}

}  // namespace

Result<timeline::Timeline> buildTimeline(const ParsedEdl& edl, const timeline::Rate& rate,
                                         const std::string& file,
                                         std::vector<timeline::Warning>& warnings) {
    timeline::Timeline t;
    t.title = edl.title;
    t.rate = rate;
    t.dropFrame = edl.fcmDrop.value_or(false);
    bool first = true;
    for (const Event& ev : edl.events) {
        for (const EditLine& e : ev.edits) {
            if (first) t.dropFrame = e.dropFrame;
            t.startFrame = first ? e.recIn : std::min(t.startFrame, e.recIn);
            first = false;
        }
    }
    Builder builder(rate, file, warnings);
    // Record frames are absolute (time code as frames), as in every reader of the model.
    for (const Event& ev : edl.events) EMU_RETURN_IF_ERROR(builder.event(ev, 0));
    for (auto& [key, entries] : builder.entries()) {
        t.tracks.push_back(builder.track(key, entries, t.startFrame));
    }
    return t;
}

}  // namespace emu::conform::edl
