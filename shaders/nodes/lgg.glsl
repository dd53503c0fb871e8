// out = signedPow(gain * (x * (1 - lift) + lift), 1 / gamma) + offset, per channel and master.
vec4 emu_lgg(vec4 c, EmuPixel pix, uint base) {
    vec3 v = c.rgb;
    for (uint i = 0u; i < 3u; ++i) {
        float l = P(base + i) + P(base + 3u);
        float g = P(base + 4u + i) * P(base + 7u);
        float k = P(base + 8u + i) * P(base + 11u);
        float x = k * (v[i] * (1.0 - l) + l);
        v[i] = emuSignedPow(x, 1.0 / g) + P(base + 12u + i) + P(base + 15u);
    }
    return vec4(v, c.a);
}
