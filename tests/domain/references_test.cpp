#include <catch2/catch.hpp>

#include "references.hpp"

using namespace pinc;

TEST_CASE("betalingskenmerk check digit (NL-RULES 5.1, Betaalvereniging specification)",
          "[references]") {
  CHECK(is_valid_betalingskenmerk("5000 0567 8901 2345"));  // A = 215, C = 5
  CHECK(is_valid_betalingskenmerk("1223 4534 6225 67"));    // 14 digits, C = 1, L = 2
  CHECK(make_betalingskenmerk_from_digits("1234567").value() == "271234567");
  CHECK(make_betalingskenmerk_from_digits("000000000012345").value() == "7000000000012345");
  CHECK(make_betalingskenmerk(12345) == "7000000000012345");
  CHECK(is_valid_betalingskenmerk(make_betalingskenmerk(987654321)));
  CHECK(group_betalingskenmerk("5000056789012345") == "5000 0567 8901 2345");
  CHECK(is_valid_betalingskenmerk("1234567"));  // 7 digits carry no check
}

TEST_CASE("betalingskenmerk mutations fail (NL-RULES 5.1)", "[references]") {
  CHECK_FALSE(is_valid_betalingskenmerk("5000056789012346"));   // one digit changed
  CHECK_FALSE(is_valid_betalingskenmerk("5000056789012354"));   // two digits swapped
  CHECK_FALSE(is_valid_betalingskenmerk("50000567"));           // 8 digits: not allowed
  CHECK_FALSE(is_valid_betalingskenmerk("500005678901234"));    // 15 digits: not allowed
  CHECK_FALSE(is_valid_betalingskenmerk("50000567890123456"));  // 17 digits
  CHECK_FALSE(is_valid_betalingskenmerk("281234567"));          // wrong length digit L
  CHECK_FALSE(is_valid_betalingskenmerk("9001123412341234"));   // a dummy from a bank spec
  CHECK_FALSE(make_betalingskenmerk_from_digits("12345678901234"));
}

TEST_CASE("RF creditor references (NL-RULES 5.2, ISO 11649)", "[references]") {
  CHECK(is_valid_rf_reference("RF18539007547034"));
  CHECK(is_valid_rf_reference("RF19AB2G59X56V543"));
  CHECK(is_valid_rf_reference("rf18 5390 0754 7034"));
  CHECK(make_rf_reference("DOSSIER2026000123").value() == "RF80DOSSIER2026000123");
  CHECK(make_rf_reference("539007547034").value() == "RF18539007547034");
  CHECK_FALSE(is_valid_rf_reference("RF18539007547035"));
  CHECK_FALSE(is_valid_rf_reference("RF81DOSSIER2026000123"));
  CHECK_FALSE(make_rf_reference("THIS-HAS-A-DASH"));
  CHECK_FALSE(make_rf_reference("0123456789012345678901"));  // 22 characters
}

TEST_CASE("IBAN validation (NL-RULES 5.3, ISO 13616 mod 97-10)", "[references]") {
  CHECK(normalize_iban("NL91ABNA0417164300").value() == "NL91ABNA0417164300");
  CHECK(normalize_iban("nl86 ingb 0002 4455 88").value() == "NL86INGB0002445588");
  CHECK(is_valid_iban("NL20INGB0001234567"));
  CHECK(is_valid_iban("DE89370400440532013000"));
  CHECK(is_valid_iban("BE68539007547034"));
  CHECK(format_iban_grouped("NL91ABNA0417164300") == "NL91 ABNA 0417 1643 00");

  const auto wrong_digit = normalize_iban("NL91ABNA0417164301", "--iban");
  REQUIRE_FALSE(wrong_digit);
  CHECK(wrong_digit.error().field == "--iban");
  CHECK_THAT(wrong_digit.error().message, Catch::Contains("check digits"));
  CHECK_THAT(normalize_iban("NL91ABNA041716430").error().message,
             Catch::Contains("wrong length for NL (expected 18, got 17)"));
  CHECK_THAT(normalize_iban("XX91ABNA0417164300").error().message,
             Catch::Contains("unknown country code"));
  CHECK_FALSE(is_valid_iban("NL19ABNA0417164300"));  // swapped check digits
  CHECK_FALSE(is_valid_iban("NL91ABNA04171643!0"));
}
