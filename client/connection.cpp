#include "connection.hpp"

#include <cstdio>
#include <cstdlib>
#include <random>

namespace pinc::cli {

Client& Connection::get() {
  if (client) return *client;
  if (address.empty()) {
    const char* env = std::getenv("PINC_CONNECT");
    address = env && *env ? env : "127.0.0.1:7420";
  }
  if (token.empty()) {
    const char* env = std::getenv("PINC_TOKEN");
    if (env) token = env;
  }
  if (token.empty())
    throw CommandFailed(
        "--token: no token given (use --token or PINC_TOKEN; pincd wrote an "
        "admin token to DATA/admin.token)",
        2);
  client = value_or_fail(Client::connect(address, token));
  return *client;
}

void print_json(const nlohmann::json& value) {
  std::puts(value.dump(2).c_str());
}

std::string random_id() {
  std::random_device random;
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%08x%08x%08x%08x", random(), random(), random(), random());
  return buffer;
}

std::string operator_actor() {
  const char* user = std::getenv("USER");
  return std::string("operator:") + (user ? user : "cli");
}

}  // namespace pinc::cli
