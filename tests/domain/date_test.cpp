#include <catch2/catch.hpp>

#include "date.hpp"

using namespace pinc;

TEST_CASE("dates parse as YYYY-MM-DD and refuse impossible days", "[date]") {
  REQUIRE(parse_date("2026-02-28").value() == make_date(2026, 2, 28));
  REQUIRE(format_date(make_date(2026, 4, 5)) == "2026-04-05");
  const auto bad = parse_date("2026-02-30", "--due");
  REQUIRE_FALSE(bad);
  REQUIRE(bad.error().field == "--due");
  REQUIRE_FALSE(parse_date("2026-2-3"));
  REQUIRE_FALSE(parse_date("26-02-2026"));
  REQUIRE_FALSE(parse_date("2026-02-2x"));
}

TEST_CASE("a 29 February anniversary falls on 28 February (NL-RULES 3.4 step 1)", "[date]") {
  REQUIRE(add_years_clamped(make_date(2024, 2, 29), 1) == make_date(2025, 2, 28));
  REQUIRE(add_years_clamped(make_date(2024, 2, 29), 4) == make_date(2028, 2, 29));
  REQUIRE(format_date_dutch_long(make_date(2026, 2, 5)) == "5 februari 2026");
}
