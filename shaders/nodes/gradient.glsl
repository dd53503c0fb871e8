// A linear gradient window; see gradientCpu in engine/nodes/WindowNodes.cpp.
float emu_gradient(vec4 c, EmuPixel pix, uint base) {
    float angle = radians(P(base + 2u));
    float soft = P(base + 3u);
    precise vec2 d = vec2((pix.pos.x - P(base)) * pix.aspect, pix.pos.y - P(base + 1u));
    precise float t = cos(angle) * d.x + sin(angle) * d.y;
    float m = emuSmoothstep(-soft, soft, t);
    return P(base + 4u) > 0.5 ? 1.0 - m : m;
}
