// Layer mixer; see blendChannel and layerCpu in engine/nodes/MixerNodes.cpp.
float emuLayerBlend(float s, float l, int mode) {
    precise float f;
    if (mode == 0) {
        f = l;
    } else if (mode == 1) {
        f = s + l;
    } else if (mode == 2) {
        f = s * l;
    } else if (mode == 3) {
        f = s + l - s * l;
    } else if (mode == 4) {
        f = s <= 0.5 ? 2.0 * s * l : 1.0 - 2.0 * (1.0 - s) * (1.0 - l);
    } else if (l <= 0.5) {
        f = s - (1.0 - 2.0 * l) * s * (1.0 - s);
    } else {
        precise float d = s <= 0.25 ? ((16.0 * s - 12.0) * s + 4.0) * s : sqrt(s);
        f = s + (2.0 * l - 1.0) * (d - s);
    }
    return f;
}

float emuLayerOver(float s, float l, int mode, float opacity) {
    if (!(opacity > 0.0)) return s;
    precise float f = emuLayerBlend(s, l, mode);
    if (opacity >= 1.0) return f;
    precise float r = s + opacity * (f - s);
    return r;
}

vec3 emuLayerOver(vec3 s, vec3 l, uint pb) {
    if (!(P(pb) > 0.5)) return s;
    int mode = int(P(pb + 1u));
    float opacity = P(pb + 2u);
    return vec3(emuLayerOver(s.r, l.r, mode, opacity), emuLayerOver(s.g, l.g, mode, opacity),
                emuLayerOver(s.b, l.b, mode, opacity));
}

vec4 emu_layer(vec4 base, vec4 a, vec4 b, vec4 c, uint pb) {
    vec3 r = emuLayerOver(base.rgb, a.rgb, pb);
    r = emuLayerOver(r, b.rgb, pb + 3u);
    r = emuLayerOver(r, c.rgb, pb + 6u);
    return vec4(r, base.a);
}
