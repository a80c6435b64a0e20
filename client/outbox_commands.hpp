#pragma once
// pinc's letter commands: the outbox (`outbox list`, `outbox retry`) and `letter preview`.
#include <memory>

#include "connection.hpp"

namespace CLI {
class App;
}

namespace pinc::cli {

void add_outbox_commands(CLI::App& app, std::shared_ptr<Connection> connection);

}  // namespace pinc::cli
