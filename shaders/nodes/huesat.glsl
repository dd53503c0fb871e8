// Hue vs saturation: saturation around luma times the curve at the hue; see huesatCpu.
#include "hexcone.glsl"

vec4 emu_huesat(vec4 c, EmuPixel pix, uint base) {
    EmuHue h;
    if (!emuHueOf(c.rgb, h)) return c;
    float gain = emuPeriodicCurve(base, h.hue, 1.0);
    if (gain == 1.0) return c;
    return vec4(emuScaleChroma(c.rgb, gain), c.a);
}
