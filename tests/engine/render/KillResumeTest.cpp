// `emulsion render` killed (SIGKILL) at 20 seeded moments and resumed each time must end with
// exactly the files of an uninterrupted render: same names, same bytes, no frame missing or
// doubled, no temporary left behind.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "RenderTestMedia.h"
#include "Shell.h"
#include "TempDir.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"
#include "emulsion/timeline/Project.h"

namespace emu::render {
namespace {

constexpr const char* kPreset = "aces-archival-master";
constexpr const char* kOutputName = "RENDER_TEST_aces-archival-master";

std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

int lineCount(const std::filesystem::path& file) {
    const std::string text = readAll(file);
    return int(std::count(text.begin(), text.end(), '\n'));
}

// Every file under `dir`, by path relative to it, with its bytes.
std::map<std::string, std::string> filesUnder(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) {
            files[std::filesystem::relative(e.path(), dir).string()] = readAll(e.path());
        }
    }
    return files;
}

// The journal's entries (after its settings line), by file name.
std::map<std::string, std::string> journalOf(const std::filesystem::path& dir) {
    std::map<std::string, std::string> entries;
    std::ifstream in(dir / (std::string(".") + kOutputName + ".journal"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) entries[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return entries;
}

pid_t spawnRender(const std::filesystem::path& project, const std::filesystem::path& out,
                  bool resume, const std::filesystem::path& log, const std::string& range = "") {
    std::vector<std::string> args = {EMULSION_BINARY, "render", project.string(), "--preset",
                                     kPreset,         "--out",  out.string(),     "-q"};
    if (resume) args.push_back("--resume");
    if (!range.empty()) {
        args.push_back("--range");
        args.push_back(range);
    }
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

class KillResumeTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto a = test::writeExrOriginal(dir / "originals", "A001", 48, 26, 40, 0.0f);
        const auto b = test::writeExrOriginal(dir / "originals", "B001", 48, 26, 40, 0.4f);
        timeline::Transition dissolve;
        dissolve.inOffset = 3;
        dissolve.outOffset = 3;
        timeline::Track v1{timeline::Track::Kind::Video,
                           "V1",
                           {test::makeClip("A001", a, 86400, 4, 30), dissolve,
                            test::makeClip("B001", b, 86430, 4, 30)}};
        auto project = timeline::Project::open(projectFile);
        ASSERT_TRUE(project.isOk()) << project.status().message();
        ASSERT_TRUE(project->saveTimeline("RENDER TEST", test::makeTimeline({v1})).isOk());
        const graph::NodeRegistry registry = nodes::builtinRegistry();
        auto grade = nodes::typicalGrade(registry);
        ASSERT_TRUE(grade.isOk());
        auto shot = project->shotFor("A001", {86404, 30}, "A001");
        ASSERT_TRUE(shot.isOk());
        ASSERT_TRUE(project->setGrade(*shot, 1, graph::gradeToJson(*grade)).isOk());
    }

    test::TempDir dir;
    std::filesystem::path projectFile = dir / "test.emulsion";
};

TEST_F(KillResumeTest, TwentyKillsThenResumeEqualAnUninterruptedRender) {
    const std::filesystem::path reference = dir / "reference";
    const test::CommandResult whole =
        test::runCommand(std::string(EMULSION_BINARY) + " render " + test::quotePath(projectFile) +
                         " --preset " + kPreset + " --out " + test::quotePath(reference));
    ASSERT_EQ(whole.exitCode, 0) << whole.output;
    const auto expected = filesUnder(reference / kOutputName);
    ASSERT_EQ(expected.size(), 60u);

    const std::filesystem::path out = dir / "killed";
    const std::filesystem::path journal = out / (std::string(".") + kOutputName + ".journal");
    std::mt19937 random(20261124);
    int kills = 0;
    std::string killedAfter;  // frames journalled when each kill landed
    for (int attempt = 0; kills < 20 && attempt < 40; ++attempt) {
        // Kill once the journal holds 0 to 2 more frames, 0 to 3 ms later: mid-render,
        // mid-write, between a rename and its journal line.
        const int before = std::filesystem::exists(journal) ? lineCount(journal) : 0;
        const int target = before + int(random() % 3) + 1;
        const auto delay = std::chrono::microseconds(random() % 3000);
        const pid_t pid = spawnRender(projectFile, out, attempt > 0, dir / "log.txt");
        ASSERT_GT(pid, 0);
        int status = 0;
        bool exited = false;
        while (!exited) {
            if (waitpid(pid, &status, WNOHANG) == pid) {
                exited = true;
                break;
            }
            if (std::filesystem::exists(journal) && lineCount(journal) >= target) break;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        if (!exited) {
            std::this_thread::sleep_for(delay);
            kill(pid, SIGKILL);
            ASSERT_EQ(waitpid(pid, &status, 0), pid);
        }
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
            ++kills;
            killedAfter += " " + std::to_string(std::max(0, lineCount(journal) - 1));
        } else {
            ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << readAll(dir / "log.txt");
            break;  // it finished before the kill landed
        }
    }
    EXPECT_EQ(kills, 20);
    std::printf("killed with these frames journalled:%s\n", killedAfter.c_str());
    const test::CommandResult resumed =
        test::runCommand(std::string(EMULSION_BINARY) + " render " + test::quotePath(projectFile) +
                         " --preset " + kPreset + " --out " + test::quotePath(out) + " --resume");
    ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
    EXPECT_NE(resumed.output.find("QC passed: 60 of 60 frames, 0 missing, 0 stray files"),
              std::string::npos)
        << resumed.output;

    // The same 60 files with the same bytes: nothing missing, doubled or half-written.
    const auto got = filesUnder(out / kOutputName);
    EXPECT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected);
    // The journals agree frame by frame (same names, same content hashes).
    EXPECT_EQ(journalOf(out), journalOf(reference));
    EXPECT_EQ(journalOf(out).size(), 60u);
    for (const auto& e : std::filesystem::recursive_directory_iterator(out)) {
        EXPECT_EQ(e.path().filename().string().find(".part-"), std::string::npos)
            << "temporary left: " << e.path();
    }

    // A deleted and a damaged frame are the only ones a resume renders again.
    char name[128];
    std::snprintf(name, sizeof name, "%s.%07d.exr", kOutputName, 86410);
    std::filesystem::remove(out / kOutputName / name);
    std::snprintf(name, sizeof name, "%s.%07d.exr", kOutputName, 86431);
    std::ofstream(out / kOutputName / name, std::ios::binary | std::ios::trunc) << "damaged";
    const test::CommandResult repaired =
        test::runCommand(std::string(EMULSION_BINARY) + " render " + test::quotePath(projectFile) +
                         " --preset " + kPreset + " --out " + test::quotePath(out) + " --resume");
    ASSERT_EQ(repaired.exitCode, 0) << repaired.output;
    EXPECT_NE(repaired.output.find("2 rendered, 58 already done"), std::string::npos)
        << repaired.output;
    EXPECT_TRUE(filesUnder(out / kOutputName) == expected);
}

// Two ranges of one sequence rendered at once into one folder (as the tasks of a job array
// would) make the same files as one render of the whole.
TEST_F(KillResumeTest, RangesRenderedSideBySideMakeTheWholeSequence) {
    const std::filesystem::path reference = dir / "reference";
    const test::CommandResult whole =
        test::runCommand(std::string(EMULSION_BINARY) + " render " + test::quotePath(projectFile) +
                         " --preset " + kPreset + " --out " + test::quotePath(reference));
    ASSERT_EQ(whole.exitCode, 0) << whole.output;
    const std::filesystem::path out = dir / "split";
    const pid_t first = spawnRender(projectFile, out, false, dir / "log1.txt", "86400-86429");
    const pid_t second = spawnRender(projectFile, out, false, dir / "log2.txt", "86430-86459");
    int status = 0;
    ASSERT_EQ(waitpid(first, &status, 0), first);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << readAll(dir / "log1.txt");
    ASSERT_EQ(waitpid(second, &status, 0), second);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << readAll(dir / "log2.txt");
    EXPECT_TRUE(filesUnder(out / kOutputName) == filesUnder(reference / kOutputName));
}

}  // namespace
}  // namespace emu::render
