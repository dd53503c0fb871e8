// Monotone cubic curves over Curve parameters, for node functions. Mirrors
// engine/nodes/Spline.cpp line for line; the interpolation and its edge cases are described in
// engine/nodes/Spline.h. `at` is the curve's offset in the parameter block, where it is stored
// as a count followed by 16 (x, y) pairs. Needs the generated pass's P().
#ifndef EMU_SPLINE_GLSL
#define EMU_SPLINE_GLSL

#define EMU_CURVE_SIZE 33u  // floats per Curve parameter: 1 + 2 * kMaxCurvePoints

float emuWrap01(float x) {
    float w = x - floor(x);
    return w >= 0.0 && w < 1.0 ? w : 0.0;
}

int emuCurveCount(uint at) {
    return int(clamp(P(at), 0.0, 16.0));
}

float emuCurveX(uint at, int k, bool periodic) {
    float v = P(at + 1u + 2u * uint(k));
    return periodic ? emuWrap01(v) : v;
}

float emuCurveY(uint at, int k) {
    return P(at + 2u + 2u * uint(k));
}

// The point with the largest x <= v (< v when strict), the last one of equals; -1 for none.
int emuCurveBelow(uint at, int n, bool periodic, float v, bool strict) {
    int best = -1;
    float bestX = 0.0;
    for (int k = 0; k < n; ++k) {
        float xk = emuCurveX(at, k, periodic);
        bool inside = strict ? xk < v : xk <= v;
        if (inside && (best < 0 || xk >= bestX)) {
            best = k;
            bestX = xk;
        }
    }
    return best;
}

// The point with the smallest x > v, the first one of equals; -1 for none.
int emuCurveAbove(uint at, int n, bool periodic, float v) {
    int best = -1;
    float bestX = 0.0;
    for (int k = 0; k < n; ++k) {
        float xk = emuCurveX(at, k, periodic);
        if (xk > v && (best < 0 || xk < bestX)) {
            best = k;
            bestX = xk;
        }
    }
    return best;
}

// Fritsch-Butland tangent between secants dl (over hl) and dr (over hr).
float emuCurveTangent(float dl, float hl, float dr, float hr) {
    if (dl == dr) return dl;
    if (!((dl > 0.0 && dr > 0.0) || (dl < 0.0 && dr < 0.0))) return 0.0;
    float w1 = 2.0 * hr + hl;
    float w2 = hr + 2.0 * hl;
    return (w1 + w2) / (w1 / dl + w2 / dr);
}

float emuCurvePiece(float x0, float y0, float y1, float h, float d, float m0, float m1, float v) {
    if (m0 == d && m1 == d) return y0 + (v - x0) * d;
    float t = (v - x0) / h;
    float a = h * m0, b = h * m1, dy = y1 - y0;
    return y0 + t * (a + t * ((3.0 * dy - 2.0 * a - b) + t * (a + b - 2.0 * dy)));
}

float emuCurveExtend(uint at, int e, int nb, float x, bool flatEnds) {
    float slope = 0.0;
    if (!flatEnds) {
        slope = nb < 0 ? 1.0
                       : (emuCurveY(at, nb) - emuCurveY(at, e)) /
                             (emuCurveX(at, nb, false) - emuCurveX(at, e, false));
    }
    if (slope == 0.0) return emuCurveY(at, e);
    return emuCurveY(at, e) + (x - emuCurveX(at, e, false)) * slope;
}

// An open curve: linear ends (tone curves) or flat ends (gain curves).
float emuCurve(uint at, float x, bool flatEnds, float empty) {
    if (isnan(x)) return x;
    int n = emuCurveCount(at);
    if (n == 0) return empty;
    int lo = emuCurveBelow(at, n, false, x, false);
    int hi = emuCurveAbove(at, n, false, x);
    if (lo < 0) {
        return emuCurveExtend(at, hi, emuCurveAbove(at, n, false, emuCurveX(at, hi, false)), x,
                              flatEnds);
    }
    if (hi < 0) {
        return emuCurveExtend(at, lo, emuCurveBelow(at, n, false, emuCurveX(at, lo, false), true),
                              x, flatEnds);
    }
    float x0 = emuCurveX(at, lo, false), y0 = emuCurveY(at, lo);
    float x1 = emuCurveX(at, hi, false), y1 = emuCurveY(at, hi);
    float h = x1 - x0, d = (y1 - y0) / h;
    int p = emuCurveBelow(at, n, false, x0, true);
    int q = emuCurveAbove(at, n, false, x1);
    float m0 = d, m1 = d;
    if (p >= 0) {
        float xp = emuCurveX(at, p, false);
        m0 = emuCurveTangent((y0 - emuCurveY(at, p)) / (x0 - xp), x0 - xp, d, h);
    }
    if (q >= 0) {
        float xq = emuCurveX(at, q, false);
        m1 = emuCurveTangent(d, h, (emuCurveY(at, q) - y1) / (xq - x1), xq - x1);
    }
    return emuCurvePiece(x0, y0, y1, h, d, m0, m1, x);
}

// A periodic curve over [0, 1): x and the points' x modulo 1, interpolated across the wrap.
float emuPeriodicCurve(uint at, float x, float empty) {
    int n = emuCurveCount(at);
    if (n == 0) return empty;
    if (n == 1) return emuCurveY(at, 0);
    float v = emuWrap01(x);
    int lo = emuCurveBelow(at, n, true, v, false);
    float x0 = 0.0;
    if (lo >= 0) {
        x0 = emuCurveX(at, lo, true);
    } else {
        lo = emuCurveBelow(at, n, true, 1.0, false);
        x0 = emuCurveX(at, lo, true) - 1.0;
    }
    int hi = emuCurveAbove(at, n, true, v);
    float x1 = 0.0;
    if (hi >= 0) {
        x1 = emuCurveX(at, hi, true);
    } else {
        hi = emuCurveAbove(at, n, true, -1.0);
        x1 = emuCurveX(at, hi, true) + 1.0;
    }
    float xlo = emuCurveX(at, lo, true), xhi = emuCurveX(at, hi, true);
    int p = emuCurveBelow(at, n, true, xlo, true);
    float hl = 0.0;
    if (p >= 0) {
        hl = xlo - emuCurveX(at, p, true);
    } else {
        p = emuCurveBelow(at, n, true, 1.0, false);
        hl = xlo + 1.0 - emuCurveX(at, p, true);
    }
    int q = emuCurveAbove(at, n, true, xhi);
    float hr = 0.0;
    if (q >= 0) {
        hr = emuCurveX(at, q, true) - xhi;
    } else {
        q = emuCurveAbove(at, n, true, -1.0);
        hr = emuCurveX(at, q, true) + 1.0 - xhi;
    }
    float y0 = emuCurveY(at, lo), y1 = emuCurveY(at, hi);
    float h = x1 - x0, d = (y1 - y0) / h;
    float m0 = emuCurveTangent((y0 - emuCurveY(at, p)) / hl, hl, d, h);
    float m1 = emuCurveTangent(d, h, (emuCurveY(at, q) - y1) / hr, hr);
    return emuCurvePiece(x0, y0, y1, h, d, m0, m1, v);
}

#endif
