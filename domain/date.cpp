#include "date.hpp"

#include <array>
#include <cstdio>

namespace pinc {

namespace {
bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}
int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}
}  // namespace

Result<Date> parse_date(std::string_view text, std::string_view field) {
  std::string field_name{field};
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
    return make_error(field_name,
                      "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD)");
  const std::chrono::year_month_day ymd{std::chrono::year{to_int(text.substr(0, 4))},
                                        std::chrono::month{unsigned(to_int(text.substr(5, 2)))},
                                        std::chrono::day{unsigned(to_int(text.substr(8, 2)))}};
  if (!ymd.ok())
    return make_error(field_name, "'" + std::string(text) + "' is not a day of the calendar");
  return Date{ymd};
}

std::string format_date(Date date) {
  const std::chrono::year_month_day ymd{date};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buffer;
}

std::string format_date_dutch_long(Date date) {
  static constexpr std::array<const char*, 12> kMonths = {
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  const std::chrono::year_month_day ymd{date};
  return std::to_string(unsigned(ymd.day())) + " " + kMonths[unsigned(ymd.month()) - 1] + " " +
         std::to_string(int(ymd.year()));
}

Date add_years_clamped(Date date, int years) {
  const std::chrono::year_month_day ymd{date};
  std::chrono::year_month_day moved = ymd + std::chrono::years{years};
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
  return Date{moved};
}

}  // namespace pinc
