#include "ConformReport.h"

#include <cstdio>
#include <map>
#include <utility>

#include "emulsion/core/Markup.h"

namespace emu::cli {

namespace {

using Json = nlohmann::json;
using timeline::Clip;
using timeline::Frames;
using timeline::Rate;

// Time code text of `frames`, or the frame number where it has none (negative frames).
std::string timecode(Frames frames, const Rate& rate, bool dropFrame) {
    auto text = timeline::framesToTimecode(frames, rate, dropFrame && rate.allowsDropFrame());
    return text.isOk() ? *text : std::to_string(frames);
}

// A clip's source side counts drop frame when its source time code was written so.
bool sourceDropFrame(const Clip& clip) {
    return clip.sourceTimecodeStart &&
           clip.sourceTimecodeStart->find_first_of(";.,") != std::string::npos;
}

using EventKey = std::pair<std::size_t, std::size_t>;  // track, item

std::map<EventKey, const conform::EventRelink*> eventsByItem(const conform::RelinkReport& r) {
    std::map<EventKey, const conform::EventRelink*> byItem;
    for (const conform::EventRelink& e : r.events) byItem[{e.track, e.item}] = &e;
    return byItem;
}

// The event number shown: the edit list's, else the clip's place in record order (formats
// without event numbers), as writeEdl numbers them.
int eventNumber(const Clip& clip, int ordinal) {
    return clip.event != 0 ? clip.event : ordinal;
}

Json cdlJson(const std::optional<timeline::CdlValues>& cdl) {
    if (!cdl) return nullptr;
    auto triple = [](const double v[3]) { return Json::array({v[0], v[1], v[2]}); };
    return {{"slope", triple(cdl->slope)},
            {"offset", triple(cdl->offset)},
            {"power", triple(cdl->power)},
            {"saturation", cdl->saturation}};
}

Json markersJson(const std::vector<timeline::Marker>& markers) {
    Json list = Json::array();
    for (const timeline::Marker& m : markers) {
        list.push_back({{"name", m.name},
                        {"frame", m.frame},
                        {"duration", m.duration},
                        {"colour", m.colour},
                        {"comment", m.comment}});
    }
    return list;
}

Json mediaJson(const conform::EventRelink* e) {
    if (!e) return nullptr;
    Json candidates = Json::array();
    for (const auto& c : e->candidates) candidates.push_back(c.string());
    const bool hasPath =
        e->status == conform::RelinkStatus::Matched || e->status == conform::RelinkStatus::Short;
    return {{"status", conform::toString(e->status)},
            {"path", hasPath ? Json(e->media.string()) : Json(nullptr)},
            {"candidates", candidates}};
}

Json clipJson(const Clip& c, int event, const timeline::Timeline& t,
              const conform::EventRelink* relinked) {
    const bool srcDrop = sourceDropFrame(c);
    return {{"type", "clip"},
            {"event", event},
            {"name", c.name},
            {"reel", c.reel},
            {"record_in", timecode(c.record.start, t.rate, t.dropFrame)},
            {"record_out", timecode(c.record.end(), t.rate, t.dropFrame)},
            {"source_in", timecode(c.source.start, c.sourceRate, srcDrop)},
            {"source_out", timecode(c.source.end(), c.sourceRate, srcDrop)},
            {"speed", c.speed.speed},
            {"cdl", cdlJson(c.cdl)},
            {"markers", markersJson(c.markers)},
            {"media", mediaJson(relinked)}};
}

// Calls `visit(clip, event number, relink entry or null)` for every clip in track order.
template <typename Visit>
void forEachClip(const ConformedCut& cut, Visit&& visit) {
    const auto byItem = eventsByItem(cut.relink);
    int ordinal = 0;
    for (std::size_t t = 0; t < cut.timeline.tracks.size(); ++t) {
        const auto& items = cut.timeline.tracks[t].items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Clip* clip = std::get_if<Clip>(&items[i]);
            if (!clip) continue;
            ++ordinal;
            const auto found = byItem.find({t, i});
            visit(t, *clip, eventNumber(*clip, ordinal),
                  found == byItem.end() ? nullptr : found->second);
        }
    }
}

// "file:line: message", unless the reader already wrote the place into the message.
std::string warningText(const ConformedCut& cut, const timeline::Warning& w) {
    const std::string file = cut.file.string();
    if (w.message.rfind(file, 0) == 0 || w.message.rfind(cut.file.filename().string(), 0) == 0)
        return w.message;
    if (w.line > 0) return file + ":" + std::to_string(w.line) + ": " + w.message;
    return file + ": " + w.message;
}

// What the report says about an event's media, after its status.
std::string mediaDetail(const conform::EventRelink& e) {
    using conform::RelinkStatus;
    switch (e.status) {
        case RelinkStatus::Matched:
            return e.media.string();
        case RelinkStatus::Short: {
            std::string text = std::to_string(e.shortBy()) + " frames short (head " +
                               std::to_string(e.shortHead) + ", tail " +
                               std::to_string(e.shortTail) + "): " + e.media.string();
            return text;
        }
        case RelinkStatus::Ambiguous: {
            std::string text = std::to_string(e.candidates.size()) + " candidates:";
            for (const auto& c : e.candidates) text += " " + c.string();
            return text;
        }
        case RelinkStatus::Missing:
            return e.note.empty() ? "no media found" : e.note;
        case RelinkStatus::Skipped:
            return "generator";
    }
    return {};
}

std::string summaryText(const conform::RelinkSummary& s) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "%d events: %d matched, %d missing, %d ambiguous, %d short, %d skipped", s.events,
                  s.matched, s.missing, s.ambiguous, s.shortEvents, s.skipped);
    std::string text = line;
    if (s.vfx) text += ", " + std::to_string(s.vfx) + " with a VFX render";
    return text;
}

}  // namespace

Json conformJson(const ConformedCut& cut) {
    const timeline::Timeline& t = cut.timeline;
    Json tracks = Json::array();
    std::vector<Json> itemsOf(t.tracks.size(), Json::array());
    forEachClip(cut,
                [&](std::size_t track, const Clip& c, int event, const conform::EventRelink* e) {
                    itemsOf[track].push_back(clipJson(c, event, t, e));
                });
    for (std::size_t ti = 0; ti < t.tracks.size(); ++ti) {
        const timeline::Track& track = t.tracks[ti];
        // Gaps and transitions sit between the clips: rebuild the order of the track.
        Json items = Json::array();
        std::size_t nextClip = 0;
        for (const timeline::Item& item : track.items) {
            if (std::holds_alternative<Clip>(item)) {
                items.push_back(itemsOf[ti].at(nextClip++));
            } else if (const auto* g = std::get_if<timeline::Gap>(&item)) {
                items.push_back({{"type", "gap"},
                                 {"record_in", timecode(g->record.start, t.rate, t.dropFrame)},
                                 {"record_out", timecode(g->record.end(), t.rate, t.dropFrame)}});
            } else if (const auto* x = std::get_if<timeline::Transition>(&item)) {
                const bool wipe = x->kind == timeline::Transition::Kind::Wipe;
                items.push_back({{"type", "transition"},
                                 {"kind", wipe ? "wipe" : "dissolve"},
                                 {"code", x->wipeCode},
                                 {"in_offset", x->inOffset},
                                 {"out_offset", x->outOffset}});
            }
        }
        const bool video = track.kind == timeline::Track::Kind::Video;
        tracks.push_back(
            {{"kind", video ? "video" : "audio"}, {"name", track.name}, {"items", items}});
    }
    Json warnings = Json::array();
    for (const timeline::Warning& w : cut.warnings)
        warnings.push_back({{"line", w.line}, {"message", w.message}});
    const conform::RelinkSummary& s = cut.relink.summary;
    return {{"format", cut.format},
            {"rate", timeline::toString(t.rate)},
            {"title", t.title},
            {"tracks", tracks},
            {"warnings", warnings},
            {"summary",
             {{"events", s.events},
              {"matched", s.matched},
              {"missing", s.missing},
              {"ambiguous", s.ambiguous},
              {"short", s.shortEvents}}}};
}

std::string conformText(const ConformedCut& cut) {
    const timeline::Timeline& t = cut.timeline;
    std::string out = cut.file.string() + " (" + cut.format + ", " + timeline::toString(t.rate) +
                      (t.title.empty() ? "" : ", \"" + t.title + "\"") + ")\n";
    forEachClip(
        cut, [&](std::size_t track, const Clip& c, int event, const conform::EventRelink* e) {
            char head[160];
            std::snprintf(head, sizeof head, "%03d %-4s %-10s %s-%s  ", event,
                          t.tracks[track].name.c_str(), c.reel.empty() ? "-" : c.reel.c_str(),
                          timecode(c.source.start, c.sourceRate, sourceDropFrame(c)).c_str(),
                          timecode(c.source.end(), c.sourceRate, sourceDropFrame(c)).c_str());
            out += head;
            if (!e) {
                out += "(audio, not relinked) " + c.name + "\n";
                return;
            }
            out += std::string(conform::toString(e->status)) + "  " + mediaDetail(*e);
            if (e->vfx) out += "  [vfx " + e->vfx->clip.path.string() + "]";
            out += "\n";
        });
    if (!cut.warnings.empty()) {
        out += "warnings:\n";
        for (const timeline::Warning& w : cut.warnings) out += "  " + warningText(cut, w) + "\n";
    }
    out += summaryText(cut.relink.summary) + "\n";
    return out;
}

std::string conformHtml(const ConformedCut& cut) {
    const timeline::Timeline& t = cut.timeline;
    std::string title = "Conform: " + cut.file.filename().string();
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                      core::escapeMarkup(title) +
                      "</title>\n<style>body{font-family:sans-serif}table{border-collapse:"
                      "collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left}"
                      ".matched{background:#cfc}.missing{background:#fcc}.ambiguous{background:"
                      "#ffc}.short{background:#fdb}</style></head><body>\n";
    out += "<h1>" + core::escapeMarkup(title) + "</h1>\n<p>" +
           core::escapeMarkup(cut.file.string()) + " (" + core::escapeMarkup(cut.format) + ", " +
           core::escapeMarkup(timeline::toString(t.rate)) +
           (t.title.empty() ? "" : ", " + core::escapeMarkup(t.title)) + ")</p>\n";
    out +=
        "<table><tr><th>event</th><th>track</th><th>clip</th><th>reel</th><th>record</th>"
        "<th>source</th><th>status</th><th>media</th></tr>\n";
    forEachClip(cut, [&](std::size_t track, const Clip& c, int event,
                         const conform::EventRelink* e) {
        const std::string status = e ? conform::toString(e->status) : "audio";
        auto cell = [](const std::string& s) { return "<td>" + core::escapeMarkup(s) + "</td>"; };
        out += "<tr class=\"" + core::escapeMarkup(status) + "\">" + cell(std::to_string(event)) +
               cell(t.tracks[track].name) + cell(c.name) + cell(c.reel) +
               cell(timecode(c.record.start, t.rate, t.dropFrame) + " - " +
                    timecode(c.record.end(), t.rate, t.dropFrame)) +
               cell(timecode(c.source.start, c.sourceRate, sourceDropFrame(c)) + " - " +
                    timecode(c.source.end(), c.sourceRate, sourceDropFrame(c))) +
               cell(status) + cell(e ? mediaDetail(*e) : "") + "</tr>\n";
    });
    out += "</table>\n";
    if (!cut.warnings.empty()) {
        out += "<h2>Warnings</h2>\n<ul>\n";
        for (const timeline::Warning& w : cut.warnings)
            out += "<li>" + core::escapeMarkup(warningText(cut, w)) + "</li>\n";
        out += "</ul>\n";
    }
    out += "<p>" + core::escapeMarkup(summaryText(cut.relink.summary)) + "</p>\n</body></html>\n";
    return out;
}

namespace {

Json shotJson(const std::optional<conform::ShotRef>& shot, const timeline::Timeline& t) {
    if (!shot) return nullptr;
    const Clip& c = std::get<Clip>(t.tracks.at(shot->track).items.at(shot->item));
    return {{"name", shot->name},
            {"media", shot->key.media},
            {"track", t.tracks[shot->track].name},
            {"record_in", timecode(shot->record.start, t.rate, t.dropFrame)},
            {"record_out", timecode(shot->record.end(), t.rate, t.dropFrame)},
            {"source_in", timecode(shot->key.source.start, c.sourceRate, sourceDropFrame(c))},
            {"source_out", timecode(shot->key.source.end(), c.sourceRate, sourceDropFrame(c))}};
}

// The changed frames of one shot, for people: "head -3, tail +5, moved -12".
std::string changeDetail(const conform::ShotChange& s) {
    auto signedText = [](Frames f) { return (f > 0 ? "+" : "") + std::to_string(f); };
    std::string text;
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (s.headFrames) add("head " + signedText(s.headFrames));
    if (s.tailFrames) add("tail " + signedText(s.tailFrames));
    if (s.moved) add("moved " + signedText(s.recordOffset) + " frames");
    if (s.exposedFrames()) add(std::to_string(s.exposedFrames()) + " ungraded frames");
    return text;
}

}  // namespace

Json changesJson(const conform::CutChanges& changes, const timeline::Timeline& cut,
                 const timeline::Timeline& graded) {
    Json shots = Json::array();
    for (const conform::ShotChange& s : changes.shots) {
        const conform::ShotRef& any = s.cut ? *s.cut : *s.graded;
        shots.push_back({{"kind", conform::toString(s.kind)},
                         {"name", any.name},
                         {"media", any.key.media},
                         {"old", shotJson(s.graded, graded)},
                         {"new", shotJson(s.cut, cut)},
                         {"head_frames", s.headFrames},
                         {"tail_frames", s.tailFrames},
                         {"moved", s.moved},
                         {"record_offset", s.recordOffset},
                         {"exposed_frames", s.exposedFrames()}});
    }
    const conform::CutChangeSummary& m = changes.summary;
    return {{"shots", shots},
            {"summary",
             {{"unchanged", m.unchanged},
              {"trimmed", m.trimmed},
              {"extended", m.extended},
              {"moved", m.moved},
              {"new", m.added},
              {"removed", m.removed}}}};
}

std::string changesText(const conform::CutChanges& changes, const timeline::Timeline& cut,
                        const timeline::Timeline& graded) {
    std::string out;
    for (const conform::ShotChange& s : changes.shots) {
        const conform::ShotRef& any = s.cut ? *s.cut : *s.graded;
        const timeline::Timeline& t = s.cut ? cut : graded;
        char line[256];
        std::snprintf(line, sizeof line, "%-9s %-16s %-10s %s  ", conform::toString(s.kind),
                      any.name.c_str(), any.key.media.c_str(),
                      timecode(any.record.start, t.rate, t.dropFrame).c_str());
        out += line + changeDetail(s) + "\n";
    }
    const conform::CutChangeSummary& m = changes.summary;
    char line[200];
    std::snprintf(line, sizeof line,
                  "%d unchanged, %d trimmed, %d extended, %d moved, %d new, %d removed\n",
                  m.unchanged, m.trimmed, m.extended, m.moved, m.added, m.removed);
    return out + line;
}

}  // namespace emu::cli
