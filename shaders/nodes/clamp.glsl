// Per channel: NaN gives min; above max - softness values roll off towards max as
// k + s * (1 - 1 / (1 + (x - k) / s)); see clampCpu in engine/nodes/ColourNodes.cpp.
float emu_clamp_channel(float x, float lo, float hi, float soft) {
    if (isnan(x)) return lo;
    if (soft > 0.0) {
        float knee = hi - soft;
        if (x > knee) x = knee + soft * (1.0 - 1.0 / (1.0 + (x - knee) / soft));
    } else {
        x = min(x, hi);
    }
    return x > lo ? x : lo;
}

vec4 emu_clamp(vec4 c, EmuPixel pix, uint base) {
    float soft = P(base + 6u);
    return vec4(emu_clamp_channel(c.r, P(base), P(base + 3u), soft),
                emu_clamp_channel(c.g, P(base + 1u), P(base + 4u), soft),
                emu_clamp_channel(c.b, P(base + 2u), P(base + 5u), soft), c.a);
}
