#include "paragraphs.hpp"

namespace pinc::letters {

namespace {

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The byte offset after `count` code points of `text` (or its end).
std::size_t utf8_prefix(std::string_view text, std::size_t count) {
  std::size_t offset = 0;
  while (offset < text.size() && count > 0) {
    ++offset;
    while (offset < text.size() && is_continuation(static_cast<unsigned char>(text[offset])))
      ++offset;
    --count;
  }
  return offset;
}

}  // namespace

std::size_t next_word_end(std::string_view text) {
  constexpr std::string_view kEuro = "\xE2\x82\xAC";
  std::size_t end = text.find(' ');
  // "€ 1.234,56" is one word: a line must not end in a bare euro sign.
  if (end != std::string_view::npos && text.substr(0, end).ends_with(kEuro)) {
    const std::size_t after = text.find(' ', end + 1);
    if (end + 1 < text.size() && text[end + 1] != ' ') end = after;
  }
  return end == std::string_view::npos ? text.size() : end;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t length = 0;
  for (char c : text)
    if (!is_continuation(static_cast<unsigned char>(c))) ++length;
  return length;
}

std::vector<Paragraph> paragraphs(std::string_view body) {
  std::vector<Paragraph> result;
  Paragraph current;
  const auto close = [&] {
    if (!current.empty()) result.push_back(std::move(current));
    current.clear();
  };
  while (!body.empty()) {
    const std::size_t end = body.find('\n');
    const std::string_view line = trim(body.substr(0, end));
    body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    if (line.empty()) {
      close();
    } else if (line.substr(0, 2) == "- ") {
      current.push_back({std::string(trim(line.substr(2))), true});
    } else if (current.empty() || current.back().item) {
      current.push_back({std::string(line), false});
    } else {
      current.back().text += ' ';
      current.back().text += line;
    }
  }
  close();
  return result;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_length = 0;
  while (!text.empty()) {
    const std::size_t start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    std::string_view word = text.substr(0, next_word_end(text));
    text.remove_prefix(word.size());
    while (!word.empty()) {
      const std::size_t length = utf8_length(word);
      if (line_length > 0 && line_length + 1 + length <= width) {
        line += ' ';
        line += word;
        line_length += 1 + length;
        word = {};
      } else if (line_length == 0 && length <= width) {
        line = std::string(word);
        line_length = length;
        word = {};
      } else if (line_length > 0) {
        lines.push_back(std::move(line));
        line.clear();
        line_length = 0;
      } else {
        const std::size_t cut = utf8_prefix(word, width);
        lines.emplace_back(word.substr(0, cut));
        word.remove_prefix(cut);
      }
    }
  }
  if (line_length > 0) lines.push_back(std::move(line));
  return lines;
}

}  // namespace pinc::letters
