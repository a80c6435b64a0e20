// Normalized fields per bank and format, against values read by eye from the fixture files.
#include "feeds_test_support.hpp"

using namespace pinc::feeds;
using namespace pinc::feeds::test;
using pinc::make_date;

namespace {

Parsed must_parse(const std::string& relative) {
  Parsed parsed = parse_file(fixture(relative));
  INFO(relative);
  if (!parsed.summary) FAIL(parsed.summary.error().to_string());
  return parsed;
}

}  // namespace

TEST_CASE("ABN AMRO camt.053: acceptgiro betalingskenmerk, batches and SDD returns", "[camt]") {
  const Parsed parsed = must_parse("camt053/abnamro_camt053v02_dagafschrift_example.xml");
  CHECK(parsed.summary->format == FileFormat::camt053);
  CHECK(parsed.summary->unreconciled_statements.empty());  // 1000.01 + 28.00 - 928.00 = 100.01

  const auto acceptgiro = entry(parsed, 2);
  REQUIRE(acceptgiro.size() == 1);
  CHECK(acceptgiro[0].message_version == "001.02");
  CHECK(acceptgiro[0].account == "NL77ABNA0574908765");
  CHECK(acceptgiro[0].statement_id == "0574908765.2013-04-02");
  CHECK(acceptgiro[0].structured_reference == "1234567812345678");
  CHECK(acceptgiro[0].counterparty_name == "NAAM");
  CHECK(acceptgiro[0].counterparty_iban == "NL46ABNA0499998748");
  CHECK(acceptgiro[0].end_to_end_id.empty());  // NOTPROVIDED
  CHECK(acceptgiro[0].bank_reference == "3095D4322561460S0PS");
  CHECK(acceptgiro[0].booking_date == make_date(2013, 4, 2));

  // The "compressed" acceptgiro batch: ten TxDtls of 1.00 that add up to the entry's 10.00.
  const auto batch = entry(parsed, 3);
  REQUIRE(batch.size() == 10);
  pinc::Cents sum = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    CHECK(batch[i].detail_index == i);
    CHECK(batch[i].detail_count == 10);
    CHECK(batch[i].amount_cents == 100);
    CHECK(batch[i].credit);
    CHECK(batch[i].structured_reference == "1234567812345678");
    CHECK(batch[i].batch_reference == "1202P5518750498B0AO");
    CHECK(batch[i].batch_size == 10);
    sum += batch[i].amount_cents;
  }
  CHECK(sum == 1000);
  CHECK(batch[2].counterparty_iban == "NL46ABNA0401378749");

  // Salary batch without TxDtls: one transaction with the entry amount, marked as a batch.
  const auto salaries = entry(parsed, 7);
  REQUIRE(salaries.size() == 1);
  CHECK(salaries[0].amount_cents == 200);
  CHECK_FALSE(salaries[0].credit);
  CHECK(salaries[0].detail_count == 1);
  CHECK(salaries[0].batch_size == 2);
  CHECK(salaries[0].batch_reference == "1302P5518750499B0AO");

  // SDD reject and return: DBIT + RvslInd + RtrInf MS03.
  for (const std::uint64_t index : {11u, 12u}) {
    const auto returned = entry(parsed, index);
    REQUIRE(returned.size() == 1);
    CHECK(returned[0].reversal);
    CHECK_FALSE(returned[0].credit);
    CHECK(returned[0].return_reason == "MS03");
    CHECK(returned[0].counterparty_name == "Debtor");
  }
  CHECK(entry(parsed, 11)[0].end_to_end_id == "1234567X908303803");
  CHECK(entry(parsed, 11)[0].mandate_id == "123456789XXmandaat");
  CHECK(entry(parsed, 12)[0].amount_cents == 92100);
}

TEST_CASE("ING camt.053: a batch with only Btch information is one transaction", "[camt]") {
  const Parsed parsed = must_parse("camt053/ing_camt053v02_batch.xml");
  REQUIRE(parsed.transactions.size() == 3);
  const BankTransaction& batch = parsed.transactions[0];
  CHECK(batch.amount_cents == 475374);
  CHECK_FALSE(batch.credit);
  CHECK(batch.batch_size == 3);
  CHECK(batch.batch_reference == "O0OpeAYTkhjerKu3eE9asw");
  CHECK(batch.bank_reference == "68047a4871ab34285b5555555502010c");
  // A 19-character IBAN (broken by anonymisation) is kept, not refused.
  CHECK(batch.account == "NL18INGB00012345678");
  CHECK(parsed.transactions[1].counterparty_iban == "NL86INGB00066666666");
  CHECK(parsed.transactions[1].remittance_text == "TERUGGAAF");
  CHECK(parsed.transactions[1].end_to_end_id == "GBSXX21170607391766562");
}

TEST_CASE("Rabobank camt.053 (2016): the kenmerk in Ustrd and Strd counts once", "[camt]") {
  const Parsed parsed = must_parse("camt053/rabobank_camt053v02_multi_statement_2016.xml");
  CHECK(parsed.summary->statements == 132);
  CHECK(has_warning(*parsed.summary, "has no entries"));
  int with_kenmerk = 0;
  for (const BankTransaction& t : parsed.transactions)
    if (t.structured_reference == "1067931951601240") ++with_kenmerk;
  CHECK(with_kenmerk == 1);
}

TEST_CASE("SNS camt.053: NtryRef as the bank reference, empty TxDtls", "[camt]") {
  const Parsed parsed = must_parse("camt053/sns_camt053v02_statement.xml");
  CHECK(parsed.summary->statements == 2);
  const BankTransaction& fee = parsed.transactions[0];
  CHECK(fee.bank_reference == "20260125-137113");
  CHECK(fee.amount_cents == 605);
  CHECK(fee.additional_info.find("Kosten klantonderzoek") == 0);
  const BankTransaction& credit = parsed.transactions[2];
  CHECK(credit.credit);
  CHECK(credit.counterparty_name == "GreatExample BV");
  CHECK(credit.counterparty_iban == "NL78SNSB0022446688");
}

TEST_CASE("camt.053.001.08: UETR, Dbtr/Pty/Nm, RF reference, foreign currencies", "[camt]") {
  const Parsed ubs = must_parse("camt053/ubs_camt053v08.xml");
  REQUIRE(ubs.transactions.size() == 3);
  CHECK(ubs.transactions[0].message_version == "001.08");
  CHECK(ubs.transactions[0].uetr == "d0826d0f-a005-5e3b-b3dc-54da4ac7f0d0");
  CHECK(ubs.transactions[0].counterparty_name == "Jon Doe");
  CHECK(ubs.transactions[0].amount_cents == 47440);  // "474.4"
  CHECK(ubs.transactions[0].currency == "CHF");
  CHECK(ubs.transactions[0].status == "BOOK");  // Sts/Cd
  CHECK(ubs.transactions[1].structured_reference == "RF38000000000000000000552");
  CHECK(ubs.transactions[1].counterparty_name == "Finanz AG");
  CHECK(ubs.transactions[2].currency == "EUR");  // a EUR entry on a CHF account
  CHECK(ubs.transactions[2].counterparty_name == "DHL Express (Schweiz) AG");
  // A Swiss QR reference is not ours to match, but stays readable.
  CHECK(ubs.transactions[2].structured_reference.empty());
  CHECK(ubs.transactions[2].remittance_text.find("000000270148751802165444888") !=
        std::string::npos);

  const Parsed genkgo = must_parse("camt053/genkgo_camt053v08.xml");
  REQUIRE(genkgo.transactions.size() == 1);
  CHECK(genkgo.transactions[0].counterparty_name == "NAME NAME");
  CHECK(genkgo.transactions[0].counterparty_iban == "NL56AGDH9619008421");
  // BookgDt/DtTm 2014-12-31T13:15:00+01:00.
  CHECK(genkgo.transactions[0].booking_date == make_date(2014, 12, 31));
  // One TxDtls (of 0 SEK) does not replace the entry's own 8.85 EUR.
  CHECK(genkgo.transactions[0].amount_cents == 885);
  CHECK(genkgo.transactions[0].currency == "EUR");

  const Parsed uetr = must_parse("camt054/genkgo_camt054v08_uetr.xml");
  REQUIRE(uetr.transactions.size() == 1);
  CHECK(uetr.transactions[0].uetr == "255ae394-9965-4438-ac86-f406feada396");
  CHECK(uetr.transactions[0].provisional);
}

TEST_CASE("camt.053.001.10 (Wise): an account without IBAN, nanosecond timestamps", "[camt]") {
  const Parsed parsed = must_parse("camt053/wise_camt053v10_usd.xml");
  REQUIRE(parsed.transactions.size() == 1);
  CHECK(parsed.transactions[0].account == "11111111");
  CHECK(parsed.transactions[0].currency == "USD");
  CHECK(parsed.transactions[0].message_version == "001.10");
  CHECK(parsed.transactions[0].booking_date == make_date(2023, 6, 21));
  CHECK(parsed.transactions[0].bank_reference == "Test Buchung");
}

TEST_CASE("PostFinance camt.053.001.04: batches split per TxDtls, reversals with MD06", "[camt]") {
  const Parsed parsed = must_parse("camt053/postfinance_camt053v04.xml");
  const auto batch = entry(parsed, 6);
  REQUIRE(batch.size() == 10);
  pinc::Cents sum = 0;
  for (const BankTransaction& t : batch) sum += t.amount_cents;
  CHECK(sum == 100000);  // the entry's 1000.00
  CHECK(batch[0].amount_cents == 10000);
  int reversals = 0;
  for (const BankTransaction& t : parsed.transactions)
    if (t.reversal && t.return_reason == "MD06") ++reversals;
  CHECK(reversals == 2);
}

TEST_CASE("Swiss camt.053.001.02: batch amounts from InstdAmt, references without a type",
          "[camt]") {
  const Parsed parsed = must_parse("camt053/ch_camt053v02_example.xml");
  const auto batch = entry(parsed, 0);
  REQUIRE(batch.size() == 2);
  CHECK(batch[0].amount_cents == 10000);
  CHECK(batch[1].amount_cents == 4570);
  CHECK(batch[0].structured_reference.empty());  // 27-digit ESR, not a betalingskenmerk
}

TEST_CASE("ING MT940 (Mijn ING): /CNTP/, /REMI/STRD/CUR/, /RTRN/ and the summary :86:", "[mt940]") {
  const Parsed parsed = must_parse("mt940/ing_ming_single_message.txt");
  REQUIRE(parsed.transactions.size() == 9);
  const BankTransaction& first = parsed.transactions[0];
  CHECK(first.format == FileFormat::mt940);
  CHECK(first.account == "NL20INGB0001234567");
  CHECK(first.statement_id == "P140104000009999/3");
  CHECK(first.counterparty_iban == "NL08INGB0000001234");
  CHECK(first.counterparty_name == "ING Testrekening");
  CHECK(first.end_to_end_id == "E2E2014030100899040");
  CHECK(first.structured_reference == "5200150700013379");
  CHECK(first.bank_reference == "00000000000001");
  CHECK(first.value_date == make_date(2014, 1, 3));
  CHECK(first.booking_date == make_date(2014, 1, 3));
  CHECK(first.amount_cents == 1500);
  CHECK_FALSE(first.credit);
  const BankTransaction& returned = parsed.transactions[3];
  CHECK(returned.reversal);
  CHECK(returned.return_reason == "MD06");
  CHECK(returned.mandate_id == "MNDTID5653M5");  // wrapped inside the value
  CHECK(parsed.transactions[1].batch_reference == "PMTINFID1401038");
  CHECK(parsed.transactions[7].remittance_text == "TOTAAL 168 POSTEN");
  // The statement's own :86: (/SUM/) is not glued to the last transaction.
  CHECK(parsed.transactions[8].additional_info.find("/SUM/") == std::string::npos);
}

TEST_CASE("ING MT940 IBP: return codes, RF reference in free text", "[mt940]") {
  const Parsed structured = must_parse("mt940/ing_ibp_structured.txt");
  REQUIRE(structured.transactions.size() == 3);
  CHECK(structured.transactions[0].return_reason == "MS03");
  CHECK(structured.transactions[0].reversal);
  CHECK(structured.transactions[0].counterparty_iban == "NL50INGB0001234567");
  CHECK(structured.transactions[0].counterparty_name == "ING Bank N.V. inzake WeB");

  const Parsed free_text = must_parse("mt940/ing_ibp_unstructured.txt");
  REQUIRE(free_text.transactions.size() == 5);
  CHECK(free_text.transactions[2].structured_reference == "RF35567890123456789012345");
  CHECK(free_text.transactions[2].counterparty_iban == "NL12INGB0003333333");
  CHECK(free_text.transactions[3].return_reason == "AC04");
  CHECK(free_text.transactions[3].reversal);
  CHECK(free_text.transactions[3].credit);
}

TEST_CASE("ABN AMRO MT940: keywords across 65-column wraps, acceptgiro, returns", "[mt940]") {
  const Parsed acceptgiro = must_parse("mt940/abnamro_mt940_acceptgiro.txt");
  REQUIRE(acceptgiro.transactions.size() == 1);
  CHECK(acceptgiro.transactions[0].structured_reference == "4420043232693268");
  CHECK(acceptgiro.transactions[0].counterparty_name == "BELASTINGDIENST");
  CHECK(acceptgiro.transactions[0].counterparty_iban == "NL86INGB0002445588");
  CHECK(acceptgiro.transactions[0].account == "555555555");
  CHECK(acceptgiro.transactions[0].amount_cents == 1050);  // "10,5"

  const Parsed examples = must_parse("mt940/abnamro_mt940_voorbeeldbestanden_2013.txt");
  CHECK(examples.summary->statements == 13);
  CHECK(has_warning(*examples.summary, "text outside any statement ignored"));
  const BankTransaction& first = examples.transactions[0];
  CHECK(first.end_to_end_id.empty());  // "NOTPRO" + "VIDED" on the next line
  CHECK(first.counterparty_name == "QASD JGRED");
  CHECK(first.remittance_text == "Dit zijn de omschrijvingsregels");
  const BankTransaction& returned = examples.transactions[8];  // 8a, SDD return
  CHECK(returned.reversal);
  CHECK(returned.return_reason == "AC01");
  CHECK(returned.counterparty_iban == "NL71ABNA1234567890");
  CHECK(returned.counterparty_name == "Debtor waarop geincasseeerd wordt");
  CHECK(returned.mandate_id == "123456789XXmandaat");
  const BankTransaction& lower_d = examples.transactions[11];  // 10a, mark "d"
  CHECK_FALSE(lower_d.credit);
  CHECK(lower_d.amount_cents == 101);
  CHECK(lower_d.structured_reference == "1234567812345678");
  CHECK(examples.transactions[2].batch_size == 162);
  CHECK(examples.transactions[2].batch_reference == "109180");
}

TEST_CASE("ABN AMRO legacy MT940 labels: IBAN:, NAAM:, BETALINGSKENM.:", "[mt940]") {
  const Parsed parsed = must_parse("mt940/abnamro_mt940_structured.txt");
  const BankTransaction& ideal = parsed.transactions[3];
  CHECK(ideal.counterparty_iban == "NL70ABNA0888888888");
  CHECK(ideal.counterparty_name == "NS GROEP INZAKE NSR IDEA");
  const BankTransaction& acceptgiro = parsed.transactions[5];
  CHECK(acceptgiro.counterparty_name == "BELASTINGDIENST");
  CHECK(acceptgiro.structured_reference == "1234567890098876");
}

TEST_CASE("Rabobank MT940 structured: the counterparty IBAN on the :61: second line", "[mt940]") {
  const Parsed parsed = must_parse("mt940/rabobank_mt940_structured.txt");
  REQUIRE(parsed.transactions.size() == 9);
  const BankTransaction& first = parsed.transactions[0];
  CHECK(first.account == "NL50RABO0123456789");
  CHECK(first.counterparty_iban == "NL96RBOS0523149468");
  CHECK(first.counterparty_name == "Nespresso Nederland B.V.");
  CHECK(first.end_to_end_id == "02-04-2013 22:56 1120000153447185");
  CHECK(first.amount_cents == 12750);  // "000000000127,50"
  CHECK(parsed.transactions[1].counterparty_iban == "0663616476");
  CHECK(parsed.transactions[1].counterparty_name == "Bedrijf B.V.");
  CHECK(parsed.transactions[7].counterparty_iban == "NL82RBOS0602069890");
}

TEST_CASE("Rabobank legacy MT940: dotted accounts, decimal points, Ctrl-Z", "[mt940]") {
  const Parsed parsed = must_parse("mt940/rabobank_mt940_legacy_ctrlz.txt");
  CHECK(parsed.summary->statements == 39);
  CHECK(has_warning(*parsed.summary, "control bytes"));
  const BankTransaction& robeco = parsed.transactions[3];
  CHECK(robeco.account == "1700.32.841");
  CHECK(robeco.counterparty_iban == "1173113681");
  CHECK(robeco.counterparty_name == "ROBECO");
  CHECK(robeco.amount_cents == 50000);  // "000000000500.00"
}

TEST_CASE("bunq MT940: /IBAN/ /NAME/ /REMI/", "[mt940]") {
  const Parsed parsed = must_parse("mt940/bunq_mt940.txt");
  REQUIRE(parsed.transactions.size() == 111);
  const BankTransaction& t = parsed.transactions[3];
  CHECK(t.account == "NL10BUNQ2290325473");
  CHECK(t.counterparty_name == "SRMF WILLEMS");
  CHECK(t.counterparty_iban == "NL97ABNA0479445079");
  CHECK(t.remittance_text == "Proficiat");
  CHECK(t.amount_cents == 7500);                     // "75,"
  CHECK(parsed.transactions[1].amount_cents == 30);  // "0,3"
  CHECK(t.bank_reference.empty());
}

TEST_CASE("ASN and SNS MT940: the counterparty IBAN glued to the type code", "[mt940]") {
  const Parsed asn = must_parse("mt940/asn_mt940.txt");
  CHECK(asn.summary->statements == 7);
  REQUIRE(asn.transactions.size() == 3);
  const BankTransaction& salary = asn.transactions[0];
  CHECK(salary.counterparty_iban == "NL29INGB0006475121");
  CHECK(salary.counterparty_name == "j blom");
  CHECK(salary.remittance_text == "Salaris december 2019");
  CHECK(salary.amount_cents == 200000);
  const BankTransaction& debit = asn.transactions[1];
  CHECK(debit.counterparty_iban == "NL44ABNA0548041814");
  CHECK(debit.mandate_id == "MTC244K");
  CHECK(debit.end_to_end_id == "1755481/5570");

  const Parsed sns = must_parse("mt940/sns_mt940.txt");
  REQUIRE(sns.transactions.size() == 4);
  CHECK(sns.transactions[0].remittance_text == "creditrente 01-01-13 tot 01-01-14");
  CHECK(sns.transactions[1].counterparty_iban == "NL11RABO0987654321");
  CHECK(sns.transactions[1].counterparty_name == "f. spark bedrijf n.v.");
}

TEST_CASE("Knab, Triodos and Van Lanschot MT940", "[mt940]") {
  const Parsed knab = must_parse("mt940/knab_mt940_two_blocks.txt");
  REQUIRE(knab.transactions.size() == 3);
  CHECK(knab.transactions[1].counterparty_iban == "NL26ABNA0888888888");
  CHECK(knab.transactions[1].counterparty_name == "BEDRIJF VOF");
  CHECK(knab.transactions[1].bank_reference == "GG3295734985733");
  CHECK(knab.transactions[0].structured_reference == "00111111111");

  const Parsed intermediate = must_parse("mt940/knab_mt940_intermediate_balance.txt");
  CHECK(intermediate.transactions[4].counterparty_name == "ACHMEA SCHADEVERZEKERINGEN N.V.");
  CHECK(intermediate.transactions[4].end_to_end_id == "5002100023310160");

  const Parsed triodos = must_parse("mt940/triodos_mt940_iban.txt");
  REQUIRE(triodos.transactions.size() == 4);
  CHECK(triodos.transactions[1].remittance_text == "Factuurnummer 201801-001");  // "RE"+"MI"
  CHECK(triodos.transactions[0].counterparty_name == "G-AAAAA N.V.");
  CHECK(triodos.transactions[0].account == "NL86TRIO07878788778");

  const Parsed legacy = must_parse("mt940/triodos_mt940_legacy.txt");
  CHECK(legacy.transactions[0].account == "TRIODOSBANK/0666666666");
  CHECK(legacy.transactions[0].counterparty_iban == "0555555555");

  const Parsed lanschot = must_parse("mt940/vanlanschot_mt940.txt");
  CHECK(lanschot.transactions[0].account == "0878787878");
  CHECK(lanschot.transactions[0].counterparty_name == "ABDFGEKSLJFN ASLDJDKE B.V");
  CHECK_FALSE(lanschot.transactions[0].booking_date.has_value());  // no entry date in :61:
  CHECK(lanschot.transactions[0].value_date == make_date(2014, 1, 10));
}

TEST_CASE("camt.052 intraday report: pending entries are counted but not balanced", "[camt]") {
  const std::string report =
      "<?xml version=\"1.0\"?>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\"><BkToCstmrAcctRpt>"
      "<GrpHdr><MsgId>R</MsgId></GrpHdr><Rpt><Id>RPT-1</Id><Acct><Id><IBAN>NL91ABNA0417164300"
      "</IBAN></Id><Ccy>EUR</Ccy></Acct>"
      "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">10.00</Amt>"
      "<CdtDbtInd>CRDT</CdtDbtInd></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>"
      "<Amt Ccy=\"EUR\">15.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>"
      "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
      "<ValDt><Dt>2026-03-02</Dt></ValDt><NtryDtls><TxDtls><Refs><EndToEndId>E-1</EndToEndId>"
      "</Refs><RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr>"
      "</Tp><Ref>5000 0567 8901 2345</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>"
      "<Ntry><Amt>7.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts></Ntry>"
      "</Rpt></BkToCstmrAcctRpt></Document>\n";
  const Parsed parsed = parse_text(report, "intraday.xml");
  if (!parsed.summary) FAIL(parsed.summary.error().to_string());
  CHECK(parsed.summary->format == FileFormat::camt052);
  CHECK(parsed.summary->totals.entries == 2);
  CHECK(parsed.summary->totals.credits_cents == 1250);
  CHECK(parsed.summary->unreconciled_statements.empty());  // 10 + 5 = 15; PDNG not booked
  REQUIRE(parsed.transactions.size() == 2);
  CHECK(parsed.transactions[0].provisional);
  CHECK(parsed.transactions[0].statement_id == "RPT-1");
  CHECK(parsed.transactions[0].structured_reference == "5000056789012345");
  CHECK(parsed.transactions[0].end_to_end_id == "E-1");
  CHECK(parsed.transactions[1].status == "PDNG");
  CHECK(parsed.transactions[1].currency == "EUR");  // no Ccy: the account's
}
