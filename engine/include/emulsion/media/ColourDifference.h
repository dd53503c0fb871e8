#pragma once

// CIELAB and the CIEDE2000 colour difference, for checking that colours land where they
// should (camera RAW decoding, QC).

#include "emulsion/media/CameraColour.h"

namespace emu::media {

struct Lab {
    double L = 0.0;
    double a = 0.0;
    double b = 0.0;
};

// CIE 1976 L*a*b* of an XYZ colour relative to a reference white (both with the same scale).
Lab labFromXyz(const Vec3& xyz, const Vec3& white);
// CIELAB of an ACES2065-1 colour relative to the ACES white (AP0 (1, 1, 1) is L* 100).
Lab labFromAces(const Vec3& ap0);

// CIEDE2000 (CIE 142-2001) with kL = kC = kH = 1, following the formulas and the hue
// conventions of Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula: implementation
// notes, supplementary test data, and mathematical observations" (2005). Symmetric.
double deltaE2000(const Lab& first, const Lab& second);

}  // namespace emu::media
