#pragma once
// How pinc shows what pincd answers: JSON objects (money as integer cents, dates as YYYY-MM-DD) and
// the text of tables.
#include <nlohmann/json.hpp>
#include <string>

#include "pinc.capnp.h"

namespace pinc::cli {

std::string day_text(std::int32_t day);  // YYYY-MM-DD, "" for 0
nlohmann::json summary_json(schema::DossierSummary::Reader summary);
nlohmann::json detail_json(schema::DossierDetail::Reader detail);
nlohmann::json event_json(schema::Event::Reader event);
nlohmann::json effect_json(schema::Effect::Reader effect);
nlohmann::json delivery_json(schema::Delivery::Reader delivery);
void print_detail(schema::DossierDetail::Reader detail);

}  // namespace pinc::cli
