#include "calendar.hpp"

#include <algorithm>

namespace pinc {

using std::chrono::December;
using std::chrono::January;
using std::chrono::May;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::weekday;
using std::chrono::year_month_day;

std::string_view to_string(Channel channel) {
  return channel == Channel::post ? "post" : "email";
}
std::string_view to_string(DebtorKind kind) {
  return kind == DebtorKind::consumer ? "consumer" : "business";
}

Result<Channel> parse_channel(std::string_view text, std::string_view field) {
  if (text == "post") return Channel::post;
  if (text == "email" || text == "e-mail") return Channel::email;
  return make_error(std::string(field),
                    "unknown channel '" + std::string(text) + "' (expected post or email)");
}

Result<DebtorKind> parse_debtor_kind(std::string_view text, std::string_view field) {
  if (text == "consumer") return DebtorKind::consumer;
  if (text == "business") return DebtorKind::business;
  return make_error(std::string(field), "unknown debtor kind '" + std::string(text) +
                                            "' (expected consumer or business)");
}

Date easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25,
            g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4,
            l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return make_date(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

Calendar::Calendar(std::vector<Date> extra_holidays) : extra_holidays_(std::move(extra_holidays)) {
  std::sort(extra_holidays_.begin(), extra_holidays_.end());
}

bool Calendar::is_weekend(Date date) const {
  const weekday day{date};
  return day == Saturday || day == Sunday;
}

std::optional<std::string_view> Calendar::holiday_name(Date date) const {
  const year_month_day ymd{date};
  const int year = int(ymd.year());
  const auto month = ymd.month();
  const unsigned day = unsigned(ymd.day());
  if (month == January && day == 1) return "Nieuwjaarsdag";
  if (month == December && day == 25) return "Eerste Kerstdag";
  if (month == December && day == 26) return "Tweede Kerstdag";
  if (month == May && day == 5) return "Bevrijdingsdag";
  // The King's (before 2014 the Queen's) birthday; on a Sunday it moves to the Saturday before.
  const Date royal = year >= 2014 ? make_date(year, 4, 27) : make_date(year, 4, 30);
  const Date royal_celebrated = weekday{royal} == Sunday ? royal - Days{1} : royal;
  if (date == royal_celebrated) return year >= 2014 ? "Koningsdag" : "Koninginnedag";
  const Date easter = easter_sunday(year);
  const int from_easter = days_between(easter, date);
  switch (from_easter) {
    case -2:
      return "Goede Vrijdag";
    case 0:
      return "Eerste Paasdag";
    case 1:
      return "Tweede Paasdag";
    case 39:
      return "Hemelvaartsdag";
    case 49:
      return "Eerste Pinksterdag";
    case 50:
      return "Tweede Pinksterdag";
    default:
      break;
  }
  if (std::binary_search(extra_holidays_.begin(), extra_holidays_.end(), date))
    return "bij besluit gelijkgestelde dag";
  return std::nullopt;
}

Date Calendar::working_day_on_or_after(Date date) const {
  while (!is_working_day(date)) date += Days{1};
  return date;
}

Date Calendar::next_working_day_after(Date date) const {
  return working_day_on_or_after(date + Days{1});
}

Date Calendar::add_working_days(Date date, int count) const {
  for (int i = 0; i < count; ++i) date = next_working_day_after(date);
  return date;
}

Date Calendar::atw_extend(Date term_first, Date term_last) const {
  Date last = working_day_on_or_after(term_last);      // art. 1 lid 1
  if (days_between(term_first, term_last) + 1 >= 3) {  // art. 2
    auto working_days_in = [&](Date from, Date to) {
      int count = 0;
      for (Date d = from; d <= to; d += Days{1}) count += is_working_day(d) ? 1 : 0;
      return count;
    };
    while (working_days_in(term_first, last) < 2) last = next_working_day_after(last);
  }
  return last;
}

Date Calendar::presumed_receipt(Date sent, Channel channel) const {
  if (channel == Channel::email) return sent;
  Date day = sent;
  for (int counted = 0; counted < 2;) {
    day += Days{1};
    const weekday wd{day};
    if (wd != Sunday && wd != Monday && !is_holiday(day)) ++counted;
  }
  return day;
}

Term statutory_term(const Calendar& calendar, Date sent, std::span<const Channel> channels,
                    int term_days, bool apply_atw) {
  Date receipt = sent;
  for (Channel channel : channels)
    receipt = std::max(receipt, calendar.presumed_receipt(sent, channel));
  return term_from_receipt(calendar, sent, receipt, term_days, apply_atw);
}

Term term_from_receipt(const Calendar& calendar, Date sent, Date receipt, int term_days,
                       bool apply_atw) {
  Term term;
  term.sent = sent;
  term.term_days = term_days;
  term.receipt = receipt;
  term.first_day = term.receipt + Days{1};
  term.last_day_plain = term.receipt + Days{term_days};
  term.last_day =
      apply_atw ? calendar.atw_extend(term.first_day, term.last_day_plain) : term.last_day_plain;
  term.costs_from = term.last_day + Days{1};
  return term;
}

}  // namespace pinc
