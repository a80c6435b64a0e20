#include "http_endpoint.hpp"

#include <spdlog/spdlog.h>
#include <asio.hpp>

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include "feed_report_json.hpp"

namespace pinc {

namespace {

using asio::ip::tcp;

constexpr std::size_t kMaxHeaderBytes = 16 * 1024;
constexpr std::uint64_t kMaxBodyBytes = 64ull << 20;
constexpr auto kRequestTimeout = std::chrono::seconds(60);  // to send the request, not to apply it
constexpr const char* kPath = "/feeds/camt054";

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

struct Request {
  std::string method, path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

std::optional<Request> parse_head(const std::string& head) {
  Request request;
  std::size_t line_end = head.find("\r\n");
  const std::string first = head.substr(0, line_end);
  const std::size_t space = first.find(' ');
  const std::size_t second_space = first.find(' ', space + 1);
  if (space == std::string::npos || second_space == std::string::npos) return std::nullopt;
  request.method = first.substr(0, space);
  request.path = first.substr(space + 1, second_space - space - 1);
  while (line_end != std::string::npos && line_end + 2 < head.size()) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line = head.substr(start, line_end - start);
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    request.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return request;
}

std::string status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 503:
      return "Service Unavailable";
  }
  return "Error";
}

}  // namespace

struct HttpEndpoint::Impl {
  Impl(PaymentDesk& payments, const TokenBook& tokens, BlockingWork& work, std::string spool_dir)
      : payments(payments), tokens(tokens), work(work), spool_dir(std::move(spool_dir)) {}

  PaymentDesk& payments;
  const TokenBook& tokens;
  BlockingWork& work;
  const std::string spool_dir;
  asio::io_context io;
  std::optional<tcp::acceptor> acceptor;
  std::thread thread;
  std::atomic<std::uint64_t> requests{0};

  void accept();
};

namespace {

// One request: head, body to a spool file, the payment desk off this thread, the answer.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(HttpEndpoint::Impl& endpoint, tcp::socket socket)
      : endpoint_(endpoint),
        socket_(std::move(socket)),
        timer_(endpoint.io),
        buffer_(kMaxHeaderBytes) {}

  ~Exchange() {
    std::error_code ignored;
    if (!spool_path_.empty()) std::filesystem::remove(spool_path_, ignored);
  }

  void start() {
    auto self = shared_from_this();
    timer_.expires_after(kRequestTimeout);
    timer_.async_wait([self](const std::error_code& error) {
      if (!error && !self->answered_) self->socket_.close();  // too slow to send its request
    });
    asio::async_read_until(socket_, buffer_, "\r\n\r\n",
                           [self](const std::error_code& error, std::size_t head_bytes) {
                             if (error) {
                               if (error == asio::error::not_found) self->answer(413, "{}");
                               return;
                             }
                             self->on_head(head_bytes);
                           });
  }

 private:
  void on_head(std::size_t head_bytes) {
    std::string head(asio::buffers_begin(buffer_.data()),
                     asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(head_bytes));
    buffer_.consume(head_bytes);
    const auto request = parse_head(head);
    if (!request) return fail(400, "not an HTTP request");
    if (request->path != kPath) return fail(404, "only POST " + std::string(kPath) + " is served");
    if (request->method != "POST") return fail(405, "use POST");
    std::string token = request->header("x-pinc-token");
    const std::string authorization = request->header("authorization");
    if (token.empty() && lower(authorization.substr(0, 7)) == "bearer ")
      token = trim(authorization.substr(7));
    const auto role = endpoint_.tokens.role_of(token);
    if (!role || (*role != Role::feed && *role != Role::admin))
      return fail(401, "token: not a feed's or an admin's token");
    if (!request->header("transfer-encoding").empty() || request->header("content-length").empty())
      return fail(411, "Content-Length: required (chunked bodies are not taken)");
    try {
      body_bytes_ = std::stoull(request->header("content-length"));
    } catch (const std::exception&) {
      return fail(400, "Content-Length: not a number");
    }
    if (body_bytes_ > kMaxBodyBytes) return fail(413, "Content-Length: more than 64 MiB");
    spool_path_ = endpoint_.spool_dir + "/http-" + std::to_string(++endpoint_.requests) + "-" +
                  std::to_string(::getpid()) + ".part";
    spool_.open(spool_path_, std::ios::binary | std::ios::trunc);
    if (!spool_) return fail(503, "cannot spool the request (disk full?)");
    // What came in with the head belongs to the body.
    const std::size_t early = std::min<std::size_t>(buffer_.size(), body_bytes_);
    write_body(
        std::string(asio::buffers_begin(buffer_.data()),
                    asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(early)));
    buffer_.consume(buffer_.size());
    if (lower(request->header("expect")) == "100-continue") {
      auto self = shared_from_this();
      auto reply = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
      asio::async_write(socket_, asio::buffer(*reply),
                        [self, reply](const std::error_code& error, std::size_t) {
                          if (!error) self->read_body();
                        });
      return;
    }
    read_body();
  }

  void write_body(const std::string& bytes) {
    spool_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    received_ += bytes.size();
  }

  void read_body() {
    if (received_ >= body_bytes_) return apply();
    auto self = shared_from_this();
    chunk_.resize(std::min<std::uint64_t>(64 * 1024, body_bytes_ - received_));
    asio::async_read(socket_, asio::buffer(chunk_),
                     [self](const std::error_code& error, std::size_t read) {
                       if (error) return;  // the client went away: nothing was applied
                       self->write_body(std::string(self->chunk_.data(), read));
                       self->read_body();
                     });
  }

  void apply() {
    spool_.close();
    if (!spool_) return fail(503, "cannot spool the request (disk full?)");
    auto self = shared_from_this();
    const bool started = endpoint_.work.start([self] {
      auto report = self->endpoint_.payments.ingest_file(self->spool_path_, "http",
                                                         feeds::FileFormat::camt054);
      asio::post(self->endpoint_.io, [self, report = std::move(report)] {
        if (report) return self->answer(200, feed_report_json(*report).dump());
        const Error& error = report.error();
        const bool wrong_format = error.message.find(", not camt.054") != std::string::npos;
        self->fail(is_transient(error) ? 503 : wrong_format ? 415 : 400, error.to_string());
      });
    });
    if (!started) fail(503, "pincd is busy; try again shortly");
  }

  void fail(int status, const std::string& message) {
    answer(status, nlohmann::json{{"error", message}}.dump());
  }

  void answer(int status, const std::string& json_body) {
    if (answered_) return;
    answered_ = true;
    timer_.cancel();
    auto self = shared_from_this();
    auto reply = std::make_shared<std::string>(
        "HTTP/1.1 " + std::to_string(status) + " " + status_text(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " +
        std::to_string(json_body.size() + 1) + "\r\nConnection: close\r\n\r\n" + json_body + "\n");
    asio::async_write(socket_, asio::buffer(*reply),
                      [self, reply](const std::error_code&, std::size_t) {
                        std::error_code ignored;
                        self->socket_.shutdown(tcp::socket::shutdown_both, ignored);
                        self->socket_.close(ignored);
                      });
  }

  HttpEndpoint::Impl& endpoint_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  asio::streambuf buffer_;
  std::vector<char> chunk_;
  std::string spool_path_;
  std::ofstream spool_;
  std::uint64_t body_bytes_ = 0, received_ = 0;
  bool answered_ = false;
};

}  // namespace

void HttpEndpoint::Impl::accept() {
  acceptor->async_accept([this](const std::error_code& error, tcp::socket socket) {
    if (error) {
      if (error != asio::error::operation_aborted) accept();
      return;
    }
    std::make_shared<Exchange>(*this, std::move(socket))->start();
    accept();
  });
}

HttpEndpoint::HttpEndpoint(PaymentDesk& payments, const TokenBook& tokens, BlockingWork& work,
                           std::string spool_dir)
    : impl_(std::make_unique<Impl>(payments, tokens, work, std::move(spool_dir))) {}

HttpEndpoint::~HttpEndpoint() {
  stop();
}

Result<std::string> HttpEndpoint::start(const std::string& listen) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return make_error("--http", "'" + listen + "' is not HOST:PORT");
  try {
    const auto address = asio::ip::make_address(listen.substr(0, colon));
    const auto port = static_cast<unsigned short>(std::stoul(listen.substr(colon + 1)));
    impl_->acceptor.emplace(impl_->io, tcp::endpoint(address, port));
  } catch (const std::exception& failure) {
    return make_error("--http", listen + ": " + failure.what());
  }
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
  const auto bound = impl_->acceptor->local_endpoint();
  return bound.address().to_string() + ":" + std::to_string(bound.port());
}

void HttpEndpoint::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->io.stop();
  impl_->thread.join();
}

}  // namespace pinc
