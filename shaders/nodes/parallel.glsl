// base + (a - base) + (b - base) + (c - base); unconnected branches arrive as base.
vec4 emu_parallel(vec4 base, vec4 a, vec4 b, vec4 c, uint pb) {
    return vec4(a.rgb + b.rgb + c.rgb - 2.0 * base.rgb, base.a);
}
