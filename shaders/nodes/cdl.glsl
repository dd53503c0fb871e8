// ASC CDL v1.2 (style 0, clamping) or OpenColorIO's no-clamp style (1).
vec4 emu_cdl(vec4 c, EmuPixel pix, uint base) {
    bool clampIt = P(base + 10u) < 0.5;
    vec3 v = c.rgb;
    for (uint i = 0u; i < 3u; ++i) {
        float x = v[i] * P(base + i) + P(base + 3u + i);
        if (clampIt) x = x > 0.0 ? min(x, 1.0) : 0.0;  // NaN clamps to 0
        v[i] = x > 0.0 ? pow(x, P(base + 6u + i)) : x;
    }
    float luma = emuLuma709(v);
    v = luma + P(base + 9u) * (v - luma);
    if (clampIt) {
        for (uint i = 0u; i < 3u; ++i) v[i] = v[i] > 0.0 ? min(v[i], 1.0) : 0.0;
    }
    return vec4(v, c.a);
}
