// Hue vs luminance: the colour scaled by the curve at its hue, weighted by saturation; see
// huelumCpu.
#include "hexcone.glsl"

vec4 emu_huelum(vec4 c, EmuPixel pix, uint base) {
    EmuHue h;
    if (!emuHueOf(c.rgb, h)) return c;
    float k = 1.0 + (emuPeriodicCurve(base, h.hue, 1.0) - 1.0) * h.sat;
    if (k == 1.0) return c;
    return vec4(c.rgb * k, c.a);
}
