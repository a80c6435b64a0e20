#include "feed_amounts.hpp"

#include <string>

namespace pinc::feeds {

Result<ParsedAmount> parse_feed_amount(std::string_view text, std::string_view separators) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) return make_error("", "empty amount");
  Cents units = 0;
  int significant = 0;  // integer digits after leading zeros
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (units == 0 && text[i] == '0') continue;
    if (++significant > 13) return make_error("", "amount " + quoted + " is too large");
    units = units * 10 + (text[i] - '0');
  }
  const bool had_integer_digits = i > 0;
  Cents cents = units * 100;
  ParsedAmount parsed;
  if (i < text.size()) {
    if (separators.find(text[i]) == std::string_view::npos)
      return make_error("", "amount " + quoted + " is not a number");
    ++i;
    int decimals = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++decimals) {
      const int digit = text[i] - '0';
      if (decimals == 0) cents += digit * 10;
      if (decimals == 1) cents += digit;
      if (decimals >= 2 && digit != 0)
        return make_error("", "amount " + quoted + " has a part below one cent");
    }
    if (i < text.size()) return make_error("", "amount " + quoted + " is not a number");
    if (!had_integer_digits && decimals == 0)
      return make_error("", "amount " + quoted + " is not a number");
    parsed.extra_zero_decimals = decimals > 2;
  }
  parsed.cents = cents;
  return parsed;
}

}  // namespace pinc::feeds
