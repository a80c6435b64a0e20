#pragma once
// pincd's settings: defaults, then the config file (TOML), then command-line flags.
#include <string>
#include <vector>

#include "letter.hpp"
#include "result.hpp"
#include "smtp_client.hpp"
#include "tokens.hpp"

namespace pinc {

struct DaemonConfig {
  std::string data_dir = "./pinc-data";
  std::string listen = "127.0.0.1:7420";
  std::string clock = "wall";  // wall | sim
  std::string sim_start;       // YYYY-MM-DD: first day of a new simulated clock (default: today)
  std::string log_level = "info";
  std::string log_file;    // empty: standard error
  std::string rates_file;  // empty: the built-in interest-rate table
  std::string drop_dir;    // the bank-file drop directory; empty: DATA/drop
  std::string http;        // HOST:PORT of the HTTP endpoint; empty: none
  std::size_t shards = 2;
  struct Token {
    std::string sha256;
    Role role;
    std::string name;
  };
  std::vector<Token> tokens;

  // Letters ([agency], [letters], [smtp]).
  letters::Agency agency;
  std::string templates_dir;   // the agency's and creditors' own templates; empty: built-in only
  std::string print_dir;       // the daily print batches; empty: DATA/print
  letters::SmtpSettings smtp;  // url empty: no relay, e-mails wait
  std::int64_t smtp_retry_ms = 60000;  // the first retry's wait; doubled per failure
  std::uint32_t smtp_max_attempts = 8;
  // A day's post is cut into PDF files of at most this many letters, drawn in parallel.
  std::size_t letters_per_file = 500;
};

// Reads a config file's text into `config` (keys not in the file keep their values). Unknown keys
// and wrong types are errors naming the key.
Result<DaemonConfig> apply_config_file(DaemonConfig config, std::string_view toml_text,
                                       const std::string& path);

}  // namespace pinc
