// The station keeps drawing while a render job runs and while shots' media loads: the job is
// queued from a script, shots are switched meanwhile (camera raw and a movie decoded for the
// first time), and the log records every frame's time.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/timeline/Project.h"

namespace emu::test {
namespace {

TEST(StationFrameTimes, KeepsDrawingWhileMediaLoadsAndARenderJobRuns) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    const std::filesystem::path project = makeDemoProject(dir.path());
    ASSERT_FALSE(project.empty());
    writeText(dir / "job.txt",
              "render-job exr-half-piz\n"
              "select-shot 3\n"
              "select-shot 4\n"
              "select-shot 2\n");
    CommandResult run = runStation(quotePath(project) + " --script " + quotePath(dir / "job.txt") +
                                   " --log " + quotePath(dir / "station.log"));
    ASSERT_EQ(run.exitCode, 0) << run.output;

    // The job: the timeline's 48 frames rendered by the mastering renderer, done in the project.
    auto opened = timeline::Project::open(project);
    ASSERT_TRUE(opened.isOk());
    auto jobs = opened->renderJobs();
    ASSERT_TRUE(jobs.isOk());
    ASSERT_EQ(jobs->size(), 1u);
    EXPECT_EQ(jobs->front().status, timeline::RenderJob::Status::Done);
    EXPECT_EQ(jobs->front().preset, "exr-half-piz");
    const std::filesystem::path out =
        dir / "demo" / "demo.emulsion.renders" / "EMULSION_DEMO_CUT_exr-half-piz";
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(out)) {
        files += e.path().extension() == ".exr";
    }
    EXPECT_EQ(files, 48);
    auto frame = media::readExr(out / "EMULSION_DEMO_CUT_exr-half-piz.0086424.exr");
    ASSERT_TRUE(frame.isOk()) << frame.status().message();
    EXPECT_EQ(frame->image.width(), 256);
    EXPECT_EQ(frame->image.height(), 144);

    // Frames kept coming while the job ran and while media loaded; none waited on either (a
    // frame waiting for the job or a decode would take most of a second on this machine).
    std::ifstream log(dir / "station.log");
    const std::regex line(R"(^frame \d+ ([0-9.]+) ms(.*)$)");
    int duringJob = 0, duringLoad = 0;
    double worst = 0;
    for (std::string text; std::getline(log, text);) {
        std::smatch m;
        if (!std::regex_match(text, m, line)) continue;
        const double ms = std::stod(m[1]);
        if (m[2].str().find("render job running") != std::string::npos) {
            ++duringJob;
            worst = std::max(worst, ms);
        }
        if (m[2].str().find("media loading") != std::string::npos) {
            ++duringLoad;
            worst = std::max(worst, ms);
        }
    }
    EXPECT_GE(duringJob, 10);
    EXPECT_GE(duringLoad, 2);
    EXPECT_LT(worst, 400.0);
    EXPECT_NE(run.output.find("while a render job runs max"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace emu::test
