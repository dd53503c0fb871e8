#pragma once

// The colour maths of camera RAW: 3x3 matrices, Bradford adaptation, ACES AP0, and the DNG
// model that turns a camera's XYZ->camera matrix and as-shot neutral into camera RGB -> ACES.

#include <array>
#include <optional>

namespace emu::media {

using Mat3 = std::array<double, 9>;  // row major
using Vec3 = std::array<double, 3>;

Mat3 multiply(const Mat3& a, const Mat3& b);
Vec3 multiply(const Mat3& m, const Vec3& v);
// Empty when the matrix is singular (|det| below 1e-12).
std::optional<Mat3> inverse(const Mat3& m);

// XYZ (Y = 1) of a chromaticity.
Vec3 whiteFromChromaticity(double x, double y);
Vec3 d65White();   // CIE D65, x 0.3127, y 0.3290
Vec3 acesWhite();  // the ACES white, x 0.32168, y 0.33767 ("D60")

// The Bradford chromatic adaptation from one white (XYZ) to another.
Mat3 bradford(const Vec3& fromWhite, const Vec3& toWhite);

// RGB -> XYZ of a space given its primaries' and white's chromaticities (x, y pairs).
Mat3 rgbToXyz(const std::array<double, 6>& primaries, double whiteX, double whiteY);
Mat3 ap0ToXyz();  // ACES2065-1
Mat3 xyzToAp0();
Mat3 rec709ToXyz();  // linear Rec. 709 / sRGB primaries, D65

// White-balanced camera RGB -> ACES2065-1, the DNG way (DNG 1.4 specification, chapter 6):
// camera -> XYZ is the inverse of `xyzToCamera` (ColorMatrix, times CameraCalibration where
// present); the neutral's XYZ is adapted to the ACES white with Bradford (for a D65 neutral
// this is the Bradford D65 -> D60 adaptation). Balanced means each channel divided by the
// neutral, so balanced (1, 1, 1) is the neutral at the white level and maps to AP0 (1, 1, 1).
// Empty when the matrix is singular or the neutral is not positive.
std::optional<Mat3> dngCameraToAces(const Mat3& xyzToCamera, const Vec3& asShotNeutral);

// The camera's response to a D65-lit white under `xyzToCamera`, scaled so green is 1.
Vec3 neutralForD65(const Mat3& xyzToCamera);

}  // namespace emu::media
