// A polygon window; see polygonCpu in engine/nodes/WindowNodes.cpp.
vec2 emuPolygonVertex(uint base, int k, float aspect) {
    return vec2(P(base + 1u + 2u * uint(k)) * aspect, P(base + 2u + 2u * uint(k)));
}

float emu_polygon(vec4 c, EmuPixel pix, uint base) {
    int n = int(clamp(P(base), 0.0, 16.0));
    float soft = P(base + 33u);
    bool invert = P(base + 34u) > 0.5;
    if (n < 3) return invert ? 1.0 : 0.0;
    precise vec2 p = vec2(pix.pos.x * pix.aspect, pix.pos.y);
    bool inside = false;
    float nearest2 = 3.0e38;
    vec2 a = emuPolygonVertex(base, n - 1, pix.aspect);
    for (int k = 0; k < n; ++k) {
        vec2 b = emuPolygonVertex(base, k, pix.aspect);
        if ((a.y > p.y) != (b.y > p.y)) {
            precise float xCross = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
            if (p.x < xCross) inside = !inside;
        }
        precise vec2 e = b - a;
        precise vec2 w = p - a;
        precise float len2 = e.x * e.x + e.y * e.y;
        precise float t = len2 > 0.0 ? (w.x * e.x + w.y * e.y) / len2 : 0.0;
        t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
        precise float qx = w.x - e.x * t, qy = w.y - e.y * t;
        precise float q2 = qx * qx + qy * qy;
        nearest2 = q2 < nearest2 ? q2 : nearest2;
        a = b;
    }
    precise float dist = sqrt(nearest2);
    float m = 1.0 - emuSmoothstep(-soft, soft, inside ? -dist : dist);
    return invert ? 1.0 - m : m;
}
