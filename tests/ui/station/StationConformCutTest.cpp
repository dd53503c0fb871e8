// The media/conform page conforms an edit list into the project with the command's own code: a
// recut of the demo becomes a timeline of its own, the station shows it, and its shots keep the
// grades of the same media. Bad input stores nothing and fails the script naming the file.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/timeline/Project.h"
#include "emulsion/timeline/TimelineJson.h"

namespace emu::test {
namespace {

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Event `number` of an EDL ("003  C001  V  C  SRCIN SRCOUT RECIN RECOUT" and its clip name
// comment), renumbered `event` and with its four time codes replaced.
std::string recutEvent(const std::string& edl, const std::string& number, const std::string& event,
                       const std::string& timecodes) {
    const std::size_t at = edl.find("\n" + number + "  ");
    if (at == std::string::npos) return "";
    const std::size_t end = edl.find('\n', at + 1);
    const std::string line = edl.substr(at + 1, end - at - 1);
    const std::size_t comment = edl.find('\n', end + 1);
    const std::size_t firstTc = line.find(':') - 2;  // the source in's hours
    return event + line.substr(3, firstTc - 3) + timecodes + "\n" +
           edl.substr(end + 1, comment - end - 1) + "\n\n";
}

// What a conform must not touch: every timeline's JSON and every shot's active grade JSON.
struct Stored {
    std::map<std::string, std::string> timelines;
    std::map<timeline::ShotId, timeline::Shot> shots;
    std::map<timeline::ShotId, std::string> grades;
};

Stored storedIn(const std::filesystem::path& path) {
    Stored out;
    auto project = timeline::Project::open(path);
    EXPECT_TRUE(project.isOk()) << project.status().message();
    if (!project.isOk()) return out;
    const std::vector<std::string> names = project->timelineNames().value();
    const std::vector<timeline::Shot> shots = project->shots().value();
    for (const std::string& name : names) {
        out.timelines[name] = timeline::timelineToJson(project->loadTimeline(name).value());
    }
    for (const timeline::Shot& shot : shots) {
        out.shots[shot.id] = shot;
        if (shot.activeVersion) {
            out.grades[shot.id] = project->grade(shot.id, *shot.activeVersion).value().gradeJson;
        }
    }
    return out;
}

const timeline::Shot* shotNamed(const Stored& s, const std::string& name, timeline::Frames frames) {
    for (const auto& [id, shot] : s.shots) {
        if (shot.name == name && shot.source.duration == frames) return &shot;
    }
    return nullptr;
}

TEST(StationConform, ConformsARecutIntoTheProjectAndShowsIt) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    // The recut: C001 trimmed by two frames at its head, then B001 as it was; A001 and D001 out.
    const std::string edl = readText(dir / "demo" / "cut.edl");
    const std::string recut =
        "TITLE: RECUT\nFCM: NON-DROP FRAME\n\n" +
        recutEvent(edl, "003", "001", "03:00:00:08 03:00:00:18 01:00:00:00 01:00:00:10") +
        recutEvent(edl, "002", "002", "02:00:00:06 02:00:00:18 01:00:00:10 01:00:00:22");
    ASSERT_NE(recut.find("C001C003"), std::string::npos) << recut;
    ASSERT_NE(recut.find("B001C002"), std::string::npos) << recut;
    writeText(dir / "recut.edl", recut);
    // C001's grade is changed in the station first: the recut's trimmed C001 must carry it.
    writeText(dir / "conform.txt",
              "select-shot 3\nset-param 3 gain 1.2 1.1 1 1\nselect-shot 2\n"
              "conform recut.edl 24 " +
                  (dir / "demo" / "originals").string() + "\n");
    const Stored before = storedIn(project);
    CommandResult run = runStation(
        quotePath(project) + " --script " + quotePath(dir / "conform.txt") + " --log " +
        quotePath(dir / "station.log") + " --thumbnail-images " + quotePath(dir / "thumbs"));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const Stored after = storedIn(project);

    // The recut is a timeline of its own; the graded cut is as it was.
    ASSERT_TRUE(after.timelines.count("RECUT"));
    EXPECT_EQ(after.timelines.at("EMULSION DEMO CUT"), before.timelines.at("EMULSION DEMO CUT"));
    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk());
    const timeline::Timeline cut = opened->loadTimeline("RECUT").value();
    std::vector<std::string> names;
    for (const timeline::Item& item : cut.tracks.at(0).items) {
        if (const auto* clip = std::get_if<timeline::Clip>(&item)) names.push_back(clip->name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"C001C003", "B001C002"}));

    // B001 is the same shot with the same grade; the trimmed C001 is a new shot carrying the
    // grade edited in the station.
    const timeline::Shot* b = shotNamed(after, "B001C002", 12);
    const timeline::Shot* oldC = shotNamed(after, "C001C003", 12);
    const timeline::Shot* newC = shotNamed(after, "C001C003", 10);
    ASSERT_TRUE(b && oldC && newC);
    EXPECT_EQ(after.shots.size(), before.shots.size() + 1);
    EXPECT_EQ(after.grades.at(b->id), before.grades.at(b->id));
    EXPECT_NE(after.grades.at(oldC->id), before.grades.at(oldC->id)) << "edited in the station";
    EXPECT_EQ(after.grades.at(newC->id), after.grades.at(oldC->id));

    // The report, as the command prints it, and the station showing the recut with B001 kept.
    const std::string log = readText(dir / "station.log");
    EXPECT_NE(log.find("conform: 001 V1"), std::string::npos) << log;
    EXPECT_NE(log.find("conform: 002 V1"), std::string::npos) << log;
    EXPECT_NE(log.find("timeline 'RECUT', 2 shots (1 new), 1 grades carried over"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("showing timeline 'RECUT', 2 shots, shot 2 (B001C002) selected"),
              std::string::npos)
        << log;
    EXPECT_TRUE(std::filesystem::exists(dir / "thumbs" / "shot-2.png"));
    EXPECT_FALSE(std::filesystem::exists(dir / "thumbs" / "shot-3.png")) << "the old cut's";
    for (std::size_t at = log.find("conform: "); at != std::string::npos;
         at = log.find("conform: ", at + 1)) {
        std::printf("%s\n", log.substr(at, log.find('\n', at) - at).c_str());
    }
}

TEST(StationConform, BadInputNamesTheFileAndChangesNothing) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    const std::string edl = readText(dir / "demo" / "cut.edl");
    std::string bad = edl;
    bad.replace(bad.find("02:00:00:18"), 11, "02:00:0x:18");
    writeText(dir / "bad.edl", bad);
    const Stored before = storedIn(project);
    const std::string originals = (dir / "demo" / "originals").string();
    struct Case {
        std::string action;
        std::string named;  // what the error must name
    };
    for (const Case& c : {Case{"conform bad.edl 24 " + originals, "bad.edl:7"},
                          Case{"conform missing.edl 24 " + originals, "missing.edl"},
                          Case{"conform " + (dir / "demo" / "cut.edl").string() + " 24 " +
                                   (dir / "nowhere").string(),
                               "nowhere"}}) {
        writeText(dir / "conform.txt", c.action + "\nselect-shot 2\n");
        CommandResult run =
            runStation(quotePath(project) + " --script " + quotePath(dir / "conform.txt"));
        EXPECT_NE(run.exitCode, 0) << c.action;
        EXPECT_NE(run.output.find(c.named), std::string::npos) << run.output;
        if (const std::size_t e = run.output.find("error: "); e != std::string::npos) {
            std::printf("%s\n", run.output.substr(e, run.output.find('\n', e) - e).c_str());
        }
        const Stored after = storedIn(project);
        EXPECT_EQ(after.timelines, before.timelines) << c.action;
        EXPECT_EQ(after.grades, before.grades) << c.action;
        EXPECT_EQ(after.shots.size(), before.shots.size()) << c.action;
    }
}

}  // namespace
}  // namespace emu::test
