// Bad input through the real pinc against a real pincd: each refusal names the field, exits
// non-zero and changes nothing; an import reports every rejected row by line and reason.
#include "daemon_support.hpp"

using nlohmann::json;
using namespace pinc::test;

namespace {

// A refusal: the exit code, exactly one message on standard error, nothing on standard output.
void check_refused(const ProcessResult& result, int exit_code, const std::string& message) {
  INFO(result.err);
  CHECK(result.exit_code == exit_code);
  CHECK(result.err == "pinc: " + message + "\n");
  CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("bad input to dossier and creditor commands is refused, naming the field", "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  open_small_book(run.pincd, run.dir);
  const json before = pinc_json(run.pincd, "show 1");

  check_refused(run.pincd.pinc("show 999999"), 1, "dossier: no dossier with id 999999");
  check_refused(run.pincd.pinc("pay 999999 10"), 1, "dossier: no dossier with id 999999");
  check_refused(run.pincd.pinc("pay 1 -5"), 2,
                "AMOUNT: '-5' is negative (a payment must be more than 0)");
  check_refused(run.pincd.pinc("pay 1 0"), 2, "AMOUNT: must be more than 0");
  check_refused(run.pincd.pinc("pay 1 12,345"), 2, "AMOUNT: '12,345' has a part below one cent");
  check_refused(run.pincd.pinc("promise 1 --by 2026-13-45"), 2,
                "--by: '2026-13-45' is not a day of the calendar");
  check_refused(run.pincd.pinc("creditor add x --name X --iban NL00BANK0000000000"), 2,
                "--iban: check digits do not match in 'NL00BANK0000000000'");

  // None of it changed anything: the dossier is as it was, and there is no creditor x.
  CHECK(pinc_json(run.pincd, "show 1") == before);
  const json creditors = pinc_json(run.pincd, "creditor list");
  REQUIRE(creditors.size() == 1);
  CHECK(creditors[0]["id"] == "acme");
}

TEST_CASE(
    "an import reports each bad row by line and reason, accepts the good rows, and a second "
    "import of the same file adds nothing",
    "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  REQUIRE(
      run.pincd.pinc(std::string("creditor add acme --name 'Acme BV' --iban ") + kIban).exit_code ==
      0);
  const std::string path = run.dir / "book.csv";
  write_csv(path, {
                      // line 2: good, an amount in Dutch notation
                      "acme,D1,Jan Jansen,consumer,jan@example.nl,,Dorpsstraat 1,1234 AB,"
                      "Utrecht,NL,F-1,2026-01-15,2026-02-14,\"123,45\"",
                      // line 3: good
                      "acme,D2,Bakker BV,business,,,Kade 2,2345 BC,Leiden,NL,F-2,2026-01-16,"
                      "2026-02-15,1000.00",
                      // line 4: unknown debtor kind
                      "acme,D3,Piet Puk,alien,,,Weg 3,3456 CD,Delft,NL,F-3,2026-01-17,"
                      "2026-02-16,50",
                      // line 5: a due date not in the calendar
                      "acme,D4,Kees Kok,consumer,,,Weg 4,3456 CD,Delft,NL,F-4,2026-01-17,"
                      "2026-02-30,50",
                      // line 6: a negative amount
                      "acme,D5,Els Ek,consumer,,,Weg 5,3456 CD,Delft,NL,F-5,2026-01-17,"
                      "2026-02-16,-50",
                      // line 7: four fields
                      "acme,D6,Too Few,consumer",
                      // line 8: a creditor pincd does not know
                      "nobody,D7,Ann Ander,consumer,,,Weg 7,3456 CD,Delft,NL,F-7,2026-01-17,"
                      "2026-02-16,75",
                      // line 9: good, a second invoice for D1
                      "acme,D1,Jan Jansen,consumer,jan@example.nl,,Dorpsstraat 1,1234 AB,"
                      "Utrecht,NL,F-8,2026-01-20,2026-02-19,10",
                  });
  auto row_error = [](int line, const std::string& error) {
    return json{{"line", line}, {"error", error}};
  };
  const json expected_errors = {
      row_error(4, "debtor_kind: unknown debtor kind 'alien' (expected consumer or business)"),
      row_error(5, "due_date: '2026-02-30' is not a day of the calendar"),
      row_error(6, "amount: '-50' is negative (an amount must be 0 or more)"),
      row_error(7, "has 4 fields, not 14"),
      row_error(8, "creditor: unknown creditor 'nobody' (add it first)"),
  };

  const json first = pinc_json(run.pincd, "import " + path);
  CHECK(first["accepted"] == 3);
  CHECK(first["duplicates"] == 0);
  CHECK(first["rejected"] == 5);
  CHECK(first["errors"] == expected_errors);

  const std::vector<json> dossiers = list_json(run.pincd);
  REQUIRE(dossiers.size() == 2);
  CHECK(dossiers[0]["debtor_ref"] == "D1");
  CHECK(dossiers[0]["open_cents"] == 13345);
  CHECK(dossiers[1]["debtor_ref"] == "D2");
  CHECK(dossiers[1]["open_cents"] == 100000);
  const json d1 = pinc_json(run.pincd, "show " + dossiers[0]["id"].dump());

  // The same file again: the good rows are known (duplicates), the bad ones refused again.
  const json second = pinc_json(run.pincd, "import " + path);
  CHECK(second["accepted"] == 3);
  CHECK(second["duplicates"] == 3);
  CHECK(second["rejected"] == 5);
  CHECK(second["errors"] == expected_errors);
  CHECK(list_json(run.pincd) == dossiers);
  CHECK(pinc_json(run.pincd, "show " + dossiers[0]["id"].dump())["invoices"] == d1["invoices"]);

  // Without --json: one line per rejected row, then the totals.
  const ProcessResult text = run.pincd.pinc("import " + path);
  CHECK(text.exit_code == 0);
  CHECK(text.out ==
        "line 4: debtor_kind: unknown debtor kind 'alien' (expected consumer or business)\n"
        "line 5: due_date: '2026-02-30' is not a day of the calendar\n"
        "line 6: amount: '-50' is negative (an amount must be 0 or more)\n"
        "line 7: has 4 fields, not 14\n"
        "line 8: creditor: unknown creditor 'nobody' (add it first)\n"
        "accepted 3 (of which 3 already known), rejected 5\n");
}

TEST_CASE("an import file without the header is refused before anything is sent", "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  const std::string path = run.dir / "no-header.csv";
  std::ofstream(path) << "acme,D1,Jan Jansen,consumer,,,,,,,F-1,2026-01-15,2026-02-14,10\n";
  const ProcessResult refused = run.pincd.pinc("import " + path);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::StartsWith("pinc: FILE: line 1 must be the header: creditor,"));
  check_refused(run.pincd.pinc("import " + run.dir / "missing.csv"), 2,
                "FILE: cannot read '" + run.dir / "missing.csv" + "'");
  CHECK(list_json(run.pincd).empty());
}
