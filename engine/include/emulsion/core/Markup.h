#pragma once

#include <string>
#include <string_view>

namespace emu::core {

// `text` made safe inside XML or HTML text and attribute values: & < > " ' as entity or
// character references. Thread: pure function.
std::string escapeMarkup(std::string_view text);

}  // namespace emu::core
