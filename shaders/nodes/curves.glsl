// Custom curves: each channel through the master curve, then its own; see curvesCpu in
// engine/nodes/CurveNodes.cpp.
#include "spline.glsl"

vec4 emu_curves(vec4 c, EmuPixel pix, uint base) {
    vec3 v = c.rgb;
    for (uint i = 0u; i < 3u; ++i) {
        float m = emuCurve(base, v[i], false, v[i]);
        v[i] = emuCurve(base + EMU_CURVE_SIZE * (i + 1u), m, false, m);
    }
    return vec4(v, c.a);
}
