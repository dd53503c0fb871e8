#include "emulsion/media/CameraColour.h"

#include <cmath>

namespace emu::media {

Mat3 multiply(const Mat3& a, const Mat3& b) {
    Mat3 r{};
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            double s = 0.0;
            for (int k = 0; k < 3; ++k) s += a[i * 3 + k] * b[k * 3 + j];
            r[i * 3 + j] = s;
        }
    }
    return r;
}

Vec3 multiply(const Mat3& m, const Vec3& v) {
    return {m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
            m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
}

std::optional<Mat3> inverse(const Mat3& m) {
    const double c00 = m[4] * m[8] - m[5] * m[7];
    const double c01 = m[5] * m[6] - m[3] * m[8];
    const double c02 = m[3] * m[7] - m[4] * m[6];
    const double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
    if (!(std::fabs(det) > 1e-12)) return std::nullopt;
    const double k = 1.0 / det;
    return Mat3{c00 * k, (m[2] * m[7] - m[1] * m[8]) * k, (m[1] * m[5] - m[2] * m[4]) * k,
                c01 * k, (m[0] * m[8] - m[2] * m[6]) * k, (m[2] * m[3] - m[0] * m[5]) * k,
                c02 * k, (m[1] * m[6] - m[0] * m[7]) * k, (m[0] * m[4] - m[1] * m[3]) * k};
}

Vec3 whiteFromChromaticity(double x, double y) {
    return {x / y, 1.0, (1.0 - x - y) / y};
}

Vec3 d65White() {
    return whiteFromChromaticity(0.3127, 0.3290);
}

Vec3 acesWhite() {
    return whiteFromChromaticity(0.32168, 0.33767);
}

Mat3 bradford(const Vec3& fromWhite, const Vec3& toWhite) {
    // The Bradford cone response matrix (Lam 1985, as published by Hunt and in ICC v4).
    const Mat3 cone{0.8951, 0.2664, -0.1614, -0.7502, 1.7135, 0.0367, 0.0389, -0.0685, 1.0296};
    const Mat3 coneInv = *inverse(cone);
    const Vec3 from = multiply(cone, fromWhite);
    const Vec3 to = multiply(cone, toWhite);
    const Mat3 scale{to[0] / from[0], 0, 0, 0, to[1] / from[1], 0, 0, 0, to[2] / from[2]};
    return multiply(coneInv, multiply(scale, cone));
}

Mat3 rgbToXyz(const std::array<double, 6>& p, double whiteX, double whiteY) {
    // Columns are the primaries' XYZ, scaled so RGB (1, 1, 1) is the white at Y = 1.
    Mat3 prim{};
    for (int c = 0; c < 3; ++c) {
        const Vec3 xyz = whiteFromChromaticity(p[c * 2], p[c * 2 + 1]);
        for (int r = 0; r < 3; ++r) prim[r * 3 + c] = xyz[r];
    }
    const Vec3 s = multiply(*inverse(prim), whiteFromChromaticity(whiteX, whiteY));
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) prim[r * 3 + c] *= s[c];
    }
    return prim;
}

Mat3 ap0ToXyz() {
    return rgbToXyz({0.7347, 0.2653, 0.0, 1.0, 0.0001, -0.0770}, 0.32168, 0.33767);
}

Mat3 xyzToAp0() {
    return *inverse(ap0ToXyz());
}

Mat3 rec709ToXyz() {
    return rgbToXyz({0.64, 0.33, 0.30, 0.60, 0.15, 0.06}, 0.3127, 0.3290);
}

std::optional<Mat3> dngCameraToAces(const Mat3& xyzToCamera, const Vec3& neutral) {
    for (double n : neutral) {
        if (!(n > 0.0) || !std::isfinite(n)) return std::nullopt;
    }
    const std::optional<Mat3> cameraToXyz = inverse(xyzToCamera);
    if (!cameraToXyz) return std::nullopt;
    const Vec3 white = multiply(*cameraToXyz, neutral);
    if (!(white[1] > 0.0)) return std::nullopt;
    const Vec3 whiteY1{white[0] / white[1], 1.0, white[2] / white[1]};
    // Balanced camera RGB -> XYZ: undo the balance, then the inverse matrix, then scale so
    // the neutral has Y = 1.
    Mat3 balancedToXyz = *cameraToXyz;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) balancedToXyz[r * 3 + c] *= neutral[c] / white[1];
    }
    return multiply(xyzToAp0(), multiply(bradford(whiteY1, acesWhite()), balancedToXyz));
}

Vec3 neutralForD65(const Mat3& xyzToCamera) {
    Vec3 n = multiply(xyzToCamera, d65White());
    const double g = n[1];
    for (double& v : n) v /= g;
    return n;
}

}  // namespace emu::media
