#include "emulsion/panels/Recording.h"

#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "emulsion/core/AtomicFile.h"
#include "emulsion/panels/Loupedeck.h"
#include "emulsion/panels/MicroPanel.h"
#include "emulsion/panels/MidiController.h"
#include "emulsion/panels/SpeedEditor.h"
#include "emulsion/panels/TangentHub.h"

namespace emu::panels {

namespace {

constexpr char kHex[] = "0123456789abcdef";

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::int16_t le16(std::span<const std::uint8_t> r, std::size_t at) {
    return static_cast<std::int16_t>(r[at] | (r[at + 1] << 8));
}

}  // namespace

std::int64_t steadyNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string recordingToText(const Recording& recording) {
    std::string out = "emulsion-panel-recording 1\n";
    out.append("driver ").append(recording.driver).append("\n");
    out.append("# microseconds since the first report, then the report in hex\n");
    for (const Recording::Report& r : recording.reports) {
        out += std::to_string(r.timeUs);
        out += ' ';
        for (std::uint8_t b : r.bytes) {
            out += kHex[b >> 4];
            out += kHex[b & 15];
        }
        out += '\n';
    }
    return out;
}

Result<Recording> parseRecording(std::string_view text, const std::string& sourceName) {
    Recording rec;
    std::istringstream in{std::string(text)};
    int lineNo = 0;
    bool header = false;
    auto fail = [&](const std::string& what) -> Status {
        return makeError(ErrorCode::CorruptData,
                         sourceName + ":" + std::to_string(lineNo) + ": " + what);
    };
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (!header) {
            if (line != "emulsion-panel-recording 1") {
                return fail("expected the header 'emulsion-panel-recording 1'");
            }
            header = true;
            continue;
        }
        if (line.rfind("driver ", 0) == 0) {
            rec.driver = line.substr(7);
            continue;
        }
        if (rec.driver.empty()) return fail("a 'driver NAME' line must come before the reports");
        const auto space = line.find(' ');
        if (space == std::string::npos) return fail("expected '<microseconds> <hex bytes>'");
        Recording::Report r;
        const char* end = line.data() + space;
        auto [p, ec] = std::from_chars(line.data(), end, r.timeUs);
        if (ec != std::errc() || p != end || r.timeUs < 0) {
            return fail("bad time '" + line.substr(0, space) + "'");
        }
        if (!rec.reports.empty() && r.timeUs < rec.reports.back().timeUs) {
            return fail("time goes backwards");
        }
        const std::string hex = line.substr(space + 1);
        if (hex.empty() || hex.size() % 2 != 0)
            return fail("report bytes must be pairs of hex digits");
        for (std::size_t i = 0; i < hex.size(); i += 2) {
            const int hi = hexDigit(hex[i]), lo = hexDigit(hex[i + 1]);
            if (hi < 0 || lo < 0) {
                return fail(std::string("'").append(hex, i, 2).append("' is not a hex byte"));
            }
            r.bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
        }
        rec.reports.push_back(std::move(r));
    }
    if (!header) return fail("empty file: expected the header 'emulsion-panel-recording 1'");
    if (rec.driver.empty()) return fail("no 'driver NAME' line");
    return rec;
}

Result<Recording> loadRecording(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path.string() + ": cannot open recording");
    std::ostringstream s;
    s << in.rdbuf();
    return parseRecording(s.str(), path.string());
}

Status saveRecording(const std::filesystem::path& path, const Recording& recording) {
    return core::writeFileAtomically(path, recordingToText(recording), "panel recording");
}

std::vector<std::string> driverNames() {
    return {"surface",           "speed-editor", "micro-panel",          "loupedeck-ct",
            "loupedeck-live",    "tangent",      "midi-twos-complement", "midi-signed-bit",
            "midi-binary-offset"};
}

Result<std::unique_ptr<Driver>> makeDriver(const std::string& name) {
    std::unique_ptr<Driver> d;
    if (name == "surface")
        d = std::make_unique<SurfaceReportDriver>();
    else if (name == "speed-editor")
        d = std::make_unique<SpeedEditor>();
    else if (name == "micro-panel")
        d = std::make_unique<MicroPanel>();
    else if (name == "loupedeck-ct")
        d = std::make_unique<Loupedeck>(true);
    else if (name == "loupedeck-live")
        d = std::make_unique<Loupedeck>(false);
    else if (name == "tangent")
        d = std::make_unique<TangentHub>("Emulsion", "");
    else if (name == "midi-twos-complement")
        d = std::make_unique<MidiController>(RelativeEncoding::TwosComplement);
    else if (name == "midi-signed-bit")
        d = std::make_unique<MidiController>(RelativeEncoding::SignedBit);
    else if (name == "midi-binary-offset")
        d = std::make_unique<MidiController>(RelativeEncoding::BinaryOffset);
    if (!d) return makeError(ErrorCode::NotFound, "unknown panel driver '" + name + "'");
    return d;
}

std::vector<std::uint8_t> surfaceReport(const SurfaceEvent& e) {
    auto clamp16 = [](float v) {
        return static_cast<std::int16_t>(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : v);
    };
    const std::int16_t dx =
        e.control.kind == ControlKind::Button ? (e.pressed ? 1 : 0) : clamp16(e.dx);
    const std::int16_t dy = clamp16(e.dy);
    return {static_cast<std::uint8_t>(e.control.kind),
            static_cast<std::uint8_t>(e.control.index),
            static_cast<std::uint8_t>(dx),
            static_cast<std::uint8_t>(dx >> 8),
            static_cast<std::uint8_t>(dy),
            static_cast<std::uint8_t>(dy >> 8)};
}

SurfaceReportDriver::SurfaceReportDriver() {
    m_layout.model = "Emulsion surface report";
    m_layout.balls = m_layout.rings = m_layout.knobs = m_layout.jogs = m_layout.buttons =
        m_layout.faders = 255;
}

void SurfaceReportDriver::decode(std::span<const std::uint8_t> r, std::int64_t timeNs,
                                 std::vector<SurfaceEvent>& events) {
    if (r.size() != 6 || r[0] > static_cast<int>(ControlKind::Fader) || r[1] == 0) {
        ++m_stats.malformed;
        return;
    }
    SurfaceEvent e;
    e.control = {static_cast<ControlKind>(r[0]), r[1]};
    e.timeNs = timeNs;
    const std::int16_t dx = le16(r, 2), dy = le16(r, 4);
    if (e.control.kind == ControlKind::Button) {
        if (dx != 0 && dx != 1) {
            ++m_stats.malformed;
            return;
        }
        e.pressed = dx == 1;
    } else if (e.control.kind == ControlKind::Fader) {
        e.dx = static_cast<float>(dx) / 32767.0f;
    } else {
        e.dx = dx;
        e.dy = dy;
    }
    events.push_back(e);
    ++m_stats.reports;
    ++m_stats.events;
}

ReplayTransport::ReplayTransport(Recording recording, bool realTime, std::string name)
    : m_recording(std::move(recording)), m_realTime(realTime), m_name(std::move(name)) {}

Result<std::size_t> ReplayTransport::read(std::vector<std::uint8_t>& out, int timeoutMs) {
    if (exhausted()) {
        if (m_realTime && timeoutMs > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(timeoutMs));
        }
        return std::size_t{0};
    }
    const Recording::Report& r = m_recording.reports[m_next];
    if (m_realTime) {
        const std::int64_t now = steadyNowNs();
        if (m_startNs < 0) m_startNs = now - r.timeUs * 1000;
        const std::int64_t due = m_startNs + r.timeUs * 1000;
        if (due > now) {
            if (due - now > std::int64_t(timeoutMs) * 1'000'000) {
                std::this_thread::sleep_for(std::chrono::milliseconds(timeoutMs));
                return std::size_t{0};
            }
            // Sleep, not spin: a thread that sleeps between reports is the one the scheduler
            // wakes first when the renderer keeps every core busy, as a device's thread does.
            std::this_thread::sleep_for(std::chrono::nanoseconds(due - now));
        }
        m_lastDueNs = due;
    }
    out = r.bytes;
    ++m_next;
    return out.size();
}

Status ReplayTransport::write(std::span<const std::uint8_t>) {
    return Status::ok();  // a recording has nothing to answer: LED writes go nowhere
}

}  // namespace emu::panels
