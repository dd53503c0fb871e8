#include "emulsion/core/Markup.h"

#include <gtest/gtest.h>

namespace emu::core {
namespace {

TEST(Markup, EscapesEveryCharacterThatEndsTextOrAnAttribute) {
    EXPECT_EQ(escapeMarkup("A & B <v2> \"quoted\" it's"),
              "A &amp; B &lt;v2&gt; &quot;quoted&quot; it&#39;s");
    EXPECT_EQ(escapeMarkup("plain text"), "plain text");
    EXPECT_EQ(escapeMarkup(""), "");
}

}  // namespace
}  // namespace emu::core
