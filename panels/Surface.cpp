#include "emulsion/panels/Surface.h"

namespace emu::panels {

namespace {
constexpr const char* kKindNames[] = {"ball", "ring", "knob", "jog", "button", "fader"};
}

const char* toString(ControlKind kind) {
    return kKindNames[static_cast<int>(kind)];
}

bool parseControlKind(const std::string& text, ControlKind& kind) {
    for (int i = 0; i < 6; ++i) {
        if (text == kKindNames[i]) {
            kind = static_cast<ControlKind>(i);
            return true;
        }
    }
    return false;
}

int SurfaceLayout::count(ControlKind kind) const {
    switch (kind) {
        case ControlKind::Ball:
            return balls;
        case ControlKind::Ring:
            return rings;
        case ControlKind::Knob:
            return knobs;
        case ControlKind::Jog:
            return jogs;
        case ControlKind::Button:
            return buttons;
        case ControlKind::Fader:
            return faders;
    }
    return 0;
}

}  // namespace emu::panels
