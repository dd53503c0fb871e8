// An ellipse window; see windowCpu in engine/nodes/MatteNodes.cpp for the parameters.
float emu_window(vec4 c, EmuPixel pix, uint base) {
    float angle = radians(P(base + 4u));
    float soft = P(base + 5u);
    vec2 d = vec2((pix.pos.x - P(base)) * pix.aspect, pix.pos.y - P(base + 1u));
    float cs = cos(angle), sn = sin(angle);
    float size = P(base + 2u);
    float u = (cs * d.x + sn * d.y) / (size * P(base + 3u));
    float v = (-sn * d.x + cs * d.y) / size;
    float m = 1.0 - smoothstep(1.0 - soft, 1.0 + soft + 1e-6, sqrt(u * u + v * v));
    return P(base + 6u) > 0.5 ? 1.0 - m : m;
}
