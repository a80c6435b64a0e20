// The e-mail transport against a real SMTP server (aiosmtpd on loopback): a letter with its PDF
// arrives once and decodes back to what was sent; refusals are told apart as transient (451,
// unreachable, silent) or permanent (550); and mime_message's bytes are deterministic, CRLF only,
// and closed to header injection.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "mime_message.hpp"
#include "smtp_client.hpp"
#include "smtp_server.hpp"

using namespace pinc::letters;
using pinc::test::SmtpServer;

namespace {

// --- Decoders written for the test, independent of mime_message's encoders. ---

std::string base64_decode(const std::string& text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z')
      value = c - 'A';
    else if (c >= 'a' && c <= 'z')
      value = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      value = c - '0' + 52;
    else if (c == '+')
      value = 62;
    else if (c == '/')
      value = 63;
    else
      continue;  // line breaks and padding
    bits = bits << 6 | static_cast<std::uint32_t>(value);
    if ((count += 6) >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

std::string quoted_printable_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

// An unstructured header value with its RFC 2047 B-encoded UTF-8 words decoded (whitespace
// between two encoded-words is dropped, as the RFC says).
std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t i = 0;
  bool after_word = false;
  while (i < value.size()) {
    const std::size_t start = value.find("=?UTF-8?B?", i);
    std::string between =
        value.substr(i, start == std::string::npos ? std::string::npos : start - i);
    if (!(after_word && start != std::string::npos &&
          between.find_first_not_of(" \t") == std::string::npos))
      out += between;
    if (start == std::string::npos) break;
    const std::size_t end = value.find("?=", start + 10);
    out += base64_decode(value.substr(start + 10, end - start - 10));
    i = end + 2;
    after_word = true;
  }
  return out;
}

struct Part {
  std::map<std::string, std::string> headers;  // unfolded, by lower-case name
  std::string body;
};

Part parse_part(const std::string& bytes) {
  Part part;
  const std::size_t split = bytes.find("\r\n\r\n");
  REQUIRE(split != std::string::npos);
  part.body = bytes.substr(split + 4);
  std::string name;
  std::size_t start = 0;
  while (start < split + 2) {
    const std::size_t end = bytes.find("\r\n", start);
    const std::string line = bytes.substr(start, end - start);
    start = end + 2;
    if (line.empty()) continue;
    if (line[0] == ' ' || line[0] == '\t') {
      part.headers[name] += line;  // unfolding removes only the CRLF
      continue;
    }
    const std::size_t colon = line.find(':');
    REQUIRE(colon != std::string::npos);
    name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t value = line.find_first_not_of(' ', colon + 1);
    REQUIRE_FALSE(part.headers.count(name));  // one of each
    part.headers[name] = value == std::string::npos ? "" : line.substr(value);
  }
  return part;
}

// The parts of a multipart body.
std::vector<Part> parse_parts(const Part& message) {
  const std::string& type = message.headers.at("content-type");
  const std::size_t at = type.find("boundary=\"");
  REQUIRE(at != std::string::npos);
  const std::string boundary = type.substr(at + 10, type.find('"', at + 10) - at - 10);
  const std::string delimiter = "--" + boundary + "\r\n";
  const std::string closing = "--" + boundary + "--\r\n";
  std::vector<Part> parts;
  std::size_t start = message.body.find(delimiter);
  REQUIRE(start != std::string::npos);
  while (start != std::string::npos) {
    start += delimiter.size();
    std::size_t next = message.body.find("\r\n--" + boundary, start);
    REQUIRE(next != std::string::npos);
    parts.push_back(parse_part(message.body.substr(start, next + 2 - start)));
    start = message.body.find(delimiter, next + 2);
  }
  CHECK(message.body.size() >= closing.size());
  CHECK(message.body.substr(message.body.size() - closing.size()) == closing);
  return parts;
}

std::string pdf_bytes() {
  // Every byte value, NULs and CR/LF included, and a length that leaves base64 padding.
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  for (int round = 0; round < 20; ++round)
    for (int b = 0; b < 256; ++b) pdf += static_cast<char>(b);
  pdf += "\n%%EOF\n";
  return pdf;
}

MailMessage reminder(std::string message_id = "pinc.123.7.email@agency.example") {
  MailMessage message;
  message.from_name = "Incassobureau De Vries B.V.";
  message.from_address = "post@agency.example";
  message.to_name = "Jan de Jong";
  message.to_address = "jan@debtor.example";
  message.subject = "Herinnering – € 12,50";
  message.message_id = std::move(message_id);
  message.date = rfc5322_date(1770022800);
  message.text =
      "Geachte heer De Jong,\n\n"
      "Wij hebben uw betaling van € 12,50 voor factuur 2026-0042 nog niet ontvangen. Wilt u het "
      "bedrag binnen 14 dagen overmaken naar NL91 ABNA 0417 1643 00?\n"
      ".Deze regel begint met een punt.\n"
      "From here on: een regel die met From begint.   \n"
      "Met vriendelijke groet,\nIncassobureau De Vries\n";
  message.attachment_name = "herinnering-2026-0042.pdf";
  message.attachment_pdf = pdf_bytes();
  return message;
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

SmtpSettings settings_for(const std::string& url) {
  SmtpSettings settings;
  settings.url = url;
  settings.connect_timeout_ms = 2000;
  settings.timeout_ms = 10000;
  return settings;
}

SmtpResult send(const std::string& url, const MailMessage& message) {
  return send_mail(settings_for(url), message.from_address, message.to_address,
                   mime_message(message));
}

std::vector<std::string> lines_of(const std::string& bytes) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const std::size_t end = bytes.find("\r\n", start);
    lines.push_back(bytes.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return lines;
}

}  // namespace

TEST_CASE("a letter with its PDF arrives once and decodes to what was sent", "[smtp]") {
  SmtpServer server;
  const MailMessage message = reminder();
  const std::string bytes = mime_message(message);

  const SmtpResult result = send(server.url(), message);
  INFO(result.error);
  CHECK(result.accepted);
  CHECK(result.failure == SmtpFailure::none);
  CHECK(result.response_code == 250);

  const auto received = server.messages();
  REQUIRE(received.size() == 1);
  CHECK(received[0] == bytes);  // byte for byte, after the relay's dot-unstuffing

  const Part mail = parse_part(received[0]);
  CHECK(mail.headers.at("message-id") == "<pinc.123.7.email@agency.example>");
  CHECK(mail.headers.at("date") == "Mon, 02 Feb 2026 09:00:00 +0000");
  CHECK(mail.headers.at("from") == "\"Incassobureau De Vries B.V.\" <post@agency.example>");
  CHECK(mail.headers.at("to") == "Jan de Jong <jan@debtor.example>");
  CHECK(mail.headers.at("mime-version") == "1.0");
  CHECK(mail.headers.at("auto-submitted") == "auto-generated");
  CHECK(mail.headers.at("subject").rfind("=?UTF-8?B?", 0) == 0);
  CHECK(decode_words(mail.headers.at("subject")) == "Herinnering – € 12,50");

  const auto parts = parse_parts(mail);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].headers.at("content-type") == "text/plain; charset=UTF-8");
  CHECK(parts[0].headers.at("content-transfer-encoding") == "quoted-printable");
  CHECK(quoted_printable_decode(parts[0].body) == crlf(message.text));
  CHECK(parts[1].headers.at("content-type") ==
        "application/pdf; name=\"herinnering-2026-0042.pdf\"");
  CHECK(parts[1].headers.at("content-disposition") ==
        "attachment; filename=\"herinnering-2026-0042.pdf\"");
  CHECK(parts[1].headers.at("content-transfer-encoding") == "base64");
  CHECK(base64_decode(parts[1].body) == message.attachment_pdf);
  for (const std::string& line : lines_of(parts[1].body)) CHECK(line.size() <= 76);
}

TEST_CASE("Python's email package reads the received letter the same way", "[smtp]") {
  // A second, independent MIME parser: what a mail client would make of the bytes.
  SmtpServer server;
  const MailMessage message = reminder();
  REQUIRE(send(server.url(), message).accepted);
  REQUIRE(server.messages().size() == 1);
  const std::string command =
      "/usr/bin/python3 -I -c '"
      "import email, email.policy, sys\n"
      "m = email.message_from_bytes(open(sys.argv[1], \"rb\").read(), "
      "policy=email.policy.default)\n"
      "parts = list(m.iter_attachments())\n"
      "print(m[\"subject\"].encode().hex(), m[\"message-id\"], len(m.defects), len(parts))\n"
      "print(m.get_body((\"plain\",)).get_content().encode().hex())\n"
      "print(parts[0].get_filename(), parts[0].get_content_type())\n"
      "print(parts[0].get_content().hex())\n"
      "' " +
      server.mail_dir() + "/000001.eml";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  REQUIRE(::pclose(pipe) == 0);

  const auto hex = [](const std::string& bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) out += {kDigits[c >> 4], kDigits[c & 0xf]};
    return out;
  };
  std::string text = crlf(message.text);
  text.resize(text.size() - 2);  // the CRLF before a boundary belongs to the boundary (RFC 2046)
  const std::string expected = hex(message.subject) + " <pinc.123.7.email@agency.example> 0 1\n" +
                               hex(text) + "\n" + "herinnering-2026-0042.pdf application/pdf\n" +
                               hex(message.attachment_pdf) + "\n";
  CHECK(output == expected);
}

TEST_CASE("a refusing relay is a transient failure; the resend is accepted", "[smtp]") {
  SmtpServer server;
  const MailMessage message = reminder();
  server.refuse(true);
  const SmtpResult refused = send(server.url(), message);
  CHECK_FALSE(refused.accepted);
  CHECK(refused.failure == SmtpFailure::transient);
  CHECK(refused.response_code == 451);
  CHECK(refused.error.find("451 4.3.0 try again later") != std::string::npos);
  CHECK(server.messages().empty());

  server.refuse(false);
  const SmtpResult resent = send(server.url(), message);
  INFO(resent.error);
  CHECK(resent.accepted);
  CHECK(resent.response_code == 250);
  const auto received = server.messages();
  REQUIRE(received.size() == 1);
  CHECK(received[0] == mime_message(message));
}

TEST_CASE("a rejecting relay is a permanent failure", "[smtp]") {
  SmtpServer server;
  server.reject(true);
  const SmtpResult rejected = send(server.url(), reminder());
  CHECK_FALSE(rejected.accepted);
  CHECK(rejected.failure == SmtpFailure::permanent);
  CHECK(rejected.response_code == 550);
  CHECK(rejected.error.find("550 5.1.1 mailbox unavailable") != std::string::npos);
  CHECK(server.messages().empty());
}

TEST_CASE("an unreachable or silent relay is a transient failure", "[smtp]") {
  SECTION("nothing listens on the port") {
    const std::uint16_t port = pinc::test::unused_loopback_port();
    const SmtpResult result = send("smtp://127.0.0.1:" + std::to_string(port), reminder());
    CHECK_FALSE(result.accepted);
    CHECK(result.failure == SmtpFailure::transient);
    CHECK(result.response_code == 0);
    INFO(result.error);
    CHECK(result.error.find("onnect") != std::string::npos);  // "Couldn't connect ..."
    CHECK(result.error.find(std::to_string(port)) != std::string::npos);
  }
  SECTION("the relay takes the connection but never greets") {
    // A listening socket nobody accepts on: the kernel completes the handshake, then silence.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    SmtpSettings settings =
        settings_for("smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port)));
    settings.timeout_ms = 300;
    const MailMessage message = reminder();
    const SmtpResult result =
        send_mail(settings, message.from_address, message.to_address, mime_message(message));
    ::close(fd);
    CHECK_FALSE(result.accepted);
    CHECK(result.failure == SmtpFailure::transient);
    INFO(result.error);
    CHECK(result.error.find("imeout") != std::string::npos);  // "Timeout was reached"
  }
}

TEST_CASE("an envelope address that could smuggle SMTP is refused before connecting", "[smtp]") {
  SmtpServer server;
  const std::string bytes = mime_message(reminder());
  const SmtpResult to = send_mail(settings_for(server.url()), "post@agency.example",
                                  "jan@debtor.example>\r\nRCPT TO:<x@evil.example", bytes);
  CHECK(to.failure == SmtpFailure::permanent);
  CHECK(to.response_code == 0);
  const SmtpResult from =
      send_mail(settings_for(server.url()), "post@agency.example\r\n", "jan@debtor.example", bytes);
  CHECK(from.failure == SmtpFailure::permanent);
  const SmtpResult empty = send_mail(settings_for(server.url()), "post@agency.example", "", bytes);
  CHECK(empty.failure == SmtpFailure::permanent);
  CHECK(server.messages().empty());
}

TEST_CASE("mime_message is deterministic, CRLF only and within line limits", "[smtp]") {
  const MailMessage message = reminder();
  const std::string bytes = mime_message(message);
  CHECK(bytes == mime_message(message));
  // The boundary follows the message id: another id, another boundary.
  CHECK(mime_message(reminder("pinc.123.8.email@agency.example")) != bytes);

  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\n') REQUIRE((i > 0 && bytes[i - 1] == '\r'));
    if (bytes[i] == '\r') REQUIRE((i + 1 < bytes.size() && bytes[i + 1] == '\n'));
  }
  REQUIRE(bytes.substr(bytes.size() - 2) == "\r\n");
  const std::size_t header_end = bytes.find("\r\n\r\n");
  std::size_t offset = 0;
  for (const std::string& line : lines_of(bytes)) {
    // Headers within RFC 5322's 78, body lines (quoted-printable, base64) within MIME's 76.
    CHECK(line.size() <= (offset < header_end ? 78u : 76u));
    offset += line.size() + 2;
  }
}

TEST_CASE("mime_message without an attachment is a single text/plain part", "[smtp]") {
  MailMessage message = reminder();
  message.attachment_pdf.clear();
  const Part mail = parse_part(mime_message(message));
  CHECK(mail.headers.at("content-type") == "text/plain; charset=UTF-8");
  CHECK(quoted_printable_decode(mail.body) == crlf(message.text));
}

TEST_CASE("mime_message encodes long and unusual headers", "[smtp]") {
  MailMessage message = reminder();
  message.subject =
      "Laatste herinnering voor factuur 2026-0042 van Bakkerij Het Zoete Broodje: betaal binnen "
      "veertien dagen om incassokosten te voorkomen";
  message.from_name = "Øresund Incasso";
  message.attachment_name = "aanmaning-€.pdf";
  const Part mail = parse_part(mime_message(message));
  CHECK(mail.headers.at("subject") == message.subject);  // ASCII: folded, not encoded
  CHECK(decode_words(mail.headers.at("from")) == "Øresund Incasso <post@agency.example>");
  const auto parts = parse_parts(mail);
  REQUIRE(parts.size() == 2);
  CHECK(parts[1].headers.at("content-disposition") ==
        "attachment; filename*=UTF-8''aanmaning-%E2%82%AC.pdf");

  // Something that looks like an encoded-word is encoded, so a reader shows it as it is.
  message.subject = "=?UTF-8?B?SGFsbG8=?=";
  CHECK(decode_words(parse_part(mime_message(message)).headers.at("subject")) == message.subject);
}

TEST_CASE("header injection through a header value is neutralized", "[smtp]") {
  MailMessage message = reminder();
  message.subject = "Herinnering\r\nBcc: victim@example.com\r\n\r\nInjected body";
  message.to_name = "Jan\nCc: other@example.com";
  message.to_address = "jan@debtor.example>\r\nBcc: third@example.com";
  message.message_id = "pinc.1.1.email@agency.example>\r\nX-Evil: yes";
  message.date = "Mon, 02 Feb 2026 09:00:00 +0000\r\nX-Evil: yes";
  const std::string bytes = mime_message(message);
  const std::string headers = bytes.substr(0, bytes.find("\r\n\r\n") + 2);
  for (const std::string& line : lines_of(headers)) {
    INFO(line);
    CHECK(line.rfind("Bcc:", 0) == std::string::npos);
    CHECK(line.rfind("Cc:", 0) == std::string::npos);
    CHECK(line.rfind("X-Evil:", 0) == std::string::npos);
  }
  const Part mail = parse_part(bytes);
  CHECK(mail.headers.size() == 8);  // date from to subject message-id mime-version auto-submitted
                                    // content-type
  CHECK(mail.headers.at("subject").find("Injected body") != std::string::npos);
  CHECK(mail.headers.at("to").find('\r') == std::string::npos);
}

TEST_CASE("rfc5322_date writes UTC dates", "[smtp]") {
  CHECK(rfc5322_date(1770022800) == "Mon, 02 Feb 2026 09:00:00 +0000");
  CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(rfc5322_date(1709251199) == "Thu, 29 Feb 2024 23:59:59 +0000");
  CHECK(rfc5322_date(-1) == "Wed, 31 Dec 1969 23:59:59 +0000");
}
