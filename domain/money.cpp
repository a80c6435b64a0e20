#include "money.hpp"

#include <cassert>
#include <limits>

namespace pinc {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Digits with optional thousands separators `sep` every three digits ("1.234.567").
bool valid_grouping(std::string_view whole, char sep) {
  if (whole.find(sep) == std::string_view::npos) return true;
  std::size_t first = whole.find(sep);
  if (first == 0 || first > 3) return false;
  for (std::size_t i = first; i < whole.size(); i += 4) {
    if (whole[i] != sep || i + 4 > whole.size()) return false;
    for (std::size_t j = i + 1; j < i + 4; ++j)
      if (!is_digit(whole[j])) return false;
  }
  return true;
}

}  // namespace

Result<Cents> parse_amount(std::string_view text, std::string_view field, bool allow_negative) {
  const std::string name{field};
  const std::string original{text};
  auto refuse = [&](const std::string& why) {
    return make_error(name, "'" + original + "' " + why);
  };
  text = trim(text);
  if (text.substr(0, 3) == "EUR")
    text = trim(text.substr(3));
  else if (text.substr(0, 3) == "\xE2\x82\xAC")
    text = trim(text.substr(3));  // €
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text = trim(text.substr(1));
  }
  if (text.empty()) return make_error(name, "is empty (expected an amount such as 1234,56)");
  for (char c : text)
    if (!is_digit(c) && c != '.' && c != ',')
      return refuse("is not an amount (expected 1.234,56, 1234,56 or 1234.56)");

  const std::size_t comma = text.rfind(',');
  const std::size_t dot = text.rfind('.');
  std::string_view whole = text, fraction;
  char thousands = 0;
  if (comma != std::string_view::npos && dot != std::string_view::npos) {
    if (dot > comma) return refuse("mixes separators (expected 1.234,56)");
    whole = text.substr(0, comma);
    fraction = text.substr(comma + 1);
    thousands = '.';
  } else if (comma != std::string_view::npos) {
    if (text.find(',') != comma) return refuse("has more than one decimal comma");
    whole = text.substr(0, comma);
    fraction = text.substr(comma + 1);
  } else if (dot != std::string_view::npos) {
    if (text.find('.') != dot) {
      // Only thousands separators, no decimals: "1.234.567".
      whole = text;
      thousands = '.';
    } else {
      const std::size_t decimals = text.size() - dot - 1;
      if (decimals == 3)
        return refuse("is ambiguous: write 1234,00 or 1.234,00 for thousands, 1234.56 for cents");
      whole = text.substr(0, dot);
      fraction = text.substr(dot + 1);
    }
  }
  if (whole.empty() || (comma != std::string_view::npos && fraction.empty()) ||
      (dot != std::string_view::npos && thousands == 0 && fraction.empty()))
    return refuse("is not an amount (expected 1.234,56, 1234,56 or 1234.56)");
  if (fraction.size() > 2) return refuse("has a part below one cent");
  for (char c : fraction)
    if (!is_digit(c)) return refuse("has a misplaced separator");
  if (thousands != 0 && !valid_grouping(whole, thousands))
    return refuse("has misplaced thousands separators");
  if (thousands == 0)
    for (char c : whole)
      if (!is_digit(c)) return refuse("has a misplaced separator");

  Cents value = 0;
  for (char c : whole) {
    if (c == thousands) continue;
    auto next = checked_mul(value, 10);
    if (next) next = checked_add(*next, c - '0');
    if (!next) return refuse("is too large");
    value = *next;
  }
  Cents cents = 0;
  if (fraction.size() >= 1) cents += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) cents += fraction[1] - '0';
  auto total = checked_mul(value, 100);
  if (total) total = checked_add(*total, cents);
  if (!total) return refuse("is too large");
  if (negative && *total != 0) {
    if (!allow_negative) return refuse("is negative (an amount must be 0 or more)");
    return -*total;
  }
  return *total;
}

Result<std::int64_t> parse_decimal_scaled(std::string_view text, int scale,
                                          std::string_view field) {
  const std::string name{field};
  const std::string original{text};
  text = trim(text);
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const std::size_t point = text.find_first_of(".,");
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty()))
    return make_error(name, "'" + original + "' is not a number (expected e.g. 10.15)");
  if (static_cast<int>(fraction.size()) > scale)
    return make_error(name,
                      "'" + original + "' has more than " + std::to_string(scale) + " decimals");
  std::int64_t value = 0;
  for (std::string_view part : {whole, fraction})
    for (char c : part) {
      if (!is_digit(c))
        return make_error(name, "'" + original + "' is not a number (expected e.g. 10.15)");
      if (value > std::numeric_limits<std::int64_t>::max() / 10 - 10)
        return make_error(name, "'" + original + "' is too large");
      value = value * 10 + (c - '0');
    }
  for (int i = static_cast<int>(fraction.size()); i < scale; ++i) {
    if (value > std::numeric_limits<std::int64_t>::max() / 10)
      return make_error(name, "'" + original + "' is too large");
    value *= 10;
  }
  return negative ? -value : value;
}

namespace {
std::string format(Cents cents, char decimal, char thousands) {
  const bool negative = cents < 0;
  // Work on the magnitude as unsigned so that the most negative value formats too.
  unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(cents)
                                          : static_cast<unsigned long long>(cents);
  const unsigned long long euros = magnitude / 100, rest = magnitude % 100;
  std::string digits = std::to_string(euros);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (thousands && i > 0 && (digits.size() - i) % 3 == 0) grouped += thousands;
    grouped += digits[i];
  }
  std::string text = negative ? "-" : "";
  text += grouped;
  text += decimal;
  text += static_cast<char>('0' + rest / 10);
  text += static_cast<char>('0' + rest % 10);
  return text;
}
}  // namespace

std::string format_cents_dutch(Cents cents) {
  return format(cents, ',', '.');
}
std::string format_cents_plain(Cents cents) {
  return format(cents, '.', 0);
}
std::string format_euro_dutch(Cents cents) {
  return "\xE2\x82\xAC " + format_cents_dutch(cents);
}

std::optional<Cents> checked_add(Cents a, Cents b) {
  Cents result;
  if (__builtin_add_overflow(a, b, &result)) return std::nullopt;
  return result;
}
std::optional<Cents> checked_sub(Cents a, Cents b) {
  Cents result;
  if (__builtin_sub_overflow(a, b, &result)) return std::nullopt;
  return result;
}
std::optional<Cents> checked_mul(Cents a, std::int64_t factor) {
  Cents result;
  if (__builtin_mul_overflow(a, factor, &result)) return std::nullopt;
  return result;
}

Cents multiply_ratio_half_up(Cents amount, std::int64_t numerator, std::int64_t denominator) {
  assert(denominator > 0);
  const __int128 product = static_cast<__int128>(amount) * numerator;
  const __int128 magnitude = product < 0 ? -product : product;
  // floor(m / d + 1/2): exactly half a cent rounds up, away from zero for negative amounts.
  const __int128 half_up = (magnitude * 2 + denominator) / (2 * static_cast<__int128>(denominator));
  return static_cast<Cents>(product < 0 ? -half_up : half_up);
}

}  // namespace pinc
