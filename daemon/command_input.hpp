#pragma once
// An operator's command as it arrives over RPC, turned into the dossier's input. Refusals name
// the field ("payment: needs an id", "--every: ...").
#include <string>

#include "dossier_input.hpp"
#include "pinc.capnp.h"
#include "result.hpp"

namespace pinc {

Result<Input> to_input(schema::Command::Reader command, std::string actor, Date today);

}  // namespace pinc
