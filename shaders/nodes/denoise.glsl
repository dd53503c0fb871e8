// Edge-preserving noise reduction: a bilateral filter. Neighbours within `radius` (pixels of
// a 1080-line frame, so at most 16 px at any size) are weighted by distance (sigma = radius /
// 2) and by how close their Rec. 709 luma is to the centre's (sigma = strength). Non-finite
// neighbours take no part; a non-finite pixel keeps its value.
#include "gauss.glsl"

vec4 emu_denoise(ivec2 px, ivec2 size, uint base, uint stage) {
    vec4 centre = emuSrc(px);
    if (!all(emuFinite(centre))) return centre;
    float radiusPx = min(P(base) * float(size.y) / 1080.0, 16.0);
    int taps = int(ceil(radiusPx));
    float sigmaS = max(radiusPx * 0.5, 1e-3);
    float sigmaR = max(P(base + 1u), 1e-4);
    float lc = emuLuma709(centre.rgb);
    vec4 sum = vec4(0.0);
    float weight = 0.0;
    for (int dy = -taps; dy <= taps; ++dy) {
        for (int dx = -taps; dx <= taps; ++dx) {
            vec4 v = emuSrc(px + ivec2(dx, dy));
            if (!all(emuFinite(v))) continue;
            float ds = float(dx * dx + dy * dy) / (sigmaS * sigmaS);
            float dl = (emuLuma709(v.rgb) - lc) / sigmaR;
            float w = exp(-0.5 * (ds + dl * dl));
            sum += v * w;
            weight += w;
        }
    }
    vec4 r = sum / weight;
    r.a = centre.a;
    return r;
}
