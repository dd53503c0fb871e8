vec4 emu_exposure(vec4 c, EmuPixel pix, uint base) {
    float gain = exp2(P(base));
    return vec4(c.rgb * gain, c.a);
}
