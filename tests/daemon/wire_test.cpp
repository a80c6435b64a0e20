// What pincd shows the outside world: it survives garbage and cut-off frames on its RPC port, and
// pinc's --json output parses as JSON.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <random>

#include "daemon_support.hpp"

using nlohmann::json;
using namespace pinc::test;

namespace {

// A raw TCP connection to pincd's RPC port.
class RawConnection {
 public:
  explicit RawConnection(const std::string& address) {
    const auto colon = address.rfind(':');
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1))));
    REQUIRE(inet_pton(AF_INET, address.substr(0, colon).c_str(), &peer.sin_addr) == 1);
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    REQUIRE(::connect(fd_, reinterpret_cast<const sockaddr*>(&peer), sizeof peer) == 0);
  }
  ~RawConnection() { close(); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends what it can: pincd may close the connection early, which is its right. MSG_NOSIGNAL:
  // a closed peer must not end the test with SIGPIPE.
  void send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

std::string random_bytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

// A Cap'n Proto stream frame header: the segment count less one, then each segment's size in
// 8-byte words (little-endian 32-bit numbers).
std::string frame_header(std::uint32_t segments_minus_one, std::uint32_t first_segment_words) {
  std::string header(8, '\0');
  for (int i = 0; i < 4; ++i) {
    header[i] = static_cast<char>((segments_minus_one >> (8 * i)) & 0xff);
    header[4 + i] = static_cast<char>((first_segment_words >> (8 * i)) & 0xff);
  }
  return header;
}

void require_serving(DaemonProcess& pincd) {
  REQUIRE(pincd.running());
  const json clock = pinc_json(pincd, "clock show");
  CHECK(clock["today"] == "2026-03-02");
}

}  // namespace

TEST_CASE("garbage and cut-off Cap'n Proto frames on the RPC port do not stop pincd", "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  open_small_book(run.pincd, run.dir);

  SECTION("random bytes") {
    for (std::uint32_t seed = 1; seed <= 8; ++seed) {
      RawConnection garbage(run.pincd.address());
      garbage.send(random_bytes(4096, seed));
    }
  }
  SECTION("a frame announcing 1000 words, cut off after 16 bytes") {
    RawConnection cut(run.pincd.address());
    cut.send(frame_header(0, 1000) + std::string(16, '\0'));
  }
  SECTION("a frame announcing more segments and words than any message may have") {
    RawConnection huge(run.pincd.address());
    huge.send(frame_header(0xffffffff, 0xffffffff));
    RawConnection large(run.pincd.address());
    large.send(frame_header(0, 0x7fffffff) + random_bytes(1024, 99));
  }
  SECTION("a connection stalled mid-frame does not hold up other clients") {
    RawConnection stalled(run.pincd.address());
    stalled.send(frame_header(0, 1000) + std::string(64, '\0'));
    require_serving(run.pincd);
    CHECK(list_json(run.pincd).size() == 3);
  }
  SECTION("an empty connection") {
    RawConnection empty(run.pincd.address());
  }
  require_serving(run.pincd);
  CHECK(list_json(run.pincd).size() == 3);
  const ExitStatus stopped = run.pincd.stop();
  CHECK(stopped.exited);
  CHECK(stopped.code == 0);
}

TEST_CASE("pinc --json output of the daemon commands parses as JSON", "[daemon]") {
  FreshDaemon run;
  run.pincd.start();
  open_small_book(run.pincd, run.dir);

  const json creditors = pinc_json(run.pincd, "creditor list");
  REQUIRE(creditors.is_array());
  REQUIRE(creditors.size() == 1);
  CHECK(creditors[0]["id"] == "acme");
  CHECK(creditors[0]["name"] == "Acme BV");
  CHECK(creditors[0]["iban"] == kIban);
  CHECK(creditors[0]["vat_percent_hundredths"] == 0);
  CHECK(pinc_json(run.pincd, "creditor show acme") == creditors[0]);

  const std::vector<json> rows = list_json(run.pincd);
  REQUIRE(rows.size() == 3);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i]["id"].is_number_unsigned());
    CHECK(rows[i]["creditor"] == "acme");
    CHECK(rows[i]["stage"] == "opened");
    CHECK(rows[i]["next_step"] == "reminder");
    CHECK(rows[i]["next_date"] == "2026-03-03");
  }
  CHECK(rows[0]["open_cents"] == 13345);
  CHECK(rows[0]["due_date"] == "2026-02-19");

  const json shown = pinc_json(run.pincd, "show " + rows[0]["id"].dump());
  CHECK(shown["id"] == rows[0]["id"]);
  CHECK(shown["debtor"]["name"] == "Jan Jansen");
  CHECK(shown["debtor"]["kind"] == "consumer");
  CHECK(shown["invoices"].size() == 2);
  CHECK(shown["history"].is_array());

  const json stats = pinc_json(run.pincd, "stats");
  CHECK(stats == json::parse(R"({"opened": {"dossiers": 3, "open_cents": 118345}})"));

  CHECK(pinc_json(run.pincd, "clock show") ==
        json::parse(R"({"today": "2026-03-02", "simulated": true})"));
}
