#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/panels/Driver.h"
#include "emulsion/panels/Transport.h"

namespace emu::panels {

// A captured session: the reports one device sent, each with its time from the start.
// Text, one report a line (format in docs/PANELS.md):
//   emulsion-panel-recording 1
//   driver surface
//   <microseconds> <hex bytes>
struct Recording {
    std::string driver;  // "surface", "speed-editor", "loupedeck-live", "tangent", "midi"...
    struct Report {
        std::int64_t timeUs = 0;
        std::vector<std::uint8_t> bytes;
    };
    std::vector<Report> reports;  // times never decrease
};

std::string recordingToText(const Recording& recording);
// Errors read "name:line: what is wrong".
Result<Recording> parseRecording(std::string_view text, const std::string& sourceName);
Result<Recording> loadRecording(const std::filesystem::path& path);
// Written under a temporary name and renamed when complete.
Status saveRecording(const std::filesystem::path& path, const Recording& recording);

// The driver a recording names, or NotFound.
Result<std::unique_ptr<Driver>> makeDriver(const std::string& name);
std::vector<std::string> driverNames();

// Emulsion's own device-independent report, for recordings made from surface events (any
// device, after decoding) and for generated sessions: 6 bytes,
//   [kind][number][dx: int16 LE][dy: int16 LE]
// kind as ControlKind (0 ball .. 5 fader); a button's dx is 1 pressed / 0 released; a
// fader's dx its change in 1/32767ths.
std::vector<std::uint8_t> surfaceReport(const SurfaceEvent& event);

class SurfaceReportDriver : public Driver {
public:
    SurfaceReportDriver();
    const SurfaceLayout& layout() const override { return m_layout; }
    void decode(std::span<const std::uint8_t> report, std::int64_t timeNs,
                std::vector<SurfaceEvent>& events) override;

private:
    SurfaceLayout m_layout;
};

// Plays a recording back as a device: each report is returned at its recorded time after
// the first read (or at once in fast mode, for tests). When every report has been read,
// read() answers 0 (nothing yet) and exhausted() turns true.
class ReplayTransport : public Transport {
public:
    ReplayTransport(Recording recording, bool realTime, std::string name = "recording");

    Result<std::size_t> read(std::vector<std::uint8_t>& out, int timeoutMs) override;
    Status write(std::span<const std::uint8_t> data) override;
    std::string describe() const override { return "replay " + m_name; }

    bool exhausted() const { return m_next >= m_recording.reports.size(); }
    bool finished() const override { return exhausted(); }
    std::int64_t lastReportTimeNs() const override { return m_lastDueNs; }
    std::size_t position() const { return m_next; }
    const Recording& recording() const { return m_recording; }

private:
    Recording m_recording;
    bool m_realTime;
    std::string m_name;
    std::size_t m_next = 0;
    std::int64_t m_startNs = -1;
    std::int64_t m_lastDueNs = 0;
};

std::int64_t steadyNowNs();

}  // namespace emu::panels
