// Must show 4: malformed and truncated reports are ignored and counted; a device that goes
// away is reported disconnected and comes back when it returns.
#include <gtest/gtest.h>

#include <random>

#include "FakeTransport.h"
#include "emulsion/panels/DeviceRunner.h"
#include "emulsion/panels/Recording.h"
#include "emulsion/panels/SpeedEditor.h"
#include "emulsion/panels/SystemTransports.h"

namespace emu::panels {
namespace {

using Bytes = std::vector<std::uint8_t>;

// Valid reports of each packet driver, cut at every length short of whole.
struct Sample {
    const char* driver;
    Bytes report;
};
const Sample kSamples[] = {
    {"speed-editor", {0x04, 0x33, 0x00, 0x3c, 0x00, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"speed-editor", {0x03, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00}},
    {"surface", {0x00, 0x01, 0x05, 0x00, 0xfe, 0xff}},
};

TEST(Robustness, TruncatedReportsAreCountedNotDecoded) {
    for (const Sample& s : kSamples) {
        auto d = makeDriver(s.driver);
        ASSERT_TRUE(d.isOk());
        std::vector<SurfaceEvent> ev;
        for (std::size_t n = 0; n < s.report.size(); ++n) {
            (*d)->decode(std::span(s.report.data(), n), 0, ev);
        }
        EXPECT_TRUE(ev.empty()) << s.driver;
        EXPECT_EQ((*d)->stats().malformed, s.report.size()) << s.driver;
        (*d)->decode(s.report, 0, ev);  // and the whole report still decodes after them
        EXPECT_EQ((*d)->stats().reports, 1u) << s.driver;
    }
}

TEST(Robustness, RandomAndCutReportsNeverCrashAndAreAccounted) {
    std::mt19937 rng(1234);
    for (const std::string& name : driverNames()) {
        SCOPED_TRACE(name);
        auto d = makeDriver(name);
        ASSERT_TRUE(d.isOk());
        std::vector<SurfaceEvent> ev;
        std::uint64_t fed = 0;
        for (int i = 0; i < 20000; ++i) {
            Bytes r(rng() % 40);
            for (auto& b : r) b = static_cast<std::uint8_t>(rng());
            // Half of them start like a real report of the driver's family.
            if (!r.empty() && (i & 1)) r[0] = static_cast<std::uint8_t>(rng() % 8);
            ev.clear();
            (*d)->decode(r, i, ev);
            ++fed;
            for (const SurfaceEvent& e : ev) {
                EXPECT_TRUE(std::isfinite(e.dx) && std::isfinite(e.dy));
                EXPECT_GE(e.control.index, 0);
            }
        }
        const DecodeStats st = (*d)->stats();
        EXPECT_GT(st.malformed + st.undecoded, 0u);
        // Packet drivers account for every report; stream drivers (Loupedeck, Tangent, MIDI)
        // may join or split them, so only their malformed count is meaningful.
        if (name == "speed-editor" || name == "surface" || name == "micro-panel") {
            EXPECT_EQ(st.reports + st.malformed + st.undecoded, fed);
        }
    }
}

// Opens the same fake device each time it is "plugged in".
class ProxyTransport : public Transport {
public:
    explicit ProxyTransport(std::shared_ptr<test::FakeTransport> t) : m_t(std::move(t)) {}
    Result<std::size_t> read(std::vector<std::uint8_t>& out, int ms) override {
        return m_t->read(out, ms);
    }
    Status write(std::span<const std::uint8_t> d) override { return m_t->write(d); }
    std::string describe() const override { return "fake surface"; }

private:
    std::shared_ptr<test::FakeTransport> m_t;
};

TEST(Robustness, UnpluggedDeviceIsReportedAndReconnects) {
    auto mapping = parseMapping("emulsion-panel-map 1\npage p\nknob 1 contrast/contrast\n", "m");
    ASSERT_TRUE(mapping.isOk());
    PanelSession session(*mapping);
    auto device = std::make_shared<test::FakeTransport>();
    std::atomic<bool> present{true};
    DeviceRunner runner(
        "fake",
        [&]() -> Result<std::unique_ptr<Transport>> {
            if (!present) return makeError(ErrorCode::NotFound, "fake: not plugged in");
            return std::unique_ptr<Transport>(std::make_unique<ProxyTransport>(device));
        },
        std::make_unique<SurfaceReportDriver>(), session, DeviceRunner::Options{5, 20});
    std::mutex m;
    std::vector<std::string> log;
    runner.setStateCallback([&](DeviceState s, const std::string& why) {
        std::lock_guard lock(m);
        log.push_back(std::string(toString(s)) + ": " + why);
    });
    SurfaceEvent knob;
    knob.control = {ControlKind::Knob, 1};
    knob.dx = 2;
    runner.start();
    ASSERT_TRUE(runner.waitFor(DeviceState::Connected, 2000));
    device->push(surfaceReport(knob));
    for (int i = 0; i < 200 && session.deltas().pendingSlots() == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(session.deltas().pendingSlots(), 1u);
    // Unplug: reads fail, the runner reports it and keeps trying while it is absent.
    present = false;
    device->unplug(true);
    ASSERT_TRUE(runner.waitFor(DeviceState::Disconnected, 2000));
    EXPECT_EQ(runner.disconnects(), 1u);
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    EXPECT_EQ(runner.state(), DeviceState::Disconnected);
    // Plug back in: reconnects and reports flow again.
    device->unplug(false);
    present = true;
    ASSERT_TRUE(runner.waitFor(DeviceState::Connected, 2000));
    EXPECT_EQ(runner.connects(), 2u);
    session.deltas().drain();
    device->push(surfaceReport(knob));
    for (int i = 0; i < 200 && session.deltas().pendingSlots() == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(session.deltas().pendingSlots(), 1u);
    runner.stop();
    std::lock_guard lock(m);
    ASSERT_GE(log.size(), 3u);
    EXPECT_EQ(log[0].rfind("connected", 0), 0u);
    EXPECT_EQ(log[1], "disconnected: fake: unplugged");
    EXPECT_EQ(log[2].rfind("connected", 0), 0u);
}

TEST(Robustness, NoSoundSystemIsAnErrorNotACrash) {
    auto seq = openAlsaSequencer("Emulsion test");
    if (!seq.isOk()) {
        EXPECT_EQ(seq.status().code(), ErrorCode::Unsupported);
        EXPECT_NE(seq.status().message().find("ALSA sequencer"), std::string::npos);
        return;
    }
    // Where there is one, reading with nothing played waits and returns nothing.
    std::vector<std::uint8_t> buffer;
    auto n = (*seq)->read(buffer, 10);
    ASSERT_TRUE(n.isOk());
    EXPECT_EQ(*n, 0u);
}

}  // namespace
}  // namespace emu::panels
