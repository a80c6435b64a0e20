#pragma once
// A rendered body as paragraphs of lines, the one reading of the template format that the e-mail
// text and the PDF share: blank lines separate paragraphs, the lines of a paragraph are joined,
// and a line starting with "- " is a list item of its own.
#include <string>
#include <string_view>
#include <vector>

namespace pinc::letters {

struct BodyLine {
  std::string text;   // without the "- " marker
  bool item = false;  // a list item: drawn with a bullet and a hanging indent
};
using Paragraph = std::vector<BodyLine>;

std::vector<Paragraph> paragraphs(std::string_view body);

// Greedy word wrap of UTF-8 text at `width` code points; a word longer than a line is split.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width);
std::size_t utf8_length(std::string_view text);
// Where the word at the start of `text` ends: at the next space, except that a euro sign stays
// with the amount after it.
std::size_t next_word_end(std::string_view text);

}  // namespace pinc::letters
