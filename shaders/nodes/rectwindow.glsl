// A rotated rectangle window; see rectWindowCpu in engine/nodes/WindowNodes.cpp.
float emu_rectwindow(vec4 c, EmuPixel pix, uint base) {
    float angle = radians(P(base + 4u));
    float soft = P(base + 5u);
    precise vec2 d = vec2((pix.pos.x - P(base)) * pix.aspect, pix.pos.y - P(base + 1u));
    float cs = cos(angle), sn = sin(angle);
    precise float u = abs(cs * d.x + sn * d.y) - 0.5 * P(base + 2u);
    precise float v = abs(-sn * d.x + cs * d.y) - 0.5 * P(base + 3u);
    precise float dist;
    if (u > 0.0 || v > 0.0) {
        precise float ou = u > 0.0 ? u : 0.0, ov = v > 0.0 ? v : 0.0;
        dist = sqrt(ou * ou + ov * ov);
    } else {
        dist = u > v ? u : v;
    }
    float m = 1.0 - emuSmoothstep(-soft, soft, dist);
    return P(base + 6u) > 0.5 ? 1.0 - m : m;
}
