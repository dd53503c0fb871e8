#include "TrackballSession.h"

#include <cmath>

namespace emu::panels::test {

namespace {

// Small deterministic generator (a 32-bit LCG): same session on every machine.
struct Lcg {
    std::uint32_t state;
    int next(int span) {  // -span..span
        state = state * 1664525u + 1013904223u;
        return static_cast<int>((state >> 8) % static_cast<std::uint32_t>(2 * span + 1)) - span;
    }
};

}  // namespace

TrackballSession makeTrackballSession(double seconds, std::uint32_t seed) {
    TrackballSession s;
    s.recording.driver = "surface";
    Lcg rng{seed};
    const auto ms = static_cast<std::int64_t>(std::llround(seconds * 1000));
    for (std::int64_t t = 0; t < ms; ++t) {
        for (int ball = 0; ball < 3; ++ball) {
            // A hand rolling a ball: a slow swing plus jitter, a few counts per millisecond.
            const double phase = 2 * 3.14159265358979 * (t / 1000.0) * (0.3 + 0.2 * ball);
            const int dx = static_cast<int>(std::lround(3 * std::sin(phase))) + rng.next(2);
            const int dy = static_cast<int>(std::lround(3 * std::cos(phase))) + rng.next(2);
            SurfaceEvent e;
            e.control = {ControlKind::Ball, ball + 1};
            e.dx = static_cast<float>(dx);
            e.dy = static_cast<float>(dy);
            s.recording.reports.push_back({t * 1000, surfaceReport(e)});
            s.sumX[ball] += dx;
            s.sumY[ball] += dy;
        }
        if (t % 4 == 0) {
            for (int ring = 0; ring < 3; ++ring) {
                const int d = rng.next(3);
                if (d == 0) continue;
                SurfaceEvent e;
                e.control = {ControlKind::Ring, ring + 1};
                e.dx = static_cast<float>(d);
                s.recording.reports.push_back({t * 1000, surfaceReport(e)});
                s.sumRing[ring] += d;
            }
        }
    }
    return s;
}

const char* trackballMapping() {
    return "emulsion-panel-map 1\n"
           "page primaries\n"
           "ball 1 lgg/lift chroma gain=0.000244140625\n"
           "ball 2 lgg/gamma chroma gain=0.000244140625\n"
           "ball 3 lgg/gain chroma gain=0.000244140625\n"
           "ring 1 lgg/lift master gain=0.00048828125\n"
           "ring 2 lgg/gamma master gain=0.00048828125\n"
           "ring 3 lgg/gain master gain=0.00048828125\n";
}

}  // namespace emu::panels::test
