// Bank payments into a real pincd through `pinc feed push` (issue "Bank payment feeds"): matched
// and applied exactly once across duplicate, overlapping and provisional-then-final deliveries;
// returns that undo a payment; credits that wait in the unmatched queue for their dossier or an
// operator; and a kill -9 in the middle of a large push.
#include <map>

#include "camt_writer.hpp"
#include "daemon_support.hpp"

using nlohmann::json;
using namespace pinc::test;
using pinc::feeds::camt053;
using pinc::feeds::camt054;
using pinc::feeds::CamtEntry;

namespace {

struct Dossier {
  std::uint64_t id = 0;
  std::string reference;  // the betalingskenmerk pincd gave it
  std::int64_t open_cents = 0;
};

// Creditor acme (its IBAN receives the payments) and `count` consumer dossiers D1.., each with one
// invoice F-<n> of (100 + n) euros due 2026-02-14.
std::map<std::string, Dossier> open_book(const DaemonProcess& pincd, const TempDir& dir, int count,
                                         int first = 1) {
  if (first == 1)
    pinc_json(pincd, std::string("creditor add acme --name 'Acme BV' --iban ") + kIban);
  std::vector<std::string> rows;
  for (int n = first; n < first + count; ++n)
    rows.push_back("acme,D" + std::to_string(n) + ",Debtor " + std::to_string(n) +
                   ",consumer,,,Weg 1,1234 AB,Utrecht,NL,F-" + std::to_string(n) +
                   ",2026-01-15,2026-02-14," + std::to_string(100 + n) + ".00");
  const std::string path = dir / ("book-" + std::to_string(first) + ".csv");
  write_csv(path, rows);
  const json imported = pinc_json(pincd, "import " + path);
  REQUIRE(imported["rejected"] == 0);
  std::map<std::string, Dossier> book;
  for (const json& row : list_json(pincd))
    book[row["debtor_ref"].get<std::string>()] = {row["id"].get<std::uint64_t>(),
                                                  row["payment_reference"].get<std::string>(),
                                                  row["open_cents"].get<std::int64_t>()};
  return book;
}

json push(const DaemonProcess& pincd, const std::string& file) {
  const ProcessResult result = pincd.pinc("feed push " + file + " --json");
  INFO("pinc feed push " << file << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

json show(const DaemonProcess& pincd, std::uint64_t id) {
  return pinc_json(pincd, "show " + std::to_string(id));
}

std::vector<json> events(const json& detail, const std::string& name) {
  std::vector<json> found;
  for (const json& event : detail["history"])
    if (event["event"] == name) found.push_back(event);
  return found;
}

std::vector<json> unmatched(const DaemonProcess& pincd, const std::string& flags = "") {
  const ProcessResult result = pincd.pinc("unmatched list --all --json " + flags);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::vector<json> rows;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) rows.push_back(json::parse(line));
  return rows;
}

CamtEntry pays(const Dossier& dossier, std::int64_t cents) {
  CamtEntry entry;
  entry.cents = cents;
  entry.kenmerk = dossier.reference;
  return entry;
}

}  // namespace

TEST_CASE("the same statement twice, and an overlapping one, apply each payment once",
          "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_book(run.pincd, run.dir, 4);
  CamtEntry partial = pays(book["D1"], 5000);
  CamtEntry by_invoice;  // no structured reference: the invoice number in the text
  by_invoice.cents = book["D2"].open_cents;
  by_invoice.remittance = "Betaling factuur F-2, dank u";
  by_invoice.payer_name = "Debtor 2";
  by_invoice.payer_iban = "NL02RABO0123456789";
  CamtEntry debit;
  debit.cents = 1234;
  debit.credit = false;
  CamtEntry dollars = pays(book["D3"], 10000);
  dollars.currency = "USD";
  const std::string first = write_file(
      run.dir / "day1.xml", camt053("S-1", kIban, {partial, by_invoice, debit, dollars}));

  const json once = push(run.pincd, first);
  CHECK(once["entries"] == 4);
  CHECK(once["matched"] == 2);
  CHECK(once["ignored"] == 1);    // a debit that is no return
  CHECK(once["unmatched"] == 1);  // dollars: pinc books euros only
  CHECK(once["duplicates"] == 0);

  const json twice = push(run.pincd, first);
  CHECK(twice["matched"] == 0);
  CHECK(twice["unmatched"] == 0);
  CHECK(twice["duplicates"] == 3);
  CHECK(twice["ignored"] == 1);

  // The next day's download overlaps: the partial payment again, and a new one.
  const std::string overlapping =
      write_file(run.dir / "day1-2.xml", camt053("S-2", kIban, {partial, pays(book["D4"], 2000)}));
  const json overlap = push(run.pincd, overlapping);
  CHECK(overlap["duplicates"] == 1);
  CHECK(overlap["matched"] == 1);

  const json d1 = show(run.pincd, book["D1"].id);
  REQUIRE(events(d1, "payment_applied").size() == 1);
  CHECK(d1["open_cents"] == book["D1"].open_cents - 5000);
  CHECK(d1["stage"] != "paid");  // a partial payment: the flow goes on, on what is left
  const json d2 = show(run.pincd, book["D2"].id);
  CHECK(d2["stage"] == "paid");
  CHECK(events(d2, "payment_applied").size() == 1);
  CHECK(events(show(run.pincd, book["D4"].id), "payment_applied").size() == 1);
  const auto queued = unmatched(run.pincd);
  REQUIRE(queued.size() == 1);
  CHECK(queued[0]["currency"] == "USD");
  CHECK_THAT(queued[0]["reason"].get<std::string>(), Catch::Contains("currency USD"));
}

TEST_CASE("a camt.054 notification, then the day's camt.053: the payment is applied once",
          "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_book(run.pincd, run.dir, 2);
  CamtEntry payment = pays(book["D1"], book["D1"].open_cents);
  payment.end_to_end = "E2E-NOTIFIED-1";
  const json notified =
      push(run.pincd, write_file(run.dir / "n.xml", camt054("N-1", kIban, {payment})));
  CHECK(notified["matched"] == 1);
  CHECK(show(run.pincd, book["D1"].id)["stage"] == "paid");  // known at once, not a day later

  const json stated =
      push(run.pincd,
           write_file(run.dir / "s.xml", camt053("S-1", kIban, {payment, pays(book["D2"], 700)})));
  CHECK(stated["duplicates"] == 1);
  CHECK(stated["matched"] == 1);
  CHECK(events(show(run.pincd, book["D1"].id), "payment_applied").size() == 1);
}

TEST_CASE("a return after a full payment undoes it, and the dossier's flow resumes",
          "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_book(run.pincd, run.dir, 1);
  const Dossier& d1 = book["D1"];
  CamtEntry payment = pays(d1, d1.open_cents);
  payment.end_to_end = "E2E-RETURNED-1";
  CHECK(push(run.pincd,
             write_file(run.dir / "paid.xml", camt053("S-1", kIban, {payment})))["matched"] == 1);
  REQUIRE(show(run.pincd, d1.id)["stage"] == "paid");

  CamtEntry returned = payment;
  returned.credit = false;
  returned.reversal = true;
  returned.return_reason = "MS03";
  returned.booked = "2026-03-05";
  REQUIRE(pinc_json(run.pincd, "clock advance 3")["today"] == "2026-03-05");
  const json undone = push(run.pincd, write_file(run.dir / "return.xml",
                                                 camt053("S-2", kIban, {returned}, "2026-03-05")));
  CHECK(undone["reversed"] == 1);
  const json after = show(run.pincd, d1.id);
  CHECK(after["stage"] != "paid");
  CHECK(after["open_cents"] == d1.open_cents);
  REQUIRE(events(after, "payment_reversed").size() == 1);
  CHECK(events(after, "payment_reversed")[0]["reason"] == "MS03");
  // The schedule runs again from where it stands now.
  pinc_json(run.pincd, "clock advance 14");
  bool stepped_after_return = false;
  for (const json& step : events(show(run.pincd, d1.id), "step_performed"))
    if (step["date"].get<std::string>() > "2026-03-05") stepped_after_return = true;
  CHECK(stepped_after_return);
}

TEST_CASE("a credit for a dossier not yet opened waits, and is applied when the dossier opens",
          "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  open_book(run.pincd, run.dir, 1);
  CamtEntry early;
  early.cents = 10500;  // what D5's invoice F-5 will be
  early.remittance = "Factuur F-5";
  early.payer_name = "Debtor 5";
  const json pushed =
      push(run.pincd, write_file(run.dir / "early.xml", camt053("S-1", kIban, {early})));
  CHECK(pushed["unmatched"] == 1);
  const auto waiting = unmatched(run.pincd);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0]["amount_cents"] == 10500);
  CHECK(waiting[0]["remittance_text"] == "Factuur F-5");

  auto book = open_book(run.pincd, run.dir, 1, 5);  // D5 with invoice F-5
  CHECK(unmatched(run.pincd).empty());
  const json d5 = show(run.pincd, book["D5"].id);
  CHECK(d5["stage"] == "paid");
  REQUIRE(events(d5, "payment_applied").size() == 1);
  // Delivered again: nothing new.
  CHECK(push(run.pincd, run.dir / "early.xml")["duplicates"] == 1);
}

TEST_CASE("operators assign a queued credit to a dossier or set it aside, each exactly once",
          "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_book(run.pincd, run.dir, 2);
  CamtEntry anonymous;
  anonymous.cents = 4000;
  anonymous.payer_name = "Someone Else";
  anonymous.payer_iban = "NL44RABO0987654321";
  CamtEntry stranger = anonymous;
  stranger.cents = 999;
  push(run.pincd, write_file(run.dir / "q.xml", camt053("S-1", kIban, {anonymous, stranger})));
  auto waiting = unmatched(run.pincd);
  REQUIRE(waiting.size() == 2);
  const std::string first = std::to_string(waiting[0]["id"].get<std::uint64_t>());
  const std::string second = std::to_string(waiting[1]["id"].get<std::uint64_t>());

  const json assigned =
      pinc_json(run.pincd, "unmatched assign " + first + " " + std::to_string(book["D1"].id));
  CHECK(assigned["open_cents"] == book["D1"].open_cents - 4000);
  const ProcessResult again =
      run.pincd.pinc("unmatched assign " + first + " " + std::to_string(book["D2"].id));
  CHECK(again.exit_code != 0);
  CHECK_THAT(again.err, Catch::Contains("no unmatched payment " + first));
  CHECK(events(show(run.pincd, book["D2"].id), "payment_applied").empty());

  const ProcessResult unknown = run.pincd.pinc("unmatched assign " + second + " 999999");
  CHECK(unknown.exit_code != 0);
  CHECK_THAT(unknown.err, Catch::Contains("no dossier with id 999999"));
  REQUIRE(unmatched(run.pincd).size() == 1);  // still waiting after the refusal

  pinc_json(run.pincd, "unmatched ignore " + second + " --reason 'paid to the wrong account'");
  CHECK(unmatched(run.pincd).empty());
  const auto set_aside = unmatched(run.pincd, "--ignored");
  REQUIRE(set_aside.size() == 1);
  CHECK_THAT(set_aside[0]["ignored"].get<std::string>(), Catch::Contains("wrong account"));
  // The statement again: both were decided, nothing changes.
  CHECK(push(run.pincd, run.dir / "q.xml")["duplicates"] == 2);
  CHECK(unmatched(run.pincd).empty());
}

TEST_CASE("a dossier paid in full by a feed never receives a later step", "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_book(run.pincd, run.dir, 2);
  REQUIRE(pinc_json(run.pincd, "clock advance 1")["today"] == "2026-03-03");  // the reminders
  CamtEntry full = pays(book["D1"], book["D1"].open_cents);
  full.booked = "2026-03-03";
  push(run.pincd, write_file(run.dir / "paid.xml", camt053("S-1", kIban, {full})));
  pinc_json(run.pincd, "clock advance 60");

  const json paid = show(run.pincd, book["D1"].id);
  CHECK(paid["stage"] == "paid");
  for (const json& step : events(paid, "step_performed")) CHECK(step["date"] <= "2026-03-03");
  for (const json& effect : paid["effects"])
    if (effect.contains("dispatch_on")) CHECK(effect["dispatch_on"] <= "2026-03-03");
  // The other dossier, unpaid, went all the way: the clock did run.
  CHECK(show(run.pincd, book["D2"].id)["stage"] == "handed_over");
}

TEST_CASE(
    "kill -9 during the push of a large file: after a restart and a second push, every "
    "payment is applied exactly once",
    "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  constexpr int kDossiers = 3000;
  auto book = open_book(run.pincd, run.dir, kDossiers);
  std::vector<CamtEntry> entries;
  for (const auto& [ref, dossier] : book) entries.push_back(pays(dossier, 1000));
  const std::string file = write_file(run.dir / "large.xml", camt053("S-BIG", kIban, entries));

  // Push in the background and kill pincd once some payments are in.
  const std::string command =
      run.pincd.pinc_command() + " feed push " + file + " >/dev/null 2>&1 &";
  REQUIRE(std::system(command.c_str()) == 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool some_applied = false;
  while (!some_applied && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const ProcessResult probe = run.pincd.pinc("show " + std::to_string(book["D1"].id) + " --json");
    if (probe.exit_code == 0 && !events(json::parse(probe.out), "payment_applied").empty())
      some_applied = true;
  }
  run.pincd.kill_hard();
  run.pincd.start();

  const json again = push(run.pincd, file);
  CHECK(again["matched"].get<int>() + again["duplicates"].get<int>() == kDossiers);
  INFO("applied before the kill: " << again["duplicates"]);
  for (const json& row : list_json(run.pincd)) {
    const auto& dossier = book[row["debtor_ref"].get<std::string>()];
    CHECK(row["open_cents"] == dossier.open_cents - 1000);  // once, not twice, not never
  }
}

TEST_CASE("an overpayment is kept as a credit; a payment on a closed dossier is kept for refund",
          "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_book(run.pincd, run.dir, 2);
  const Dossier& d1 = book["D1"];
  const Dossier& d2 = book["D2"];
  pinc_json(run.pincd, "withdraw " + std::to_string(d2.id) + " --reason 'creditor settled'");
  CamtEntry late = pays(d2, 2500);
  const json pushed =
      push(run.pincd, write_file(run.dir / "over.xml",
                                 camt053("S-1", kIban, {pays(d1, d1.open_cents + 1500), late})));
  CHECK(pushed["matched"] == 2);

  const json overpaid = show(run.pincd, d1.id);
  CHECK(overpaid["stage"] == "paid");
  CHECK(overpaid["ledger"]["credit_cents"] == 1500);  // never silently dropped
  const json closed = show(run.pincd, d2.id);
  CHECK(closed["stage"] == "withdrawn");
  CHECK(closed["ledger"]["refund_due_cents"] == 2500);
  CHECK(events(closed, "payment_kept_for_refund").size() == 1);
}
