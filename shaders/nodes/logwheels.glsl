// smoothstep with NaN -> 0 and +Inf -> 1 (GLSL's clamp leaves NaN undefined).
float emu_logwheels_step(float e0, float e1, float x) {
    float t = (x - e0) / (e1 - e0);
    t = t > 0.0 ? min(t, 1.0) : 0.0;
    return t * t * (3.0 - 2.0 * t);
}

// Shadow / midtone / highlight offsets weighted by 1 - t1, t1 - t2, t2 of the log luma; see
// logwheelsCpu in engine/nodes/ColourNodes.cpp.
vec4 emu_logwheels(vec4 c, EmuPixel pix, uint base) {
    const float blend = 0.1;
    float lo = P(base + 9u), hi = max(P(base + 10u), lo);
    float l = emuLuma709(c.rgb);
    float t1 = emu_logwheels_step(lo - blend, lo + blend, l);
    float t2 = emu_logwheels_step(hi - blend, hi + blend, l);
    float ws = 1.0 - t1, wm = t1 - t2;
    vec3 v = c.rgb;
    for (uint i = 0u; i < 3u; ++i) {
        v[i] += ws * P(base + i) + wm * P(base + 3u + i) + t2 * P(base + 6u + i);
    }
    return vec4(v, c.a);
}
