#pragma once
// pincd's HTTP endpoint for bank connectors that push notifications over HTTP:
//
//   POST /feeds/camt054
//   Authorization: Bearer <token>        (or X-Pinc-Token: <token>; a feed's or an admin's)
//   Content-Length: <bytes>              (the camt.054 document; at most 64 MiB)
//
// The answer comes only once every payment of the notification is durable: 200 with the report
// as JSON; 400 when the document is malformed (nothing of it applied); 401 without a valid token;
// 404, 405, 411, 413 and 415 for what is not this endpoint's; 503 when pincd cannot take it now
// (try again). One connection per request (Connection: close).
//
// Runs on a thread of its own (Asio); the payment desk's work runs on BlockingWork threads.
#include <memory>
#include <string>

#include "blocking_work.hpp"
#include "payment_desk.hpp"
#include "tokens.hpp"

namespace pinc {

class HttpEndpoint {
 public:
  HttpEndpoint(PaymentDesk& payments, const TokenBook& tokens, BlockingWork& work,
               std::string spool_dir);
  ~HttpEndpoint();  // stop()
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  // Listens on HOST:PORT (port 0: any free one); returns the address it listens on.
  Result<std::string> start(const std::string& listen);
  // Stops taking connections; requests under way are cut off.
  void stop();

  struct Impl;  // http_endpoint.cpp: Asio stays out of this header

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinc
