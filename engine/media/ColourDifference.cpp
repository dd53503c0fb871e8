#include "emulsion/media/ColourDifference.h"

#include <cmath>
#include <numbers>

namespace emu::media {

namespace {

double labF(double t) {
    constexpr double kDelta = 6.0 / 29.0;
    if (t > kDelta * kDelta * kDelta) return std::cbrt(t);
    return t / (3.0 * kDelta * kDelta) + 4.0 / 29.0;
}

double degrees(double radians) {
    return radians * 180.0 / std::numbers::pi;
}

double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}

// Hue angle in degrees in [0, 360); 0 where a and b are both 0 (Sharma et al., eq. 4).
double hueDegrees(double b, double a) {
    if (a == 0.0 && b == 0.0) return 0.0;
    double h = degrees(std::atan2(b, a));
    return h < 0.0 ? h + 360.0 : h;
}

}  // namespace

Lab labFromXyz(const Vec3& xyz, const Vec3& white) {
    const double fx = labF(xyz[0] / white[0]);
    const double fy = labF(xyz[1] / white[1]);
    const double fz = labF(xyz[2] / white[2]);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

Lab labFromAces(const Vec3& ap0) {
    return labFromXyz(multiply(ap0ToXyz(), ap0), acesWhite());
}

double deltaE2000(const Lab& p, const Lab& q) {
    // Step 1: C'i and h'i (Sharma et al., eqs. 2-4).
    const double c1 = std::hypot(p.a, p.b);
    const double c2 = std::hypot(q.a, q.b);
    const double cMean = (c1 + c2) / 2.0;
    const double cMean7 = std::pow(cMean, 7.0);
    const double g = 0.5 * (1.0 - std::sqrt(cMean7 / (cMean7 + std::pow(25.0, 7.0))));
    const double a1 = (1.0 + g) * p.a;
    const double a2 = (1.0 + g) * q.a;
    const double cp1 = std::hypot(a1, p.b);
    const double cp2 = std::hypot(a2, q.b);
    const double hp1 = hueDegrees(p.b, a1);
    const double hp2 = hueDegrees(q.b, a2);

    // Step 2: dL', dC', dH' (eqs. 8-11).
    const double dL = q.L - p.L;
    const double dC = cp2 - cp1;
    double dh = 0.0;
    if (cp1 * cp2 != 0.0) {
        dh = hp2 - hp1;
        if (dh > 180.0) dh -= 360.0;
        if (dh < -180.0) dh += 360.0;
    }
    const double dH = 2.0 * std::sqrt(cp1 * cp2) * std::sin(radians(dh / 2.0));

    // Step 3: the weighting functions (eqs. 12-22).
    const double lMean = (p.L + q.L) / 2.0;
    const double cpMean = (cp1 + cp2) / 2.0;
    double hMean = hp1 + hp2;
    if (cp1 * cp2 != 0.0) {
        if (std::fabs(hp1 - hp2) <= 180.0) {
            hMean = (hp1 + hp2) / 2.0;
        } else if (hp1 + hp2 < 360.0) {
            hMean = (hp1 + hp2 + 360.0) / 2.0;
        } else {
            hMean = (hp1 + hp2 - 360.0) / 2.0;
        }
    }
    const double t =
        1.0 - 0.17 * std::cos(radians(hMean - 30.0)) + 0.24 * std::cos(radians(2.0 * hMean)) +
        0.32 * std::cos(radians(3.0 * hMean + 6.0)) - 0.20 * std::cos(radians(4.0 * hMean - 63.0));
    const double dTheta = 30.0 * std::exp(-std::pow((hMean - 275.0) / 25.0, 2.0));
    const double cpMean7 = std::pow(cpMean, 7.0);
    const double rc = 2.0 * std::sqrt(cpMean7 / (cpMean7 + std::pow(25.0, 7.0)));
    const double l50 = (lMean - 50.0) * (lMean - 50.0);
    const double sl = 1.0 + 0.015 * l50 / std::sqrt(20.0 + l50);
    const double sc = 1.0 + 0.045 * cpMean;
    const double sh = 1.0 + 0.015 * cpMean * t;
    const double rt = -std::sin(radians(2.0 * dTheta)) * rc;

    const double tl = dL / sl;
    const double tc = dC / sc;
    const double th = dH / sh;
    return std::sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
}

}  // namespace emu::media
