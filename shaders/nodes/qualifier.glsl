// HSL qualifier; see qualifierCpu in engine/nodes/QualifierNodes.cpp for the definitions of
// H, S and L and for the parameters.

// 1 inside a range, falling to 0 across `soft` beyond it; `outside` is the distance past the
// range's nearer end (<= 0 inside).
float emuQualifierWeight(float outside, float soft) {
    return 1.0 - emuSmoothstep(0.0, soft, outside);
}

// Channels beyond +-1e30 (Inf included) or NaN select nothing, inverted or not.
bool emuQualifierUsable(float x) {
    return !isnan(x) && abs(x) <= 1e30;
}

// Magnitudes under 1e-30 count as 0, so hue and saturation of denormals do not depend on
// whether a GPU flushes them.
float emuQualifierFlush(float x) {
    return abs(x) < 1e-30 ? 0.0 : x;
}

float emu_qualifier(vec4 c, EmuPixel pix, uint base) {
    if (!(emuQualifierUsable(c.r) && emuQualifierUsable(c.g) && emuQualifierUsable(c.b))) {
        return 0.0;
    }
    float r = emuQualifierFlush(c.r), g = emuQualifierFlush(c.g), b = emuQualifierFlush(c.b);
    float mx = r > g ? r : g;
    mx = mx > b ? mx : b;
    float mn = r < g ? r : g;
    mn = mn < b ? mn : b;
    precise float chroma = mx - mn;
    precise float h = 0.0;
    if (chroma > 0.0) {
        if (mx == r) {
            h = (g - b) / chroma;
            if (h < 0.0) h = h + 6.0;
        } else if (mx == g) {
            h = (b - r) / chroma + 2.0;
        } else {
            h = (r - g) / chroma + 4.0;
        }
        h = h * 0.16666667;
        if (h >= 1.0) h = h - 1.0;
    }
    precise float s = mx > 0.0 ? chroma / mx : 0.0;
    precise float l = 0.2126 * r + 0.7152 * g + 0.0722 * b;

    float m = 1.0;
    if (P(base) > 0.5) {
        precise float d = abs(h - P(base + 1u));
        d = d < 1.0 - d ? d : 1.0 - d;
        precise float outside = d - 0.5 * P(base + 2u);
        m = m * emuQualifierWeight(outside, P(base + 3u));
    }
    if (P(base + 4u) > 0.5) {
        precise float lo = P(base + 5u) - s, hi = s - P(base + 6u);
        m = m * emuQualifierWeight(lo > hi ? lo : hi, P(base + 7u));
    }
    if (P(base + 8u) > 0.5) {
        precise float lo = P(base + 9u) - l, hi = l - P(base + 10u);
        m = m * emuQualifierWeight(lo > hi ? lo : hi, P(base + 11u));
    }
    return P(base + 12u) > 0.5 ? 1.0 - m : m;
}
