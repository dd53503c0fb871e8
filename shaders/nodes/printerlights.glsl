// Printer points per channel plus master: gain 10^(0.025 * points) in linear light, or
// 0.025 * log2(10) / 17.52 per point in ACEScct; see printerlightsCpu.
vec4 emu_printerlights(vec4 c, EmuPixel pix, uint base) {
    bool cct = P(base + 4u) > 0.5;
    vec3 v = c.rgb;
    for (uint i = 0u; i < 3u; ++i) {
        float points = P(base + i) + P(base + 3u);
        if (points == 0.0) continue;
        v[i] = cct ? v[i] + points * 0.00474019420 : v[i] * exp2(points * 0.0830482024);
    }
    return vec4(v, c.a);
}
