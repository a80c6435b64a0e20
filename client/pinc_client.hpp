#pragma once
// A small client library over pincd's RPC interface, used by the pinc CLI, the tests and the bench.
// One connection, logged in with a token; calls block on the connection's own event loop, so a
// Client is used from one thread.
#include <capnp/ez-rpc.h>

#include <memory>
#include <string>

#include "pinc.capnp.h"
#include "result.hpp"

namespace pinc {

class Client {
 public:
  // Connects to HOST:PORT and logs in. Errors say whether the daemon is unreachable or the token
  // was refused.
  static Result<std::unique_ptr<Client>> connect(const std::string& address,
                                                 const std::string& token);

  schema::Role role() const { return role_; }
  // The operator capability, or an Error when the token is a feed's.
  Result<schema::Operator::Client> operator_client();
  // The admin capability, or an Error when the token is not an admin's.
  Result<schema::Admin::Client> admin();
  // The feed capability (feed and admin tokens), or an Error.
  Result<schema::Feed::Client> feed();
  kj::WaitScope& wait_scope() { return rpc_->getWaitScope(); }

  // The text of a failed call, without kj's "remote exception:" prefix.
  static std::string describe(const kj::Exception& exception);

 private:
  Client() = default;
  std::unique_ptr<capnp::EzRpcClient> rpc_;
  schema::Role role_ = schema::Role::OPERATOR;
  schema::Operator::Client operator_{nullptr};
  schema::Admin::Client admin_{nullptr};
  schema::Feed::Client feed_{nullptr};
};

}  // namespace pinc
