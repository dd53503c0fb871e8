// Matte finesse in four stages: shrink/grow (a min or max filter over rows, then columns; the
// amount in pixels of a 1080-line frame, negative shrinks), a Gaussian blur (rows, columns),
// then clean black / clean white: m = clamp((m - black) / (white - black), 0, 1).
// Non-finite matte values count as 0.
#include "gauss.glsl"

float emuMatteAt(vec4 v) { return v.r <= 3.4028235e38 && v.r >= -3.4028235e38 ? v.r : 0.0; }

float emuMinMax(ivec2 px, ivec2 size, float amount, ivec2 dir, bool fromPrev) {
    int taps = min(int(round(abs(amount) * float(size.y) / 1080.0)), 128);
    float m = emuMatteAt(fromPrev ? emuPrev(px) : emuSrc(px));
    for (int i = -taps; i <= taps; ++i) {
        float v = emuMatteAt(fromPrev ? emuPrev(px + dir * i) : emuSrc(px + dir * i));
        m = amount > 0.0 ? max(m, v) : min(m, v);
    }
    return m;
}

vec4 emu_mattefinesse(ivec2 px, ivec2 size, uint base, uint stage) {
    float amount = P(base);
    float sigma = emuSigmaPx(P(base + 1u), size);
    float m;
    if (stage == 0u) {
        m = emuMinMax(px, size, amount, ivec2(1, 0), false);
    } else if (stage == 1u) {
        m = emuMinMax(px, size, amount, ivec2(0, 1), true);
    } else if (stage == 2u) {
        m = P(base + 1u) > 0.0 ? emuGaussPass(px, sigma, ivec2(1, 0), true).r
                               : emuMatteAt(emuPrev(px));
    } else {
        m = P(base + 1u) > 0.0 ? emuGaussPass(px, sigma, ivec2(0, 1), true).r
                               : emuMatteAt(emuPrev(px));
        float black = P(base + 2u), white = P(base + 3u);
        m = clamp((m - black) / max(white - black, 1e-6), 0.0, 1.0);
    }
    return vec4(m, 0.0, 0.0, 1.0);
}
