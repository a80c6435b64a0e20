// The other ways payments reach a real pincd (issue "Bank payment feeds", delivery paths): the
// drop directory, the HTTP endpoint for camt.054 notifications, and a connector's open stream.
// Each path applies a payment once, however often it is delivered.
#include <filesystem>
#include <map>

#include "bank_records.hpp"
#include "camt_writer.hpp"
#include "daemon_support.hpp"
#include "pinc_client.hpp"

using nlohmann::json;
using namespace pinc::test;
using pinc::feeds::camt053;
using pinc::feeds::camt054;
using pinc::feeds::CamtEntry;
namespace fs = std::filesystem;

namespace {

// Creditor acme and dossiers D1 and D2 (one invoice each, 101 and 102 euros); their ids and
// payment references by debtor reference.
std::map<std::string, json> open_two(const DaemonProcess& pincd, const TempDir& dir) {
  pinc_json(pincd, std::string("creditor add acme --name 'Acme BV' --iban ") + kIban);
  write_csv(dir / "two.csv",
            {"acme,D1,Debtor 1,consumer,,,Weg 1,1234 AB,Utrecht,NL,F-1,2026-01-15,2026-02-14,101",
             "acme,D2,Debtor 2,consumer,,,Weg 2,1234 AB,Utrecht,NL,F-2,2026-01-15,2026-02-14,102"});
  pinc_json(pincd, "import " + dir / "two.csv");
  std::map<std::string, json> book;
  for (const json& row : list_json(pincd)) book[row["debtor_ref"].get<std::string>()] = row;
  return book;
}

CamtEntry pays(const json& dossier, std::int64_t cents) {
  CamtEntry entry;
  entry.cents = cents;
  entry.kenmerk = dossier["payment_reference"].get<std::string>();
  return entry;
}

std::size_t payments_of(const DaemonProcess& pincd, const json& dossier) {
  const json detail =
      pinc_json(pincd, "show " + std::to_string(dossier["id"].get<std::uint64_t>()));
  std::size_t count = 0;
  for (const json& event : detail["history"])
    if (event["event"] == "payment_applied") ++count;
  return count;
}

template <class Condition>
bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

struct HttpAnswer {
  int status = 0;
  json body;
};

// POSTs a file with curl, a real HTTP client as connectors use.
HttpAnswer post(const std::string& address, const std::string& file, const std::string& token) {
  const ProcessResult result =
      run_process("curl -s -w '\\n%{http_code}' -X POST --data-binary @" + file +
                  " -H 'Content-Type: application/xml' -H 'Authorization: Bearer " + token +
                  "' http://" + address + "/feeds/camt054");
  INFO("curl: " << result.err << result.out);
  REQUIRE(result.exit_code == 0);
  const auto newline = result.out.rfind('\n');
  HttpAnswer answer;
  answer.status = std::stoi(result.out.substr(newline + 1));
  answer.body = json::parse(result.out.substr(0, newline));
  return answer;
}

}  // namespace

TEST_CASE(
    "a file in the drop directory is applied and moved to done/ with its report; a "
    "malformed one goes to rejected/ with the error beside it",
    "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_two(run.pincd, run.dir);
  const fs::path drop = fs::path(run.pincd.data_dir()) / "drop";
  REQUIRE(fs::is_directory(drop));
  const std::string statement = camt053("S-DROP", kIban, {pays(book["D1"], 10100)});
  // Written under a work-in-progress name, then renamed into place, as careful writers do.
  write_file((drop / "day1.xml.part").string(), statement);
  fs::rename(drop / "day1.xml.part", drop / "day1.xml");
  write_file((drop / "broken.xml").string(), statement.substr(0, statement.size() / 2));

  REQUIRE(eventually([&] { return fs::exists(drop / "done" / "day1.xml"); }));
  REQUIRE(eventually([&] { return fs::exists(drop / "rejected" / "broken.xml"); }));
  CHECK_FALSE(fs::exists(drop / "day1.xml"));
  const json report =
      json::parse(read_whole_file((drop / "done" / "day1.xml.report.json").string()));
  CHECK(report["matched"] == 1);
  CHECK(pinc_json(run.pincd,
                  "show " + std::to_string(book["D1"]["id"].get<std::uint64_t>()))["stage"] ==
        "paid");
  const std::string error = read_whole_file((drop / "rejected" / "broken.xml.error.txt").string());
  CHECK_THAT(error, Catch::Contains("broken.xml"));
  CHECK(payments_of(run.pincd, book["D2"]) == 0);

  // The same statement dropped again: moved to done/ beside the first, nothing applied twice.
  write_file((drop / "day1.xml").string(), statement);
  REQUIRE(eventually([&] { return fs::exists(drop / "done" / "day1.xml.2"); }));
  CHECK(json::parse(read_whole_file(
            (drop / "done" / "day1.xml.2.report.json").string()))["duplicates"] == 1);
  CHECK(payments_of(run.pincd, book["D1"]) == 1);
}

TEST_CASE(
    "POST /feeds/camt054 answers once the payments are durable, refuses bad tokens and "
    "bad documents, and applies a notification once",
    "[daemon][feeds]") {
  FreshDaemon run({"--http", "127.0.0.1:0"});
  run.pincd.start();
  auto book = open_two(run.pincd, run.dir);
  const std::string http = read_whole_file(run.pincd.data_dir() + "/pincd.http");
  REQUIRE_FALSE(http.empty());
  const std::string address = http.substr(0, http.find('\n'));
  const std::string notification =
      write_file(run.dir / "n.xml", camt054("N-1", kIban, {pays(book["D2"], 10200)}));

  const HttpAnswer refused = post(address, notification, "not-a-token");
  CHECK(refused.status == 401);
  CHECK(payments_of(run.pincd, book["D2"]) == 0);

  const HttpAnswer applied = post(address, notification, run.pincd.token());
  CHECK(applied.status == 200);
  CHECK(applied.body["matched"] == 1);
  // The answer came after the payment was durable: it is there at once.
  CHECK(pinc_json(run.pincd,
                  "show " + std::to_string(book["D2"]["id"].get<std::uint64_t>()))["stage"] ==
        "paid");
  const HttpAnswer again = post(address, notification, run.pincd.token());
  CHECK(again.status == 200);
  CHECK(again.body["duplicates"] == 1);
  CHECK(payments_of(run.pincd, book["D2"]) == 1);

  const std::string statement =
      write_file(run.dir / "s.xml", camt053("S-1", kIban, {pays(book["D1"], 100)}));
  const HttpAnswer wrong_kind = post(address, statement, run.pincd.token());
  CHECK(wrong_kind.status == 415);
  const std::string broken = write_file(run.dir / "b.xml", "<Document><Ntfctn>");
  const HttpAnswer malformed = post(address, broken, run.pincd.token());
  CHECK(malformed.status == 400);
  CHECK_FALSE(malformed.body["error"].get<std::string>().empty());
  CHECK(payments_of(run.pincd, book["D1"]) == 0);
}

TEST_CASE(
    "a connector's stream: each batch is answered once durable, a repeat is a duplicate, "
    "a bad transaction is refused alone",
    "[daemon][feeds]") {
  FreshDaemon run;
  run.pincd.start();
  auto book = open_two(run.pincd, run.dir);
  auto client = pinc::Client::connect(run.pincd.address(), run.pincd.token());
  REQUIRE(client);
  auto feed = (*client)->feed();
  REQUIRE(feed);
  auto stream = feed->streamRequest().send().wait((*client)->wait_scope()).getStream();

  pinc::feeds::BankTransaction payment;
  payment.format = pinc::feeds::FileFormat::camt054;
  payment.account = kIban;
  payment.statement_id = "STREAM-1";
  payment.status = "BOOK";
  payment.amount_cents = 5000;
  payment.currency = "EUR";
  payment.credit = true;
  payment.booking_date = pinc::make_date(2026, 3, 2);
  payment.structured_reference = book["D1"]["payment_reference"].get<std::string>();
  payment.end_to_end_id = "E2E-STREAM-1";

  auto push = [&](const std::vector<pinc::feeds::BankTransaction>& batch, bool with_bad) {
    auto request = stream.pushRequest();
    auto list = request.initTransactions(static_cast<unsigned>(batch.size() + (with_bad ? 1 : 0)));
    for (unsigned i = 0; i < batch.size(); ++i) pinc::write_bank_transaction(list[i], batch[i]);
    if (with_bad) {
      pinc::write_bank_transaction(list[static_cast<unsigned>(batch.size())], batch[0]);
      list[static_cast<unsigned>(batch.size())].setAmountCents(-5);
    }
    auto response = request.send().wait((*client)->wait_scope());
    std::vector<std::pair<std::string, std::string>> outcomes;
    for (auto result : response.getResults())
      outcomes.emplace_back(result.getOutcome().cStr(), result.getError().cStr());
    return outcomes;
  };
  const auto first = push({payment}, true);
  REQUIRE(first.size() == 2);
  CHECK(first[0].first == "matched");
  CHECK(first[1].first == "rejected");
  CHECK_THAT(first[1].second, Catch::Contains("amount_cents"));
  CHECK(payments_of(run.pincd, book["D1"]) == 1);

  const auto second = push({payment}, false);
  REQUIRE(second.size() == 1);
  CHECK(second[0].first == "duplicate");
  CHECK(payments_of(run.pincd, book["D1"]) == 1);
}
