// The default strategy's dates, worked out by hand from the rules (comments), and the
// strategy file format.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "strategy.hpp"

using namespace pinc;

namespace {
using Dates = std::vector<std::pair<std::string, Date>>;

Dates plan(DebtorKind kind, bool email, Date due, Date opened, Cents open = 10000,
           const Strategy& strategy = default_strategy()) {
  const Calendar calendar;
  const auto steps =
      plan_schedule(strategy, calendar, ScheduleInput{due, opened, kind, email, open});
  REQUIRE(steps);
  Dates dates;
  for (const PlannedStep& step : *steps) dates.emplace_back(step.name, step.date);
  return dates;
}
}  // namespace

TEST_CASE("default strategy, consumer with e-mail, an ordinary month (NL-RULES 2.3, 2.4, 4.2)",
          "[strategy]") {
  // Due Thu 15-01, opened Tue 20-01. Reminder: 3rd working day after 15-01 is Tue 20-01; the
  // first working day after opening is Wed 21-01; the later wins. Call 7 days on: Wed 28-01.
  // Final notice 4 days on: Sun 01-02 -> Mon 02-02, by post and e-mail; post receipt Wed 04-02
  // (later than the e-mail's), term 05-02..Wed 18-02. Hand-over: 2nd working day after: Fri 20-02.
  CHECK(plan(DebtorKind::consumer, true, make_date(2026, 1, 15), make_date(2026, 1, 20)) ==
        Dates{{"reminder", make_date(2026, 1, 21)},
              {"call", make_date(2026, 1, 28)},
              {"final_notice", make_date(2026, 2, 2)},
              {"deadline", make_date(2026, 2, 18)},
              {"handed_over", make_date(2026, 2, 20)}});
}

TEST_CASE("default strategy around Easter and Koningsdag 2026 (NL-RULES 4.2)", "[strategy]") {
  // Due Wed 18-03, opened Thu 19-03. Reminder: 3rd working day after 18-03 = Mon 23-03 (later
  // than Fri 20-03). Call Mon 30-03. Final notice: Fri 03-04 is Good Friday, Sat, Sun, Easter
  // Monday -> Tue 07-04. Post: Wed 08-04 counts 1, Thu 09-04 counts 2 -> receipt 09-04; term
  // 10-04..Thu 23-04. Hand-over: Fri 24-04 (1), Mon 27-04 is Koningsdag, Tue 28-04 (2).
  CHECK(plan(DebtorKind::consumer, true, make_date(2026, 3, 18), make_date(2026, 3, 19)) ==
        Dates{{"reminder", make_date(2026, 3, 23)},
              {"call", make_date(2026, 3, 30)},
              {"final_notice", make_date(2026, 4, 7)},
              {"deadline", make_date(2026, 4, 23)},
              {"handed_over", make_date(2026, 4, 28)}});
}

TEST_CASE("default strategy, business over Christmas 2026 (Atw art. 1 lid 1, NL-RULES 2.4)",
          "[strategy]") {
  // Due Mon 07-12, opened Tue 08-12. Reminder: 3rd working day after 07-12 = Thu 10-12. Call
  // Thu 17-12. Final notice Mon 21-12.
  // Without e-mail, by post: receipt Wed 23-12; 10 days 24-12..Sat 02-01-2027, moved past Sunday
  // to Mon 04-01. Hand-over: Tue 05-01 (1), Wed 06-01 (2).
  CHECK(plan(DebtorKind::business, false, make_date(2026, 12, 7), make_date(2026, 12, 8)) ==
        Dates{{"reminder", make_date(2026, 12, 10)},
              {"call", make_date(2026, 12, 17)},
              {"final_notice", make_date(2026, 12, 21)},
              {"deadline", make_date(2027, 1, 4)},
              {"handed_over", make_date(2027, 1, 6)}});
  // With e-mail, by e-mail only: receipt the same day 21-12; term 22-12..Thu 31-12. Hand-over:
  // Fri 01-01 is New Year's Day, Mon 04-01 (1), Tue 05-01 (2).
  CHECK(plan(DebtorKind::business, true, make_date(2026, 12, 7), make_date(2026, 12, 8)) ==
        Dates{{"reminder", make_date(2026, 12, 10)},
              {"call", make_date(2026, 12, 17)},
              {"final_notice", make_date(2026, 12, 21)},
              {"deadline", make_date(2026, 12, 31)},
              {"handed_over", make_date(2027, 1, 5)}});
}

TEST_CASE("a dossier opened long after the due date starts the first working day after opening",
          "[strategy]") {
  // Due 15-01, opened Fri 13-02: the first working day after opening, Mon 16-02, is later than
  // the 3rd working day after the due date (20-01).
  const Dates dates =
      plan(DebtorKind::consumer, false, make_date(2026, 1, 15), make_date(2026, 2, 13));
  CHECK(dates.front() == std::pair<std::string, Date>{"reminder", make_date(2026, 2, 16)});
}

TEST_CASE("channels: e-mail when known, the statutory letter always by post as well",
          "[strategy]") {
  const Calendar calendar;
  const auto with_email =
      plan_schedule(default_strategy(), calendar,
                    ScheduleInput{make_date(2026, 1, 15), make_date(2026, 1, 20),
                                  DebtorKind::consumer, true, 10000});
  REQUIRE(with_email);
  CHECK((*with_email)[0].channels == std::vector<Channel>{Channel::email});
  CHECK((*with_email)[2].channels == std::vector<Channel>{Channel::post, Channel::email});
  CHECK((*with_email)[2].term->term_days == 14);
  CHECK(resolve_channels(ChannelRule::email_else_post, false) ==
        std::vector<Channel>{Channel::post});
}

TEST_CASE("a strategy file with two reminders and amount bands parses and plans", "[strategy]") {
  std::ifstream in(std::string(PINC_DATA_DIR) + "/strategies/example-two-reminders.toml");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const auto strategy = parse_strategy(text.str(), "example-two-reminders.toml");
  REQUIRE(strategy);
  CHECK(strategy->name == "two-reminders");
  CHECK(strategy->arrangement_grace_days == 5);
  // Business, 6000.00 open: the large-claim final notice (7-day term, 1 day after the call).
  // Due Thu 15-01, opened Tue 20-01: reminder Wed 21-01 (2nd working day after 15-01 is Mon 19-01),
  // second reminder Wed 28-01, call Mon 02-02, final notice Tue 03-02 by post and e-mail:
  // receipt Thu 05-02, 7 days to Thu 12-02; hand-over the 3rd working day after: Tue 17-02.
  CHECK(plan(DebtorKind::business, true, make_date(2026, 1, 15), make_date(2026, 1, 20), 600000,
             *strategy) == Dates{{"reminder", make_date(2026, 1, 21)},
                                 {"second_reminder", make_date(2026, 1, 28)},
                                 {"call", make_date(2026, 2, 2)},
                                 {"final_notice", make_date(2026, 2, 3)},
                                 {"deadline", make_date(2026, 2, 12)},
                                 {"handed_over", make_date(2026, 2, 17)}});
  // Business, 100.00 open: the small-claim variant, 3 days after the call: Thu 05-02.
  const Dates small = plan(DebtorKind::business, true, make_date(2026, 1, 15),
                           make_date(2026, 1, 20), 10000, *strategy);
  CHECK(small[3] == std::pair<std::string, Date>{"final_notice", make_date(2026, 2, 5)});
}

TEST_CASE("strategy files are refused with the step and the key named", "[strategy]") {
  auto refused = [](const std::string& text) {
    const auto result = parse_strategy(text, "s.toml");
    REQUIRE_FALSE(result);
    return result.error().to_string();
  };
  CHECK_THAT(refused("name = \"x\"\n[[step]]\nname = \"a\"\naction = \"fnial\"\n"),
             Catch::Contains("step 1 (a): unknown action 'fnial'"));
  CHECK_THAT(refused("name = \"x\"\n[[step]]\nname = \"d\"\naction = \"deadline\"\n"),
             Catch::Contains("needs a final_notice before it"));
  CHECK_THAT(refused("name = \"x\"\n[[step]]\nname = \"c\"\naction = \"call\"\ndays = -1\n"),
             Catch::Contains("days must be between"));
  CHECK_THAT(refused("name = \"x\"\n[[step]]\nname = \"c\"\naction = \"call\"\ndayz = 1\n"),
             Catch::Contains("unknown key 'dayz'"));
  CHECK_THAT(refused("name = \"x\"\n[[step]]\nname = \"r\"\naction = \"reminder\"\n"),
             Catch::Contains("a letter needs channels"));
  CHECK_THAT(refused("name = \"x\"\n[[step]]\nname = \"r\"\naction = \"call\"\nwhen = { "
                     "debtor_kind = \"firm\" }\n"),
             Catch::Contains("unknown debtor kind"));
  CHECK_THAT(refused("name = \"x\"\n[[step\n"), Catch::Contains("line 2"));
  CHECK_THAT(refused("[[step]]\nname = \"c\"\naction = \"call\"\n"), Catch::Contains("'name'"));
}
