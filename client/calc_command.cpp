#include "calc_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "builtin_rates.hpp"
#include "calendar.hpp"
#include "cli_support.hpp"
#include "collection_costs.hpp"
#include "interest.hpp"
#include "money.hpp"
#include "strategy.hpp"

namespace pinc::cli {

namespace {

using nlohmann::json;

std::string percent_text(std::int32_t hundredths) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%d.%02d", hundredths / 100, hundredths % 100);
  return buffer;
}

void print_json(const json& object) {
  std::puts(object.dump(2).c_str());
}

// The rate table: an operator's file (--rates, else $PINC_RATES) wins over the built-in copy.
RateTable load_rates(const std::string& rates_flag) {
  std::string path = rates_flag;
  std::string flag = "--rates";
  if (path.empty()) {
    if (const char* env = std::getenv("PINC_RATES"); env && *env) {
      path = env;
      flag = "PINC_RATES";
    }
  }
  if (path.empty()) return value_or_fail(parse_rate_table(builtin_interest_rates(), "built-in"));
  return value_or_fail(parse_rate_table(read_file(path, flag), path));
}

struct CostsArgs {
  std::vector<std::string> amounts;
  std::string vat;
  bool separate = false;
  bool json = false;
};

void run_costs(const CostsArgs& args) {
  std::vector<Cents> claims;
  for (std::size_t i = 0; i < args.amounts.size(); ++i)
    claims.push_back(
        value_or_fail(parse_amount(args.amounts[i], "AMOUNT " + std::to_string(i + 1))));
  CostsOptions options;
  options.separate = args.separate;
  if (!args.vat.empty()) {
    const auto vat = value_or_fail(parse_decimal_scaled(args.vat, 2, "--vat"));
    if (vat < 0 || vat > 10000) throw CommandFailed("--vat: must be between 0 and 100", 2);
    options.vat_percent_hundredths = static_cast<std::int32_t>(vat);
  }
  const CostsResult costs = value_or_fail(statutory_collection_costs(claims, options));
  if (args.json) {
    print_json({{"basis_cents", costs.basis_cents},
                {"costs_cents", costs.costs_cents},
                {"vat_cents", costs.vat_cents},
                {"total_cents", costs.total_cents},
                {"aggregation", args.separate ? "separate" : "sum"}});
    return;
  }
  std::printf("Statutory collection costs (Besluit BIK art. 2; %s)\n",
              args.separate ? "each claim on its own" : "claims summed, art. 6:96 lid 7 BW");
  print_table({"", "amount"}, {{"basis", format_euro_dutch(costs.basis_cents)},
                               {"costs", format_euro_dutch(costs.costs_cents)},
                               {"VAT", format_euro_dutch(costs.vat_cents)},
                               {"total", format_euro_dutch(costs.total_cents)}});
}

struct InterestArgs {
  std::string amount, due, until, kind, rates;
  bool simple = false;
  bool json = false;
};

void run_interest(const InterestArgs& args) {
  const Cents principal = value_or_fail(parse_amount(args.amount, "AMOUNT"));
  const Date due = value_or_fail(parse_date(args.due, "--due"));
  const Date until = value_or_fail(parse_date(args.until, "--until"));
  if (until < due) throw CommandFailed("--until: is before --due", 2);
  const InterestKind kind = value_or_fail(parse_interest_kind(args.kind, "--kind"));
  const RateTable rates = load_rates(args.rates);
  auto computed = statutory_interest(rates, kind, principal, due + Days{1}, until, !args.simple);
  if (!computed) {  // name the command's own arguments
    const std::string& field = computed.error().field;
    throw CommandFailed((field == "until"  ? "--until"
                         : field == "from" ? "--due"
                                           : field) +
                            ": " + computed.error().message,
                        2);
  }
  const InterestResult& result = computed.value();
  if (args.json) {
    json periods = json::array();
    for (const InterestPeriod& p : result.periods)
      periods.push_back({{"from", format_date(p.from)},
                         {"to", format_date(p.to)},
                         {"rate", percent_text(p.rate_hundredths)},
                         {"days", p.days},
                         {"principal_cents", p.principal_cents},
                         {"interest_cents", p.interest_cents}});
    json years = json::array();
    for (const InterestYear& y : result.years)
      years.push_back({{"from", format_date(y.from)},
                       {"to", format_date(y.to)},
                       {"interest_cents", y.interest_cents},
                       {"capitalised", y.capitalised}});
    print_json({{"principal_cents", result.principal_cents},
                {"interest_cents", result.interest_cents},
                {"total_cents", result.total_cents},
                {"first_day", format_date(due + Days{1})},
                {"last_day", format_date(until)},
                {"compound", !args.simple},
                {"rate_table", result.table_name},
                {"periods", periods},
                {"years", years}});
    return;
  }
  std::printf("Statutory %s interest on %s from %s up to and including %s (%s)\n",
              kind == InterestKind::consumer ? "(art. 6:119 BW)" : "commercial (art. 6:119a BW)",
              format_euro_dutch(principal).c_str(), format_date(due + Days{1}).c_str(),
              format_date(until).c_str(), args.simple ? "simple" : "compounded yearly");
  std::printf("Rate table: %s\n\n", result.table_name.c_str());
  std::vector<std::vector<std::string>> rows;
  for (const InterestPeriod& p : result.periods)
    rows.push_back({format_date(p.from), format_date(p.to), percent_text(p.rate_hundredths) + "%",
                    std::to_string(p.days), format_euro_dutch(p.principal_cents),
                    format_euro_dutch(p.interest_cents)});
  print_table({"from", "to", "rate", "days", "on", "interest"}, rows);
  std::puts("");
  rows.clear();
  for (const InterestYear& y : result.years)
    rows.push_back({format_date(y.from), format_date(y.to), format_euro_dutch(y.interest_cents),
                    y.capitalised ? "added to the principal" : ""});
  print_table({"interest-year from", "to", "interest", "capitalisation"}, rows);
  std::printf("\nInterest %s, total %s\n", format_euro_dutch(result.interest_cents).c_str(),
              format_euro_dutch(result.total_cents).c_str());
}

struct DeadlineArgs {
  std::string sent, channel;
  int term_days = 14;
  bool json = false;
};

void run_deadline(const DeadlineArgs& args) {
  const Date sent = value_or_fail(parse_date(args.sent, "--sent"));
  std::vector<Channel> channels;
  if (args.channel == "both")
    channels = {Channel::post, Channel::email};
  else
    channels = {value_or_fail(parse_channel(args.channel, "--channel"))};
  if (args.term_days < 1 || args.term_days > 90)
    throw CommandFailed("--term-days: must be between 1 and 90", 2);
  const Calendar calendar;
  const Term term = statutory_term(calendar, sent, channels, args.term_days);
  if (args.json) {
    print_json({{"sent", format_date(term.sent)},
                {"channel", args.channel},
                {"receipt", format_date(term.receipt)},
                {"term_days", term.term_days},
                {"term_first", format_date(term.first_day)},
                {"term_last", format_date(term.last_day)},
                {"term_last_before_atw", format_date(term.last_day_plain)},
                {"costs_from", format_date(term.costs_from)}});
    return;
  }
  print_table({"", "date"}, {{"sent", format_date(term.sent)},
                             {"presumed receipt (NL-RULES 2.3)", format_date(term.receipt)},
                             {"term from", format_date(term.first_day)},
                             {"term to (" + std::to_string(term.term_days) + " days)",
                              format_date(term.last_day_plain)},
                             {"term to, Algemene termijnenwet", format_date(term.last_day)},
                             {"costs may be charged from", format_date(term.costs_from)}});
}

struct ScheduleArgs {
  std::string due, opened, kind, amount = "100", strategy;
  bool email = false;
  bool json = false;
};

void run_schedule(const ScheduleArgs& args) {
  ScheduleInput input;
  input.due_date = value_or_fail(parse_date(args.due, "--due"));
  input.opened = value_or_fail(parse_date(args.opened, "--opened"));
  input.kind = value_or_fail(parse_debtor_kind(args.kind, "--kind"));
  input.has_email = args.email;
  input.open_cents = value_or_fail(parse_amount(args.amount, "--amount"));
  std::unique_ptr<Strategy> custom;
  if (!args.strategy.empty())
    custom = std::make_unique<Strategy>(
        value_or_fail(parse_strategy(read_file(args.strategy, "--strategy"), args.strategy)));
  const Strategy& strategy = custom ? *custom : default_strategy();
  const Calendar calendar;
  const auto steps = value_or_fail(plan_schedule(strategy, calendar, input));
  auto channel_names = [](const std::vector<Channel>& channels) {
    std::string names;
    for (Channel c : channels) names += (names.empty() ? "" : "+") + std::string(to_string(c));
    return names;
  };
  if (args.json) {
    json list = json::array();
    for (const PlannedStep& step : steps) {
      json entry = {{"step", step.name}, {"date", format_date(step.date)}};
      if (!step.channels.empty()) entry["channels"] = channel_names(step.channels);
      if (step.term && step.action == StepAction::final_notice) {
        entry["receipt"] = format_date(step.term->receipt);
        entry["term_last"] = format_date(step.term->last_day);
        entry["costs_from"] = format_date(step.term->costs_from);
      }
      list.push_back(entry);
    }
    print_json({{"strategy", strategy.name}, {"steps", list}});
    return;
  }
  std::printf("Strategy '%s' for a %s debtor%s, due %s, opened %s\n\n", strategy.name.c_str(),
              args.kind.c_str(), args.email ? " with e-mail" : " without e-mail", args.due.c_str(),
              args.opened.c_str());
  std::vector<std::vector<std::string>> rows;
  for (const PlannedStep& step : steps) {
    std::string detail = channel_names(step.channels);
    if (step.term && step.action == StepAction::final_notice)
      detail += (detail.empty() ? "" : ", ") + std::string("receipt ") +
                format_date(step.term->receipt) + ", term to " + format_date(step.term->last_day);
    rows.push_back({step.name, format_date(step.date), detail});
  }
  print_table({"step", "date", "detail"}, rows);
}

}  // namespace

void add_calc_command(CLI::App& app) {
  CLI::App* calc = app.add_subcommand("calc",
                                      "Offline computations: costs, interest, deadlines, "
                                      "the default schedule (no daemon needed)");
  calc->require_subcommand(1);

  auto costs = std::make_shared<CostsArgs>();
  CLI::App* costs_cmd = calc->add_subcommand(
      "costs", "Statutory collection costs (Besluit BIK) for one or more claims");
  costs_cmd->add_option("AMOUNT", costs->amounts, "claim amounts: 1.234,56 or 1234.56")->required();
  costs_cmd->add_option("--vat", costs->vat,
                        "raise the costs by this VAT percentage (creditor cannot deduct VAT)");
  costs_cmd->add_flag("--separate", costs->separate,
                      "cost each claim on its own (claims reminded in separate letters)");
  costs_cmd->add_flag("--json", costs->json, "print one JSON object");
  costs_cmd->callback([costs] { run_costs(*costs); });

  auto interest = std::make_shared<InterestArgs>();
  CLI::App* interest_cmd = calc->add_subcommand(
      "interest", "Statutory interest from the day after --due up to and including --until");
  interest_cmd->add_option("AMOUNT", interest->amount, "principal: 1.234,56 or 1234.56")
      ->required();
  interest_cmd->add_option("--due", interest->due, "due date YYYY-MM-DD")->required();
  interest_cmd->add_option("--until", interest->until, "last interest day YYYY-MM-DD")->required();
  interest_cmd->add_option("--kind", interest->kind, "consumer (6:119) or commercial (6:119a)")
      ->required();
  interest_cmd->add_flag("--simple", interest->simple, "no yearly capitalisation");
  interest_cmd->add_option("--rates", interest->rates,
                           "rate-table file (TOML) that wins over the built-in table");
  interest_cmd->add_flag("--json", interest->json, "print one JSON object");
  interest_cmd->callback([interest] { run_interest(*interest); });

  auto deadline = std::make_shared<DeadlineArgs>();
  CLI::App* deadline_cmd = calc->add_subcommand(
      "deadline", "Presumed receipt of a letter, its term and the first day costs may be charged");
  deadline_cmd->add_option("--sent", deadline->sent, "dispatch date YYYY-MM-DD")->required();
  deadline_cmd->add_option("--channel", deadline->channel, "post, email or both")->required();
  deadline_cmd->add_option("--term-days", deadline->term_days, "term in days (default 14)");
  deadline_cmd->add_flag("--json", deadline->json, "print one JSON object");
  deadline_cmd->callback([deadline] { run_deadline(*deadline); });

  auto schedule = std::make_shared<ScheduleArgs>();
  CLI::App* schedule_cmd =
      calc->add_subcommand("schedule", "The date of every step of the default strategy");
  schedule_cmd->add_option("--due", schedule->due, "invoice due date YYYY-MM-DD")->required();
  schedule_cmd->add_option("--opened", schedule->opened, "dossier opened on YYYY-MM-DD")
      ->required();
  schedule_cmd->add_option("--kind", schedule->kind, "consumer or business")->required();
  schedule_cmd->add_flag("--email", schedule->email, "the debtor has an e-mail address");
  schedule_cmd->add_option("--amount", schedule->amount,
                           "open amount, for strategies with amount bands (default 100)");
  schedule_cmd->add_option("--strategy", schedule->strategy,
                           "a strategy file (TOML) instead of the default strategy");
  schedule_cmd->add_flag("--json", schedule->json, "print one JSON object");
  schedule_cmd->callback([schedule] { run_schedule(*schedule); });
}

}  // namespace pinc::cli
