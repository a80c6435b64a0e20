// The small parts the readers share: amounts digit by digit, dates and Amsterdam days, encodings,
// references in free text.
#include <catch2/catch.hpp>

#include "feed_amounts.hpp"
#include "feed_dates.hpp"
#include "feed_encoding.hpp"
#include "feed_text.hpp"
#include "mt940_lines.hpp"

using namespace pinc::feeds;
using pinc::make_date;

TEST_CASE("amounts are read digit by digit into cents", "[parts]") {
  const std::vector<std::pair<std::string, pinc::Cents>> camt = {
      {"474.4", 47440}, {"2700", 270000},       {"000000000000087.71", 8771},         {"0.01", 1},
      {"18.150", 1815}, {"5442.09000", 544209}, {"9999999999999.99", 999999999999999}};
  for (const auto& [text, cents] : camt) {
    INFO(text);
    const auto parsed = parse_feed_amount(text, ".");
    REQUIRE(parsed);
    CHECK(parsed->cents == cents);
  }
  CHECK(parse_feed_amount("18.150", ".")->extra_zero_decimals);
  CHECK_FALSE(parse_feed_amount("18.15", ".")->extra_zero_decimals);
  for (const std::string mt : {"2,", "0,3", "000000000127,50", "000000000300.00"}) {
    INFO(mt);
    CHECK(parse_feed_amount(mt, ",."));
  }
  CHECK(parse_feed_amount("2,", ",.")->cents == 200);
  CHECK(parse_feed_amount("0,3", ",.")->cents == 30);
  for (const std::string bad :
       {"12.345", "1.2.3", "-5.00", "", ".", "1e3", "12,50", "10000000000000"}) {
    INFO(bad);
    CHECK_FALSE(parse_feed_amount(bad, "."));
  }
  CHECK(parse_feed_amount("12.345", ".").error().message.find("below one cent") !=
        std::string::npos);
}

TEST_CASE("camt dates: Dt, DtTm local, DtTm with offsets as the day in Amsterdam", "[parts]") {
  CHECK(*parse_camt_date("2026-03-05") == make_date(2026, 3, 5));
  CHECK(*parse_camt_date("2025-07-24T06:10:29.000000000") == make_date(2025, 7, 24));
  // 22:08 UTC on 31 March is 00:08 on 1 April in Amsterdam (summer time).
  CHECK(*parse_camt_date("2026-03-31T22:08:00Z") == make_date(2026, 4, 1));
  // In winter Amsterdam is one hour ahead: 22:30 UTC is still the same day, 23:30 is not.
  CHECK(*parse_camt_date("2026-01-31T22:30:00+00:00") == make_date(2026, 1, 31));
  CHECK(*parse_camt_date("2026-01-31T23:30:00Z") == make_date(2026, 2, 1));
  CHECK(*parse_camt_date("2023-07-06T10:27:07.213294607Z") == make_date(2023, 7, 6));
  CHECK(*parse_camt_date("2023-06-21T12:35:33.115965+00:00") == make_date(2023, 6, 21));
  CHECK(*parse_camt_date("2014-12-31T13:15:00+01:00") == make_date(2014, 12, 31));
  CHECK(*parse_camt_date("2026-06-30T23:59:59-05:00") == make_date(2026, 7, 1));
  CHECK_FALSE(parse_camt_date("2026-02-30"));
  CHECK_FALSE(parse_camt_date("2026-02-28T25:00:00"));
  CHECK_FALSE(parse_camt_date("28-02-2026"));
}

TEST_CASE("MT940 dates: YYMMDD with a pivot, MMDD entry dates across the year end", "[parts]") {
  CHECK(*parse_yymmdd("260301") == make_date(2026, 3, 1));
  CHECK(*parse_yymmdd("990101") == make_date(1999, 1, 1));
  CHECK(*parse_yymmdd("160229") == make_date(2016, 2, 29));
  CHECK_FALSE(parse_yymmdd("160230"));
  CHECK_FALSE(parse_yymmdd("170229"));
  CHECK(*entry_date_near("0103", make_date(2014, 1, 3)) == make_date(2014, 1, 3));
  CHECK(*entry_date_near("1231", make_date(2014, 1, 1)) == make_date(2013, 12, 31));
  CHECK(*entry_date_near("0102", make_date(2013, 12, 30)) == make_date(2014, 1, 2));
  CHECK_FALSE(entry_date_near("0230", make_date(2014, 2, 1)));
}

TEST_CASE(":61: statement lines: marks, funds codes, references", "[parts]") {
  const auto ing = parse_statement_line("1401030103D15,00NTRF5200150700013379//00000000000001");
  REQUIRE(ing);
  CHECK_FALSE(ing->credit);
  CHECK(ing->amount == 1500);
  CHECK(ing->type == "NTRF");
  CHECK(ing->customer_reference == "5200150700013379");
  CHECK(ing->bank_reference == "00000000000001");
  const auto funds = parse_statement_line("1003190319CR27,00NTRF100323-03-100323//32-P1-TCS49518");
  REQUIRE(funds);
  CHECK(funds->credit);  // C + funds code R
  CHECK_FALSE(funds->reversal);
  const auto rd = parse_statement_line("140103RD5,00NTRFNONREF");
  REQUIRE(rd);
  CHECK(rd->reversal);
  CHECK(rd->credit);  // a reversed debit is money in
  const auto rc = parse_statement_line("140103RC5,00NTRFNONREF");
  REQUIRE(rc);
  CHECK(rc->reversal);
  CHECK_FALSE(rc->credit);
  const auto lower = parse_statement_line("1205120514d1,01N946NONREF");
  REQUIRE(lower);
  CHECK_FALSE(lower->credit);
  const auto legacy = parse_statement_line("100722D25,03NOV NONREF");
  REQUIRE(legacy);
  CHECK(legacy->type == "NOV ");
  CHECK(legacy->customer_reference == "NONREF");
  CHECK_FALSE(parse_statement_line("140103X5,00NTRF"));
  CHECK_FALSE(parse_statement_line("140103C5,00"));
}

TEST_CASE("accounts from :25:", "[parts]") {
  CHECK(normalize_account("NL20INGB0001234567EUR") == "NL20INGB0001234567");
  CHECK(normalize_account("NL10BUNQ2290325473 EUR") == "NL10BUNQ2290325473");
  CHECK(normalize_account("0878787878                         ") == "0878787878");
  CHECK(normalize_account("TRIODOSBANK/0666666666") == "TRIODOSBANK/0666666666");
}

TEST_CASE("encodings: strict UTF-8, Windows-1252, control bytes", "[parts]") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("M\xC3\xBCller \xE2\x82\xAC"));
  CHECK_FALSE(is_valid_utf8("M\xFCller"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));      // cut short
  CHECK(windows1252_to_utf8("M\xFCller \x80 \x9F") == "M\xC3\xBCller \xE2\x82\xAC \xC5\xB8");
  CHECK(windows1252_to_utf8("\x81") == "\xC2\x81");  // undefined in 1252: Latin-1
  Utf8Scanner scanner;
  CHECK(scanner.feed("line one\nline \xE2\x82"));
  // A sequence across two chunks is fine; the Latin-1 byte on line 3 is not.
  CHECK_FALSE(scanner.feed("\xAC two\nthree \xE9 four"));
  CHECK_FALSE(scanner.finish());
  CHECK(scanner.bad_line() == 3);
  CHECK(scanner.bad_byte() == 0xE9);
  std::string line = "\x01:20:X\x03\x1A\tY";
  bool nul = false;
  CHECK(strip_control_bytes(line, nul) == 3);
  CHECK(line == ":20:X Y");
  CHECK_FALSE(nul);
}

TEST_CASE("payment references found in free text", "[parts]") {
  CHECK(find_structured_reference("/REMI/Issuer: CUR Ref: 1234567812345678") == "1234567812345678");
  CHECK(find_structured_reference("ISSUER: CUR                  REF: 4420043232693268") ==
        "4420043232693268");
  CHECK(find_structured_reference("BETALINGSKENM.  1067931951601240") == "1067931951601240");
  CHECK(find_structured_reference("AAA, BETALINGSKENMERK: 00111111111, REF") == "00111111111");
  CHECK(find_structured_reference("ULT 13T1100xxxx1xx RF35567890123456789012345 ULTCREDNM09") ==
        "RF35567890123456789012345");
  CHECK(find_structured_reference("RF12 does not pass").empty());
  CHECK(find_structured_reference("BETALINGSKENM. 231732INCASSO").empty());  // too short
  CHECK(normalize_reference("rf38 0000 0000 0000 0000 0055 2") == "RF38000000000000000000552");
  CHECK(normalize_reference("1234.4321.0000.5555") == "1234432100005555");
  CHECK(collapse_spaces("  a \t b\n\nc  ") == "a b c");
}
