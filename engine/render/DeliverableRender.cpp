#include "emulsion/render/DeliverableRender.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <set>
#include <system_error>

#include "emulsion/render/DeliverableWriter.h"
#include "emulsion/render/RenderJournal.h"

namespace emu::render {

namespace {

using timeline::Frames;

// Removes the temporaries (".NAME....part-PID-N.ext", see core::AtomicFile) that renders which
// no longer run left behind; those of a live process (another range of the same deliverable
// rendering beside this one) stay.
void removeTemporaries(const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const auto part = name.find(".part-");
        if (name.rfind("." + prefix, 0) != 0 || part == std::string::npos) continue;
        const long pid = std::strtol(name.c_str() + part + 6, nullptr, 10);
        if (pid > 0 && pid != long(::getpid()) && ::kill(pid_t(pid), 0) == 0) continue;
        std::filesystem::remove(entry.path(), ec);
    }
}

void inspectPixels(const media::Image& image, QcReport& qc) {
    const float* p = reinterpret_cast<const float*>(image.data());
    bool black = true;
    bool nan = false;
    for (std::size_t i = 0; i < image.pixelCount(); ++i) {
        for (int c = 0; c < 3; ++c) {
            const float v = p[i * 4 + c];
            if (!std::isfinite(v)) nan = true;
            if (v != 0.0f) black = false;
        }
    }
    qc.blackFrames += black;
    qc.nanFrames += nan;
}

void checkSequence(const DeliverableRequest& request, const timeline::FrameRange& range,
                   QcReport& qc) {
    std::set<std::filesystem::path> expected;
    std::error_code ec;
    for (Frames f = range.start; f < range.end(); ++f) {
        const std::filesystem::path file =
            DeliverableWriter::frameFileOf(request.preset, request.outDir, request.name, f);
        expected.insert(file);
        if (std::filesystem::is_regular_file(file, ec)) {
            ++qc.frames;
            qc.bytes += std::filesystem::file_size(file, ec);
        } else {
            qc.missing.push_back(file.filename().string());
        }
    }
    for (const auto& entry :
         std::filesystem::directory_iterator(request.outDir / request.name, ec)) {
        // Frames of the same deliverable outside the range (a patched master) belong there.
        const std::string name = entry.path().filename().string();
        const std::string head = request.name + ".";
        const std::string tail = request.preset.extension();
        const bool frameName = name.size() == head.size() + 7 + tail.size() &&
                               name.rfind(head, 0) == 0 &&
                               name.compare(name.size() - tail.size(), tail.size(), tail) == 0 &&
                               std::all_of(name.begin() + head.size(), name.end() - tail.size(),
                                           [](char c) { return c >= '0' && c <= '9'; });
        // Temporaries of another range rendering beside this one are not strays either.
        const bool inProgress = name[0] == '.' && name.find(".part-") != std::string::npos;
        if (!expected.count(entry.path()) && !frameName && !inProgress) qc.strays.push_back(name);
    }
}

Status renderFrame(TimelineRenderer& renderer, const DeliverableRequest& request, Frames f,
                   std::int64_t index, std::unique_ptr<DeliverableWriter>& writer, QcReport& qc,
                   std::string& lastTimecode) {
    EMU_ASSIGN_OR_RETURN(RenderedFrame frame, renderer.render(f));
    frame.context.frameIndex = index;
    for (FrameOverlay* overlay : request.overlays) {
        EMU_RETURN_IF_ERROR(overlay->apply(frame.image, frame.context));
    }
    if (!writer) {
        EMU_ASSIGN_OR_RETURN(
            writer, DeliverableWriter::create(request.preset, request.outDir, request.name,
                                              renderer.timeline(), renderer.widthPx(),
                                              renderer.heightPx(), frame.context, request.mix));
    }
    if (!lastTimecode.empty()) {
        auto previous = timeline::timecodeToFrames(lastTimecode, renderer.timeline().rate);
        auto current =
            timeline::timecodeToFrames(frame.context.recordTimecode, renderer.timeline().rate);
        if (!previous.isOk() || !current.isOk() || *current != *previous + 1) ++qc.timecodeBreaks;
    }
    lastTimecode = frame.context.recordTimecode;
    inspectPixels(frame.image, qc);
    return writer->write(frame.image, frame.context);
}

}  // namespace

Result<DeliverableOutcome> renderDeliverable(TimelineRenderer& renderer,
                                             const DeliverableRequest& request) {
    const timeline::FrameRange all = renderer.range();
    const timeline::FrameRange range = request.range.value_or(all);
    if (range.duration <= 0 || !all.covers(range)) {
        return makeError(ErrorCode::InvalidArgument,
                         "range " + std::to_string(range.start) + "+" +
                             std::to_string(range.duration) + " is not inside the timeline (" +
                             std::to_string(all.start) + "-" + std::to_string(all.end() - 1) + ")");
    }
    std::error_code ec;
    std::filesystem::create_directories(request.outDir, ec);
    if (ec) {
        return makeError(ErrorCode::IoError,
                         "cannot create " + request.outDir.string() + ": " + ec.message());
    }
    DeliverableOutcome outcome;
    // One journal per range, so ranges of one deliverable can render side by side.
    std::string journalName = "." + request.name;
    if (request.range) {
        journalName += '.';
        journalName += std::to_string(range.start);
        journalName += '-';
        journalName += std::to_string(range.end() - 1);
    }
    journalName += ".journal";
    outcome.journal = request.outDir / journalName;
    EMU_ASSIGN_OR_RETURN(RenderJournal journal,
                         RenderJournal::open(outcome.journal, request.settings, request.resume));
    const bool sequence = request.preset.perFrameFiles();
    removeTemporaries(request.outDir, request.name);
    if (sequence) removeTemporaries(request.outDir / request.name, request.name);

    // A journalled file is done when its content still hashes the same.
    auto done = [&](const std::filesystem::path& file) {
        const auto journalled = journal.hashOf(file.filename().string());
        if (!journalled) return false;
        auto hash = hashFile(file);
        return hash.isOk() && *hash == *journalled;
    };
    std::unique_ptr<DeliverableWriter> writer;
    QcReport& qc = outcome.qc;
    qc.expectedFrames = int(range.duration);
    std::string lastTimecode;
    const int total = int(range.duration);
    const std::filesystem::path movie =
        request.outDir / (request.name + request.preset.extension());
    if (!sequence && request.resume && done(movie)) {
        outcome.skipped = total;
        outcome.output = movie;
        qc.frames = total;
        qc.bytes = std::filesystem::file_size(movie, ec);
        if (request.progress) request.progress(total, total);
        return outcome;
    }
    const auto started = std::chrono::steady_clock::now();
    for (Frames f = range.start; f < range.end(); ++f) {
        const std::int64_t index = f - range.start;
        if (sequence && request.resume &&
            done(DeliverableWriter::frameFileOf(request.preset, request.outDir, request.name, f))) {
            ++outcome.skipped;
            lastTimecode.clear();  // continuity is checked across rendered frames only
        } else {
            Status s = renderFrame(renderer, request, f, index, writer, qc, lastTimecode);
            if (!s.isOk()) return s.withContext("record frame " + std::to_string(f));
            if (sequence) {
                const std::filesystem::path file = writer->frameFile(f);
                EMU_ASSIGN_OR_RETURN(std::string hash, hashFile(file));
                EMU_RETURN_IF_ERROR(journal.record(file.filename().string(), hash));
            }
            ++outcome.rendered;
        }
        if (request.progress) request.progress(int(index + 1), total);
    }
    if (writer) EMU_RETURN_IF_ERROR(writer->finish());
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (sequence) {
        outcome.output = request.outDir / request.name;
        checkSequence(request, range, qc);
    } else {
        EMU_ASSIGN_OR_RETURN(std::string hash, hashFile(movie));
        EMU_RETURN_IF_ERROR(journal.record(movie.filename().string(), hash));
        outcome.output = movie;
        qc.frames = outcome.rendered;
        qc.bytes = std::filesystem::file_size(movie, ec);
    }
    return outcome;
}

}  // namespace emu::render
