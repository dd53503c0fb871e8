// Binning for the scope kernels (engine/scopes). The CPU reference there repeats every step in
// the same order, so GPU and CPU counts are equal, not merely close: no fused multiply-add
// (`precise`), subnormals flushed explicitly (devices may or may not), NaN found by its bits.
//
// The includer declares, before including this file:
//   uint emuCounts[]      the counts buffer: EMU_SCOPE_COUNTS words of per-plane stats
//                         (nan, below, above for planes 0..2), then the bins
//   EMU_SCOPE_COUNTS      where the bins start
//   EMU_SCOPE_LUMA, EMU_SCOPE_CB, EMU_SCOPE_CR   vec3 weights on (R, G, B), bit-exact copies
//                         of the CPU reference's constants
#ifndef EMU_SCOPES_GLSL
#define EMU_SCOPES_GLSL

float emuScopeFlush(float v) {
    return (floatBitsToUint(v) & 0x7f800000u) == 0u ? 0.0 : v;
}

bool emuScopeIsNan(float v) {
    return (floatBitsToUint(v) & 0x7fffffffu) > 0x7f800000u;
}

// w.x * r + w.y * g + w.z * b, left to right, each step rounded and flushed on its own.
float emuScopeWeigh(vec3 c, vec3 w) {
    precise float a = emuScopeFlush(w.x * c.r);
    precise float b = emuScopeFlush(w.y * c.g);
    precise float ab = emuScopeFlush(a + b);
    precise float d = emuScopeFlush(w.z * c.b);
    precise float sum = emuScopeFlush(ab + d);
    return sum;
}

// The bin of v (not NaN) among n bins over [0, 1]. Clamped while still a float: converting
// Inf or a value beyond int's range to int is undefined.
int emuScopeBin(float v, int n) {
    precise float s = floor(v * float(n));
    return int(clamp(s, 0.0, float(n - 1)));
}

void emuScopeCount(uint word) {
    atomicAdd(emuCounts[word], 1u);
}

// One value of `plane` into column `column` of a binsX x binsY plane (waveform, parade; the
// histogram is the one-column case).
void emuScopeValue(int plane, float v, int column, int binsX, int binsY) {
    const uint stats = uint(plane) * 3u;
    if (emuScopeIsNan(v)) {
        emuScopeCount(stats);
        return;
    }
    if (v < 0.0) {
        emuScopeCount(stats + 1u);
    } else if (v > 1.0) {
        emuScopeCount(stats + 2u);
    }
    const int y = emuScopeBin(v, binsY);
    emuScopeCount(EMU_SCOPE_COUNTS + uint((plane * binsY + y) * binsX + column));
}

// One colour into the n x n (Cb, Cr) plane.
void emuScopeChroma(vec3 c, int n) {
    precise float cb = emuScopeWeigh(c, EMU_SCOPE_CB);
    precise float cr = emuScopeWeigh(c, EMU_SCOPE_CR);
    if (emuScopeIsNan(cb) || emuScopeIsNan(cr)) {
        emuScopeCount(0u);
        return;
    }
    if (cb < -0.5 || cb > 0.5 || cr < -0.5 || cr > 0.5) emuScopeCount(2u);
    precise float u = cb + 0.5;
    precise float v = cr + 0.5;
    emuScopeCount(EMU_SCOPE_COUNTS + uint(emuScopeBin(v, n) * n + emuScopeBin(u, n)));
}

vec3 emuScopeFlush(vec3 c) {
    return vec3(emuScopeFlush(c.r), emuScopeFlush(c.g), emuScopeFlush(c.b));
}

#endif
