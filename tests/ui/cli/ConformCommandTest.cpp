// `emulsion conform`: a cut in each format (EDL, FCPXML, OTIO) relinked to originals made by
// `emulsion generate`: every event matched, then one original removed (missing), one cut short
// (short) and one doubled (ambiguous); `conform diff` of a recut; a malformed EDL refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr int kFrames = 48;  // per generated clip: one second each side of the cut ranges

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Shot n (1-4) takes source frames 12-24 of generated clip n at record 10:00:00:00 + 12(n-1).
const char* kReels[] = {"A001", "B001", "C001", "D001"};
const char* kNames[] = {"A001C001", "B001C002", "C001C003", "D001C004"};

std::string edl() {
    return "TITLE: CONFORM <TEST> & CO\n"
           "FCM: NON-DROP FRAME\n\n"
           "001  A001     V     C        01:00:00:12 01:00:01:00 10:00:00:00 10:00:00:12\n"
           "* FROM CLIP NAME: A001C001\n"
           "*ASC_SOP (1.1 1.0 0.9)(0.01 0.0 -0.02)(1.0 1.0 1.0)\n"
           "*ASC_SAT 0.8\n"
           "002  B001     V     C        02:00:00:12 02:00:01:00 10:00:00:12 10:00:01:00\n"
           "* FROM CLIP NAME: B001C002\n"
           "003  C001     V     C        03:00:00:12 03:00:01:00 10:00:01:00 10:00:01:12\n"
           "* FROM CLIP NAME: C001C003\n"
           "004  D001     V     C        04:00:00:12 04:00:01:00 10:00:01:12 10:00:02:00\n"
           "* FROM CLIP NAME: D001C004\n";
}

std::string at(long frames) {
    return std::to_string(frames) + "/24s";
}

std::string fcpxml() {
    std::string assets, spine;
    for (int i = 0; i < 4; ++i) {
        const long clipStart = long(i + 1) * 3600 * 24;
        const std::string id = "a" + std::to_string(i + 1);
        assets += "<asset id=\"" + id + "\" name=\"" + kNames[i] + "\" start=\"" + at(clipStart) +
                  "\" duration=\"" + at(kFrames) +
                  "\" hasVideo=\"1\" format=\"r1\"><metadata><md "
                  "key=\"com.apple.proapps.studio.reel\" value=\"" +
                  kReels[i] + "\"/></metadata></asset>\n";
        spine += "<asset-clip ref=\"" + id + "\" name=\"" + kNames[i] + "\" offset=\"" +
                 at(864000 + 12 * i) + "\" start=\"" + at(clipStart + 12) + "\" duration=\"" +
                 at(12) + "\"/>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n"
           "<fcpxml version=\"1.10\"><resources>\n"
           "<format id=\"r1\" frameDuration=\"1/24s\" width=\"64\" height=\"36\"/>\n" +
           assets +
           "</resources><library><event name=\"Day 1\"><project name=\"Conform test\">\n"
           "<sequence format=\"r1\" tcStart=\"" +
           at(864000) + "\" tcFormat=\"NDF\"><spine>\n" + spine +
           "</spine></sequence></project></event></library></fcpxml>\n";
}

Json rational(long value) {
    return {{"OTIO_SCHEMA", "RationalTime.1"}, {"rate", 24.0}, {"value", double(value)}};
}

std::string otio() {
    Json clips = Json::array();
    for (int i = 0; i < 4; ++i) {
        const long clipStart = long(i + 1) * 3600 * 24;
        clips.push_back(
            {{"OTIO_SCHEMA", "Clip.2"},
             {"name", kNames[i]},
             {"source_range",
              {{"OTIO_SCHEMA", "TimeRange.1"},
               {"start_time", rational(clipStart + 12)},
               {"duration", rational(12)}}},
             {"metadata", {{"cmx_3600", {{"reel", kReels[i]}}}}},
             {"media_references",
              {{"DEFAULT_MEDIA", {{"OTIO_SCHEMA", "MissingReference.1"}, {"name", ""}}}}},
             {"active_media_reference_key", "DEFAULT_MEDIA"}});
    }
    const Json doc = {{"OTIO_SCHEMA", "Timeline.1"},
                      {"name", "Conform test"},
                      {"global_start_time", rational(864000)},
                      {"tracks",
                       {{"OTIO_SCHEMA", "Stack.1"},
                        {"children", Json::array({{{"OTIO_SCHEMA", "Track.1"},
                                                   {"name", "V1"},
                                                   {"kind", "Video"},
                                                   {"children", clips}}})}}}};
    return doc.dump(2);
}

class ConformCommand : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir();
        generated = new CommandResult(runEmulsion("generate -q --out " + quotePath(*dir / "gen") +
                                                  " --size 64x36 --frames 48 --rate 24"));
        writeText(*dir / "cut.edl", edl());
        writeText(*dir / "cut.fcpxml", fcpxml());
        writeText(*dir / "cut.otio", otio());
    }
    static void TearDownTestSuite() {
        delete generated;
        delete dir;
    }
    void SetUp() override { ASSERT_EQ(generated->exitCode, 0) << generated->output; }

    // A copy of the generated originals to damage.
    static fs::path copyOfOriginals(const std::string& name) {
        const fs::path copy = *dir / name;
        fs::copy(*dir / "gen", copy, fs::copy_options::recursive);
        return copy;
    }

    // `conform CUT --json` against `media`; stderr is left out so stdout parses.
    static Json conformJson(const std::string& cut, const fs::path& media,
                            const std::string& extra = "") {
        const CommandResult r =
            runEmulsion("conform " + quotePath(*dir / cut) + " --rate 24 --handles 4 --media " +
                        quotePath(media) + " --json " + extra + " 2>/dev/null");
        EXPECT_EQ(r.exitCode, 0) << r.output;
        try {
            return Json::parse(r.output);
        } catch (const Json::exception& e) {
            ADD_FAILURE() << e.what() << "\n" << r.output;
            return Json::object();
        }
    }

    // The clips of V1 in record order.
    static std::vector<Json> clipsOf(const Json& j) {
        std::vector<Json> clips;
        for (const Json& item : j.at("tracks").at(0).at("items"))
            if (item.at("type") == "clip") clips.push_back(item);
        return clips;
    }

    static TempDir* dir;
    static CommandResult* generated;
};
TempDir* ConformCommand::dir = nullptr;
CommandResult* ConformCommand::generated = nullptr;

TEST_F(ConformCommand, EdlEventsAllMatchWithTheDocumentedShape) {
    const Json j = conformJson("cut.edl", *dir / "gen");
    EXPECT_EQ(j.at("format"), "edl");
    EXPECT_EQ(j.at("rate"), "24/1");
    EXPECT_EQ(j.at("title"), "CONFORM <TEST> & CO");
    ASSERT_EQ(j.at("tracks").size(), 1u);
    EXPECT_EQ(j["tracks"][0].at("kind"), "video");
    EXPECT_EQ(j["tracks"][0].at("name"), "V1");
    const std::vector<Json> clips = clipsOf(j);
    ASSERT_EQ(clips.size(), 4u);
    for (int i = 0; i < 4; ++i) {
        const Json& c = clips[i];
        const std::string hour = "0" + std::to_string(i + 1);
        EXPECT_EQ(c.at("event"), i + 1);
        EXPECT_EQ(c.at("name"), kNames[i]);
        EXPECT_EQ(c.at("reel"), kReels[i]);
        EXPECT_EQ(c.at("source_in"), hour + ":00:00:12");
        EXPECT_EQ(c.at("source_out"), hour + ":00:01:00");
        EXPECT_EQ(c.at("speed"), 1.0);
        EXPECT_TRUE(c.at("markers").is_array());
        const Json& m = c.at("media");
        EXPECT_EQ(m.at("status"), "matched") << kNames[i];
        const std::string path = m.at("path").get<std::string>();
        EXPECT_NE(path.find(kNames[i]), std::string::npos) << path;
        EXPECT_TRUE(m.at("candidates").empty());
    }
    EXPECT_EQ(clips[0].at("record_in"), "10:00:00:00");
    EXPECT_EQ(clips[3].at("record_out"), "10:00:02:00");
    const Json& cdl = clips[0].at("cdl");
    ASSERT_TRUE(cdl.is_object());
    EXPECT_EQ(cdl.at("slope"), Json::array({1.1, 1.0, 0.9}));
    EXPECT_EQ(cdl.at("offset"), Json::array({0.01, 0.0, -0.02}));
    EXPECT_EQ(cdl.at("saturation"), 0.8);
    EXPECT_TRUE(clips[1].at("cdl").is_null());
    EXPECT_TRUE(j.at("warnings").is_array());
    EXPECT_EQ(
        j.at("summary"),
        (Json{{"events", 4}, {"matched", 4}, {"missing", 0}, {"ambiguous", 0}, {"short", 0}}));
}

TEST_F(ConformCommand, FcpxmlAndOtioConformLikeTheEdl) {
    const Json fromEdl = conformJson("cut.edl", *dir / "gen");
    for (const char* cut : {"cut.fcpxml", "cut.otio"}) {
        const Json j = conformJson(cut, *dir / "gen");
        EXPECT_EQ(j.value("summary", Json()), fromEdl.at("summary")) << cut;
        EXPECT_EQ(j.value("rate", ""), "24/1") << cut;
        const std::vector<Json> clips = clipsOf(j);
        ASSERT_EQ(clips.size(), 4u) << cut;
        for (int i = 0; i < 4; ++i) {
            for (const char* key : {"record_in", "record_out", "source_in", "source_out", "reel"})
                EXPECT_EQ(clips[i].at(key), clipsOf(fromEdl)[i].at(key)) << cut << " " << key;
            EXPECT_EQ(clips[i]["media"]["path"], clipsOf(fromEdl)[i]["media"]["path"]) << cut;
        }
    }
    EXPECT_EQ(conformJson("cut.fcpxml", *dir / "gen").value("format", ""), "fcpxml");
    EXPECT_EQ(conformJson("cut.otio", *dir / "gen").value("format", ""), "otio");
}

TEST_F(ConformCommand, RemovedOriginalIsMissingAndTheReportSaysSo) {
    const fs::path media = copyOfOriginals("without_d001");
    fs::remove(media / "D001C004.mov");
    const Json j = conformJson("cut.edl", media);
    const std::vector<Json> clips = clipsOf(j);
    ASSERT_EQ(clips.size(), 4u);
    EXPECT_EQ(clips[3]["media"]["status"], "missing");
    EXPECT_TRUE(clips[3]["media"]["path"].is_null());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(clips[i]["media"]["status"], "matched");
    EXPECT_EQ(j["summary"]["missing"], 1);
    EXPECT_EQ(j["summary"]["matched"], 3);

    const CommandResult text = runEmulsion("conform " + quotePath(*dir / "cut.edl") +
                                           " --rate 24 --media " + quotePath(media));
    EXPECT_EQ(text.exitCode, 0) << text.output;
    EXPECT_NE(text.output.find("004 V1   D001"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("missing"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("3 matched, 1 missing"), std::string::npos) << text.output;
}

TEST_F(ConformCommand, SequenceWithoutTheHandlesIsShort) {
    const fs::path media = copyOfOriginals("short_a001");
    // Keep frames 0-25 of A001: the cut wants 12-24 plus 4 frames of handles, up to 28.
    for (int f = 26; f < kFrames; ++f) {
        char name[64];
        std::snprintf(name, sizeof name, "A001C001_%07d.exr", 86400 + f);
        ASSERT_TRUE(fs::remove(media / "A001C001" / name)) << name;
    }
    const Json j = conformJson("cut.edl", media);
    const std::vector<Json> clips = clipsOf(j);
    ASSERT_EQ(clips.size(), 4u);
    EXPECT_EQ(clips[0]["media"]["status"], "short");
    EXPECT_NE(clips[0]["media"]["path"].get<std::string>().find("A001C001"), std::string::npos);
    EXPECT_EQ(j["summary"]["short"], 1);

    const CommandResult text = runEmulsion("conform " + quotePath(*dir / "cut.edl") +
                                           " --rate 24 --handles 4 --media " + quotePath(media));
    EXPECT_NE(text.output.find("2 frames short (head 0, tail 2)"), std::string::npos)
        << text.output;
    // Without handles the same media holds the cut.
    const CommandResult noHandles = runEmulsion("conform " + quotePath(*dir / "cut.edl") +
                                                " --rate 24 --json --media " + quotePath(media));
    EXPECT_EQ(Json::parse(noHandles.output)["summary"]["short"], 0) << noHandles.output;
}

TEST_F(ConformCommand, SameReelAndTimecodeTwiceIsAmbiguous) {
    const fs::path media = copyOfOriginals("twice_a001");
    fs::create_directories(media / "backup");
    fs::copy(media / "A001C001", media / "backup" / "A001C001", fs::copy_options::recursive);
    const Json j = conformJson("cut.edl", media);
    const std::vector<Json> clips = clipsOf(j);
    ASSERT_EQ(clips.size(), 4u);
    const Json& m = clips[0]["media"];
    EXPECT_EQ(m["status"], "ambiguous");
    EXPECT_TRUE(m["path"].is_null());
    ASSERT_EQ(m["candidates"].size(), 2u) << m;
    std::vector<std::string> candidates = m["candidates"];
    std::sort(candidates.begin(), candidates.end());
    EXPECT_EQ(fs::path(candidates[0]).parent_path(), media / "A001C001");
    EXPECT_EQ(fs::path(candidates[1]).parent_path(), media / "backup" / "A001C001");
    EXPECT_EQ(j["summary"]["ambiguous"], 1);
    EXPECT_EQ(j["summary"]["matched"], 3);
}

TEST_F(ConformCommand, HtmlReportIsWrittenWithEscapedText) {
    const fs::path report = *dir / "report.html";
    conformJson("cut.edl", *dir / "gen", "--report " + quotePath(report));
    const std::string html = readText(report);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("CONFORM &lt;TEST&gt; &amp; CO"), std::string::npos);
    EXPECT_EQ(html.find("<TEST>"), std::string::npos);
    EXPECT_NE(html.find("A001C001"), std::string::npos);
    EXPECT_NE(html.find("4 events: 4 matched"), std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);  // self-contained
}

TEST_F(ConformCommand, MalformedEdlFailsNamingFileAndLine) {
    writeText(*dir / "bad.edl", "TITLE: BAD\n\n001  A001  V  C  01:00:00:12 garbage\n");
    const CommandResult r = runEmulsion("conform " + quotePath(*dir / "bad.edl") +
                                        " --rate 24 --media " + quotePath(*dir / "gen"));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("bad.edl:3:"), std::string::npos) << r.output;
}

TEST_F(ConformCommand, DiffReportsTrimMoveRemovalAndNewShot) {
    // A001 loses two head frames, B001 goes, C001 moves up, D001 stays, a new A001 shot ends.
    writeText(*dir / "recut.edl",
              "TITLE: RECUT\nFCM: NON-DROP FRAME\n\n"
              "001  A001     V     C        01:00:00:14 01:00:01:00 10:00:00:00 10:00:00:10\n"
              "* FROM CLIP NAME: A001C001\n"
              "002  C001     V     C        03:00:00:12 03:00:01:00 10:00:00:10 10:00:00:22\n"
              "* FROM CLIP NAME: C001C003\n"
              "003  D001     V     C        04:00:00:12 04:00:01:00 10:00:01:12 10:00:02:00\n"
              "* FROM CLIP NAME: D001C004\n"
              "004  A001     V     C        01:00:01:12 01:00:01:20 10:00:02:00 10:00:02:08\n"
              "* FROM CLIP NAME: A001C001\n");
    const CommandResult r = runEmulsion("conform diff " + quotePath(*dir / "cut.edl") + " " +
                                        quotePath(*dir / "recut.edl") + " --rate 24 --json");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const Json j = Json::parse(r.output);
    EXPECT_EQ(j.at("summary"), (Json{{"unchanged", 1},
                                     {"trimmed", 1},
                                     {"extended", 0},
                                     {"moved", 1},
                                     {"new", 1},
                                     {"removed", 1}}));
    std::map<std::string, Json> byKind;
    for (const Json& s : j.at("shots")) byKind[s.at("kind")] = s;
    EXPECT_EQ(byKind["trimmed"]["media"], "A001");
    EXPECT_EQ(byKind["trimmed"]["head_frames"], -2);
    EXPECT_EQ(byKind["trimmed"]["tail_frames"], 0);
    EXPECT_EQ(byKind["moved"]["media"], "C001");
    EXPECT_EQ(byKind["moved"]["record_offset"], -14);
    EXPECT_EQ(byKind["unchanged"]["media"], "D001");
    EXPECT_EQ(byKind["new"]["media"], "A001");
    EXPECT_EQ(byKind["new"]["exposed_frames"], 8);
    EXPECT_TRUE(byKind["new"]["old"].is_null());
    EXPECT_EQ(byKind["removed"]["media"], "B001");
    EXPECT_TRUE(byKind["removed"]["new"].is_null());

    const CommandResult text = runEmulsion("conform diff " + quotePath(*dir / "cut.edl") + " " +
                                           quotePath(*dir / "recut.edl") + " --rate 24");
    EXPECT_NE(text.output.find("head -2"), std::string::npos) << text.output;
    EXPECT_NE(text.output.find("1 unchanged, 1 trimmed, 0 extended, 1 moved, 1 new, 1 removed"),
              std::string::npos)
        << text.output;
}

// --project stores the conformed timeline and one shot per picture clip; conforming the same
// cut again finds the same shots (their grade keys are media + source frames), so nothing new.
TEST_F(ConformCommand, ProjectKeepsTheTimelineAndTheSameShotsOnReconform) {
    const fs::path project = *dir / "conform.emulsion";
    const std::string command = "conform " + quotePath(*dir / "cut.edl") + " --rate 24 --media " +
                                quotePath(*dir / "gen") + " --project " + quotePath(project);
    const CommandResult first = runEmulsion(command);
    ASSERT_EQ(first.exitCode, 0) << first.output;
    EXPECT_NE(first.output.find("timeline 'CONFORM <TEST> & CO', 4 shots (4 new)"),
              std::string::npos)
        << first.output;
    const CommandResult second = runEmulsion(command);
    ASSERT_EQ(second.exitCode, 0) << second.output;
    EXPECT_NE(second.output.find("4 shots (0 new)"), std::string::npos) << second.output;

    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    EXPECT_TRUE(opened->checkIntegrity().isOk());
    auto names = opened->timelineNames();
    ASSERT_TRUE(names.isOk());
    EXPECT_EQ(*names, std::vector<std::string>{"CONFORM <TEST> & CO"});
    auto stored = opened->loadTimeline("CONFORM <TEST> & CO");
    ASSERT_TRUE(stored.isOk()) << stored.status().message();
    EXPECT_EQ(stored->rate, (timeline::Rate{24, 1}));
    auto shots = opened->shots();
    ASSERT_TRUE(shots.isOk());
    EXPECT_EQ(shots->size(), 4u);

    // A file that is not a project is refused and left as it was.
    std::ofstream(*dir / "notes.txt") << "not a project";
    const CommandResult refused =
        runEmulsion("conform " + quotePath(*dir / "cut.edl") + " --rate 24 --media " +
                    quotePath(*dir / "gen") + " --project " + quotePath(*dir / "notes.txt"));
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_NE(refused.output.find("notes.txt"), std::string::npos) << refused.output;
    std::ifstream in(*dir / "notes.txt");
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "not a project");
}

// A recut conformed into a graded project: the trimmed and moved shots take the grade of the
// shot whose source frames they overlap, the unchanged one keeps its own, and the new shot
// (frames of A001 nobody graded) is reported without a grade.
TEST_F(ConformCommand, RecutInAProjectKeepsTheSurvivingShotsGrades) {
    const fs::path project = *dir / "recut.emulsion";
    const std::string media =
        " --rate 24 --media " + quotePath(*dir / "gen") + " --project " + quotePath(project);
    const CommandResult first = runEmulsion("conform " + quotePath(*dir / "cut.edl") + media);
    ASSERT_EQ(first.exitCode, 0) << first.output;
    std::map<std::string, std::string> lookOf;  // media identity -> grade JSON
    {
        auto p = timeline::Project::open(project);
        ASSERT_TRUE(p.isOk()) << p.status().message();
        auto shots = p->shots();
        ASSERT_TRUE(shots.isOk());
        ASSERT_EQ(shots->size(), 4u);
        for (const timeline::Shot& shot : *shots) {
            lookOf[shot.mediaIdentity] = "{\"look\": \"" + shot.mediaIdentity + "\"}";
            ASSERT_TRUE(p->setGrade(shot.id, 1, lookOf[shot.mediaIdentity]).isOk());
        }
    }
    writeText(*dir / "recut2.edl",
              "TITLE: RECUT\nFCM: NON-DROP FRAME\n\n"
              "001  A001     V     C        01:00:00:14 01:00:01:00 10:00:00:00 10:00:00:10\n"
              "* FROM CLIP NAME: A001C001\n"
              "002  C001     V     C        03:00:00:12 03:00:01:00 10:00:00:10 10:00:00:22\n"
              "* FROM CLIP NAME: C001C003\n"
              "003  D001     V     C        04:00:00:12 04:00:01:00 10:00:01:12 10:00:02:00\n"
              "* FROM CLIP NAME: D001C004\n"
              "004  A001     V     C        01:00:01:12 01:00:01:20 10:00:02:00 10:00:02:08\n"
              "* FROM CLIP NAME: A001C001\n");
    const CommandResult recut = runEmulsion("conform " + quotePath(*dir / "recut2.edl") + media);
    ASSERT_EQ(recut.exitCode, 0) << recut.output;
    EXPECT_NE(recut.output.find("4 shots (2 new), 1 grades carried over from overlapping shots, "
                                "1 without a grade"),
              std::string::npos)
        << recut.output;

    auto p = timeline::Project::open(project);
    ASSERT_TRUE(p.isOk());
    auto shots = p->shots();
    ASSERT_TRUE(shots.isOk());
    int graded = 0, ungraded = 0;
    for (const timeline::Shot& shot : *shots) {
        if (!shot.activeVersion) {
            ++ungraded;
            continue;
        }
        auto g = p->grade(shot.id, *shot.activeVersion);
        ASSERT_TRUE(g.isOk());
        EXPECT_EQ(g->gradeJson, lookOf[shot.mediaIdentity]) << shot.mediaIdentity;
        ++graded;
    }
    EXPECT_EQ(graded, 5);    // the four of the first cut, and A001 trimmed
    EXPECT_EQ(ungraded, 1);  // the new A001 shot
}

}  // namespace
}  // namespace emu::test
