#pragma once
// Character sets as banks really send them (BANK-FEEDS.md 9): UTF-8 checked strictly, Windows-1252
// (and Latin-1 for the five bytes Windows-1252 leaves undefined) as the fallback, and the control
// bytes that wrap MT940 messages (SOH, ETX, Ctrl-Z).
#include <cstdint>
#include <string>
#include <string_view>

namespace pinc::feeds {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// UTF-8 checked a chunk at a time (a sequence may straddle two chunks): where the first bad byte
// is, for the warning that names it.
class Utf8Scanner {
 public:
  // False once a bad byte has been seen.
  bool feed(std::string_view chunk);
  // False if the input ended in the middle of a sequence (or earlier had a bad byte).
  bool finish();
  std::uint64_t bad_line() const { return bad_line_; }
  unsigned char bad_byte() const { return bad_byte_; }

 private:
  void fail(unsigned char byte);
  int pending_ = 0;  // continuation bytes still expected
  unsigned char lead_ = 0;
  bool first_continuation_ = false;
  bool ok_ = true;
  std::uint64_t line_ = 1, bad_line_ = 0;
  unsigned char bad_byte_ = 0;
};

// Bytes as Windows-1252, to UTF-8.
std::string windows1252_to_utf8(std::string_view bytes);

// SOH (0x01), ETX (0x03) and Ctrl-Z (0x1A) removed, TAB made a space. Returns how many control
// bytes were removed; `nul` is set when the line holds a NUL byte (a binary or UTF-16 file).
std::size_t strip_control_bytes(std::string& line, bool& nul);

}  // namespace pinc::feeds
