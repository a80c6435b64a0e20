#pragma once
// The dossier's behaviour as pure functions (MODEL.md): decide(state, input, today) -> decision,
// and apply(state, event) -> state. No I/O, no clock, no randomness: the same state, input and day
// always give the same decision, and folding a dossier's events with apply from an empty state
// gives back its state. The actor layer persists a decision's events, effects and timer in one
// write, then applies the events.
//
// An input the dossier's stage does not accept comes back as an Error naming the stage and the
// input ("stage 'paid' does not accept 'pause'"), never as an exception or a silent no-op. An input
// that was already applied (the same payment id again, an invoice already in the dossier) gives a
// decision without events and with `duplicate` set.
#include <optional>
#include <vector>

#include "calendar.hpp"
#include "dossier_event.hpp"
#include "dossier_input.hpp"
#include "dossier_state.hpp"
#include "interest.hpp"
#include "strategy.hpp"

namespace pinc {

// What the creditor agreed on that changes the figures.
struct CreditorTerms {
  // The creditor cannot deduct VAT and declared so: statutory costs are raised by this rate
  // (Besluit BIK art. 2 lid 3), in hundredths of a percent (2100 = 21%).
  std::optional<std::int32_t> vat_percent_hundredths;
  // Administration costs for the pre-collection letter, where the creditor's terms with a business
  // debtor allow them; never charged to a consumer (NL-RULES 1.1 "No other costs").
  Cents business_admin_costs_cents = 0;
};

// Everything decide() consults besides the state; owned by the caller, outlives the call.
struct DecideContext {
  const Strategy* strategy = nullptr;
  const Calendar* calendar = nullptr;
  const RateTable* rates = nullptr;
  CreditorTerms terms;
};

struct Decision {
  std::vector<Event> events;
  std::vector<Effect> effects;
  std::optional<Date> next_timer;  // the day the dossier wants a TimerFired, if any
  bool duplicate = false;          // the input had been applied before; nothing changed
};

Result<Decision> decide(const DossierState& state, const Input& input, Date today,
                        const DecideContext& context);

void apply(DossierState& state, const Event& event);

// The day the dossier's next timer is due, derived from its state alone.
std::optional<Date> next_timer(const DossierState& state);

}  // namespace pinc
