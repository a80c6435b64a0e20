#pragma once
// pincd's settings: defaults, then the config file (TOML), then command-line flags.
#include <string>
#include <vector>

#include "result.hpp"
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
};

// Reads a config file's text into `config` (keys not in the file keep their values). Unknown keys
// and wrong types are errors naming the key.
Result<DaemonConfig> apply_config_file(DaemonConfig config, std::string_view toml_text,
                                       const std::string& path);

}  // namespace pinc
