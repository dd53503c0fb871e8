#pragma once

namespace emu::station {

// A window node's ellipse as the viewer draws it over the picture: the same shape as the
// node's matte (nodes/MatteNodes.cpp, windowCpu), turned from "how far is this pixel" into
// "where is the pixel this far". Thread: any (pure functions).
struct WindowOutline {
    float x = 0.5f, y = 0.5f;  // centre, 0..1 of the frame's width and height
    float size = 0.3f;         // radius along the window's own vertical axis [frame heights]
    float aspect = 1.0f;       // horizontal radius / vertical radius
    float rotationDeg = 0.0f;
};

struct PicturePoint {
    float x = 0, y = 0;  // 0..1 of the frame's width and height
};

// The point at distance `d` from the centre (1: the edge, where the matte is one half; 1 -/+
// softness: where the soft edge begins and ends) at angle `t` [rad] around it, in a frame of
// width / height `frameAspect`.
PicturePoint windowPoint(const WindowOutline& w, float frameAspect, float d, float t);

// How far the pointer at `p` is from the centre along the window's horizontal axis, as a size
// (the size that puts the edge there): the size handle's drag.
float windowSizeAt(const WindowOutline& w, float frameAspect, PicturePoint p);

}  // namespace emu::station
