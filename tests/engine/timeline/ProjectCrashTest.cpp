// kill -9 at random moments during scripted edits: the project always opens, passes
// PRAGMA integrity_check, has lost at most the edit in progress, and undo still works.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "EditScript.h"
#include "TempDir.h"
#include "emulsion/timeline/Project.h"

namespace emu::timeline {
namespace {

namespace fs = std::filesystem;
using test::gradeFor;
using test::shotIndexFor;
using test::versionFor;

// One run of the editing process: it is killed with SIGKILL after printing `linesBeforeKill`
// edits and a further `extraDelayUs`, or `extraDelayUs` after starting when linesBeforeKill
// is 0 (inside opening or creating the project). Returns the last edit number it printed, 0
// when none.
struct RunResult {
    std::int64_t lastPrinted = 0;
    int printed = 0;
    bool killed = false;
};

RunResult runAndKill(const fs::path& project, int linesBeforeKill, int extraDelayUs, bool sync) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(EMU_PROJECT_EDIT_DRIVER, EMU_PROJECT_EDIT_DRIVER, project.c_str(), "100000",
              sync ? static_cast<char*>(nullptr) : "nosync", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    RunResult result;
    std::string pending;
    auto consume = [&](const char* data, ssize_t n) {
        pending.append(data, std::size_t(n));
        for (std::size_t eol; (eol = pending.find('\n')) != std::string::npos;) {
            result.lastPrinted = std::stoll(pending.substr(0, eol));
            ++result.printed;
            pending.erase(0, eol + 1);
        }
    };
    char buffer[4096];
    while (result.printed < linesBeforeKill) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n <= 0) break;  // the process ended on its own: reported through its status
        consume(buffer, n);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(extraDelayUs));
    kill(pid, SIGKILL);
    // What it printed before dying is still in the pipe.
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) consume(buffer, n);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    return result;
}

// The grade a (shot, version) had after `edit`, or "" when no edit up to then wrote it.
std::string expectedGradeAfter(std::int64_t edit, int shotIndex, int version) {
    for (std::int64_t k = edit; k >= 1; --k) {
        if (shotIndexFor(k) == shotIndex && versionFor(k) == version) return gradeFor(k);
    }
    return "";
}

std::string gradeOf(Project& p, int shotIndex, int version) {
    auto shot = p.shotFor(test::scriptMediaIdentity(shotIndex), {0, 100});
    EXPECT_TRUE(shot.isOk()) << shot.status().message();
    auto grade = p.grade(*shot, version);
    return grade.isOk() ? grade->gradeJson : "";
}

// `sync`: each commit waits for the disk (Project's default) or not (syncEachCommit(false), as
// the station runs): a killed process loses the same either way.
void killedEditorLosesAtMostTheEditInProgress(bool sync) {
    emu::test::TempDir dir;
    const fs::path path = dir / "crash.emproj";
    std::mt19937 random(20261124);
    constexpr std::int64_t kEdits = 500;
    std::int64_t committed = 0;  // edits the project held at the last check
    int runs = 0, kills = 0, unprinted = 0;
    while ((committed < kEdits || kills < 10) && runs < 200) {
        ++runs;
        // Every fifth run dies while opening (or creating) the project; the rest after a
        // random number of edits plus a random fraction of the next one.
        const bool early = runs % 5 == 1;
        const int lines = early ? 0 : std::uniform_int_distribution<int>(5, 60)(random);
        const int delayUs = std::uniform_int_distribution<int>(0, early ? 20000 : 8000)(random);
        const RunResult run = runAndKill(path, lines, delayUs, sync);
        ASSERT_TRUE(run.killed) << "the editor ended by itself in run " << runs;
        ++kills;
        const std::int64_t printed = std::max(committed, run.lastPrinted);

        if (!fs::exists(path)) continue;  // killed before the new project was renamed in
        auto opened = Project::open(path);
        ASSERT_TRUE(opened.isOk()) << "run " << runs << ": " << opened.status().message();
        Project& p = *opened;
        ASSERT_TRUE(p.checkIntegrity().isOk()) << p.checkIntegrity().message();
        const std::int64_t held = *p.undoPointer();
        // Every printed edit is there; at most one more (committed, killed before printing).
        ASSERT_GE(held, printed) << "run " << runs;
        ASSERT_LE(held, printed + 1) << "run " << runs;
        ASSERT_EQ(std::int64_t(p.commandLog()->size()), held);
        unprinted += held == printed + 1;
        if (held > 0) {
            ASSERT_EQ(gradeOf(p, shotIndexFor(held), versionFor(held)), gradeFor(held));
        }
        committed = held;
    }
    EXPECT_GE(committed, kEdits);
    EXPECT_GE(kills, 10);
    std::printf("%d runs killed, %lld edits committed, %d killed between a commit and its print\n",
                kills, static_cast<long long>(committed), unprinted);

    // Undo history survives: undo the last ten edits one reopening at a time, then redo them.
    for (int i = 0; i < 10; ++i) {
        Project p = std::move(Project::open(path)).value();
        const std::int64_t edit = *p.undoPointer();
        ASSERT_TRUE(*p.undo());
        EXPECT_EQ(gradeOf(p, shotIndexFor(edit), versionFor(edit)),
                  expectedGradeAfter(edit - 1, shotIndexFor(edit), versionFor(edit)));
    }
    Project p = std::move(Project::open(path)).value();
    EXPECT_EQ(*p.undoPointer(), committed - 10);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(*p.redo());
    for (int shot = 0; shot < test::kScriptShots; ++shot) {
        for (int version = 1; version <= 3; ++version) {
            EXPECT_EQ(gradeOf(p, shot, version), expectedGradeAfter(committed, shot, version));
        }
    }
    EXPECT_TRUE(p.checkIntegrity().isOk());
}

TEST(ProjectCrash, KilledEditorLosesAtMostTheEditInProgress) {
    killedEditorLosesAtMostTheEditInProgress(true);
}

TEST(ProjectCrash, KilledEditorWithoutDiskWaitsLosesAtMostTheEditInProgress) {
    killedEditorLosesAtMostTheEditInProgress(false);
}

}  // namespace
}  // namespace emu::timeline
