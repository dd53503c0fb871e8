vec4 emu_contrast(vec4 c, EmuPixel pix, uint base) {
    float k = P(base);
    float pivot = P(base + 1u);
    return vec4((c.rgb - pivot) * k + pivot, c.a);
}
