#include "pinc_client.hpp"

#include <kj/exception.h>

namespace pinc {

std::string Client::describe(const kj::Exception& exception) {
  std::string text = exception.getDescription().cStr();
  for (const char* prefix : {"remote exception: ", "std::exception: "})
    if (text.rfind(prefix, 0) == 0) text = text.substr(std::string(prefix).size());
  return text;
}

Result<std::unique_ptr<Client>> Client::connect(const std::string& address,
                                                const std::string& token) {
  std::unique_ptr<Client> client(new Client());
  try {
    client->rpc_ = std::make_unique<capnp::EzRpcClient>(address);
    auto gateway = client->rpc_->getMain<schema::Gateway>();
    auto request = gateway.loginRequest();
    request.setToken(token);
    auto response = request.send().wait(client->rpc_->getWaitScope());
    client->role_ = response.getRole();
    client->operator_ = response.getOperator();
    client->admin_ = response.getAdmin();
    client->feed_ = response.getFeed();
  } catch (const kj::Exception& exception) {
    const std::string reason = describe(exception);
    if (reason.find("token") != std::string::npos) return make_error("", reason);
    return make_error("--connect", "cannot reach pincd at " + address + ": " + reason);
  }
  return client;
}

Result<schema::Operator::Client> Client::operator_client() {
  if (role_ == schema::Role::FEED)
    return make_error("token", "this command needs an operator or admin token, not a feed's");
  return operator_;
}

Result<schema::Feed::Client> Client::feed() {
  if (role_ == schema::Role::OPERATOR)
    return make_error("token", "this command needs a feed or admin token, not an operator's");
  return feed_;
}

Result<schema::Admin::Client> Client::admin() {
  if (role_ != schema::Role::ADMIN) return make_error("token", "this command needs an admin token");
  return admin_;
}

}  // namespace pinc
