#pragma once
// pinc's bank-feed commands that talk to pincd: `feed push` and the unmatched-payments queue.
#include <memory>

#include "connection.hpp"

namespace CLI {
class App;
}

namespace pinc::cli {

void add_feed_commands(CLI::App& app, std::shared_ptr<Connection> connection);

}  // namespace pinc::cli
