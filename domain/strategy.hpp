#pragma once
// A creditor's reminder strategy: an ordered list of steps, each with a delay from the due date,
// the opening or the previous step, an action, channels and conditions (debtor kind, amount band).
// Loaded from TOML text (the caller reads the file); the default strategy is itself TOML, parsed by
// the same code, so there is one source of truth. Planning is pure: dates come from the calendar.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "money.hpp"
#include "result.hpp"

namespace pinc {

enum class StepAction : std::uint8_t { reminder, call, final_notice, deadline, hand_over };
std::string_view to_string(StepAction action);

// How a letter goes out, given whether the debtor has an e-mail address.
enum class ChannelRule : std::uint8_t {
  post,
  email,  // e-mail; by post when no address is known
  email_else_post,
  post_and_email_if_known,  // the statutory letter: post, and e-mail too when an address is known
  none,
};
std::vector<Channel> resolve_channels(ChannelRule rule, bool has_email);

struct Delay {
  enum class From : std::uint8_t { due_date, opened, previous_step };
  From from = From::previous_step;
  int days = 0;
  bool working_days = false;  // the days-th working day after; otherwise calendar days
  bool move_to_working_day = false;
};

struct StepCondition {
  std::optional<DebtorKind> debtor_kind;
  std::optional<Cents> min_open_cents, max_open_cents;  // inclusive
};

struct StrategyStep {
  std::string name;
  StepAction action = StepAction::reminder;
  Delay delay;
  std::optional<Delay> not_before;  // the step is on the later of the two dates
  ChannelRule channels = ChannelRule::none;
  int term_days = 0;  // reminder, final_notice: the term the letter gives, in days
  StepCondition when;
};

struct Strategy {
  std::string name;
  std::vector<StrategyStep> steps;
  int arrangement_grace_days = 7;
  bool call_escalates_without_answer = true;
};

Result<Strategy> parse_strategy(std::string_view toml_text, std::string_view source_name);
std::string_view default_strategy_toml();
const Strategy& default_strategy();

struct ScheduleInput {
  Date due_date{};  // the latest due date of the dossier's invoices
  Date opened{};
  DebtorKind kind = DebtorKind::consumer;
  bool has_email = false;
  Cents open_cents = 0;
};

struct PerformedStep {
  std::size_t index = 0;
  Date date{};
  std::optional<Term> term;  // the running final-notice term, carried forward by later steps
  friend bool operator==(const PerformedStep&, const PerformedStep&) = default;
};

struct PlannedStep {
  std::size_t index = 0;
  std::string name;
  StepAction action = StepAction::reminder;
  Date date{};
  std::vector<Channel> channels;
  std::optional<Term> term;
};

// Whether a step's conditions (debtor kind, amount band) hold for the dossier.
bool step_applies(const StepCondition& when, const ScheduleInput& input);

// The step after `previous` (the first when none) whose conditions match, with its date;
// nullopt when the strategy has run out. Alternatives (steps sharing the previous step's name)
// are passed over.
Result<std::optional<PlannedStep>> plan_next(const Strategy& strategy, const Calendar& calendar,
                                             const ScheduleInput& input,
                                             const std::optional<PerformedStep>& previous);

// Every step, each performed on its planned date.
Result<std::vector<PlannedStep>> plan_schedule(const Strategy& strategy, const Calendar& calendar,
                                               const ScheduleInput& input);

}  // namespace pinc
