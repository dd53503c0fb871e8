#include "Spline.h"

#include <algorithm>
#include <cmath>

#include "emulsion/graph/NodeDesc.h"

namespace emu::nodes {

namespace {

// A curve's points as the block holds them; periodic curves read x modulo 1.
struct CurveView {
    const float* block;
    int count;
    bool periodic;

    float x(int k) const {
        const float v = block[1 + 2 * k];
        return periodic ? wrap01(v) : v;
    }
    float y(int k) const { return block[2 + 2 * k]; }
};

// The point with the largest x <= v (< v when strict), the last one of equals; -1 for none.
int below(const CurveView& c, float v, bool strict) {
    int best = -1;
    float bestX = 0.0f;
    for (int k = 0; k < c.count; ++k) {
        const float xk = c.x(k);
        const bool inside = strict ? xk < v : xk <= v;
        if (inside && (best < 0 || xk >= bestX)) {
            best = k;
            bestX = xk;
        }
    }
    return best;
}

// The point with the smallest x > v, the first one of equals; -1 for none.
int above(const CurveView& c, float v) {
    int best = -1;
    float bestX = 0.0f;
    for (int k = 0; k < c.count; ++k) {
        const float xk = c.x(k);
        if (xk > v && (best < 0 || xk < bestX)) {
            best = k;
            bestX = xk;
        }
    }
    return best;
}

// Fritsch-Butland tangent at a point between secants dl (over hl) and dr (over hr). Equal
// secants give themselves exactly, so collinear points make straight pieces.
float tangent(float dl, float hl, float dr, float hr) {
    if (dl == dr) return dl;
    if (!((dl > 0.0f && dr > 0.0f) || (dl < 0.0f && dr < 0.0f))) return 0.0f;
    const float w1 = 2.0f * hr + hl;
    const float w2 = hr + 2.0f * hl;
    return (w1 + w2) / (w1 / dl + w2 / dr);
}

// The cubic Hermite piece from (x0, y0) to (x0 + h, y1), secant d, end tangents m0, m1, at v.
float piece(float x0, float y0, float y1, float h, float d, float m0, float m1, float v) {
    if (m0 == d && m1 == d) return y0 + (v - x0) * d;
    const float t = (v - x0) / h;
    const float a = h * m0, b = h * m1, dy = y1 - y0;
    return y0 + t * (a + t * ((3.0f * dy - 2.0f * a - b) + t * (a + b - 2.0f * dy)));
}

// Past the end point e of an open curve, whose neighbour is nb (-1 for none).
float extend(const CurveView& c, int e, int nb, float x, CurveEnds ends) {
    float slope = 0.0f;
    if (ends == CurveEnds::Linear) {
        slope = nb < 0 ? 1.0f : (c.y(nb) - c.y(e)) / (c.x(nb) - c.x(e));
    }
    // Explicit, so an infinite x meets no 0 * Inf.
    if (slope == 0.0f) return c.y(e);
    return c.y(e) + (x - c.x(e)) * slope;
}

}  // namespace

float wrap01(float x) {
    const float w = x - std::floor(x);
    return w >= 0.0f && w < 1.0f ? w : 0.0f;
}

int curvePointCount(const float* curve) {
    return static_cast<int>(std::clamp(curve[0], 0.0f, float(graph::kMaxCurvePoints)));
}

float evalCurve(const float* curve, float x, CurveEnds ends, float empty) {
    if (std::isnan(x)) return x;
    const CurveView c{curve, curvePointCount(curve), false};
    if (c.count == 0) return empty;
    const int lo = below(c, x, false);
    const int hi = above(c, x);
    if (lo < 0) return extend(c, hi, above(c, c.x(hi)), x, ends);
    if (hi < 0) return extend(c, lo, below(c, c.x(lo), true), x, ends);
    const float x0 = c.x(lo), y0 = c.y(lo), x1 = c.x(hi), y1 = c.y(hi);
    const float h = x1 - x0, d = (y1 - y0) / h;
    const int p = below(c, x0, true);
    const int q = above(c, x1);
    const float m0 = p < 0 ? d : tangent((y0 - c.y(p)) / (x0 - c.x(p)), x0 - c.x(p), d, h);
    const float m1 = q < 0 ? d : tangent(d, h, (c.y(q) - y1) / (c.x(q) - x1), c.x(q) - x1);
    return piece(x0, y0, y1, h, d, m0, m1, x);
}

float evalPeriodicCurve(const float* curve, float x, float empty) {
    const CurveView c{curve, curvePointCount(curve), true};
    if (c.count == 0) return empty;
    if (c.count == 1) return c.y(0);
    const float v = wrap01(x);
    // The points either side of v; across the wrap, the last point sits at x - 1 and the
    // first at x + 1. All wrapped x are below 1 and at least 0.
    int lo = below(c, v, false);
    float x0 = 0.0f;
    if (lo >= 0) {
        x0 = c.x(lo);
    } else {
        lo = below(c, 1.0f, false);
        x0 = c.x(lo) - 1.0f;
    }
    int hi = above(c, v);
    float x1 = 0.0f;
    if (hi >= 0) {
        x1 = c.x(hi);
    } else {
        hi = above(c, -1.0f);
        x1 = c.x(hi) + 1.0f;
    }
    // Their outer neighbours and the gaps to them, again across the wrap where needed.
    int p = below(c, c.x(lo), true);
    float hl = 0.0f;
    if (p >= 0) {
        hl = c.x(lo) - c.x(p);
    } else {
        p = below(c, 1.0f, false);
        hl = c.x(lo) + 1.0f - c.x(p);
    }
    int q = above(c, c.x(hi));
    float hr = 0.0f;
    if (q >= 0) {
        hr = c.x(q) - c.x(hi);
    } else {
        q = above(c, -1.0f);
        hr = c.x(q) + 1.0f - c.x(hi);
    }
    const float y0 = c.y(lo), y1 = c.y(hi);
    const float h = x1 - x0, d = (y1 - y0) / h;
    const float m0 = tangent((y0 - c.y(p)) / hl, hl, d, h);
    const float m1 = tangent(d, h, (c.y(q) - y1) / hr, hr);
    return piece(x0, y0, y1, h, d, m0, m1, v);
}

}  // namespace emu::nodes
