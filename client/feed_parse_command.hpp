#pragma once
// `pinc feed ...`: bank statement files. `pinc feed parse` reads camt.053/054/052 and MT940/MT942
// offline, with no daemon, and prints the normalized transactions; other `feed` commands (such
// as pushing a file to pincd) hang off the same `feed` subcommand.
namespace CLI {
class App;
}

namespace pinc::cli {

// Adds the `feed` subcommand with `feed parse` under it; returns `feed` for sibling commands.
CLI::App* add_feed_command(CLI::App& app);

}  // namespace pinc::cli
