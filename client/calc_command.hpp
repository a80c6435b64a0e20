#pragma once
// `pinc calc ...`: the offline computations (statutory costs, interest, deadlines, the default
// schedule). No daemon needed; every command prints a table, or one JSON object with --json.
namespace CLI {
class App;
}

namespace pinc::cli {

// Adds the `calc` subcommand and its children to the pinc command line.
void add_calc_command(CLI::App& app);

}  // namespace pinc::cli
