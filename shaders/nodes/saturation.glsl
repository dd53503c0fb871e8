vec4 emu_saturation(vec4 c, EmuPixel pix, uint base) {
    float luma = emuLuma709(c.rgb);
    return vec4(luma + P(base) * (c.rgb - luma), c.a);
}
