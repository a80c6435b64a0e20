#pragma once
// A letter as the text/plain part of an e-mail: the rendered body, the claim specification and
// the agency's footer. UTF-8, lines of at most 78 characters (RFC 5322's recommendation).
#include <string>

#include "letter.hpp"
#include "templates.hpp"

namespace pinc::letters {

inline constexpr std::size_t kEmailLineWidth = 78;

std::string email_text(const Letter& letter, const RenderedText& text);

// The specification alone, as aligned text lines (also what email_text appends).
std::string specification_text(const Letter& letter);

}  // namespace pinc::letters
