#include <catch2/catch.hpp>

#include "money.hpp"

using namespace pinc;

TEST_CASE("amounts parse in the Dutch and the plain forms", "[money]") {
  CHECK(parse_amount("1.234,56").value() == 123456);
  CHECK(parse_amount("1234,56").value() == 123456);
  CHECK(parse_amount("1234.56").value() == 123456);
  CHECK(parse_amount("1234").value() == 123400);
  CHECK(parse_amount("12,5").value() == 1250);
  CHECK(parse_amount("0,01").value() == 1);
  CHECK(parse_amount(" € 1.000.000,00 ").value() == 100000000);
  CHECK(parse_amount("EUR 7,00").value() == 700);
  CHECK(parse_amount("1.234.567").value() == 123456700);
  CHECK(parse_amount("-5,00", "amount", true).value() == -500);
}

TEST_CASE("bad amounts are refused with the field and the problem named", "[money]") {
  auto check_refused = [](std::string_view text, std::string_view fragment) {
    INFO(text);
    const auto result = parse_amount(text, "--amount");
    REQUIRE_FALSE(result);
    CHECK(result.error().field == "--amount");
    CHECK_THAT(result.error().message, Catch::Contains(std::string(fragment)));
  };
  check_refused("", "empty");
  check_refused("12a", "not an amount");
  check_refused("12,345", "below one cent");
  check_refused("1.234", "ambiguous");
  check_refused("1.23,45", "thousands");
  check_refused("12.345.6", "separator");
  check_refused("1,234.56", "mixes");
  check_refused("-5,00", "negative");
  check_refused("99999999999999999999", "too large");
  check_refused("1,2,3", "more than one");
}

TEST_CASE("amounts format Dutch and plain, and round-trip", "[money]") {
  CHECK(format_cents_dutch(123456) == "1.234,56");
  CHECK(format_cents_dutch(-5) == "-0,05");
  CHECK(format_cents_dutch(0) == "0,00");
  CHECK(format_cents_dutch(100000000) == "1.000.000,00");
  CHECK(format_cents_plain(123456) == "1234.56");
  CHECK(format_cents_plain(-5) == "-0.05");
  CHECK(format_euro_dutch(4000) == "\xE2\x82\xAC 40,00");
  for (Cents cents : {0LL, 1LL, 99LL, 100LL, 123456LL, 987654321LL}) {
    CHECK(parse_amount(format_cents_dutch(cents)).value() == cents);
    CHECK(parse_amount(format_cents_plain(cents)).value() == cents);
  }
}

TEST_CASE("arithmetic is checked and ratios round half-up once", "[money]") {
  CHECK_FALSE(checked_add(INT64_MAX, 1));
  CHECK_FALSE(checked_sub(INT64_MIN, 1));
  CHECK_FALSE(checked_mul(INT64_MAX / 2, 3));
  CHECK(checked_add(1, 2) == 3);
  CHECK(multiply_ratio_half_up(4000, 21, 100) == 840);        // VAT on the minimum
  CHECK(multiply_ratio_half_up(45833, 2100, 10000) == 9625);  // 96.2493 -> 96.25 (vector W29)
  CHECK(multiply_ratio_half_up(5, 1, 10) == 1);               // 0.5 cent -> 1
  CHECK(multiply_ratio_half_up(4, 1, 10) == 0);
  CHECK(multiply_ratio_half_up(-5, 1, 10) == -1);
}

TEST_CASE("decimals parse exactly at a given scale", "[money]") {
  CHECK(parse_decimal_scaled("10.15", 2, "rate").value() == 1015);
  CHECK(parse_decimal_scaled("21", 2, "--vat").value() == 2100);
  CHECK(parse_decimal_scaled("8,5", 2, "rate").value() == 850);
  CHECK_FALSE(parse_decimal_scaled("10.155", 2, "rate"));
  CHECK_FALSE(parse_decimal_scaled("ten", 2, "rate"));
  CHECK_FALSE(parse_decimal_scaled("", 2, "rate"));
}
