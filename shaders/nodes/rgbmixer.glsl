// Zero coefficients contribute nothing, even for Inf or NaN channels.
float emu_rgbmixer_term(float m, float x) {
    return m == 0.0 ? 0.0 : m * x;
}

// out = M * rgb; preserving luma rescales each column j by w_j / (w M)_j; see rgbmixerCpu.
vec4 emu_rgbmixer(vec4 c, EmuPixel pix, uint base) {
    const float w[3] = float[3](0.2126, 0.7152, 0.0722);
    float m[9];
    for (uint i = 0u; i < 9u; ++i) m[i] = P(base + i);
    if (P(base + 9u) > 0.5) {
        for (int j = 0; j < 3; ++j) {
            float l = w[0] * m[j] + w[1] * m[3 + j] + w[2] * m[6 + j];
            if (!(l > 1e-6)) continue;
            float s = w[j] / l;
            for (int i = 0; i < 3; ++i) m[3 * i + j] *= s;
        }
    }
    vec3 v;
    for (int i = 0; i < 3; ++i) {
        v[i] = emu_rgbmixer_term(m[3 * i], c.r) + emu_rgbmixer_term(m[3 * i + 1], c.g) +
               emu_rgbmixer_term(m[3 * i + 2], c.b);
    }
    return vec4(v, c.a);
}
