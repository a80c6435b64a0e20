// Every fixture statement parses, and its totals (entries, credits, debits and their sums) equal
// the ones a plain text scan of the same file finds; the transactions add up to the entries.
#include "feeds_test_support.hpp"

using namespace pinc::feeds;
using namespace pinc::feeds::test;

namespace {

void check_file(const std::string& path) {
  INFO(path);
  const Parsed parsed = parse_file(path);
  if (!parsed.summary) FAIL(parsed.summary.error().to_string());
  const FileSummary& summary = *parsed.summary;
  const ScannedTotals scanned = scan_file(path);
  CHECK(summary.totals.entries == scanned.entries);
  CHECK(summary.totals.credits == scanned.credits);
  CHECK(summary.totals.debits == scanned.debits);
  CHECK(summary.totals.credits_cents == scanned.credits_cents);
  CHECK(summary.totals.debits_cents == scanned.debits_cents);
  CHECK(summary.statements >= 1);
  CHECK(summary.transactions == parsed.transactions.size());

  // Split or not, what was delivered adds up to the entries (zero amounts are not delivered).
  pinc::Cents delivered = 0;
  for (const BankTransaction& t : parsed.transactions) {
    CHECK(t.amount_cents > 0);
    CHECK(t.currency.size() == 3);
    CHECK_FALSE(t.statement_id.empty());
    CHECK_FALSE(t.account.empty());
    CHECK(t.detail_index < t.detail_count);
    delivered += t.credit ? t.amount_cents : -t.amount_cents;
  }
  if (!has_warning(summary, "nothing to deliver"))
    CHECK(delivered == summary.totals.credits_cents - summary.totals.debits_cents);
}

}  // namespace

TEST_CASE("every camt.053 fixture parses and its totals match an independent scan", "[fixtures]") {
  for (const std::string& path : files_in("camt053")) check_file(path);
}

TEST_CASE("every camt.054 fixture parses and its totals match an independent scan", "[fixtures]") {
  for (const std::string& path : files_in("camt054")) {
    check_file(path);
    const Parsed parsed = parse_file(path);
    REQUIRE(parsed.summary);
    CHECK(parsed.summary->format == FileFormat::camt054);
    for (const BankTransaction& t : parsed.transactions) CHECK(t.provisional);
  }
}

TEST_CASE("every MT940/MT942 fixture parses and its totals match an independent scan",
          "[fixtures]") {
  for (const std::string& path : files_in("mt940")) check_file(path);
}

TEST_CASE("every quirks fixture parses and its totals match an independent scan", "[fixtures]") {
  for (const std::string& path : files_in("quirks")) check_file(path);
}

TEST_CASE("the format comes from the content, never from the file name", "[fixtures]") {
  const std::string camt = read_bytes(fixture("camt054/genkgo_camt054v02.xml"));
  const Parsed as_sta = parse_text(camt, "statement.sta");
  REQUIRE(as_sta.summary);
  CHECK(as_sta.summary->format == FileFormat::camt054);
  const std::string mt940 = read_bytes(fixture("mt940/bunq_mt940.txt"));
  const Parsed as_xml = parse_text(mt940, "statement.xml");
  REQUIRE(as_xml.summary);
  CHECK(as_xml.summary->format == FileFormat::mt940);
  CHECK(as_xml.summary->totals.entries == 111);
}

TEST_CASE("quirk: a camt.053 whose balances do not reconcile is listed, and still delivered",
          "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/camt053_balance_mismatch.xml"));
  REQUIRE(parsed.summary);
  CHECK(parsed.summary->unreconciled_statements == std::vector<std::string>{"0000000000"});
  CHECK(has_warning(*parsed.summary, "statement 0000000000 does not reconcile"));
  CHECK(has_warning(*parsed.summary, "difference -50.00"));
  REQUIRE(parsed.transactions.size() == 2);
  CHECK(parsed.transactions[1].credit);
  CHECK(parsed.transactions[1].amount_cents == 5000);
  CHECK(parsed.transactions[1].counterparty_name == "John Doe");
  // BookgDt/DtTm 2026-03-05T10:15:00+01:00 is that day in Amsterdam.
  CHECK(parsed.transactions[0].booking_date == pinc::make_date(2026, 3, 5));
}

TEST_CASE("quirk: whole-cent amounts written with three decimals", "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/camt053_three_decimal_amounts.xml"));
  REQUIRE(parsed.summary);
  CHECK(has_warning(*parsed.summary, "'8.850' is written with more than two decimals"));
  CHECK(has_warning(*parsed.summary, "balance Amt '18.150'"));
  REQUIRE(parsed.transactions.size() == 1);
  CHECK(parsed.transactions[0].amount_cents == 885);
  // 18.15 + 8.85 is 27.00, not the 27.05 the file closes with.
  CHECK(parsed.summary->unreconciled_statements.size() == 1);
}

TEST_CASE("quirk: identical twin lines are each delivered, with a warning", "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/ing_mt940_repeated_identical_lines.txt"));
  REQUIRE(parsed.summary);
  CHECK(has_warning(*parsed.summary, "entries 2 to 6 are identical twins"));
  REQUIRE(parsed.transactions.size() == 7);
  for (std::uint64_t i = 1; i <= 5; ++i) {
    CHECK(parsed.transactions[i].amount_cents == 1000);
    CHECK(parsed.transactions[i].bank_reference == "12451300037112");
    CHECK(parsed.transactions[i].entry_index == i);  // position tells the twins apart
  }
  CHECK(parsed.summary->unreconciled_statements == std::vector<std::string>{"ING/000"});
}

TEST_CASE("quirk: a statement without entries", "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/knab_mt940_no_transactions.txt"));
  REQUIRE(parsed.summary);
  CHECK(parsed.summary->statements == 1);
  CHECK(parsed.transactions.empty());
  CHECK(has_warning(*parsed.summary, "statement ABCDEFG123343545/1/1 has no entries"));
  CHECK(parsed.summary->unreconciled_statements.empty());
}

TEST_CASE("quirk: a :61: without customer reference", "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/mt940_incomplete_tag_61.sta"));
  REQUIRE(parsed.summary);
  CHECK(has_warning(*parsed.summary, "entry 1 (line 5): :61: has no customer reference"));
  REQUIRE(parsed.transactions.size() == 1);
  const BankTransaction& t = parsed.transactions[0];
  CHECK(t.amount_cents == 23315);
  CHECK_FALSE(t.credit);
  // German ?NN subfields, one of them broken over a line.
  CHECK(t.counterparty_iban == "DE99700500000000012345");
  CHECK(t.counterparty_name == "Finanzamt Muenchen Abteilung Erhebung");
  // German SEPA data runs on into ?60..?63; the EREF+ value at least starts right.
  CHECK(t.end_to_end_id.rfind("123/123/12345-----L110", 0) == 0);
}

TEST_CASE("quirk: Latin-1 bytes in an MT940 are read as Windows-1252, with a warning", "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/mt940_invalid_utf8.sta"));
  REQUIRE(parsed.summary);
  CHECK(has_warning(*parsed.summary, "line 7 is not UTF-8: read as Windows-1252"));
  REQUIRE(parsed.transactions.size() == 7);
  CHECK(parsed.transactions[0].currency == "HUF");
  CHECK(parsed.transactions[0].amount_cents == 206663700);
  // 0xA0 and friends become characters; the text stays valid UTF-8 for JSON and storage.
  CHECK(parsed.transactions[0].additional_info.find("Csoportos") != std::string::npos);
}

TEST_CASE("quirk: raw UTF-8 in the :20: reference", "[quirks]") {
  const Parsed parsed = parse_file(fixture("quirks/mt940_with_binary_character.sta"));
  REQUIRE(parsed.summary);
  CHECK(has_warning(*parsed.summary, ":20: holds characters outside the SWIFT character set"));
  CHECK(parsed.summary->statements == 2);
  REQUIRE(parsed.transactions.size() == 4);
  CHECK(parsed.transactions[0].statement_id == "STAR1\xC3\x9CT\xC3\x9FUMS/00027/00001");
  // "CR27,00" is a credit with funds code R, not a reversal.
  CHECK(parsed.transactions[0].credit);
  CHECK_FALSE(parsed.transactions[0].reversal);
  CHECK(parsed.transactions[2].amount_cents == 19328205);
  CHECK_FALSE(parsed.transactions[2].credit);
}

TEST_CASE("quirk: SOH and ETX around an MT942 are stripped, with a warning", "[quirks]") {
  const Parsed parsed = parse_file(fixture("mt940/mbank_mt942_soh.sta"));
  REQUIRE(parsed.summary);
  CHECK(parsed.summary->format == FileFormat::mt942);
  CHECK(has_warning(*parsed.summary, "control bytes (SOH, ETX or Ctrl-Z) removed"));
  REQUIRE(parsed.transactions.size() == 3);
  for (const BankTransaction& t : parsed.transactions) {
    CHECK(t.provisional);
    CHECK(t.currency == "PLN");
    CHECK(t.amount_cents == 1);
  }
  CHECK(parsed.summary->unreconciled_statements.empty());  // :90C: 3 credits of 0,03 agrees
}
