// `pinc feed parse` run as a real process: one JSON object per transaction and a totals line,
// refusals on stderr with exit code 2, and flat memory on a statement of 300,000 entries.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "feeds_test_support.hpp"
#include "run_process.hpp"

using nlohmann::json;
using pinc::test::run_process;
using namespace pinc::feeds::test;

namespace {

const std::string kPinc = PINC_BIN;

std::vector<json> json_lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));  // throws if not JSON
  return lines;
}

// Runs `pinc feed parse path --json` with its output thrown away; the child's peak resident set
// in KiB (from wait4's rusage, so no /usr/bin/time is needed).
long peak_rss_kib(const std::string& path) {
  const pid_t child = fork();
  if (child == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(kPinc.c_str(), kPinc.c_str(), "feed", "parse", path.c_str(), "--json", nullptr);
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  REQUIRE(wait4(child, &status, 0, &usage) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return usage.ru_maxrss;
}

// A camt.053 with `entries` small entries, written as a stream (the test holds none of it).
std::string write_big_camt(std::size_t entries) {
  const std::string name =
      "pinc-feeds-big-" + std::to_string(getpid()) + "-" + std::to_string(entries) + ".xml";
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::FILE* out = std::fopen(path.c_str(), "wb");
  REQUIRE(out);
  std::fputs(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
      "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>"
      "BIG</MsgId></GrpHdr><Stmt><Id>BIG-1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id>"
      "</Acct>\n",
      out);
  for (std::size_t i = 0; i < entries; ++i)
    std::fprintf(out,
                 "<Ntry><Amt Ccy=\"EUR\">%zu.%02zu</Amt><CdtDbtInd>%s</CdtDbtInd><Sts>BOOK</Sts>"
                 "<BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>R%zu</AcctSvcrRef><NtryDtls>"
                 "<TxDtls><Refs><EndToEndId>E%zu</EndToEndId></Refs><RltdPties><Dbtr><Nm>Payer %zu"
                 "</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Invoice %zu</Ustrd></RmtInf></TxDtls>"
                 "</NtryDtls></Ntry>\n",
                 1 + i % 1000, i % 100, i % 7 == 0 ? "DBIT" : "CRDT", i, i, i, i);
  std::fputs("</Stmt></BkToCstmrStmt></Document>\n", out);
  std::fclose(out);
  return path;
}

}  // namespace

TEST_CASE("pinc feed parse --json prints each transaction and the file's totals", "[cli]") {
  for (const std::string relative :
       {"camt053/abnamro_camt053v02_dagafschrift_example.xml", "mt940/ing_ming_single_message.txt",
        "quirks/camt053_balance_mismatch.xml", "mt940/bunq_mt940.txt"}) {
    INFO(relative);
    const auto result = run_process(kPinc + " feed parse " + fixture(relative) + " --json");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::vector<json> lines = json_lines(result.out);
    REQUIRE(lines.size() >= 2);
    const json& last = lines.back();
    REQUIRE(last.contains("totals"));
    const ScannedTotals scanned = scan_file(fixture(relative));
    CHECK(last["totals"]["entries"] == scanned.entries);
    CHECK(last["totals"]["credits"] == scanned.credits);
    CHECK(last["totals"]["debits"] == scanned.debits);
    CHECK(last["totals"]["credits_cents"] == scanned.credits_cents);
    CHECK(last["totals"]["debits_cents"] == scanned.debits_cents);
    CHECK(last["transactions"] == lines.size() - 1);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      const json& t = lines[i];
      CHECK(t["amount_cents"].is_number_integer());
      CHECK(t["amount_cents"].get<long long>() > 0);
      for (const char* key : {"format",
                              "message_version",
                              "account",
                              "statement_id",
                              "entry_index",
                              "detail_index",
                              "detail_count",
                              "provisional",
                              "status",
                              "currency",
                              "credit",
                              "reversal",
                              "return_reason",
                              "booking_date",
                              "value_date",
                              "bank_reference",
                              "end_to_end_id",
                              "uetr",
                              "mandate_id",
                              "counterparty_name",
                              "counterparty_iban",
                              "structured_reference",
                              "remittance_text",
                              "additional_info",
                              "batch_reference",
                              "batch_size"})
        CHECK(t.contains(key));
      if (t["value_date"].is_string()) CHECK(t["value_date"].get<std::string>().size() == 10);
    }
  }
  const auto abn =
      run_process(kPinc + " feed parse " +
                  fixture("camt053/abnamro_camt053v02_dagafschrift_example.xml") + " --json");
  const json acceptgiro = json_lines(abn.out)[2];
  CHECK(acceptgiro["structured_reference"] == "1234567812345678");
  CHECK(acceptgiro["booking_date"] == "2013-04-02");
  CHECK(acceptgiro["amount_cents"] == 100);
  CHECK(acceptgiro["format"] == "camt.053");

  const auto mismatch = run_process(kPinc + " feed parse " +
                                    fixture("quirks/camt053_balance_mismatch.xml") + " --json");
  CHECK(json_lines(mismatch.out).back()["unreconciled_statements"] == json::array({"0000000000"}));
  CHECK_THAT(mismatch.err, Catch::Contains("warning: statement 0000000000 does not reconcile"));
}

TEST_CASE("pinc feed parse reads a pipe as well as a file", "[cli]") {
  for (const std::string relative : {"camt053/ubs_camt053v08.xml", "mt940/asn_mt940.txt"}) {
    INFO(relative);
    const auto result =
        run_process("cat " + fixture(relative) + " | " + kPinc + " feed parse /dev/stdin --json");
    REQUIRE(result.exit_code == 0);
    const json last = json_lines(result.out).back();
    CHECK(last["totals"]["entries"] == scan_file(fixture(relative)).entries);
    CHECK(last["file"] == "/dev/stdin");
  }
}

TEST_CASE("pinc feed parse without --json prints a table, the totals and the warnings", "[cli]") {
  const auto result = run_process(kPinc + " feed parse " +
                                  fixture("quirks/ing_mt940_repeated_identical_lines.txt"));
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("7 entries (1 credits, 10.00; 6 debits, 75.03)"));
  CHECK_THAT(result.out,
             Catch::Contains("warning: statement ING/000: entries 2 to 6 are identical"));
  CHECK_THAT(result.out, Catch::Contains("-10.00"));
}

TEST_CASE("pinc feed parse refuses a bad file with exit code 2, naming it", "[cli]") {
  const std::string bad = fixture("malformed/mt940_february_30.sta");
  const auto result = run_process(kPinc + " feed parse " + bad + " --json");
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());  // nothing of a refused file is printed
  CHECK_THAT(result.err, Catch::Contains("pinc: " + bad + ": entry 1 (line 6)"));
  CHECK_THAT(result.err, Catch::Contains("2016-02-30 does not exist"));

  // With several files the good ones are printed and the run still fails.
  const std::string good = fixture("mt940/abnamro_mt940_acceptgiro.txt");
  const auto mixed = run_process(kPinc + " feed parse " + good + " " + bad + " --json");
  CHECK(mixed.exit_code == 2);
  CHECK(json_lines(mixed.out).size() == 2);
  CHECK_THAT(mixed.err, Catch::Contains("1 of 2 file(s) refused"));

  const auto missing = run_process(kPinc + " feed parse /nonexistent/statement.xml");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/statement.xml: cannot open"));
}

TEST_CASE("a statement of 300,000 entries is parsed in the memory of one of 30,000",
          "[cli][memory]") {
  const std::string small = write_big_camt(30000);
  const std::string large = write_big_camt(300000);
  const long small_peak = peak_rss_kib(small);
  const long large_peak = peak_rss_kib(large);
  const auto totals = run_process(kPinc + " feed parse " + small + " --json | tail -1");
  std::remove(small.c_str());
  std::remove(large.c_str());
  INFO("peak RSS: " << small_peak << " KiB for 30,000 entries, " << large_peak
                    << " KiB for 300,000");
  CHECK(large_peak < 50 * 1024);
  CHECK(large_peak < small_peak + 4 * 1024);  // ten times the entries, not more memory
  const json last = json::parse(totals.out);
  CHECK(last["totals"]["entries"] == 30000);
  CHECK(last["totals"]["debits"] == 4286);  // every seventh entry, from the first
}
