// The daemon end to end: a real pincd on a temp directory, a free loopback port and the simulated
// clock, driven only with the real pinc binary. A thousand generated dossiers go through the
// default strategy day by day; each must perform its steps on exactly the dates `pinc calc
// schedule` gives and hand over exactly the claim `pinc calc costs` and `pinc calc interest` give,
// unless the test paid, disputed or promised for it. pincd is killed with SIGKILL twice mid-run,
// while payments are being booked: nothing acknowledged may be lost and no step may run twice.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "book.hpp"
#include "calendar.hpp"
#include "daemon_process.hpp"
#include "temp_dir.hpp"

using nlohmann::json;
using namespace pinc;
using namespace pinc::test;

namespace {

const std::string kPinc = PINC_BIN;

json parse_output(const ProcessResult& result, const std::string& what) {
  INFO(what << "\nstderr: " << result.err << "\nstdout: " << result.out.substr(0, 2000));
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

Date date_of(const json& text) {
  return parse_date(text.get<std::string>()).value();
}

// What the law and the default strategy say, asked of `pinc calc` (offline), cached.
class Expected {
 public:
  using Steps = std::vector<std::pair<std::string, Date>>;

  const Steps& schedule(const BookDossier& dossier) {
    const std::string arguments = "--due " + format_date(dossier.latest_due()) + " --opened " +
                                  format_date(dossier.opened) + " --kind " +
                                  (dossier.consumer ? "consumer" : "business") +
                                  (dossier.email.empty() ? "" : " --email");
    auto [entry, added] = schedules_.try_emplace(arguments);
    if (added) {
      const json out = parse_output(run_process(kPinc + " calc schedule " + arguments + " --json"),
                                    "calc schedule " + arguments);
      for (const json& step : out["steps"])
        entry->second.emplace_back(step["step"].get<std::string>(), date_of(step["date"]));
    }
    return entry->second;
  }

  Date step_date(const BookDossier& dossier, const std::string& step) {
    for (const auto& [name, date] : schedule(dossier))
      if (name == step) return date;
    FAIL("no step " << step << " in the schedule");
    return {};
  }

  // Statutory costs over the summed principal (art. 6:96 lid 7 BW, Besluit BIK art. 2).
  Cents costs(const BookDossier& dossier) {
    std::string amounts;
    for (const auto& invoice : dossier.invoices) amounts += " " + euros(invoice.amount_cents);
    return parse_output(run_process(kPinc + " calc costs" + amounts + " --json"),
                        "calc costs")["total_cents"]
        .get<Cents>();
  }

  // Statutory interest per invoice from the day after its due date through `until` (art. 6:119
  // BW for consumers, 6:119a for businesses).
  Cents interest(const BookDossier& dossier, Date until) {
    Cents total = 0;
    for (const auto& invoice : dossier.invoices) {
      const std::string arguments =
          euros(invoice.amount_cents) + " --due " + format_date(invoice.due_date) + " --until " +
          format_date(until) + " --kind " + (dossier.consumer ? "consumer" : "commercial");
      total += parse_output(run_process(kPinc + " calc interest " + arguments + " --json"),
                            "calc interest " + arguments)["interest_cents"]
                   .get<Cents>();
    }
    return total;
  }

 private:
  std::map<std::string, Steps> schedules_;
};

struct Performed {
  std::string step;
  Date date;
};

std::vector<Performed> steps_performed(const json& detail) {
  std::vector<Performed> steps;
  for (const json& event : detail["history"])
    if (event["event"] == "step_performed")
      steps.push_back({event["step"].get<std::string>(), date_of(event["date"])});
  return steps;
}

// The letters of each day's print batch, read from the manifests pincd wrote: day -> "dossier/seq".
std::map<Date, std::set<std::string>> print_batches(const std::string& print_dir) {
  std::map<Date, std::set<std::string>> batches;
  if (!std::filesystem::exists(print_dir)) return batches;
  for (const auto& entry : std::filesystem::directory_iterator(print_dir)) {
    const std::string name = entry.path().filename().string();
    INFO("print folder " << name);
    REQUIRE(name.find(".partial") == std::string::npos);  // nothing half-written left behind
    const Date day = parse_date(name).value();
    std::istringstream manifest(read_whole_file(entry.path() / "manifest.csv"));
    std::string line;
    std::getline(manifest, line);  // header: file,first_page,pages,dossier,effect_seq,...
    while (std::getline(manifest, line)) {
      std::istringstream fields(line);
      std::string file, first_page, pages, dossier, seq;
      std::getline(fields, file, ',');
      std::getline(fields, first_page, ',');
      std::getline(fields, pages, ',');
      std::getline(fields, dossier, ',');
      std::getline(fields, seq, ',');
      CHECK(std::filesystem::exists(entry.path() / file));
      CHECK(batches[day].insert(dossier + "/" + seq).second);  // no letter twice in a batch
    }
  }
  return batches;
}

std::optional<Date> first_event(const json& detail, const std::string& name) {
  for (const json& event : detail["history"])
    if (event["event"] == name) return date_of(event["date"]);
  return std::nullopt;
}

std::size_t count_lines(const std::string& path) {
  std::ifstream in(path);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

class Run {
 public:
  explicit Run(const std::string& data_dir)
      : pincd_(DaemonOptions{data_dir, "2026-03-16", {}, ""}) {}

  DaemonProcess& pincd() { return pincd_; }
  std::string pinc_command() const { return pincd_.pinc_command(); }

  json pinc_json(const std::string& arguments) {
    return parse_output(pincd_.pinc(arguments + " --json"), "pinc " + arguments);
  }

  Date today() { return date_of(pinc_json("clock show")["today"]); }

  void import(std::vector<BookDossier>& dossiers, const std::string& path) {
    std::ofstream(path) << book_csv(dossiers);
    const json result = pinc_json("import " + path);
    std::size_t rows = 0;
    for (const auto& dossier : dossiers) rows += dossier.invoices.size();
    CHECK(result["accepted"] == rows);
    CHECK(result["rejected"] == 0);
    CHECK(result["duplicates"] == 0);
    // Importing the same file again creates nothing new.
    const json again = pinc_json("import " + path);
    CHECK(again["accepted"] == rows);
    CHECK(again["duplicates"] == rows);
    // The ids pincd gave: the list names each dossier's debtor reference.
    std::map<std::string, std::uint64_t> ids;
    std::istringstream lines(pincd_.pinc("list --all --json").out);
    for (std::string line; std::getline(lines, line);) {
      const json row = json::parse(line);
      ids[row["debtor_ref"].get<std::string>()] = row["id"].get<std::uint64_t>();
    }
    for (auto& dossier : dossiers) {
      REQUIRE(ids.count(dossier.debtor_ref) == 1);
      dossier.id = ids[dossier.debtor_ref];
    }
  }

  // Books small payments for `ids` from a background shell while the clock advances, and kills
  // pincd with SIGKILL in the middle of both. Returns the payment ids pinc acknowledged.
  std::set<std::string> kill_during_payments(const std::vector<std::uint64_t>& ids,
                                             const std::string& tag, int advance_days,
                                             const std::string& scratch) {
    const std::string acked_path = scratch + "/acked-" + tag;
    std::ofstream script(scratch + "/pay-" + tag + ".sh");
    for (std::uint64_t id : ids) {
      const std::string payment = tag + "-" + std::to_string(id);
      script << pinc_command() << " pay " << id << " 1.00 --payment-id " << payment
             << " --json >/dev/null 2>&1 && echo " << payment << " >> " << acked_path << "\n";
    }
    script.close();
    const std::string payer = "sh " + scratch + "/pay-" + tag + ".sh & ";
    const std::string advance =
        pinc_command() + " clock advance " + std::to_string(advance_days) + " >/dev/null 2>&1 & ";
    // The shell returns at once; both keep running until pincd dies under them.
    std::system(("(" + payer + advance + "wait) >/dev/null 2>&1 &").c_str());
    // Kill once half the payments are acknowledged, so that the kill lands mid-stream.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (count_lines(acked_path) < ids.size() / 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    pincd_.kill_hard();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the clients fail and end
    pincd_.start();
    std::set<std::string> acked;
    std::ifstream in(acked_path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) acked.insert(line);
    return acked;
  }

 private:
  DaemonProcess pincd_;
};

}  // namespace

TEST_CASE(
    "pincd end to end: 1,000 dossiers through the default strategy on the simulated clock, with "
    "payments, disputes, broken promises and two kill -9 mid-run",
    "[e2e]") {
  const unsigned seed = 20260316;
  INFO("seed " << seed);
  std::mt19937 random(seed);
  TempDir dir;
  Run run(dir / "data");
  run.pincd().start();
  run.pinc_json("creditor add acme --name 'Acme BV' --iban NL91ABNA0417164300");

  const Date start = make_date(2026, 3, 16);
  const Date second_intake = make_date(2026, 3, 30);
  const Date end = make_date(2026, 6, 5);
  std::vector<BookDossier> first =
      generate_book(random, 0, 600, start, make_date(2026, 2, 1), make_date(2026, 3, 13));
  std::vector<BookDossier> second = generate_book(random, 600, 400, second_intake,
                                                  make_date(2026, 2, 15), make_date(2026, 3, 27));
  REQUIRE(run.today() == start);
  run.import(first, dir / "first.csv");

  Expected expected;
  std::vector<BookDossier*> book;
  for (auto& dossier : first) book.push_back(&dossier);
  // The days the test acted on each dossier (by index into `book`).
  std::map<std::size_t, Date> first_action, second_action;
  std::set<std::string> acknowledged;
  std::vector<std::pair<Date, std::string>> kills = {{make_date(2026, 4, 14), "kill1"},
                                                     {make_date(2026, 5, 6), "kill2"}};
  bool call_logged = false;

  Date today = start;
  while (today < end) {
    if (today == second_intake) {
      run.import(second, dir / "second.csv");
      for (auto& dossier : second) book.push_back(&dossier);
    }
    for (std::size_t i = 0; i < book.size(); ++i) {
      const BookDossier& dossier = *book[i];
      const Date reminder = expected.step_date(dossier, "reminder");
      const std::string id = std::to_string(dossier.id);
      if (today <= reminder) continue;
      switch (dossier.role) {
        case Role::paid:
          if (!first_action.count(i)) {
            const json after = run.pinc_json("pay " + id + " " + euros(dossier.total_cents()));
            CHECK(after["stage"] == "paid");
            CHECK(after["open_cents"] == 0);
            first_action[i] = today;
          }
          break;
        case Role::dispute:
          if (!first_action.count(i)) {
            CHECK(run.pinc_json("dispute " + id +
                                " --reason 'never received the goods'")["stage"] == "disputed");
            first_action[i] = today;
          } else if (!second_action.count(i) && today >= first_action[i] + Days{11}) {
            CHECK(run.pinc_json("resolve " + id + " --rejected")["stage"] != "disputed");
            second_action[i] = today;
          }
          break;
        case Role::promise:
          if (!first_action.count(i)) {
            CHECK(run.pinc_json("promise " + id + " --by " +
                                format_date(today + Days{4}))["stage"] == "promised");
            first_action[i] = today;
          }
          break;
        default:
          break;
      }
    }
    // An operator takes the first call task once calls are due.
    if (!call_logged && today >= make_date(2026, 3, 25)) {
      const json task = run.pinc_json("call next");
      REQUIRE(task["found"] == true);
      const json logged =
          run.pinc_json("call log " + std::to_string(task["id"].get<std::uint64_t>()) +
                        " no_answer --note 'voicemail'");
      CHECK(logged["id"] == task["id"]);
      call_logged = true;
    }
    if (!kills.empty() && today >= kills.front().first) {
      std::vector<std::uint64_t> ids;
      for (const BookDossier* dossier : book)
        if (dossier->role == Role::payments) ids.push_back(dossier->id);
      const auto acked = run.kill_during_payments(ids, kills.front().second, 5, dir.path());
      INFO(kills.front().second << ": " << acked.size() << " of " << ids.size()
                                << " payments acknowledged before the kill");
      CHECK(acked.size() >= ids.size() / 2);
      CHECK(acked.size() < ids.size());
      acknowledged.insert(acked.begin(), acked.end());
      kills.erase(kills.begin());
      const Date after_restart = run.today();
      CHECK(after_restart >= today);
      CHECK(after_restart <= today + Days{5});
      today = after_restart;
      continue;
    }
    today = date_of(run.pinc_json("clock advance 1")["today"]);
  }
  REQUIRE(kills.empty());

  // Every dossier, read back from pincd.
  std::size_t checked_flows = 0;
  const Calendar calendar;
  std::map<Date, std::set<std::string>> posted;  // batch day -> "dossier/seq", from the dossiers
  std::set<std::string> payments_seen;
  for (std::size_t i = 0; i < book.size(); ++i) {
    const BookDossier& dossier = *book[i];
    INFO("dossier " << dossier.id << " (" << dossier.debtor_ref << ", "
                    << (dossier.consumer ? "consumer" : "business") << ", role "
                    << static_cast<int>(dossier.role) << ")");
    const json detail = run.pinc_json("show " + std::to_string(dossier.id));
    const std::vector<Performed> performed = steps_performed(detail);
    // Each letter by post goes into the print batch of its dispatch day (a working day), once.
    for (const json& effect : detail["effects"]) {
      if (effect["effect"] != "send_document") continue;
      bool by_post = false;
      for (const json& channel : effect["channels"]) by_post = by_post || channel == "post";
      if (!by_post) continue;
      const Date dispatch = date_of(effect["dispatch_on"]);
      CHECK(calendar.is_working_day(dispatch));
      const std::string letter = std::to_string(dossier.id) + "/" + effect["seq"].dump();
      std::size_t found = 0;
      for (const json& delivery : detail["deliveries"]) {
        if (delivery["effect_seq"] != effect["seq"] || delivery["route"] != "post") continue;
        ++found;
        INFO("letter " << letter << ": " << delivery.dump());
        CHECK(delivery["state"] == "sent");
        CHECK(date_of(delivery["batch"]) == dispatch);
        posted[dispatch].insert(letter);
      }
      // Only the last day's post waits for its batch (cut once the day is over).
      CHECK(found == (dispatch < today ? 1u : 0u));
    }
    // The creditor has no e-mail address: its hand-over notices go by post, on the hand-over day.
    for (const json& effect : detail["effects"]) {
      if (effect["effect"] != "hand_over") continue;
      const Date handed_over = *first_event(detail, "claim_fixed");
      const std::string letter = std::to_string(dossier.id) + "/" + effect["seq"].dump();
      std::size_t found = 0;
      for (const json& delivery : detail["deliveries"]) {
        if (delivery["effect_seq"] != effect["seq"]) continue;
        ++found;
        INFO("notice " << letter << ": " << delivery.dump());
        CHECK(delivery["route"] == "notice");
        CHECK(delivery["state"] == "sent");
        CHECK(date_of(delivery["batch"]) == handed_over);
        posted[handed_over].insert(letter);
      }
      CHECK(found == (handed_over < today ? 1u : 0u));
    }
    // No step ran twice, whatever happened to the dossier.
    std::set<std::string> names;
    for (const Performed& step : performed) CHECK(names.insert(step.step).second);
    std::set<std::string> payment_ids;
    for (const json& event : detail["history"])
      // A payment on a handed-over dossier is kept for refund: accepted all the same.
      if (event["event"] == "payment_applied" || event["event"] == "payment_kept_for_refund") {
        CHECK(payment_ids.insert(event["payment_id"].get<std::string>()).second);
        payments_seen.insert(event["payment_id"].get<std::string>());
      }

    const Expected::Steps& schedule = expected.schedule(dossier);
    switch (dossier.role) {
      case Role::flow:
      case Role::payments: {
        REQUIRE(performed.size() == schedule.size());
        for (std::size_t k = 0; k < schedule.size(); ++k) {
          CHECK(performed[k].step == schedule[k].first);
          CHECK(format_date(performed[k].date) == format_date(schedule[k].second));
        }
        CHECK(detail["stage"] == "handed_over");
        if (dossier.role == Role::flow) {
          const Date handed_over = schedule.back().second;
          const json& claim = detail["claim"];
          const Cents costs = expected.costs(dossier);
          const Cents interest = expected.interest(dossier, handed_over);
          CHECK(claim["principal_cents"] == dossier.total_cents());
          CHECK(claim["costs_cents"] == costs);
          CHECK(claim["interest_cents"] == interest);
          CHECK(claim["total_cents"] == dossier.total_cents() + costs + interest);
          CHECK(claim["interest_through"] == format_date(handed_over));
          ++checked_flows;
        }
        break;
      }
      case Role::paid: {
        // Paid the day after the reminder: the reminder was the last step, and none came after.
        CHECK(detail["stage"] == "paid");
        REQUIRE(performed.size() == 1);
        CHECK(performed[0].step == "reminder");
        CHECK(first_event(detail, "paid") == first_action.at(i));
        break;
      }
      case Role::dispute: {
        // Nothing happens while the dispute stands; the flow resumes when it is rejected.
        const Date raised = first_action.at(i), resolved = second_action.at(i);
        CHECK(first_event(detail, "dispute_raised") == raised);
        CHECK(first_event(detail, "dispute_resolved") == resolved);
        bool resumed = false;
        for (const Performed& step : performed) {
          CHECK((step.date <= raised || step.date >= resolved));
          if (step.date >= resolved) resumed = true;
        }
        CHECK(resumed);
        CHECK(detail["stage"] == "handed_over");
        CHECK(performed.back().step == "handed_over");
        break;
      }
      case Role::promise: {
        // A promise holds the flow until its day has passed without the money; then it resumes.
        const Date made = first_action.at(i);
        const auto broken = first_event(detail, "promise_broken");
        REQUIRE(broken.has_value());
        CHECK(*broken > made + Days{4});
        bool resumed = false;
        for (const Performed& step : performed) {
          CHECK((step.date <= made || step.date >= *broken));
          if (step.date >= *broken) resumed = true;
        }
        CHECK(resumed);
        CHECK(detail["stage"] == "handed_over");
        break;
      }
    }
  }
  CHECK(checked_flows > 500);
  // One print batch per working day with post, holding exactly that day's post letters.
  const auto batches = print_batches(dir / "data/print");
  CHECK(batches.size() > 10);
  CHECK(batches == posted);
  // Every payment pinc acknowledged before a kill is in its dossier.
  REQUIRE(!acknowledged.empty());
  for (const std::string& payment : acknowledged) {
    INFO("payment " << payment << " in " << dir.path());
    CHECK(payments_seen.count(payment) == 1);
  }

  const json stats = run.pinc_json("stats");
  std::uint64_t dossiers = 0;
  for (const auto& [stage, totals] : stats.items())
    dossiers += totals["dossiers"].get<std::uint64_t>();
  CHECK(dossiers == 1000);
  const ExitStatus stopped = run.pincd().stop();
  CHECK(stopped.exited);
  CHECK(stopped.code == 0);
}
