#include "feed_dates.hpp"

#include <cstdlib>
#include <string>

namespace pinc::feeds {

namespace {

using namespace std::chrono;

bool digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

// EU summer time, as the Netherlands has kept it since 1996: from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October.
sys_seconds last_sunday_1am_utc(int y, unsigned m) {
  const sys_days day{year{y} / month{m} / Sunday[last]};
  return day + hours{1};
}

Date amsterdam_day(sys_seconds utc) {
  const int y = static_cast<int>(year_month_day{floor<days>(utc)}.year());
  const bool summer = utc >= last_sunday_1am_utc(y, 3) && utc < last_sunday_1am_utc(y, 10);
  return floor<days>(utc + hours{summer ? 2 : 1});
}

Error bad(std::string_view text, const std::string& what) {
  return make_error("", "'" + std::string(text) + "' is not " + std::string(what));
}

}  // namespace

Result<Date> parse_camt_date(std::string_view text) {
  if (text.size() < 10) return bad(text, "a date (YYYY-MM-DD)");
  auto day = parse_date(text.substr(0, 10));
  if (!day) {
    const std::string_view d = text.substr(0, 10);
    const bool shaped = digits(d.substr(0, 4)) && d[4] == '-' && digits(d.substr(5, 2)) &&
                        d[7] == '-' && digits(d.substr(8, 2));
    return bad(text, shaped ? "a date: " + std::string(d) + " does not exist"
                            : std::string("a date (YYYY-MM-DD)"));
  }
  if (text.size() == 10) return *day;
  std::string_view rest = text.substr(10);
  if (rest[0] != 'T') {
    // An xs:date may carry a zone ("2026-03-05+01:00"); the day is the day.
    if (rest == "Z" || ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6)) return *day;
    return bad(text, "a date or a timestamp");
  }
  // Thh:mm:ss[.f...][zone]
  if (rest.size() < 9 || rest[3] != ':' || rest[6] != ':' || !digits(rest.substr(1, 2)) ||
      !digits(rest.substr(4, 2)) || !digits(rest.substr(7, 2)))
    return bad(text, "a timestamp (YYYY-MM-DDThh:mm:ss)");
  const int h = number(rest.substr(1, 2)), m = number(rest.substr(4, 2)),
            s = number(rest.substr(7, 2));
  if (h > 24 || m > 59 || s > 60) return bad(text, "a timestamp: no such time");
  std::string_view zone = rest.substr(9);
  if (!zone.empty() && zone[0] == '.') {
    std::size_t n = 1;
    while (n < zone.size() && zone[n] >= '0' && zone[n] <= '9') ++n;
    if (n == 1) return bad(text, "a timestamp");
    zone = zone.substr(n);
  }
  if (zone.empty()) return *day;  // local time already
  int offset_minutes = 0;
  if (zone != "Z") {
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
        !digits(zone.substr(1, 2)) || !digits(zone.substr(4, 2)))
      return bad(text, "a timestamp: bad zone offset");
    offset_minutes = number(zone.substr(1, 2)) * 60 + number(zone.substr(4, 2));
    if (zone[0] == '-') offset_minutes = -offset_minutes;
  }
  const sys_seconds local = *day + hours{h} + minutes{m} + seconds{s};
  return amsterdam_day(local - minutes{offset_minutes});
}

Result<Date> parse_yymmdd(std::string_view text) {
  if (text.size() != 6 || !digits(text)) return bad(text, "a date (YYMMDD)");
  const int yy = number(text.substr(0, 2));
  const int y = yy < 80 ? 2000 + yy : 1900 + yy;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(number(text.substr(2, 2)))},
                           day{static_cast<unsigned>(number(text.substr(4, 2)))}};
  if (!ymd.ok())
    return bad(text, "a date: " + std::to_string(y) + "-" + std::string(text.substr(2, 2)) + "-" +
                         std::string(text.substr(4, 2)) + " does not exist");
  return sys_days{ymd};
}

Result<Date> entry_date_near(std::string_view mmdd, Date value_date) {
  if (mmdd.size() != 4 || !digits(mmdd)) return bad(mmdd, "an entry date (MMDD)");
  const month mo{static_cast<unsigned>(number(mmdd.substr(0, 2)))};
  const day d{static_cast<unsigned>(number(mmdd.substr(2, 2)))};
  const int y = static_cast<int>(year_month_day{value_date}.year());
  bool found = false;
  Date best{};
  for (const int candidate : {y, y - 1, y + 1}) {
    const year_month_day ymd{year{candidate}, mo, d};
    if (!ymd.ok()) continue;
    const Date day_found{ymd};
    if (!found ||
        std::abs((day_found - value_date).count()) < std::abs((best - value_date).count())) {
      best = day_found;
      found = true;
    }
  }
  if (!found) return bad(mmdd, "an entry date (MMDD): no such day");
  return best;
}

}  // namespace pinc::feeds
