#pragma once
// How pinc's commands reach pincd: the address and token (--connect/PINC_CONNECT,
// --token/PINC_TOKEN), one connection made on first use, and RPC errors turned into a failed
// command with the daemon's message.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"
#include "pinc_client.hpp"

namespace pinc::cli {

struct Connection {
  std::string address;
  std::string token;
  std::unique_ptr<Client> client;

  Client& get();
  schema::Operator::Client op() { return value_or_fail(get().operator_client()); }
  schema::Admin::Client admin() { return value_or_fail(get().admin()); }
  schema::Feed::Client feed() { return value_or_fail(get().feed()); }
  kj::WaitScope& wait() { return get().wait_scope(); }
};

// Runs an RPC; a remote error ends pinc with its message.
template <class Call>
auto rpc(Call call) {
  try {
    return call();
  } catch (const kj::Exception& exception) {
    throw CommandFailed(Client::describe(exception), 1);
  }
}

void print_json(const nlohmann::json& value);
std::string random_id();       // 32 hex digits, for request ids
std::string operator_actor();  // "operator:<login>"

}  // namespace pinc::cli
