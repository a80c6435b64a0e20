#include "letter_format.hpp"

#include <array>
#include <cctype>

namespace pinc::letters {

namespace {

std::string upper_ascii(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

bool is_domestic(std::string_view country) {
  const std::string upper = upper_ascii(country);
  return upper.empty() || upper == "NL" || upper == "NEDERLAND" || upper == "THE NETHERLANDS";
}

}  // namespace

bool is_english(std::string_view language) {
  return language == "en";
}

std::string format_amount(Cents cents, std::string_view language) {
  if (!is_english(language)) return format_euro_dutch(cents);
  // English style: comma thousands, point decimals, the sign before the euro sign.
  const bool negative = cents < 0;
  const std::uint64_t magnitude =
      negative ? std::uint64_t(0) - static_cast<std::uint64_t>(cents) : std::uint64_t(cents);
  const std::string euros = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < euros.size(); ++i) {
    if (i > 0 && (euros.size() - i) % 3 == 0) grouped += ',';
    grouped += euros[i];
  }
  const unsigned rest = static_cast<unsigned>(magnitude % 100);
  return std::string(negative ? "-" : "") + "\xE2\x82\xAC" + grouped + "." +
         std::to_string(rest / 10) + std::to_string(rest % 10);
}

std::string format_letter_date(Date date, std::string_view language) {
  if (!is_english(language)) return format_date_dutch_long(date);
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const std::chrono::year_month_day ymd{date};
  return std::to_string(unsigned(ymd.day())) + " " + kMonths[unsigned(ymd.month()) - 1] + " " +
         std::to_string(int(ymd.year()));
}

std::string group_iban(std::string_view iban) {
  std::string compact;
  for (char c : iban)
    if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string grouped;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped += ' ';
    grouped += compact[i];
  }
  return grouped;
}

std::vector<std::string> address_lines(const Recipient& recipient) {
  std::vector<std::string> lines;
  if (!recipient.name.empty()) lines.push_back(recipient.name);
  const Address& address = recipient.address;
  if (!address.street.empty()) lines.push_back(address.street);
  // PostNL's preferred form: two spaces between postcode and town, the town in capitals.
  std::string town = address.postcode;
  if (!address.city.empty()) town += (town.empty() ? "" : "  ") + upper_ascii(address.city);
  if (!town.empty()) lines.push_back(town);
  if (!is_domestic(address.country)) lines.push_back(upper_ascii(address.country));
  return lines;
}

std::string one_line_address(const Address& address) {
  std::string line = address.street;
  std::string town = address.postcode;
  if (!address.city.empty()) town += (town.empty() ? "" : " ") + address.city;
  if (!town.empty()) line += (line.empty() ? "" : ", ") + town;
  return line;
}

}  // namespace pinc::letters
