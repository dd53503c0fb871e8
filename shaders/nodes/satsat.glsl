// Saturation vs saturation: saturation around luma times the curve at the hexcone saturation;
// see satsatCpu.
#include "hexcone.glsl"

vec4 emu_satsat(vec4 c, EmuPixel pix, uint base) {
    EmuHue h;
    if (!emuHueOf(c.rgb, h)) return c;
    float gain = emuCurve(base, h.sat, true, 1.0);
    if (gain == 1.0) return c;
    return vec4(emuScaleChroma(c.rgb, gain), c.a);
}
