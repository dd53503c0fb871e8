#include <cmath>
#include <string>

#include "emulsion/raw/Demosaic.h"

namespace emu::raw {

Result<RawConstants> rawConstants(const media::RawMosaic& mosaic, const DemosaicParams& params) {
    const std::string cfa(mosaic.cfa.begin(), mosaic.cfa.end());
    if (cfa != "RGGB" && cfa != "BGGR" && cfa != "GRBG" && cfa != "GBRG") {
        return makeError(ErrorCode::InvalidArgument, "demosaic: CFA " + cfa + " is not Bayer");
    }
    if (mosaic.width <= 0 || mosaic.height <= 0 ||
        mosaic.samples.size() != std::size_t(mosaic.width) * mosaic.height) {
        return makeError(ErrorCode::InvalidArgument, "demosaic: the mosaic has no samples");
    }
    std::array<float, 3> wb = params.whiteBalance.value_or(
        std::array<float, 3>{1.0f / mosaic.asShotNeutral[0], 1.0f / mosaic.asShotNeutral[1],
                             1.0f / mosaic.asShotNeutral[2]});
    for (float m : wb) {
        if (!(m > 0.0f) || !std::isfinite(m)) {
            return makeError(ErrorCode::InvalidArgument,
                             "demosaic: white balance multipliers must be positive");
        }
    }
    RawConstants k{};
    for (int i = 0; i < 4; ++i) {
        const int colour = cfa[i] == 'R' ? 0 : cfa[i] == 'G' ? 1 : 2;
        const float range = mosaic.white - mosaic.black[i];
        if (!(range > 0.0f)) {
            return makeError(ErrorCode::InvalidArgument,
                             "demosaic: white level does not exceed the black level");
        }
        k.black[i] = mosaic.black[i];
        k.scale[i] = wb[colour] / range;
        k.cfa[i] = colour;
    }
    const double gain = std::exp2(double(params.exposureStops));
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) k.rows[r][c] = float(mosaic.cameraToAces[r * 3 + c] * gain);
        k.rows[r][3] = 0.0f;
    }
    return k;
}

}  // namespace emu::raw
