#pragma once

// Curve parameters evaluated as monotone cubic splines. Mirrors shaders/include/spline.glsl
// line for line, so the CPU references and the GPU agree to a few ulps.
//
// A curve is read as the parameter block stores it: a point count, then up to
// graph::kMaxCurvePoints (x, y) pairs. The points need not be sorted: every evaluation finds
// the neighbours of x by scanning, which is the same as sorting them by x (stably). Points that
// share an x make a step: the curve arrives at the first of them and leaves from the last.
//
// Interpolation: piecewise cubic Hermite with Fritsch-Butland tangents (the weighted harmonic
// mean of the two neighbouring secants, as in PCHIP; zero where the secants differ in sign or
// one is zero). Each piece is monotone between its end points, so the curve never overshoots
// its points and a monotone set of points gives a monotone curve. Open curves take the end
// secant as the end tangent; a piece whose two tangents equal its secant is evaluated as the
// straight line it is, which keeps the identity curve exact.

namespace emu::nodes {

// How an open curve continues past its first and last points, and what one point means.
enum class CurveEnds {
    Linear,  // tone curves: straight on with the end secant; one point is a slope-1 line
    Flat,    // gain curves: the end values hold; one point is a constant
};

// Points the block holds: its count clamped to [0, kMaxCurvePoints].
int curvePointCount(const float* curve);

// The open curve at x; a curve without points is `empty` (tone curves pass x: the identity).
// NaN gives NaN. +-Inf follow the end slope: +-Inf along a rising end, -+Inf along a falling
// one, the end value along a flat one. Pure; any thread.
float evalCurve(const float* curve, float x, CurveEnds ends, float empty);

// A periodic curve over [0, 1) (hues): point x values and x itself are taken modulo 1, and the
// pieces either side of the wrap are interpolated like any other, so points near 0 and near 1
// are neighbours. One point is a constant, none is `empty`. A non-finite x reads as 0.
float evalPeriodicCurve(const float* curve, float x, float empty);

// x modulo 1 in [0, 1); non-finite x gives 0.
float wrap01(float x);

}  // namespace emu::nodes
