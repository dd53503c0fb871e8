// Rotation by P(base) degrees about RGB's grey axis; see hueCpu in engine/nodes/ColourNodes.cpp.
vec4 emu_hue(vec4 c, EmuPixel pix, uint base) {
    float deg = P(base);
    if (deg == 0.0) return c;
    float t = deg * 0.017453292519943295;
    float cs = cos(t), k = (1.0 - cs) / 3.0, s = sin(t) * 0.57735026918962576;
    float d = cs + k, a = k - s, b = k + s;
    return vec4(d * c.r + a * c.g + b * c.b, b * c.r + d * c.g + a * c.b,
                a * c.r + b * c.g + d * c.b, c.a);
}
