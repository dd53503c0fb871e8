#include "Thumbnails.h"

#include <algorithm>
#include <cstdio>

#include "emulsion/graph/GradeJson.h"

namespace emu::station {

namespace {

// How long the state must rest before thumbnails follow it: longer than the gap between two
// frames of a drag, short enough to feel immediate once the hand lets go.
constexpr std::chrono::milliseconds kQuiet{300};

}  // namespace

bool Thumbnails::take(StationState& state, RenderWorker& worker) {
    std::vector<Thumbnail> done = worker.takeThumbnails();
    for (Thumbnail& t : done) state.thumbnails[t.shot] = std::move(t);
    return !done.empty();
}

void Thumbnails::update(StationState& state, RenderWorker& worker) {
    if (state.serial == m_checkedSerial) return;
    if (std::chrono::steady_clock::now() - state.changedAt < kQuiet) return;
    m_checkedSerial = state.serial;
    std::vector<ThumbnailRequest> wanted;
    for (const ShotEntry& shot : state.session.shots()) {
        Result<graph::Grade> grade = state.session.activeGrade(shot.id);
        if (!grade.isOk()) {
            m_log.warning("thumbnail of shot " + std::to_string(shot.number) + ": " +
                          grade.status().message());
            continue;
        }
        ThumbnailRequest r;
        r.shot = shot.id;
        r.serial = state.serial;
        r.mediaPath = shot.mediaPath;
        r.frame = shot.mediaFrame;
        r.inputSpace = state.inputSpaceOf(shot.id);
        r.display = state.view.display;
        r.view = state.view.view;
        r.key = std::hash<std::string>{}(graph::gradeToJson(*grade) + "|" + r.inputSpace + "|" +
                                         r.display + "|" + r.view + "|" + r.mediaPath + "#" +
                                         std::to_string(r.frame));
        r.grade = std::move(grade).value();
        const auto have = state.thumbnails.find(shot.id);
        const bool shown = have != state.thumbnails.end() && have->second.key == r.key;
        const auto posted = m_posted.find(shot.id);
        if (shown || (posted != m_posted.end() && posted->second == r.key)) continue;
        m_posted[shot.id] = r.key;
        wanted.push_back(std::move(r));
    }
    if (!wanted.empty()) worker.postThumbnails(std::move(wanted));
}

bool Thumbnails::current(const StationState& state, const RenderWorker& worker) const {
    if (state.serial != m_checkedSerial || !worker.thumbnailsIdle() || worker.hasThumbnails()) {
        return false;
    }
    return std::all_of(m_posted.begin(), m_posted.end(), [&](const auto& posted) {
        const auto have = state.thumbnails.find(posted.first);
        return have != state.thumbnails.end() && have->second.key == posted.second;
    });
}

void Thumbnails::logPlacements(const std::vector<ThumbnailPlacement>& placements) {
    std::vector<std::string> lines;
    for (const ThumbnailPlacement& p : placements) {
        const Blit& b = p.blit;
        const int x0 = std::max(b.x, b.clip.x0), y0 = std::max(b.y, b.clip.y0);
        const int x1 = std::min(b.x + b.picture->width, b.clip.x1);
        const int y1 = std::min(b.y + b.picture->height, b.clip.y1);
        char line[160];
        std::snprintf(line, sizeof line, "thumbnail shot %d at %d,%d %dx%d, visible %d,%d %dx%d",
                      p.shotNumber, b.x, b.y, b.picture->width, b.picture->height, x0, y0,
                      std::max(0, x1 - x0), std::max(0, y1 - y0));
        lines.push_back(line);
    }
    if (lines == m_placed) return;
    m_placed = lines;
    for (const std::string& line : lines) m_log.info(line);
}

Status Thumbnails::writeImages(const StationState& state,
                               const std::filesystem::path& folder) const {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return makeError(ErrorCode::IoError, folder.string() + ": " + ec.message());
    for (const ShotEntry& shot : state.session.shots()) {
        const auto t = state.thumbnails.find(shot.id);
        if (t == state.thumbnails.end() || t->second.picture.empty()) continue;
        EMU_RETURN_IF_ERROR(writePicture(folder / ("shot-" + std::to_string(shot.number) + ".png"),
                                         t->second.picture));
    }
    return Status::ok();
}

}  // namespace emu::station
