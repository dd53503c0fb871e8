#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "EdlParser.h"
#include "emulsion/conform/Edl.h"

namespace emu::conform {

using timeline::Clip;
using timeline::Frames;
using timeline::Item;

namespace {

using edl::EditType;

// One edit line to write, before lines of one event and equal clips are merged.
struct Line {
    int event = 0;
    bool from = false;   // outgoing side of a transition, or a key's background
    int trackOrder = 0;  // V1 0, V2 1, An 10 + n
    bool keyLayer = false;
    bool video = false;
    std::vector<int> audio;
    const Clip* clip = nullptr;
    EditType type = EditType::Cut;
    const timeline::Transition* transition = nullptr;
    Frames srcIn = 0, srcOut = 0, recIn = 0, recOut = 0;  // absolute record frames
    int pair = -1;  // for a transition's outgoing line: the index of the incoming line
};

bool sameEdit(const Line& a, const Line& b) {
    return a.event == b.event && a.from == b.from && !a.keyLayer && !b.keyLayer &&
           a.type == b.type && a.srcIn == b.srcIn && a.srcOut == b.srcOut && a.recIn == b.recIn &&
           a.recOut == b.recOut && *a.clip == *b.clip &&
           (a.transition == b.transition ||
            (a.transition && b.transition && *a.transition == *b.transition));
}

Status invalid(const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, "EDL: " + what);
}

// Moves a transition that starts before its cut (other formats centre them) so that it starts
// at the cut, as CMX transitions do: the outgoing clip ends earlier, the incoming one starts
// earlier by the same frames.
Status alignTransitions(std::vector<Item>& items, const std::string& track) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto* t = std::get_if<timeline::Transition>(&items[i]);
        if (!t) continue;
        Clip* prev = i > 0 ? std::get_if<Clip>(&items[i - 1]) : nullptr;
        Clip* next = i + 1 < items.size() ? std::get_if<Clip>(&items[i + 1]) : nullptr;
        if (!prev || !next) return invalid("a transition on " + track + " is not between clips");
        if (t->inOffset == 0) continue;
        if (prev->record.duration < t->inOffset || prev->speed.speed != 1 ||
            next->speed.speed != 1) {
            return invalid("a transition on " + track + " cannot start at its cut");
        }
        prev->record.duration -= t->inOffset;
        prev->source.duration -= t->inOffset;
        next->record.start -= t->inOffset;
        next->record.duration += t->inOffset;
        next->source.start -= t->inOffset;
        next->source.duration += t->inOffset;
        t->outOffset += t->inOffset;
        t->inOffset = 0;
    }
    return Status::ok();
}

// The source frames written for a clip: with a speed, the M2 entry point and its frame count.
std::pair<Frames, Frames> sourceFields(const Clip& c) {
    if (c.speed.speed == 1) return {c.source.start, c.source.end()};
    const Frames entry = c.speed.speed < 0 ? c.source.end() - 1 : c.source.start;
    return {entry, entry + c.source.duration};
}

class Writer {
public:
    Writer(const timeline::Timeline& t, const EdlWriteOptions& o) : m_t(t), m_options(o) {}
    Result<std::string> write();

private:
    Status collect();
    Status trackLines(const timeline::Track& track, int order, bool keyLayer);
    void numberEvents();
    Result<std::string> time(Frames frames) const;
    Result<std::string> lineText(const Line& l) const;
    Result<std::string> remarks(const std::vector<Line>& ev) const;
    std::string speedText(double speed) const;

    const timeline::Timeline& m_t;
    EdlWriteOptions m_options;
    std::vector<std::vector<Item>> m_items;  // per track, transitions aligned to their cut
    std::vector<Line> m_lines;
};

Status Writer::collect() {
    int mainVideo = 0, keyVideo = 0, audioIndex = 0;
    m_items.reserve(m_t.tracks.size());
    for (const auto& track : m_t.tracks) {
        m_items.push_back(track.items);
        EMU_RETURN_IF_ERROR(alignTransitions(m_items.back(), track.name));
        if (track.kind == timeline::Track::Kind::Video) {
            const bool key = track.name == "V2" || mainVideo > 0;
            if ((key ? keyVideo : mainVideo)++ > 0) {
                return invalid("an EDL holds one video track and one key track, not " + track.name);
            }
            EMU_RETURN_IF_ERROR(trackLines(track, key ? 1 : 0, key));
        } else {
            ++audioIndex;
            int n = audioIndex;
            if (track.name.size() > 1 && track.name[0] == 'A') {
                const std::string digits = track.name.substr(1);
                auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
                if (ec != std::errc() || p != digits.data() + digits.size()) n = audioIndex;
            }
            if (n < 1 || n > 99) return invalid("audio track " + track.name + " is not A1 to A99");
            EMU_RETURN_IF_ERROR(trackLines(track, 10 + n, false));
        }
    }
    return Status::ok();
}

Status Writer::trackLines(const timeline::Track& track, int order, bool keyLayer) {
    const auto& items = m_items[std::size_t(&track - m_t.tracks.data())];
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Clip* c = std::get_if<Clip>(&items[i]);
        if (!c) continue;
        if (c->sourceRate != m_t.rate) {
            return invalid("clip '" + c->name + "' has a source rate other than the timeline's");
        }
        Line l;
        l.event = c->event;
        l.trackOrder = order;
        l.keyLayer = keyLayer;
        l.video = track.kind == timeline::Track::Kind::Video;
        if (!l.video) l.audio.push_back(order - 10);
        l.clip = c;
        l.recIn = c->record.start;
        l.recOut = c->record.end();
        std::tie(l.srcIn, l.srcOut) = sourceFields(*c);
        const bool beforeTransition =
            i + 1 < items.size() && std::holds_alternative<timeline::Transition>(items[i + 1]);
        if (beforeTransition && c->record.duration == 0) {
            l.from = true;  // written as the C line of the transition's event
            m_lines.push_back(l);
            continue;
        }
        const auto key = c->metadata.find(kEdlKey);
        if (i > 0 && std::holds_alternative<timeline::Transition>(items[i - 1])) {
            l.transition = &std::get<timeline::Transition>(items[i - 1]);
            l.type = l.transition->kind == timeline::Transition::Kind::Wipe ? EditType::Wipe
                                                                            : EditType::Dissolve;
            const Clip& prev = std::get<Clip>(items[i - 2]);
            if (prev.record.duration > 0) {
                Line f = l;
                f.from = true;
                f.type = EditType::Cut;
                f.transition = nullptr;
                f.clip = &prev;
                f.recOut = f.recIn;
                f.srcIn = f.srcOut = sourceFields(prev).second;
                f.pair = int(m_lines.size()) + 1;
                m_lines.push_back(f);
            } else {
                m_lines.back().pair = int(m_lines.size());
            }
        } else if (keyLayer) {
            l.type =
                key != c->metadata.end() && key->second == "out" ? EditType::KeyOut : EditType::Key;
        } else if (key != c->metadata.end() && key->second == "background") {
            l.type = EditType::KeyBackground;
        }
        m_lines.push_back(l);
    }
    return Status::ok();
}

// Clips from formats without event numbers are numbered in record order; lines that show the
// same edit on several tracks, and a key over its background, share a number.
void Writer::numberEvents() {
    const bool numbered = std::all_of(m_lines.begin(), m_lines.end(),
                                      [](const Line& l) { return l.clip->event > 0; });
    if (numbered) return;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (!m_lines[i].from || m_lines[i].type == EditType::KeyBackground) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Line &x = m_lines[a], &y = m_lines[b];
        return std::tie(x.recIn, x.trackOrder) < std::tie(y.recIn, y.trackOrder);
    });
    int next = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        Line& l = m_lines[order[k]];
        l.event = 0;
        for (std::size_t j = k; j-- > 0 && l.event == 0;) {
            const Line& p = m_lines[order[j]];
            if (p.recIn != l.recIn) break;
            const bool keyOver = l.keyLayer && p.trackOrder == 0;
            Line q = l;
            q.event = p.event;
            if (keyOver || sameEdit(p, q)) l.event = p.event;
        }
        if (l.event == 0) l.event = ++next;
    }
    for (Line& l : m_lines) {
        if (l.pair >= 0) l.event = m_lines[std::size_t(l.pair)].event;
    }
}

Result<std::string> Writer::time(Frames frames) const {
    if (frames < 0) return invalid("time " + std::to_string(frames) + " is before 00:00:00:00");
    if (m_options.frameNumbers) return std::to_string(frames);
    auto tc = timeline::framesToTimecode(frames, m_t.rate, m_t.dropFrame);
    if (!tc) return invalid(tc.status().message());
    return *tc;
}

std::string channelText(const Line& l) {
    const bool a1 = std::count(l.audio.begin(), l.audio.end(), 1) > 0;
    const bool a2 = std::count(l.audio.begin(), l.audio.end(), 2) > 0;
    std::string audio = a1 && a2 ? "AA" : a1 ? "A" : a2 ? "A2" : "";
    if (!l.video) return audio.empty() ? "NONE" : audio;
    if (audio.empty()) return "V";
    return audio == "A" ? "B" : audio + "/V";
}

Result<std::string> Writer::lineText(const Line& l) const {
    std::string reel = l.clip->reel.empty() ? "AX" : l.clip->reel;
    if (reel.size() > m_options.maxReelLength || reel.find_first_of(" \t") != std::string::npos) {
        return invalid("reel '" + reel + "' is longer than " +
                       std::to_string(m_options.maxReelLength) + " characters or holds spaces");
    }
    if (l.event > 999999)
        return invalid("event number " + std::to_string(l.event) + " is too large");
    std::string type;
    char buf[32];
    switch (l.type) {
        case EditType::Cut:
            type = "C";
            break;
        case EditType::Dissolve:
        case EditType::Wipe:
            if (l.type == EditType::Wipe) {
                std::snprintf(buf, sizeof buf, "W%03d", l.transition->wipeCode);
            } else {
                std::snprintf(buf, sizeof buf, "D");
            }
            type = buf;
            std::snprintf(buf, sizeof buf, "%-4s %03lld", type.c_str(),
                          static_cast<long long>(l.transition->outOffset));
            type = buf;
            break;
        case EditType::KeyBackground:
            type = "K B";
            break;
        case EditType::Key:
            type = "K";
            break;
        case EditType::KeyOut:
            type = "K O";
            break;
    }
    if (const auto k = l.clip->metadata.find(kEdlKeyFrames);
        k != l.clip->metadata.end() && l.type != EditType::Cut && l.transition == nullptr) {
        type += " " + k->second;
    }
    std::string text = (l.event < 1000 ? (l.event < 100 ? (l.event < 10 ? "00" : "0") : "") : "") +
                       std::to_string(l.event);
    text += "  " + reel + std::string(reel.size() < 8 ? 8 - reel.size() : 0, ' ');
    const std::string ch = channelText(l);
    text += " " + ch + std::string(ch.size() < 5 ? 5 - ch.size() : 0, ' ');
    text += " " + type + std::string(type.size() < 8 ? 8 - type.size() : 0, ' ');
    const Frames fields[4] = {l.srcIn, l.srcOut, l.recIn, l.recOut};
    for (Frames f : fields) {
        EMU_ASSIGN_OR_RETURN(std::string t, time(f));
        text += " " + t;
    }
    text += "\n";
    std::string aud;
    for (int a : l.audio) {
        if (a > 2) aud += " " + std::to_string(a);
    }
    if (!aud.empty()) text += "AUD " + aud + "\n";
    return text;
}

std::string Writer::speedText(double speed) const {
    // The fewest decimals that read back as the same speed.
    char buf[48];
    const double fps = speed * m_t.rate.fps();
    for (int decimals = 1; decimals <= 6; ++decimals) {
        std::snprintf(buf, sizeof buf, "%0*.*f", (fps < 0 ? 5 : 4) + decimals, decimals, fps);
        const double back =
            std::round(std::strtod(buf, nullptr) / m_t.rate.fps() * 10000.0) / 10000.0;
        if (back == speed) break;
    }
    return buf;
}

std::string number(double v) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

Result<std::string> Writer::remarks(const std::vector<Line>& ev) const {
    std::string text;
    const Line* from = nullptr;
    const Line* main = nullptr;
    for (const Line& l : ev) {
        if (l.from && !from) from = &l;
        if (!l.from && !main) main = &l;
    }
    if (main && main->transition && !main->transition->name.empty()) {
        text += "EFFECTS NAME IS " + main->transition->name + "\n";
    }
    for (const Line& l : ev) {
        if (l.from || l.clip->speed.speed == 1) continue;
        EMU_ASSIGN_OR_RETURN(std::string entry, time(l.srcIn));
        text +=
            "M2   " + l.clip->reel + "  " + speedText(l.clip->speed.speed) + "  " + entry + "\n";
    }
    if (from && !from->clip->name.empty()) text += "* FROM CLIP NAME: " + from->clip->name + "\n";
    if (!main) return text;
    const Clip& c = *main->clip;
    if (!c.name.empty())
        text += std::string(from ? "* TO" : "* FROM") + " CLIP NAME: " + c.name + "\n";
    for (const auto& m : c.markers) {
        EMU_ASSIGN_OR_RETURN(std::string at,
                             time(c.record.start + edl::recordOffsetOf(c, m.frame)));
        std::string colour = m.colour;
        for (char& ch : colour) ch = char(std::toupper(static_cast<unsigned char>(ch)));
        text += "* LOC: " + at + (colour.empty() ? "" : " " + colour) +
                (m.comment.empty() ? "" : " " + m.comment) + "\n";
    }
    if (c.cdl) {
        const auto& d = *c.cdl;
        auto three = [](const double* v) {
            return "(" + number(v[0]) + " " + number(v[1]) + " " + number(v[2]) + ")";
        };
        text += "*ASC_SOP " + three(d.slope) + three(d.offset) + three(d.power) + "\n";
        text += "*ASC_SAT " + number(d.saturation) + "\n";
    }
    if (!c.sourceFile.empty()) text += "* SOURCE FILE: " + c.sourceFile + "\n";
    if (const auto k = c.metadata.find(kEdlComment); k != c.metadata.end()) {
        std::size_t pos = 0;
        while (pos <= k->second.size()) {
            const std::size_t end = std::min(k->second.find('\n', pos), k->second.size());
            text += "* " + k->second.substr(pos, end - pos) + "\n";
            pos = end + 1;
        }
    }
    return text;
}

Result<std::string> Writer::write() {
    EMU_RETURN_IF_ERROR(collect());
    numberEvents();
    // Key backgrounds are the outgoing side of their event when a key sits over them.
    for (Line& l : m_lines) {
        if (l.type != EditType::KeyBackground) continue;
        l.from = std::any_of(m_lines.begin(), m_lines.end(), [&](const Line& k) {
            return k.event == l.event && (k.type == EditType::Key || k.type == EditType::KeyOut);
        });
    }
    std::stable_sort(m_lines.begin(), m_lines.end(), [](const Line& a, const Line& b) {
        return std::tuple(a.event, !a.from, a.recIn, a.trackOrder) <
               std::tuple(b.event, !b.from, b.recIn, b.trackOrder);
    });
    std::string text = "TITLE: " + m_t.title + "\n";
    text += m_t.dropFrame ? "FCM: DROP FRAME\n" : "FCM: NON-DROP FRAME\n";
    std::size_t i = 0;
    while (i < m_lines.size()) {
        std::vector<Line> ev;
        for (; i < m_lines.size() && (ev.empty() || m_lines[i].event == ev.front().event); ++i) {
            const Line& l = m_lines[i];
            if (!ev.empty() && sameEdit(ev.back(), l) && !(ev.back().video && l.video)) {
                ev.back().video = ev.back().video || l.video;
                ev.back().audio.insert(ev.back().audio.end(), l.audio.begin(), l.audio.end());
                std::sort(ev.back().audio.begin(), ev.back().audio.end());
                continue;
            }
            ev.push_back(l);
        }
        text += "\n";
        for (const Line& l : ev) {
            EMU_ASSIGN_OR_RETURN(std::string t, lineText(l));
            text += t;
        }
        EMU_ASSIGN_OR_RETURN(std::string r, remarks(ev));
        text += r;
    }
    return text;
}

}  // namespace

Result<std::string> writeEdl(const timeline::Timeline& timeline, const EdlWriteOptions& options) {
    if (!timeline.rate.valid()) return invalid("the timeline has no valid rate");
    Writer writer(timeline, options);
    return writer.write();
}

}  // namespace emu::conform
