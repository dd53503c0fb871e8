#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace emu::panels {

// The kinds of control a surface has, whatever the device. A driver turns its reports into
// SurfaceEvents on these; mappings and the engine never see a device's bytes.
enum class ControlKind {
    Ball,    // trackball: relative x/y
    Ring,    // the ring around a trackball: relative
    Knob,    // endless encoder: relative steps (detents)
    Jog,     // jog/shuttle wheel: relative steps
    Button,  // pressed / released
    Fader,   // absolute position 0..1
};

const char* toString(ControlKind kind);
// "ball" -> Ball; false when unknown.
bool parseControlKind(const std::string& text, ControlKind& kind);

// One control of a surface: its kind and its 1-based number among controls of that kind,
// counted as printed on the panel (ball 1 is the left trackball, knob 3 the third knob).
struct ControlId {
    ControlKind kind = ControlKind::Button;
    int index = 1;

    bool operator==(const ControlId&) const = default;
};

// What a control did. Relative controls carry deltas in device units (ball counts, encoder
// detents); a button carries pressed; a fader its position.
struct SurfaceEvent {
    ControlId control;
    float dx = 0.0f;  // ball x, ring/knob/jog steps
    float dy = 0.0f;  // ball y
    bool pressed = false;
    float position = 0.0f;    // fader [0, 1]
    std::int64_t timeNs = 0;  // when the report carrying it was read (steady clock)
};

// The controls a device has, for `panels list` and for checking that a mapping only names
// controls the device owns.
struct SurfaceLayout {
    std::string model;  // "Blackmagic Speed Editor"
    int balls = 0;
    int rings = 0;
    int knobs = 0;
    int jogs = 0;
    int buttons = 0;
    int faders = 0;
    int leds = 0;
    int displays = 0;  // small text displays

    int count(ControlKind kind) const;
};

}  // namespace emu::panels
