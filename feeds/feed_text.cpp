#include "feed_text.hpp"

#include <cctype>

#include "references.hpp"

namespace pinc::feeds {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alnum_upper(char c) {
  return is_digit(c) || is_upper(c);
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Digits starting at `from`, allowing single spaces or dots between groups; stops at anything
// else. Skips leading spaces, colons and dots.
std::string digits_after(std::string_view text, std::size_t from) {
  while (from < text.size() && (is_space(text[from]) || text[from] == ':' || text[from] == '.'))
    ++from;
  std::string out;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      out += text[i];
    } else if ((text[i] == ' ' || text[i] == '.') && i + 1 < text.size() && is_digit(text[i + 1]) &&
               !out.empty()) {
      continue;
    } else {
      break;
    }
  }
  return out;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string normalize_code(std::string_view text) {
  std::string out;
  for (const char c : text)
    if (!is_space(c)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool looks_like_iban(std::string_view token) {
  if (token.size() < 12 || token.size() > 34) return false;
  if (!is_upper(token[0]) || !is_upper(token[1]) || !is_digit(token[2]) || !is_digit(token[3]))
    return false;
  for (std::size_t i = 4; i < token.size(); ++i)
    if (!is_alnum_upper(token[i]) && token[i] != '*') return false;  // ING masks with '*'
  return true;
}

bool looks_like_bic(std::string_view token) {
  if (token.size() != 8 && token.size() != 11) return false;
  for (std::size_t i = 0; i < 6; ++i)
    if (!is_upper(token[i])) return false;
  for (std::size_t i = 6; i < token.size(); ++i)
    if (!is_alnum_upper(token[i])) return false;
  return true;
}

std::string join_wrapped(const std::vector<WrappedLine>& lines, std::size_t wrap_width) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i - 1].width < wrap_width) out += ' ';
    out += lines[i].text;
  }
  return out;
}

std::string normalize_reference(std::string_view text) {
  const std::string code = normalize_code(text);
  std::string digits;
  for (const char c : code)
    if (c != '.') digits += c;
  bool all_digits = !digits.empty();
  for (const char c : digits) all_digits = all_digits && is_digit(c);
  return all_digits ? digits : code;
}

std::string find_structured_reference(std::string_view original) {
  const std::string text = upper(original);
  // ABN AMRO's acceptgiro: "ISSUER: CUR  REF: 1234567812345678".
  for (std::size_t at = text.find("CUR"); at != std::string::npos; at = text.find("CUR", at + 3)) {
    std::size_t ref = at + 3;
    while (ref < text.size() && is_space(text[ref])) ++ref;
    if (text.compare(ref, 4, "REF:") != 0) continue;
    const std::string digits = digits_after(text, ref + 4);
    if (digits.size() >= 7 && digits.size() <= 16) return digits;
  }
  for (const std::string_view label : {"BETALINGSKENMERK", "BETALINGSKENM."}) {
    const std::size_t at = text.find(label);
    if (at == std::string::npos) continue;
    const std::string digits = digits_after(text, at + label.size());
    if (digits.size() >= 7 && digits.size() <= 16) return digits;
  }
  for (std::size_t at = text.find("KENMERK:"); at != std::string::npos;
       at = text.find("KENMERK:", at + 8)) {
    const std::string digits = digits_after(text, at + 8);
    if (is_valid_betalingskenmerk(digits)) return digits;
  }
  // RF + 2 check digits + 1..21 letters or digits, standing as a word of its own.
  for (std::size_t at = text.find("RF"); at != std::string::npos; at = text.find("RF", at + 2)) {
    if (at > 0 && is_alnum_upper(text[at - 1])) continue;
    std::size_t end = at + 2;
    while (end < text.size() && is_alnum_upper(text[end])) ++end;
    const std::string token = text.substr(at, end - at);
    if (token.size() >= 5 && token.size() <= 25 && is_digit(token[2]) && is_digit(token[3]) &&
        is_valid_rf_reference(token))
      return token;
  }
  return {};
}

}  // namespace pinc::feeds
