#include "strategy.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <set>

namespace pinc {

namespace {

constexpr std::array<std::string_view, 5> kActionNames = {"reminder", "call", "final_notice",
                                                          "deadline", "hand_over"};
constexpr std::array<std::string_view, 5> kChannelRuleNames = {"post", "email", "email_else_post",
                                                               "post_and_email_if_known", "none"};

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

template <std::size_t N>
std::string choices(const std::array<std::string_view, N>& names) {
  std::string text;
  for (std::string_view name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

// Reads a delay (`after`, `days` or `working_days`, `move_to_working_day`) from a table.
Result<Delay> parse_delay(const toml::table& table, const std::string& where) {
  static const std::set<std::string_view> kKeys = {"after", "days", "working_days",
                                                   "move_to_working_day"};
  for (const auto& [key, value] : table)
    if (!kKeys.count(key.str()))
      return make_error(where, "unknown key '" + std::string(key.str()) + "' in a delay");
  Delay delay;
  const std::string after = table["after"].value_or(std::string("previous"));
  if (after == "due_date")
    delay.from = Delay::From::due_date;
  else if (after == "opened")
    delay.from = Delay::From::opened;
  else if (after == "previous")
    delay.from = Delay::From::previous_step;
  else
    return make_error(where, "after = '" + after + "' (expected due_date, opened or previous)");
  const auto days = table["days"].value<std::int64_t>();
  const auto working = table["working_days"].value<std::int64_t>();
  if (days && working) return make_error(where, "give days or working_days, not both");
  const std::int64_t count = days ? *days : working ? *working : 0;
  if (count < 0 || count > 3650) return make_error(where, "days must be between 0 and 3650");
  delay.days = static_cast<int>(count);
  delay.working_days = working.has_value();
  delay.move_to_working_day = table["move_to_working_day"].value_or(false);
  return delay;
}

Result<StrategyStep> parse_step(const toml::table& table, std::size_t number) {
  const std::string name = table["name"].value_or(std::string());
  const std::string where =
      "step " + std::to_string(number) + (name.empty() ? "" : " (" + name + ")");
  static const std::set<std::string_view> kKeys = {
      "name",       "action",   "after",     "days", "working_days", "move_to_working_day",
      "not_before", "channels", "term_days", "when"};
  for (const auto& [key, value] : table)
    if (!kKeys.count(key.str()))
      return make_error(where, "unknown key '" + std::string(key.str()) + "'");
  if (name.empty()) return make_error(where, "has no name");
  StrategyStep step;
  step.name = name;
  const std::string action = table["action"].value_or(std::string());
  const auto parsed_action = lookup<StepAction>(kActionNames, action);
  if (!parsed_action)
    return make_error(where,
                      "unknown action '" + action + "' (expected " + choices(kActionNames) + ")");
  step.action = *parsed_action;

  toml::table delay_table;
  for (std::string_view key : {"after", "days", "working_days", "move_to_working_day"})
    if (const toml::node* node = table.get(key)) delay_table.insert(key, *node);
  auto delay = parse_delay(delay_table, where);
  if (!delay) return delay.error();
  step.delay = *delay;
  if (const toml::node* node = table.get("not_before")) {
    if (!node->is_table()) return make_error(where, "not_before must be a table");
    auto not_before = parse_delay(*node->as_table(), where + " not_before");
    if (!not_before) return not_before.error();
    step.not_before = *not_before;
  }

  const bool letter =
      step.action == StepAction::reminder || step.action == StepAction::final_notice;
  const std::string channels = table["channels"].value_or(std::string(letter ? "" : "none"));
  if (letter && channels.empty()) return make_error(where, "a letter needs channels");
  const auto rule = lookup<ChannelRule>(kChannelRuleNames, channels);
  if (!rule)
    return make_error(
        where, "channels = '" + channels + "' (expected " + choices(kChannelRuleNames) + ")");
  if (letter && *rule == ChannelRule::none) return make_error(where, "a letter needs channels");
  step.channels = *rule;

  // A final notice's term is the statutory one (default 14 days); a reminder's is the pay-by
  // date it names (default 7 days).
  if (step.action == StepAction::final_notice || step.action == StepAction::reminder) {
    const std::int64_t fallback = step.action == StepAction::final_notice ? 14 : 7;
    const std::int64_t term = table["term_days"].value_or(fallback);
    if (term < 1 || term > 90) return make_error(where, "term_days must be between 1 and 90");
    step.term_days = static_cast<int>(term);
  } else if (table.contains("term_days")) {
    return make_error(where, "term_days belongs to a reminder or final_notice step");
  }

  if (const toml::node* node = table.get("when")) {
    const toml::table* when = node->as_table();
    if (!when) return make_error(where, "when must be a table");
    for (const auto& [key, value] : *when) {
      const std::string_view k = key.str();
      if (k == "debtor_kind") {
        auto kind = parse_debtor_kind(value.value_or(std::string()), where + " when.debtor_kind");
        if (!kind) return kind.error();
        step.when.debtor_kind = *kind;
      } else if (k == "min_open" || k == "max_open") {
        auto amount =
            parse_amount(value.value_or(std::string()), where + " when." + std::string(k));
        if (!amount) return amount.error();
        (k == "min_open" ? step.when.min_open_cents : step.when.max_open_cents) = *amount;
      } else {
        return make_error(where, "unknown condition '" + std::string(k) +
                                     "' (expected debtor_kind, min_open or max_open)");
      }
    }
  }
  return step;
}

Date delay_date(const Delay& delay, const Calendar& calendar, const ScheduleInput& input,
                const std::optional<PerformedStep>& previous) {
  Date base = input.due_date;
  if (delay.from == Delay::From::opened) base = input.opened;
  if (delay.from == Delay::From::previous_step && previous) base = previous->date;
  Date date = delay.working_days ? (delay.days == 0 ? calendar.working_day_on_or_after(base)
                                                    : calendar.add_working_days(base, delay.days))
                                 : base + Days{delay.days};
  if (delay.move_to_working_day) date = calendar.working_day_on_or_after(date);
  return date;
}

}  // namespace

bool step_applies(const StepCondition& when, const ScheduleInput& input) {
  if (when.debtor_kind && *when.debtor_kind != input.kind) return false;
  if (when.min_open_cents && input.open_cents < *when.min_open_cents) return false;
  if (when.max_open_cents && input.open_cents > *when.max_open_cents) return false;
  return true;
}

std::string_view to_string(StepAction action) {
  return kActionNames[static_cast<std::size_t>(action)];
}

std::vector<Channel> resolve_channels(ChannelRule rule, bool has_email) {
  switch (rule) {
    case ChannelRule::post:
      return {Channel::post};
    case ChannelRule::email:
    case ChannelRule::email_else_post:
      return {has_email ? Channel::email : Channel::post};
    case ChannelRule::post_and_email_if_known:
      return has_email ? std::vector<Channel>{Channel::post, Channel::email}
                       : std::vector<Channel>{Channel::post};
    case ChannelRule::none:
      return {};
  }
  return {};
}

Result<Strategy> parse_strategy(std::string_view toml_text, std::string_view source_name) {
  const std::string source{source_name};
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    return make_error(source, "line " + std::to_string(error.source().begin.line) + ", column " +
                                  std::to_string(error.source().begin.column) + ": " +
                                  std::string(error.description()));
  }
  static const std::set<std::string_view> kKeys = {"name", "step", "arrangement_grace_days",
                                                   "call_escalates_without_answer"};
  for (const auto& [key, value] : root)
    if (!kKeys.count(key.str()))
      return make_error(source, "unknown key '" + std::string(key.str()) + "'");
  Strategy strategy;
  strategy.name = root["name"].value_or(std::string());
  if (strategy.name.empty()) return make_error(source, "'name' is missing");
  const std::int64_t grace = root["arrangement_grace_days"].value_or(std::int64_t{7});
  if (grace < 0 || grace > 60)
    return make_error(source, "arrangement_grace_days must be between 0 and 60");
  strategy.arrangement_grace_days = static_cast<int>(grace);
  strategy.call_escalates_without_answer = root["call_escalates_without_answer"].value_or(true);
  const toml::array* steps = root["step"].as_array();
  if (!steps || steps->empty()) return make_error(source, "no [[step]] entries");
  bool final_notice_seen = false;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const toml::table* table = steps->get(i)->as_table();
    if (!table) return make_error(source, "step " + std::to_string(i + 1) + " is not a table");
    auto step = parse_step(*table, i + 1);
    if (!step) return make_error(source + ": " + step.error().field, step.error().message);
    if (step->action == StepAction::deadline && !final_notice_seen)
      return make_error(source + ": step " + std::to_string(i + 1) + " (" + step->name + ")",
                        "a deadline needs a final_notice before it");
    final_notice_seen = final_notice_seen || step->action == StepAction::final_notice;
    strategy.steps.push_back(std::move(*step));
  }
  return strategy;
}

Result<std::optional<PlannedStep>> plan_next(const Strategy& strategy, const Calendar& calendar,
                                             const ScheduleInput& input,
                                             const std::optional<PerformedStep>& previous) {
  std::size_t index = previous ? previous->index + 1 : 0;
  if (previous && previous->index < strategy.steps.size())
    while (index < strategy.steps.size() &&
           strategy.steps[index].name == strategy.steps[previous->index].name)
      ++index;  // an alternative of the step just performed
  for (; index < strategy.steps.size(); ++index) {
    const StrategyStep& step = strategy.steps[index];
    if (!step_applies(step.when, input)) continue;
    PlannedStep planned;
    planned.index = index;
    planned.name = step.name;
    planned.action = step.action;
    planned.channels = resolve_channels(step.channels, input.has_email);
    planned.term = previous ? previous->term : std::nullopt;
    if (step.action == StepAction::deadline) {
      if (!planned.term)
        return make_error("strategy", "step '" + step.name + "' of '" + strategy.name +
                                          "' comes without a final notice before it");
      planned.date = planned.term->last_day;
    } else {
      planned.date = delay_date(step.delay, calendar, input, previous);
      if (step.not_before)
        planned.date =
            std::max(planned.date, delay_date(*step.not_before, calendar, input, previous));
    }
    if (step.action == StepAction::final_notice)
      planned.term = statutory_term(calendar, planned.date, planned.channels, step.term_days);
    return std::optional<PlannedStep>{std::move(planned)};
  }
  return std::optional<PlannedStep>{};
}

Result<std::vector<PlannedStep>> plan_schedule(const Strategy& strategy, const Calendar& calendar,
                                               const ScheduleInput& input) {
  std::vector<PlannedStep> steps;
  std::optional<PerformedStep> previous;
  for (std::size_t guard = 0; guard <= strategy.steps.size(); ++guard) {
    auto next = plan_next(strategy, calendar, input, previous);
    if (!next) return next.error();
    if (!*next) return steps;
    previous = PerformedStep{(*next)->index, (*next)->date, (*next)->term};
    steps.push_back(std::move(**next));
  }
  return steps;
}

}  // namespace pinc
