#include <catch2/catch.hpp>

#include "calendar.hpp"

using namespace pinc;

TEST_CASE("Easter Sunday check values (NL-RULES 4.2, Meeus-Jones-Butcher)", "[calendar]") {
  CHECK(easter_sunday(2024) == make_date(2024, 3, 31));
  CHECK(easter_sunday(2025) == make_date(2025, 4, 20));
  CHECK(easter_sunday(2026) == make_date(2026, 4, 5));
  CHECK(easter_sunday(2027) == make_date(2027, 3, 28));
  CHECK(easter_sunday(2028) == make_date(2028, 4, 16));
  CHECK(easter_sunday(2029) == make_date(2029, 4, 1));
  CHECK(easter_sunday(2030) == make_date(2030, 4, 21));
}

TEST_CASE("the public holidays of 2026 (NL-RULES 4.2, Atw art. 3)", "[calendar]") {
  const Calendar calendar;
  const std::vector<std::pair<Date, std::string_view>> holidays = {
      {make_date(2026, 1, 1), "Nieuwjaarsdag"},
      {make_date(2026, 4, 3), "Goede Vrijdag"},
      {make_date(2026, 4, 5), "Eerste Paasdag"},
      {make_date(2026, 4, 6), "Tweede Paasdag"},
      {make_date(2026, 4, 27), "Koningsdag"},
      {make_date(2026, 5, 5), "Bevrijdingsdag"},
      {make_date(2026, 5, 14), "Hemelvaartsdag"},
      {make_date(2026, 5, 24), "Eerste Pinksterdag"},
      {make_date(2026, 5, 25), "Tweede Pinksterdag"},
      {make_date(2026, 12, 25), "Eerste Kerstdag"},
      {make_date(2026, 12, 26), "Tweede Kerstdag"}};
  int count = 0;
  for (Date d = make_date(2026, 1, 1); d <= make_date(2026, 12, 31); d += Days{1})
    count += calendar.is_holiday(d) ? 1 : 0;
  CHECK(count == static_cast<int>(holidays.size()));
  for (const auto& [date, name] : holidays) {
    INFO(format_date(date));
    CHECK(calendar.holiday_name(date) == name);
  }
}

TEST_CASE("Koningsdag on a Sunday moves to Saturday 26 April (NL-RULES 4.2)", "[calendar]") {
  const Calendar calendar;
  CHECK(calendar.holiday_name(make_date(2025, 4, 26)) == "Koningsdag");
  CHECK_FALSE(calendar.is_holiday(make_date(2025, 4, 27)));
  CHECK(calendar.holiday_name(make_date(2014, 4, 26)) == "Koningsdag");  // 27-4-2014 was a Sunday
  CHECK(calendar.holiday_name(make_date(2013, 4, 30)) == "Koninginnedag");
  CHECK(calendar.holiday_name(make_date(2006, 4, 29)) == "Koninginnedag");  // 30-4-2006: Sunday
  CHECK(calendar.is_holiday(make_date(2027, 5, 5)));  // Bevrijdingsdag every year for the Atw
}

TEST_CASE("working days skip weekends and holidays (NL-RULES 4.2)", "[calendar]") {
  const Calendar calendar;
  CHECK(calendar.working_day_on_or_after(make_date(2026, 4, 3)) == make_date(2026, 4, 7));
  CHECK(calendar.next_working_day_after(make_date(2026, 4, 2)) == make_date(2026, 4, 7));
  CHECK(calendar.working_day_on_or_after(make_date(2026, 2, 4)) == make_date(2026, 2, 4));
  CHECK(calendar.add_working_days(make_date(2026, 12, 23), 3) == make_date(2026, 12, 29));
  CHECK(calendar.add_working_days(make_date(2026, 1, 15), 3) == make_date(2026, 1, 20));
}

TEST_CASE("days equated to holidays by decree are data (Atw art. 3 lid 3)", "[calendar]") {
  const Calendar calendar({make_date(2026, 5, 15)});
  CHECK(calendar.is_holiday(make_date(2026, 5, 15)));
  CHECK(calendar.next_working_day_after(make_date(2026, 5, 13)) == make_date(2026, 5, 18));
  CHECK_FALSE(Calendar().is_holiday(make_date(2026, 5, 15)));
}

TEST_CASE("the worked term examples of NL-RULES 2.4 (HR 25-11-2016 receipt, Atw art. 1)",
          "[calendar]") {
  const Calendar calendar;
  struct Row {
    Date sent;
    Channel channel;
    Date receipt, first, last_plain, costs_from;
  };
  const std::vector<Row> rows = {
      {make_date(2026, 2, 2), Channel::post, make_date(2026, 2, 4), make_date(2026, 2, 5),
       make_date(2026, 2, 18), make_date(2026, 2, 19)},
      {make_date(2026, 2, 5), Channel::post, make_date(2026, 2, 7), make_date(2026, 2, 8),
       make_date(2026, 2, 21), make_date(2026, 2, 24)},
      {make_date(2026, 2, 6), Channel::post, make_date(2026, 2, 10), make_date(2026, 2, 11),
       make_date(2026, 2, 24), make_date(2026, 2, 25)},
      {make_date(2026, 4, 2), Channel::post, make_date(2026, 4, 7), make_date(2026, 4, 8),
       make_date(2026, 4, 21), make_date(2026, 4, 22)},
      {make_date(2026, 12, 23), Channel::post, make_date(2026, 12, 29), make_date(2026, 12, 30),
       make_date(2027, 1, 12), make_date(2027, 1, 13)},
      {make_date(2026, 12, 11), Channel::email, make_date(2026, 12, 11), make_date(2026, 12, 12),
       make_date(2026, 12, 25), make_date(2026, 12, 29)},
  };
  for (const Row& row : rows) {
    INFO("sent " << format_date(row.sent));
    const Channel channels[] = {row.channel};
    const Term term = statutory_term(calendar, row.sent, channels);
    CHECK(term.receipt == row.receipt);
    CHECK(term.first_day == row.first);
    CHECK(term.last_day_plain == row.last_plain);
    CHECK(term.costs_from == row.costs_from);
    CHECK(term.last_day + Days{1} == term.costs_from);
  }
}

TEST_CASE("sent on two channels the later receipt counts (NL-RULES 2.3)", "[calendar]") {
  const Calendar calendar;
  const Channel both[] = {Channel::email, Channel::post};
  const Term term = statutory_term(calendar, make_date(2026, 2, 6), both);
  CHECK(term.receipt == make_date(2026, 2, 10));  // the post's, not the e-mail's 06-02
  const Channel email[] = {Channel::email};
  CHECK(statutory_term(calendar, make_date(2026, 2, 6), email).receipt == make_date(2026, 2, 6));
}

TEST_CASE("a 10-day business term ending on a Saturday runs to Monday (Atw art. 1 lid 1)",
          "[calendar]") {
  const Calendar calendar;
  const Channel post[] = {Channel::post};
  const Term term = statutory_term(calendar, make_date(2026, 2, 2), post, 10);
  CHECK(term.last_day_plain == make_date(2026, 2, 14));
  CHECK(term.last_day == make_date(2026, 2, 16));
  const Term plain = statutory_term(calendar, make_date(2026, 2, 2), post, 10, false);
  CHECK(plain.last_day == make_date(2026, 2, 14));
}

TEST_CASE("a short term holds at least two working days (Atw art. 2)", "[calendar]") {
  const Calendar calendar;
  // Thu 24-12 .. Sat 26-12 holds one working day (Thu 24); Mon 28-12 is the second.
  CHECK(calendar.atw_extend(make_date(2026, 12, 24), make_date(2026, 12, 26)) ==
        make_date(2026, 12, 28));
  // Fri 25-12 .. Sun 27-12 holds none: Mon 28 is one, Tue 29 the second.
  CHECK(calendar.atw_extend(make_date(2026, 12, 25), make_date(2026, 12, 27)) ==
        make_date(2026, 12, 29));
}

TEST_CASE("channels and debtor kinds parse with clear errors", "[calendar]") {
  CHECK(parse_channel("post", "--channel").value() == Channel::post);
  CHECK(parse_debtor_kind("business", "--kind").value() == DebtorKind::business);
  const auto bad = parse_debtor_kind("company", "--kind");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().field == "--kind");
}
