#include "clock.hpp"

namespace pinc {

namespace {
// Last Sunday of a month, at 01:00 UTC: when EU summer time starts (March) or ends (October).
std::chrono::sys_seconds eu_switch(std::chrono::year year, std::chrono::month month) {
  const Date last = Date{year / month / std::chrono::Sunday[std::chrono::last]};
  return std::chrono::sys_seconds{last} + std::chrono::hours{1};
}
}  // namespace

Date dutch_date(std::chrono::system_clock::time_point now) {
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(now);
  const std::chrono::year year =
      std::chrono::year_month_day{std::chrono::floor<Days>(seconds)}.year();
  const bool summer = seconds >= eu_switch(year, std::chrono::March) &&
                      seconds < eu_switch(year, std::chrono::October);
  return std::chrono::floor<Days>(seconds + std::chrono::hours{summer ? 2 : 1});
}

EngineClock EngineClock::wall() {
  return EngineClock(false, Date{});
}
EngineClock EngineClock::simulated(Date start) {
  return EngineClock(true, start);
}

Date EngineClock::today() const {
  if (!simulated_) return dutch_date(std::chrono::system_clock::now());
  return Date{Days{day_.load()}};
}

}  // namespace pinc
