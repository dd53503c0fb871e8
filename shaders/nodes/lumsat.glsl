// Luma vs saturation: saturation around luma times the curve at luma in [0, 1]; see lumsatCpu.
#include "hexcone.glsl"

vec4 emu_lumsat(vec4 c, EmuPixel pix, uint base) {
    EmuHue h;
    if (!emuHueOf(c.rgb, h)) return c;
    float gain = emuCurve(base, clamp(emuLuma709(c.rgb), 0.0, 1.0), true, 1.0);
    if (gain == 1.0) return c;
    return vec4(emuScaleChroma(c.rgb, gain), c.a);
}
