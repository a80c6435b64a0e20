#include "document_preview.hpp"

namespace pinc {

namespace {
std::optional<std::size_t> find_step(const Strategy& strategy, std::string_view name,
                                     const ScheduleInput& input) {
  for (std::size_t i = 0; i < strategy.steps.size(); ++i)
    if (strategy.steps[i].name == name && step_applies(strategy.steps[i].when, input)) return i;
  return std::nullopt;
}
}  // namespace

Result<DocumentPreview> preview_document(const DossierState& state, std::string_view step_name,
                                         Date today, const DecideContext& context) {
  if (!state.created)
    return make_error("dossier", "no dossier with id " + std::to_string(state.id));
  const Strategy& strategy = *context.strategy;
  const ScheduleInput input{latest_due_date(state), state.opened, state.debtor.kind,
                            !state.debtor.email.empty(), open_cents(state)};
  std::optional<std::size_t> index;
  if (step_name.empty()) {
    if (!state.schedule.pending)
      return make_error("step", "the dossier has no next step: name one with --step");
    index = state.schedule.pending->index;
  } else {
    index = find_step(strategy, step_name, input);
    if (!index)
      return make_error("step", "strategy '" + strategy.name + "' has no step '" +
                                    std::string(step_name) + "' for this debtor");
  }
  const StrategyStep& step = strategy.steps[*index];
  if (step.action != StepAction::reminder && step.action != StepAction::final_notice)
    return make_error("step", "step '" + step.name + "' (" + std::string(to_string(step.action)) +
                                  ") sends no letter");

  // The step as if due today, in a dossier with nothing holding its flow.
  DossierState copy = state;
  copy.stage = is_closed(state.stage) ? Stage::reminder : state.stage;
  copy.side = std::monostate{};
  copy.schedule.pending = PendingStep{*index, step.name, step.action, today, false};
  auto decision = decide(copy, Input{"preview", TimerFired{}}, today, context);
  if (!decision) return decision.error();
  for (const Event& event : decision->events) apply(copy, event);
  for (const Effect& effect : decision->effects)
    if (const auto* document = std::get_if<SendDocument>(&effect.payload))
      return DocumentPreview{*document, std::move(copy)};
  return make_error("step", "step '" + step.name + "' sends no letter to this debtor");
}

}  // namespace pinc
