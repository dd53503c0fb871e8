// Hue vs hue: the hexcone hue turned by the curve at it; see huehueCpu.
#include "hexcone.glsl"

vec4 emu_huehue(vec4 c, EmuPixel pix, uint base) {
    EmuHue h;
    if (!emuHueOf(c.rgb, h)) return c;
    float shift = emuPeriodicCurve(base, h.hue, 0.0);
    if (shift == 0.0) return c;
    return vec4(emuHueColour(emuWrap01(h.hue + shift), h.mn, h.chroma), c.a);
}
