#pragma once
// A dossier as RPC answers show it: its summary row (with what comes next) and the schedule the
// strategy plans for it if nothing else happens.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "creditors.hpp"
#include "dossier_state.hpp"
#include "pinc.capnp.h"

namespace pinc {

// The pending step, or, while a side state holds the flow, what it waits for (a promise's day,
// the next installment, the end of a pause).
std::pair<std::string, std::optional<Date>> next_action(const DossierState& state);
void write_summary(schema::DossierSummary::Builder out, const DossierState& state);
// The pending step and what the strategy plans after it, if nothing else happens.
std::vector<std::pair<std::string, Date>> planned_schedule(const DossierState& state,
                                                           const CreditorContext* creditor,
                                                           const Calendar& calendar);

}  // namespace pinc
