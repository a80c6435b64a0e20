#pragma once
// Runs a command line in a real child process and captures its standard output, its standard
// error and its exit code. For tests that use pinc and pincd the way people do.
#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace pinc::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out, err;
};

inline ProcessResult run_process(const std::string& command) {
  char err_path[] = "/tmp/pinc-test-stderr-XXXXXX";
  const int err_fd = mkstemp(err_path);
  close(err_fd);
  ProcessResult result;
  FILE* pipe = popen((command + " 2>" + err_path).c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream text;
  text << err.rdbuf();
  result.err = text.str();
  unlink(err_path);
  return result;
}

}  // namespace pinc::test
