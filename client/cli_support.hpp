#pragma once
// Small helpers shared by pinc's commands: turning a domain Error into a failed command, reading a
// file an operator names, and printing tables.
#include <stdexcept>
#include <string>
#include <vector>

#include "result.hpp"

namespace pinc::cli {

// Thrown by a command to end pinc with a message and a non-zero exit code (caught in main).
struct CommandFailed : std::runtime_error {
  explicit CommandFailed(const std::string& message, int exit_code = 1)
      : std::runtime_error(message), exit_code(exit_code) {}
  int exit_code;
};

template <class T>
T value_or_fail(Result<T> result) {
  if (!result) throw CommandFailed(result.error().to_string(), 2);
  return std::move(result).value();
}

// The whole file, or CommandFailed naming the flag and the file.
std::string read_file(const std::string& path, const std::string& flag);

// A left-aligned text table with a header row.
void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace pinc::cli
