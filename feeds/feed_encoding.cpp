#include "feed_encoding.hpp"

#include <array>

namespace pinc::feeds {

namespace {

// 0x80..0x9F in Windows-1252; 0 where Windows-1252 defines nothing (read as Latin-1 instead).
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace

void Utf8Scanner::fail(unsigned char byte) {
  ok_ = false;
  bad_line_ = line_;
  bad_byte_ = byte;
}

bool Utf8Scanner::feed(std::string_view chunk) {
  for (const char c : chunk) {
    if (!ok_) return false;
    const auto byte = static_cast<unsigned char>(c);
    if (pending_ > 0) {
      bool fits = (byte & 0xC0) == 0x80;
      if (fits && first_continuation_) {
        // The second byte narrows the range: no overlongs, no surrogates, not above U+10FFFF.
        if (lead_ == 0xE0) fits = byte >= 0xA0;
        if (lead_ == 0xED) fits = byte <= 0x9F;
        if (lead_ == 0xF0) fits = byte >= 0x90;
        if (lead_ == 0xF4) fits = byte <= 0x8F;
      }
      if (!fits) {
        fail(lead_);  // the byte that began a sequence it cannot finish
        return false;
      }
      first_continuation_ = false;
      --pending_;
      continue;
    }
    if (byte == '\n') ++line_;
    if (byte < 0x80) continue;
    lead_ = byte;
    first_continuation_ = true;
    if (byte >= 0xC2 && byte <= 0xDF) {
      pending_ = 1;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      pending_ = 2;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      pending_ = 3;
    } else {
      fail(byte);
      return false;
    }
  }
  return ok_;
}

bool Utf8Scanner::finish() {
  if (ok_ && pending_ > 0) fail(lead_);
  return ok_;
}

bool is_valid_utf8(std::string_view text) {
  // ASCII is the common case by far; only a line with a high byte needs the full check.
  bool ascii = true;
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) return true;
  Utf8Scanner scanner;
  return scanner.feed(text) && scanner.finish();
}

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 && byte <= 0x9F && kWindows1252High[byte - 0x80] != 0)
      append_utf8(out, kWindows1252High[byte - 0x80]);
    else
      append_utf8(out, byte);
  }
  return out;
}

std::size_t strip_control_bytes(std::string& line, bool& nul) {
  std::size_t removed = 0;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\x01' || c == '\x03' || c == '\x1A') {
      ++removed;
      continue;
    }
    if (c == '\0') nul = true;
    line[kept++] = c == '\t' ? ' ' : c;
  }
  line.resize(kept);
  return removed;
}

}  // namespace pinc::feeds
