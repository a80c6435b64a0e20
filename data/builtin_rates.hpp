#pragma once
// The interest-rate tables shipped with this build of pinc (data/interest-rates.toml, embedded at
// build time). Callers prefer an operator-supplied file when one is given.
#include <string_view>

namespace pinc {
std::string_view builtin_interest_rates();
}
