// pinc: the command-line client of the pre-incasso engine.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "calc_command.hpp"
#include "cli_support.hpp"
#include "daemon_commands.hpp"
#include "feed_parse_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"pinc: the pre-incasso engine's command-line client"};
  app.require_subcommand(1);
  pinc::cli::add_calc_command(app);
  pinc::cli::add_feed_command(app);  // before the daemon commands, which add `feed push` to it
  pinc::cli::add_daemon_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const pinc::cli::CommandFailed& failure) {
    std::fprintf(stderr, "pinc: %s\n", failure.what());
    return failure.exit_code;
  }
  return 0;
}
