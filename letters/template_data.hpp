#pragma once
// The values a letter template may use, every figure already formatted for the letter's language:
// templates only place text, they never compute or format (see data/letters/README.md).
#include <kainjow/mustache.hpp>

#include "letter.hpp"

namespace pinc::letters {

kainjow::mustache::data template_data(const Letter& letter);

}  // namespace pinc::letters
