// FCP 7 XML ("xmeml" 4 and 5): one sequence -> timeline::Timeline.

#include <cmath>
#include <map>
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

// A <file> as first defined; later <file id="x"/> elements refer back to it.
struct FileInfo {
    std::string name;
    std::optional<std::filesystem::path> path;
    std::optional<Rate> rate;
    std::optional<Frames> duration;
    std::optional<Frames> timecodeFrame;  // media time code of its first frame
    bool dropFrame = false;
    std::string reel;
};

struct SequenceInfo {
    std::string name;
    Rate rate;
    Frames startFrame = 0;
    bool dropFrame = false;
    std::vector<timeline::Marker> markers;  // relative to the sequence's first frame
};

class Fcp7Reader {
public:
    explicit Fcp7Reader(ReaderContext& context) : m_ctx(context) {}

    Result<XmlConform> read(const XmlNode& root);

private:
    Result<Rate> rateOf(const XmlNode& e, const Rate& inherited) const;
    Result<Frames> number(const XmlNode& parent, const char* name) const;
    Result<std::optional<Frames>> optionalNumber(const XmlNode& parent, const char* name) const;
    Result<FileInfo> file(const XmlNode& e, const Rate& inherited);
    Result<SequenceInfo> sequence(const XmlNode& e, const Rate& inherited, Layout& out);
    Status track(const XmlNode& e, timeline::Track::Kind kind, int index, const Rate& rate,
                 Layout& out);
    Result<std::optional<Frames>> transitionCut(const XmlNode& e) const;
    Status clipItem(const XmlNode& e, timeline::Track::Kind kind, int index, const Rate& rate,
                    std::optional<Frames> cutBefore, std::optional<Frames> cutAfter, Layout& out);
    Result<std::vector<timeline::Marker>> markers(const XmlNode& e, Frames origin) const;
    Status timeRemap(const XmlNode& clip, timeline::SpeedEffect& speed) const;

    ReaderContext& m_ctx;
    std::map<std::string, FileInfo> m_files;
    std::map<std::string, const XmlNode*> m_sequences;  // full definitions by id
    std::set<const XmlNode*> m_open;                    // sequences being read (no cycles)
};

Result<Rate> Fcp7Reader::rateOf(const XmlNode& e, const Rate& inherited) const {
    const XmlNode* r = e.child("rate");
    if (!r) return inherited;
    const std::string base = r->childText("timebase");
    if (base.empty()) return inherited;
    const auto n = parseWholeNumber(base);
    if (!n || *n <= 0 || *n > 1000) {
        return m_ctx.error(r->child("timebase")->line,
                           "<timebase> '" + base + "' is not a frame rate");
    }
    const std::string ntsc = r->childText("ntsc");
    if (ntsc == "TRUE" || ntsc == "true") return Rate{*n * 1000, 1001};
    return Rate{*n, 1};
}

Result<std::optional<Frames>> Fcp7Reader::optionalNumber(const XmlNode& parent,
                                                         const char* name) const {
    const XmlNode* c = parent.child(name);
    if (!c) return std::optional<Frames>();
    const std::string text = trimmed(c->text);
    const auto v = parseWholeNumber(text);
    if (!v) {
        return m_ctx.error(c->line,
                           "<" + std::string(name) + "> '" + text + "' is not a whole number");
    }
    return std::optional<Frames>(*v);
}

Result<Frames> Fcp7Reader::number(const XmlNode& parent, const char* name) const {
    EMU_ASSIGN_OR_RETURN(std::optional<Frames> v, optionalNumber(parent, name));
    if (!v) return m_ctx.error(parent.line, "<" + parent.name + "> has no <" + name + ">");
    return *v;
}

Result<FileInfo> Fcp7Reader::file(const XmlNode& e, const Rate& inherited) {
    const std::string* id = e.attribute("id");
    if (e.children.empty()) {
        if (!id) return m_ctx.error(e.line, "<file> has neither an id nor a definition");
        const auto it = m_files.find(*id);
        if (it == m_files.end()) {
            return m_ctx.error(e.line,
                               "<file id=\"" + *id + "\"> refers to no earlier <file> definition");
        }
        return it->second;
    }
    FileInfo f;
    f.name = e.childText("name");
    if (const XmlNode* url = e.child("pathurl")) {
        auto path = pathFromUrl(trimmed(url->text));
        if (!path.isOk()) return m_ctx.error(url->line, path.status().message());
        f.path = *path;
        if (f.name.empty()) f.name = f.path->filename().string();
    }
    if (e.child("rate")) {
        EMU_ASSIGN_OR_RETURN(Rate r, rateOf(e, inherited));
        f.rate = r;
    }
    EMU_ASSIGN_OR_RETURN(f.duration, optionalNumber(e, "duration"));
    if (const XmlNode* tc = e.child("timecode")) {
        EMU_ASSIGN_OR_RETURN(Rate tcRate, rateOf(*tc, f.rate.value_or(inherited)));
        f.dropFrame = tc->childText("displayformat") == "DF";
        EMU_ASSIGN_OR_RETURN(f.timecodeFrame, optionalNumber(*tc, "frame"));
        const std::string text = tc->childText("string");
        if (!f.timecodeFrame && !text.empty()) {
            auto frames = timeline::timecodeToFrames(text, tcRate);
            if (!frames.isOk()) return m_ctx.error(tc->line, frames.status().message());
            f.timecodeFrame = *frames;
        }
        if (const XmlNode* reel = tc->child("reel")) f.reel = reel->childText("name");
    }
    if (const XmlNode* reel = e.child("reel"); reel && f.reel.empty()) {
        f.reel = reel->childText("name");
    }
    if (id) m_files[*id] = f;
    return f;
}

Result<std::vector<timeline::Marker>> Fcp7Reader::markers(const XmlNode& e, Frames origin) const {
    std::vector<timeline::Marker> out;
    for (const XmlNode& m : e.children) {
        if (m.name != "marker") continue;
        timeline::Marker marker;
        marker.name = m.childText("name");
        marker.comment = m.childText("comment");
        EMU_ASSIGN_OR_RETURN(Frames in, number(m, "in"));
        EMU_ASSIGN_OR_RETURN(std::optional<Frames> outFrame, optionalNumber(m, "out"));
        marker.frame = origin + in;
        if (outFrame && *outFrame > in) marker.duration = *outFrame - in;
        out.push_back(std::move(marker));
    }
    return out;
}

// The Time Remap filter: a constant speed in percent and a reverse flag.
Status Fcp7Reader::timeRemap(const XmlNode& clip, timeline::SpeedEffect& speed) const {
    for (const XmlNode& filter : clip.children) {
        if (filter.name != "filter") continue;
        const XmlNode* effect = filter.child("effect");
        if (!effect || effect->childText("effectid") != "timeremap") continue;
        double percent = 100;
        bool reverse = false;
        for (const XmlNode& p : effect->children) {
            if (p.name != "parameter") continue;
            const std::string id = p.childText("parameterid");
            const std::string value = p.childText("value");
            if (id == "speed") {
                char* end = nullptr;
                percent = std::strtod(value.c_str(), &end);
                if (value.empty() || *end != '\0' || !std::isfinite(percent)) {
                    return m_ctx.error(p.line, "time remap speed '" + value + "' is not a number");
                }
            } else if (id == "reverse") {
                reverse = value == "TRUE" || value == "true";
            }
        }
        speed.speed = (reverse ? -percent : percent) / 100.0;
    }
    return Status::ok();
}

// The edit point a transition sits on, from its alignment; nullopt when it has no times.
Result<std::optional<Frames>> Fcp7Reader::transitionCut(const XmlNode& e) const {
    EMU_ASSIGN_OR_RETURN(Frames start, number(e, "start"));
    EMU_ASSIGN_OR_RETURN(Frames end, number(e, "end"));
    if (start < 0 || end < start) {
        return m_ctx.error(e.line, "<transitionitem> runs from " + std::to_string(start) + " to " +
                                       std::to_string(end));
    }
    const std::string alignment = e.childText("alignment");
    if (alignment == "start" || alignment == "start-black") return std::optional<Frames>(start);
    if (alignment == "end" || alignment == "end-black") return std::optional<Frames>(end);
    return std::optional<Frames>(start + (end - start) / 2);
}

Status Fcp7Reader::clipItem(const XmlNode& e, timeline::Track::Kind kind, int index,
                            const Rate& rate, std::optional<Frames> cutBefore,
                            std::optional<Frames> cutAfter, Layout& out) {
    EMU_ASSIGN_OR_RETURN(Frames start, number(e, "start"));
    EMU_ASSIGN_OR_RETURN(Frames end, number(e, "end"));
    EMU_ASSIGN_OR_RETURN(Frames in, number(e, "in"));
    EMU_ASSIGN_OR_RETURN(Frames outPoint, number(e, "out"));
    const std::string name = e.childText("name");
    // -1 means "at the cut of the transition beside it".
    if (start == -1) {
        if (!cutBefore)
            return m_ctx.error(e.line, "'" + name + "' starts at -1 with no transition before it");
        start = *cutBefore;
    }
    if (end == -1) {
        if (!cutAfter)
            return m_ctx.error(e.line, "'" + name + "' ends at -1 with no transition after it");
        end = *cutAfter;
    }
    if (start < 0 || end <= start || outPoint <= in) {
        return m_ctx.error(e.line, "'" + name + "' has start " + std::to_string(start) + ", end " +
                                       std::to_string(end) + ", in " + std::to_string(in) +
                                       ", out " + std::to_string(outPoint));
    }
    EMU_ASSIGN_OR_RETURN(Rate clipRate, rateOf(e, rate));

    if (const XmlNode* nested = e.child("sequence")) {
        const XmlNode* definition = nested;
        if (nested->children.empty()) {
            const std::string* id = nested->attribute("id");
            const auto it = id ? m_sequences.find(*id) : m_sequences.end();
            if (it == m_sequences.end()) {
                return m_ctx.error(nested->line, "<sequence id=\"" + (id ? *id : "") +
                                                     "\"> refers to no earlier definition");
            }
            definition = it->second;
        }
        Layout inner;
        EMU_ASSIGN_OR_RETURN(SequenceInfo info, sequence(*definition, rate, inner));
        if (!(info.rate == rate)) {
            m_ctx.warn(e.line, "nested sequence '" + info.name + "' runs at " +
                                   timeline::toString(info.rate) + ", its parent at " +
                                   timeline::toString(rate) + "; frames are taken one for one");
        }
        if (e.child("filter")) {
            m_ctx.warn(e.line, "filters on nested sequence '" + info.name + "' are ignored");
        }
        placeWindow(inner, kind, in, outPoint, start - in, index, out);
        return Status::ok();
    }

    timeline::Clip clip;
    clip.name = name;
    clip.record = {start, end - start};
    clip.sourceRate = clipRate;
    EMU_RETURN_IF_ERROR(timeRemap(e, clip.speed));
    Frames origin = 0;
    timeline::MediaReference media;
    media.name = "original";
    if (e.name == "generatoritem") {
        const XmlNode* effect = e.child("effect");
        std::string id = effect ? effect->childText("effectid") : std::string();
        std::string lower;
        for (char c : id) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        media.kind = timeline::MediaReference::Kind::Generator;
        media.generator = lower == "slug" || lower.find("black") != std::string::npos ? "black"
                          : lower.find("bars") != std::string::npos                   ? "bars"
                          : lower.find("color") != std::string::npos                  ? "colour"
                                                                                      : lower;
        if (media.generator.empty()) {
            m_ctx.warn(e.line, "generator '" + name + "' names no effect");
        }
    } else if (const XmlNode* f = e.child("file")) {
        EMU_ASSIGN_OR_RETURN(FileInfo info, file(*f, clipRate));
        if (!e.child("rate") && info.rate) clip.sourceRate = *info.rate;
        origin = info.timecodeFrame.value_or(0);
        clip.reel = info.reel;
        clip.sourceFile = info.name;
        if (clip.name.empty()) clip.name = info.name;
        if (info.path) {
            media.kind = timeline::MediaReference::Kind::External;
            media.path = *info.path;
        }
        if (info.duration) media.availableRange = timeline::FrameRange{origin, *info.duration};
        if (info.timecodeFrame) {
            auto tc = timeline::framesToTimecode(
                origin + in, clip.sourceRate, info.dropFrame && clip.sourceRate.allowsDropFrame());
            if (tc.isOk()) clip.sourceTimecodeStart = *tc;
        }
    } else {
        m_ctx.warn(e.line, "clip '" + name + "' has no <file>; its media is missing");
    }
    clip.source = {origin + in, outPoint - in};
    const double expected = double(end - start) * std::abs(clip.speed.speed);
    if (clip.speed.speed != 0 && std::llround(expected) != outPoint - in) {
        m_ctx.warn(e.line, "'" + clip.name + "' shows " + std::to_string(outPoint - in) +
                               " source frames over " + std::to_string(end - start) +
                               " record frames");
    }
    EMU_ASSIGN_OR_RETURN(clip.markers, markers(e, origin));
    if (const std::string* id = e.attribute("id")) clip.metadata["fcp7.id"] = *id;
    clip.media.push_back(std::move(media));
    auto& lanes = kind == timeline::Track::Kind::Video ? out.video : out.audio;
    lanes[index].clips.push_back({std::move(clip), e.line});
    return Status::ok();
}

Status Fcp7Reader::track(const XmlNode& e, timeline::Track::Kind kind, int index, const Rate& rate,
                         Layout& out) {
    auto& lane = (kind == timeline::Track::Kind::Video ? out.video : out.audio)[index];
    // Cuts of the transitions, by child position, so clips at -1 find their neighbours'.
    std::vector<std::optional<Frames>> cuts(e.children.size());
    for (std::size_t i = 0; i < e.children.size(); ++i) {
        const XmlNode& c = e.children[i];
        if (c.name != "transitionitem") continue;
        EMU_ASSIGN_OR_RETURN(cuts[i], transitionCut(c));
        EMU_ASSIGN_OR_RETURN(Frames start, number(c, "start"));
        EMU_ASSIGN_OR_RETURN(Frames end, number(c, "end"));
        PlacedTransition t;
        t.cut = *cuts[i];
        t.line = c.line;
        t.transition.inOffset = t.cut - start;
        t.transition.outOffset = end - t.cut;
        const XmlNode* effect = c.child("effect");
        t.transition.name = effect ? effect->childText("name") : std::string();
        const std::string effectId = effect ? effect->childText("effectid") : std::string();
        if (effectId.find("Wipe") != std::string::npos ||
            effectId.find("wipe") != std::string::npos) {
            t.transition.kind = timeline::Transition::Kind::Wipe;
        }
        lane.transitions.push_back(std::move(t));
    }
    for (std::size_t i = 0; i < e.children.size(); ++i) {
        const XmlNode& c = e.children[i];
        if (c.name != "clipitem" && c.name != "generatoritem") continue;
        std::optional<Frames> before;
        std::optional<Frames> after;
        for (std::size_t j = i; j-- > 0;) {
            if (e.children[j].name == "transitionitem") before = cuts[j];
            if (e.children[j].name != "transitionitem" && e.children[j].name != "enabled") break;
        }
        for (std::size_t j = i + 1; j < e.children.size(); ++j) {
            if (e.children[j].name == "transitionitem") {
                after = cuts[j];
                break;
            }
            if (e.children[j].name == "clipitem" || e.children[j].name == "generatoritem") break;
        }
        EMU_RETURN_IF_ERROR(clipItem(c, kind, index, rate, before, after, out));
    }
    return Status::ok();
}

Result<SequenceInfo> Fcp7Reader::sequence(const XmlNode& e, const Rate& inherited, Layout& out) {
    if (m_open.count(&e)) return m_ctx.error(e.line, "sequence contains itself");
    m_open.insert(&e);
    if (const std::string* id = e.attribute("id")) m_sequences[*id] = &e;
    SequenceInfo info;
    info.name = e.childText("name");
    EMU_ASSIGN_OR_RETURN(info.rate, rateOf(e, inherited));
    if (const XmlNode* tc = e.child("timecode")) {
        EMU_ASSIGN_OR_RETURN(Rate tcRate, rateOf(*tc, info.rate));
        info.dropFrame = tc->childText("displayformat") == "DF";
        EMU_ASSIGN_OR_RETURN(std::optional<Frames> frame, optionalNumber(*tc, "frame"));
        const std::string text = tc->childText("string");
        if (frame) {
            info.startFrame = *frame;
        } else if (!text.empty()) {
            auto frames = timeline::timecodeToFrames(text, tcRate);
            if (!frames.isOk()) return m_ctx.error(tc->line, frames.status().message());
            info.startFrame = *frames;
        }
    }
    if (const XmlNode* media = e.child("media")) {
        for (const XmlNode& kindNode : media->children) {
            const bool video = kindNode.name == "video";
            if (!video && kindNode.name != "audio") continue;
            EMU_ASSIGN_OR_RETURN(Rate kindRate, rateOf(kindNode, info.rate));
            int index = 0;
            for (const XmlNode& t : kindNode.children) {
                if (t.name != "track") continue;
                EMU_ASSIGN_OR_RETURN(Rate trackRate, rateOf(t, kindRate));
                EMU_RETURN_IF_ERROR(
                    track(t, video ? timeline::Track::Kind::Video : timeline::Track::Kind::Audio,
                          index++, trackRate, out));
            }
        }
    }
    EMU_ASSIGN_OR_RETURN(info.markers, markers(e, 0));
    m_open.erase(&e);
    return info;
}

// The first <sequence> outside any clip, depth first; counts the others.
const XmlNode* findSequence(const XmlNode& e, int& count) {
    const XmlNode* found = nullptr;
    for (const XmlNode& c : e.children) {
        if (c.name == "clipitem") continue;
        if (c.name == "sequence") {
            ++count;
            if (!found) found = &c;
            continue;
        }
        const XmlNode* f = findSequence(c, count);
        if (!found) found = f;
    }
    return found;
}

Result<XmlConform> Fcp7Reader::read(const XmlNode& root) {
    if (root.name != "xmeml") {
        return m_ctx.error(root.line, "<" + root.name + "> is not an FCP 7 XML document",
                           ErrorCode::Unsupported);
    }
    const std::string* version = root.attribute("version");
    if (!version || (*version != "4" && *version != "5")) {
        m_ctx.warn(root.line, "xmeml version " + (version ? *version : std::string("(none)")) +
                                  " is read as version 5");
    }
    int count = 0;
    const XmlNode* seq = findSequence(root, count);
    if (!seq) return m_ctx.error(root.line, "no <sequence> in the document");
    Layout layout;
    EMU_ASSIGN_OR_RETURN(SequenceInfo info, sequence(*seq, Rate{}, layout));
    if (count > 1) {
        m_ctx.warn(seq->line, std::to_string(count) + " sequences; only the first, '" + info.name +
                                  "', is read");
    }
    XmlConform result;
    timeline::Timeline& t = result.timeline;
    t.title = info.name;
    t.rate = info.rate;
    t.startFrame = info.startFrame;
    t.dropFrame = info.dropFrame && info.rate.allowsDropFrame();
    // xmeml counts record frames from the sequence's first frame; the model from its time code.
    for (auto* lanes : {&layout.video, &layout.audio}) {
        for (auto& [index, lane] : *lanes) {
            for (PlacedClip& c : lane.clips) c.clip.record.start += info.startFrame;
            for (PlacedTransition& tr : lane.transitions) tr.cut += info.startFrame;
        }
    }
    for (timeline::Marker m : info.markers) {
        m.frame += info.startFrame;
        t.markers.push_back(std::move(m));
    }
    t.tracks = assembleTracks(layout, info.startFrame, m_ctx.warnings);
    result.warnings = std::move(m_ctx.warnings);
    return result;
}

}  // namespace

Result<XmlConform> readFcp7Xml(std::string_view text, const std::string& fileName) {
    EMU_ASSIGN_OR_RETURN(XmlNode root, parseXmlDocument(text, fileName));
    ReaderContext context{fileName, {}};
    return Fcp7Reader(context).read(root);
}

}  // namespace emu::conform
