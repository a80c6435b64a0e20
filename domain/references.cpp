#include "references.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace pinc {

namespace {

std::string without_spaces(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ') out += c;
  return out;
}

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

// NL-RULES 5.1: weights 2,4,8,5,10,9,7,3,6,1 from the rightmost digit leftwards, repeating.
int kenmerk_check_digit(std::string_view digits_right_of_check) {
  static constexpr std::array<int, 10> kWeights = {2, 4, 8, 5, 10, 9, 7, 3, 6, 1};
  int sum = 0;
  const std::size_t n = digits_right_of_check.size();
  for (std::size_t i = 0; i < n; ++i)
    sum += (digits_right_of_check[n - 1 - i] - '0') * kWeights[i % kWeights.size()];
  const int check = 11 - sum % 11;
  return check == 10 ? 1 : check == 11 ? 0 : check;
}

// The value of an alphanumeric string mod 97, letters as 10..35 (ISO 7064 mod 97-10).
int mod97(std::string_view text) {
  int remainder = 0;
  for (char c : text) {
    const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

bool alphanumeric_upper(std::string_view text) {
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && !(c >= 'A' && c <= 'Z')) return false;
  return true;
}

std::string uppercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// IBAN lengths of the SEPA countries (ECBS/SWIFT IBAN registry).
constexpr std::array<std::pair<std::string_view, int>, 36> kIbanLengths = {{
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GR", 27},
    {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24},
    {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
}};

}  // namespace

bool is_valid_betalingskenmerk(std::string_view text) {
  const std::string digits = without_spaces(text);
  if (!all_digits(digits)) return false;
  const std::size_t n = digits.size();
  if (n == 7) return true;  // no check information
  if (n == 16) return kenmerk_check_digit(std::string_view(digits).substr(1)) == digits[0] - '0';
  if (n >= 9 && n <= 14) {
    // C + L + N, where L = (number of N digits) mod 10 and L is part of the check.
    if (static_cast<std::size_t>(digits[1] - '0') != (n - 2) % 10) return false;
    return kenmerk_check_digit(std::string_view(digits).substr(1)) == digits[0] - '0';
  }
  return false;
}

std::string make_betalingskenmerk(std::uint64_t number) {
  std::string payload = std::to_string(number % 1000000000000000ULL);
  payload.insert(0, 15 - payload.size(), '0');
  return std::to_string(kenmerk_check_digit(payload)) + payload;
}

Result<std::string> make_betalingskenmerk_from_digits(std::string_view payload_digits) {
  const std::string payload = without_spaces(payload_digits);
  if (!all_digits(payload)) return make_error("reference", "a kenmerk payload is digits only");
  const std::size_t n = payload.size();
  if (n == 15) return std::to_string(kenmerk_check_digit(payload)) + payload;
  if (n >= 7 && n <= 12) {
    const std::string with_length = std::to_string(n % 10) + payload;
    return std::to_string(kenmerk_check_digit(with_length)) + with_length;
  }
  return make_error("reference",
                    "a kenmerk payload has 7 to 12 or 15 digits, not " + std::to_string(n));
}

std::string group_betalingskenmerk(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

bool is_valid_rf_reference(std::string_view text) {
  const std::string ref = uppercase(without_spaces(text));
  if (ref.size() < 5 || ref.size() > 25 || ref.compare(0, 2, "RF") != 0) return false;
  if (!all_digits(std::string_view(ref).substr(2, 2)) || !alphanumeric_upper(ref)) return false;
  return mod97(ref.substr(4) + ref.substr(0, 4)) == 1;
}

Result<std::string> make_rf_reference(std::string_view reference) {
  const std::string ref = uppercase(without_spaces(reference));
  if (ref.empty() || ref.size() > 21 || !alphanumeric_upper(ref))
    return make_error("reference", "an RF reference holds 1 to 21 letters or digits");
  const int check = 98 - mod97(ref + "RF00");
  return std::string("RF") + static_cast<char>('0' + check / 10) +
         static_cast<char>('0' + check % 10) + ref;
}

Result<std::string> normalize_iban(std::string_view text, std::string_view field) {
  const std::string name{field};
  const std::string iban = uppercase(without_spaces(text));
  if (iban.size() < 5 || !(iban[0] >= 'A' && iban[0] <= 'Z') || !(iban[1] >= 'A' && iban[1] <= 'Z'))
    return make_error(name, "'" + std::string(text) + "' is not an IBAN");
  int expected = 0;
  for (const auto& [country, length] : kIbanLengths)
    if (country == std::string_view(iban).substr(0, 2)) expected = length;
  if (expected == 0)
    return make_error(name, "unknown country code '" + iban.substr(0, 2) + "' (SEPA IBANs only)");
  if (static_cast<int>(iban.size()) != expected)
    return make_error(name, "wrong length for " + iban.substr(0, 2) + " (expected " +
                                std::to_string(expected) + ", got " + std::to_string(iban.size()) +
                                ")");
  if (!alphanumeric_upper(iban) || !all_digits(std::string_view(iban).substr(2, 2)))
    return make_error(name, "'" + std::string(text) + "' has characters an IBAN cannot hold");
  if (mod97(iban.substr(4) + iban.substr(0, 4)) != 1)
    return make_error(name, "check digits do not match in '" + iban + "'");
  return iban;
}

bool is_valid_iban(std::string_view text) {
  return normalize_iban(text).has_value();
}

std::string format_iban_grouped(std::string_view iban) {
  return group_betalingskenmerk(iban);
}

}  // namespace pinc
