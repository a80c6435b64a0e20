// A malformed file is refused as a whole, with an error naming the file, the entry or line, and
// the problem: every file in malformed/, and synthetic cuts, amounts and dates.
#include "feeds_test_support.hpp"

using namespace pinc::feeds;
using namespace pinc::feeds::test;

namespace {

std::string refusal(const Parsed& parsed) {
  REQUIRE_FALSE(parsed.summary);
  return parsed.summary.error().to_string();
}

// A small camt.053 with `entries` between its balances.
std::string camt(const std::string& entries, const std::string& closing = "100.00") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n"
         "<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>\n"
         "<Stmt><Id>S-1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
         "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">0.00</Amt>"
         "<CdtDbtInd>CRDT</CdtDbtInd></Bal>\n"
         "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" +
         closing + "</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>\n" + entries +
         "</Stmt></BkToCstmrStmt></Document>\n";
}

std::string ntry(const std::string& amount, const std::string& booked = "2026-03-02",
                 const std::string& details = "") {
  return "<Ntry><Amt Ccy=\"EUR\">" + amount +
         "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>" + booked +
         "</Dt></BookgDt><AcctSvcrRef>REF</AcctSvcrRef>" + details +
         "<AddtlNtryInf>Betaling</AddtlNtryInf></Ntry>\n";
}

std::string mt940(const std::string& lines) {
  return ":20:TEST\r\n:25:NL91ABNA0417164300\r\n:28C:1/1\r\n:60F:C260301EUR0,00\r\n" + lines +
         ":62F:C260302EUR100,00\r\n-\r\n";
}

}  // namespace

TEST_CASE("every malformed fixture is refused, naming the file and the problem", "[refused]") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"camt053_abn_error.xml", {"line 131", "not well-formed XML", "Rsn"}},  // an unclosed <Rsn>
      {"camt053_header_only_no_stmt.xml", {"not a statement", "no Stmt"}},
      {"camt053_invalid_namespace.xml", {"not a statement", "no BkToCstmrStmt"}},
      {"knab_mt940_truncated_block.txt",
       {"line 9", "ABG34MSFKJ11FACJ/45/1 is cut off", "closing balance (:62F:)"}},
      {"mt940_february_30.sta", {"entry 1 (line 6)", "2016-02-30 does not exist"}},
      {"mt940_missing_crlf_at_end.sta", {"line 1", ":62F: outside a statement"}},
      {"mt940_sepa_snippet_broken.sta", {"line 6", ":25: is out of order", "after :61:"}},
      {"mt940_unexpected_tag.sta", {"line 3", ":28C: is out of order", ":25: (the account)"}},
  };
  const auto files = files_in("malformed");
  REQUIRE(files.size() == expected.size());  // a new malformed fixture needs its expectation
  for (const auto& [name, parts] : expected) {
    INFO(name);
    std::vector<BankTransaction> delivered;
    const auto result = read_bank_file_at(
        fixture("malformed/" + name), [&](const BankTransaction& t) { delivered.push_back(t); });
    REQUIRE_FALSE(result);
    const std::string message = result.error().to_string();
    INFO(message);
    CHECK(message.find(name) != std::string::npos);
    for (const std::string& part : parts) CHECK(message.find(part) != std::string::npos);
  }
}

TEST_CASE("a camt.053 cut off in the middle of an entry is refused as truncated", "[refused]") {
  const std::string whole = camt(ntry("10.00") + ntry("20.00") + ntry("30.00"), "60.00");
  REQUIRE(parse_text(whole, "whole.xml").summary);
  const std::size_t second = whole.find("<Ntry>", whole.find("<Ntry>") + 1);
  for (const std::size_t cut : {second + 20, second + 90, whole.size() - 30}) {
    INFO(cut);
    const std::string message = refusal(parse_text(whole.substr(0, cut), "cut.xml"));
    CHECK(message.find("cut.xml: line ") == 0);
    CHECK(message.find("cut off (truncated)") != std::string::npos);
  }
}

TEST_CASE("an MT940 cut off before its closing balance is refused", "[refused]") {
  const std::string cut =
      ":20:TEST\n:25:NL91ABNA0417164300\n:28C:1/1\n:60F:C260301EUR0,00\n"
      ":61:2603020302C10,00NTRFNONREF\n:86:/NAME/A/REMI/B\n";
  const std::string message = refusal(parse_text(cut, "cut.sta"));
  CHECK(message.find("cut.sta: line 6: statement TEST/1/1 is cut off: the file ends before its "
                     "closing balance (:62F:)") == 0);
}

TEST_CASE("an amount with a part below one cent is refused, but extra zeros are not", "[refused]") {
  CHECK_THAT(refusal(parse_text(camt(ntry("12.345")), "sub.xml")),
             Catch::StartsWith("sub.xml: entry 1 (line 7): Amt: amount '12.345' has a part "
                               "below one cent"));
  CHECK_THAT(refusal(parse_text(mt940(":61:2603020302C12,345NTRFNONREF\r\n"), "sub.sta")),
             Catch::StartsWith("sub.sta: entry 1 (line 5): :61: amount '12,345' has a part "
                               "below one cent"));
  const Parsed zeros = parse_text(camt(ntry("100.000")), "zeros.xml");
  REQUIRE(zeros.summary);
  CHECK(zeros.transactions.at(0).amount_cents == 10000);
  CHECK(has_warning(*zeros.summary, "more than two decimals"));
}

TEST_CASE("an impossible date (30 February) is refused", "[refused]") {
  CHECK_THAT(refusal(parse_text(camt(ntry("100.00", "2026-02-30")), "feb.xml")),
             Catch::StartsWith("feb.xml: entry 1 (line 7): BookgDt/Dt: '2026-02-30' is not a "
                               "date: 2026-02-30 does not exist"));
  CHECK(refusal(parse_text(mt940(":61:2602300302C100,00NTRFNONREF\r\n"), "feb.sta"))
            .find("2026-02-30 does not exist") != std::string::npos);
  CHECK(refusal(parse_text(mt940(":61:2603010230C100,00NTRFNONREF\r\n"), "feb.sta"))
            .find("entry date '0230'") != std::string::npos);
}

TEST_CASE("files that are not statements are refused", "[refused]") {
  CHECK(refusal(parse_text("", "empty.xml")).find("empty file") != std::string::npos);
  CHECK(refusal(parse_text("date,amount\n2026-01-01,10.00\n", "export.csv"))
            .find("export.csv: not a bank statement") == 0);
  CHECK(refusal(parse_text("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:"
                           "xsd:pain.001.001.03\"><CstmrCdtTrfInitn/></Document>",
                           "pain.xml"))
            .find("not a camt.052/053/054 document") != std::string::npos);
  CHECK(refusal(parse_text("<?xml version=\"1.0\"?><Statement/>", "other.xml"))
            .find("root element is <Statement>") != std::string::npos);
  CHECK(refusal(parse_text("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]>"
                           "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>",
                           "dtd.xml"))
            .find("DOCTYPE") != std::string::npos);
  CHECK(refusal(parse_text("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.01\">"
                           "</Document>",
                           "old.xml"))
            .find("unsupported camt version 001.01") != std::string::npos);
}

TEST_CASE("fields out of order are refused", "[refused]") {
  // A balance after the entries.
  std::string late_balance = camt(ntry("100.00"));
  const std::string bal =
      "<Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">1"
      "</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>";
  late_balance.insert(late_balance.find("</Stmt>"), bal);
  CHECK(refusal(parse_text(late_balance, "late.xml")).find("a balance after the entries") !=
        std::string::npos);
  // An entry before the account.
  std::string no_account = camt(ntry("100.00"));
  no_account.erase(no_account.find("<Acct>"),
                   no_account.find("</Acct>") + 7 - no_account.find("<Acct>"));
  CHECK(refusal(parse_text(no_account, "noacct.xml")).find("before the statement's account") !=
        std::string::npos);
  // :61: before the opening balance.
  CHECK(refusal(parse_text(":20:X\n:25:NL91ABNA0417164300\n:61:2603020302C1,00NTRFNONREF\n"
                           ":62F:C260302EUR1,00\n",
                           "order.sta"))
            .find("line 3: :61: is out of order: after :25:") != std::string::npos);
}

TEST_CASE("synthetic quirks: an empty statement and identical twins are accepted", "[quirks]") {
  const Parsed empty = parse_text(camt("", "0.00"), "empty.xml");
  REQUIRE(empty.summary);
  CHECK(empty.transactions.empty());
  CHECK(has_warning(*empty.summary, "statement S-1 has no entries"));
  CHECK(empty.summary->unreconciled_statements.empty());

  const Parsed twins = parse_text(camt(ntry("50.00") + ntry("50.00"), "100.00"), "twins.xml");
  REQUIRE(twins.summary);
  REQUIRE(twins.transactions.size() == 2);
  CHECK(has_warning(*twins.summary, "entries 1 to 2 are identical twins"));
  CHECK(twins.summary->unreconciled_statements.empty());

  const Parsed mt_twins = parse_text(mt940(":61:2603020302C50,00NTRFNONREF\r\n:86:/NAME/A\r\n"
                                           ":61:2603020302C50,00NTRFNONREF\r\n:86:/NAME/A\r\n"),
                                     "twins.sta");
  REQUIRE(mt_twins.summary);
  CHECK(mt_twins.transactions.size() == 2);
  CHECK(has_warning(*mt_twins.summary, "entries 1 to 2 are identical twins"));
}

TEST_CASE("batch details that do not add up leave the entry whole, with a warning", "[camt]") {
  auto detail = [](const std::string& amount, const std::string& name) {
    return "<TxDtls><Amt Ccy=\"EUR\">" + amount + "</Amt><RltdPties><Dbtr><Nm>" + name +
           "</Nm></Dbtr></RltdPties></TxDtls>";
  };
  const Parsed good =
      parse_text(camt(ntry("100.00", "2026-03-02",
                           "<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>" + detail("60.00", "A") +
                               detail("40.00", "B") + "</NtryDtls>")),
                 "good.xml");
  REQUIRE(good.summary);
  REQUIRE(good.transactions.size() == 2);
  CHECK(good.transactions[0].amount_cents == 6000);
  CHECK(good.transactions[0].counterparty_name == "A");
  CHECK(good.transactions[1].amount_cents == 4000);
  CHECK(good.transactions[1].detail_index == 1);
  CHECK(good.summary->totals.entries == 1);
  CHECK(good.summary->transactions == 2);

  const Parsed bad = parse_text(
      camt(ntry("100.00", "2026-03-02",
                "<NtryDtls>" + detail("60.00", "A") + detail("30.00", "B") + "</NtryDtls>")),
      "bad.xml");
  REQUIRE(bad.summary);
  REQUIRE(bad.transactions.size() == 1);
  CHECK(bad.transactions[0].amount_cents == 10000);
  CHECK(bad.transactions[0].detail_count == 1);
  CHECK(bad.transactions[0].batch_size == 2);
  CHECK(bad.transactions[0].counterparty_name.empty());
  CHECK(has_warning(*bad.summary,
                    "entry 1 (line 7): its 2 TxDtls add up to 90.00, not the entry's 100.00; "
                    "delivered as one transaction of 100.00 EUR"));
}

TEST_CASE("camt encodings: the prolog is honoured, lying UTF-8 is read as Windows-1252",
          "[encoding]") {
  std::string latin = camt(ntry("100.00", "2026-03-02",
                                "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Jos\xE9 M\xFCller \x80"
                                "</Nm></Dbtr></RltdPties></TxDtls></NtryDtls>"));
  const Parsed lying = parse_text(latin, "lying.xml");
  REQUIRE(lying.summary);
  CHECK(lying.transactions.at(0).counterparty_name == "Jos\xC3\xA9 M\xC3\xBCller \xE2\x82\xAC");
  CHECK(has_warning(*lying.summary,
                    "line 7: declared UTF-8, but byte 0xE9 is not UTF-8: read as Windows-1252"));

  std::string declared = latin;
  declared.replace(declared.find("UTF-8"), 5, "ISO-8859-1");
  const Parsed honest = parse_text(declared, "latin1.xml");
  REQUIRE(honest.summary);
  CHECK(honest.transactions.at(0).counterparty_name.substr(0, 13) == "Jos\xC3\xA9 M\xC3\xBCller");
  CHECK_FALSE(has_warning(*honest.summary, "Windows-1252"));
}

TEST_CASE("MT940 line ends and envelopes: LF, CRLF, no final newline, SOH/ETX", "[mt940]") {
  const std::string lines[] = {":20:A",
                               ":25:NL91ABNA0417164300",
                               ":28C:1",
                               ":60F:C260301EUR0,00",
                               ":61:2603020302C1,50NTRFNONREF//B1",
                               ":86:/EREF/E1//REMI/USTD//x/",
                               ":62F:C260302EUR1,50",
                               "-"};
  std::string lf, crlf;
  for (const std::string& line : lines) {
    lf += line + "\n";
    crlf += line + "\r\n";
  }
  const std::string enveloped = "\x01{1:F01ABNANL2AXXX0000000000}{2:I940ABNANL2AXXXN}{4:\n" +
                                lf.substr(0, lf.size() - 2) + "-}{5:}\x03";
  for (const std::string& text : {lf, crlf, crlf.substr(0, crlf.size() - 2), enveloped}) {
    const Parsed parsed = parse_text(text, "x.sta");
    if (!parsed.summary) FAIL(parsed.summary.error().to_string());
    REQUIRE(parsed.transactions.size() == 1);
    CHECK(parsed.transactions[0].amount_cents == 150);
    CHECK(parsed.transactions[0].end_to_end_id == "E1");
    CHECK(parsed.transactions[0].bank_reference == "B1");
    CHECK(parsed.summary->unreconciled_statements.empty());
  }
}
