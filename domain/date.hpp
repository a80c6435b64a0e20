#pragma once
// Calendar dates for the domain: a day is a std::chrono::sys_days (C++20 calendar types), so date
// arithmetic is the standard library's, never hand-written. Text form is ISO YYYY-MM-DD.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "result.hpp"

namespace pinc {

using Date = std::chrono::sys_days;
using Days = std::chrono::days;

constexpr Date make_date(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

// Parses exactly YYYY-MM-DD and refuses impossible dates such as 2026-02-30.
// Days since 1970-01-01: how dates are stored and sent.
constexpr std::int32_t day_number(Date date) {
  return static_cast<std::int32_t>(date.time_since_epoch().count());
}
constexpr Date date_of_day(std::int32_t number) {
  return Date{Days{number}};
}

Result<Date> parse_date(std::string_view text, std::string_view field = "date");

// YYYY-MM-DD.
std::string format_date(Date date);

// Dutch day-month-year as printed on letters, e.g. "5 februari 2026".
std::string format_date_dutch_long(Date date);

// Adds calendar years; a 29 February that does not exist in the target year becomes 28 February.
Date add_years_clamped(Date date, int years);

// Days between two dates: to - from (negative if to is earlier).
constexpr int days_between(Date from, Date to) {
  return static_cast<int>((to - from).count());
}

}  // namespace pinc
