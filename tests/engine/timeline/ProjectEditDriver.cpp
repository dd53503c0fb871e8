// Opens a project and performs the scripted edits of EditScript.h, continuing after the
// last one the project holds, and prints each edit's number (flushed) once it is committed.
// The crash test kills this process at random moments.
//
// Usage: project_edit_driver PROJECT COUNT [nosync]   (nosync: Project::syncEachCommit(false))

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "EditScript.h"
#include "emulsion/timeline/Project.h"

using namespace emu::timeline;

namespace {

int fail(const emu::Status& status) {
    std::fprintf(stderr, "project_edit_driver: %s\n", status.message().c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 4 && std::string(argv[3]) == "nosync")) {
        std::fprintf(stderr, "usage: project_edit_driver PROJECT COUNT [nosync]\n");
        return 2;
    }
    auto opened = Project::open(argv[1]);
    if (!opened) return fail(opened.status());
    Project project = std::move(opened).value();
    if (argc == 4) {
        if (const emu::Status s = project.syncEachCommit(false); !s) return fail(s);
    }
    std::vector<ShotId> shots;
    for (int i = 0; i < test::kScriptShots; ++i) {
        auto shot = project.shotFor(test::scriptMediaIdentity(i), {0, 100});
        if (!shot) return fail(shot.status());
        shots.push_back(*shot);
    }
    auto done = project.undoPointer();
    if (!done) return fail(done.status());
    const long count = std::atol(argv[2]);
    for (std::int64_t edit = *done + 1; edit <= *done + count; ++edit) {
        const emu::Status s = project.setGrade(shots[std::size_t(test::shotIndexFor(edit))],
                                               test::versionFor(edit), test::gradeFor(edit));
        if (!s) return fail(s);
        std::printf("%lld\n", static_cast<long long>(edit));
        std::fflush(stdout);
    }
    return 0;
}
