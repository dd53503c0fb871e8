float emu_keymix(float a, float b, uint base) {
    int mode = int(P(base));
    float m;
    if (mode == 0) m = a * b;
    else if (mode == 1) m = a + b - a * b;
    else if (mode == 2) m = a * (1.0 - b);
    else if (mode == 3) m = max(a, b);
    else m = min(a, b);
    return clamp(m, 0.0, 1.0);
}
