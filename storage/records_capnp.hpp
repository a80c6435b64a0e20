#pragma once
// Writing domain values straight into Cap'n Proto builders, for the RPC layer that sends stored
// records to clients (pinc show). Includes the generated schema header: keep it out of headers
// that do not need it.
#include "dossier.hpp"
#include "pinc.capnp.h"

namespace pinc::records {

void write_state(schema::DossierState::Builder out, const DossierState& state);
void write_event(schema::Event::Builder out, const Event& event);

}  // namespace pinc::records
