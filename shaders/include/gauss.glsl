// Gaussian filtering for spatial nodes: emuSrc/emuPrev are defined by the generated stage
// shader before the node function (and this file) are stitched in.
#ifndef EMU_GAUSS_DEFINED
#define EMU_GAUSS_DEFINED
bvec4 emuFinite(vec4 v) { return lessThanEqual(abs(v), vec4(3.4028235e38)); }

int emuGaussTaps(float sigma) { return min(int(ceil(3.0 * sigma)), 96); }

// One direction of the blur over emuSrc (stage 0) or emuPrev (stage 1).
vec4 emuGaussPass(ivec2 px, float sigma, ivec2 dir, bool fromPrev) {
    int taps = emuGaussTaps(sigma);
    vec4 sum = vec4(0.0);
    vec4 weight = vec4(0.0);
    for (int i = -taps; i <= taps; ++i) {
        float t = float(i) / sigma;
        float w = exp(-0.5 * t * t);
        vec4 v = fromPrev ? emuPrev(px + dir * i) : emuSrc(px + dir * i);
        bvec4 ok = emuFinite(v);
        sum += mix(vec4(0.0), v, ok) * w;
        weight += mix(vec4(0.0), vec4(w), ok);
    }
    return sum / max(weight, vec4(1e-30));
}

float emuSigmaPx(float radius, ivec2 size) {
    return max(radius * float(size.y) / 1080.0 / 3.0, 1e-3);
}
#endif
