#pragma once
// The letter texts shipped with pinc (data/letters/<language>/<kind>.mustache), compiled into the
// binary by embed_templates.cmake so that rendering never depends on files being installed.
#include <optional>
#include <string_view>

namespace pinc::letters {

// The template text for a language ("nl", "en") and a letter kind ("reminder", ...), if shipped.
std::optional<std::string_view> builtin_letter_template(std::string_view language,
                                                        std::string_view kind);

}  // namespace pinc::letters
