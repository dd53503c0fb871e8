// The hexcone hue and saturation the hue and saturation curves read. Mirrors HueColour in
// engine/nodes/CurveNodes.cpp, which defines them.
#ifndef EMU_HEXCONE_GLSL
#define EMU_HEXCONE_GLSL

#include "spline.glsl"

struct EmuHue {
    float hue;     // [0, 1): red 0, yellow 1/6, green 1/3, cyan 1/2, blue 2/3, magenta 5/6
    float sat;     // chroma / max in [0, 1]; 1 where max <= 0
    float mn;      // min(r, g, b)
    float chroma;  // max - min, > 0 and finite
};

// False for greys (max == min) and for colours with a non-finite channel or chroma: they have
// no hue, and the hue and saturation curves pass them unchanged.
bool emuHueOf(vec3 c, out EmuHue o) {
    o = EmuHue(0.0, 0.0, 0.0, 0.0);
    if (any(isnan(c)) || any(isinf(c))) return false;
    float mx = max(c.r, max(c.g, c.b));
    float mn = min(c.r, min(c.g, c.b));
    float chroma = mx - mn;
    if (!(chroma > 0.0) || isinf(chroma)) return false;
    float h = 0.0;
    if (mx == c.r) {
        h = (c.g - c.b) / chroma;
    } else if (mx == c.g) {
        h = (c.b - c.r) / chroma + 2.0;
    } else {
        h = (c.r - c.g) / chroma + 4.0;
    }
    o.hue = emuWrap01(h / 6.0);
    o.sat = mx > 0.0 ? min(chroma / mx, 1.0) : 1.0;
    o.mn = mn;
    o.chroma = chroma;
    return true;
}

// The colour of hue `hue` on the hexcone with the given min and chroma.
vec3 emuHueColour(float hue, float mn, float chroma) {
    float h6 = 6.0 * hue;
    vec3 f = vec3(abs(h6 - 3.0) - 1.0, 2.0 - abs(h6 - 2.0), 2.0 - abs(h6 - 4.0));
    return mn + chroma * clamp(f, 0.0, 1.0);
}

// Saturation times `gain` around Rec. 709 luma, as the saturation node does.
vec3 emuScaleChroma(vec3 c, float gain) {
    float luma = emuLuma709(c);
    return luma + gain * (c - luma);
}

#endif
