#pragma once
// pinc's commands that talk to pincd: creditors, dossiers, imports, the clock and statistics.
namespace CLI {
class App;
}

namespace pinc::cli {

void add_daemon_commands(CLI::App& app);

}  // namespace pinc::cli
