#include "mime_message.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

namespace pinc::letters {
namespace {

constexpr std::string_view kCrlf = "\r\n";
// RFC 5322 asks for lines of at most 78 characters (998 is the hard limit).
constexpr std::size_t kHeaderWidth = 78;
// Encoded-words carry at most 42 bytes: "=?UTF-8?B?" + 56 base64 characters + "?=" is 68
// characters, which still fits after "Subject: " on the first line.
constexpr std::size_t kEncodedWordBytes = 42;

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}
bool is_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

// Free text for a header (names, subject, date): a CR or LF would start a header of the
// sender's choosing, so every control character becomes a space.
std::string header_text(std::string_view value) {
  std::string out(value);
  for (char& c : out)
    if (is_control(static_cast<unsigned char>(c))) c = ' ';
  return out;
}

// An address or message id: nothing that could end it and start something else.
std::string header_token(std::string_view value) {
  static constexpr std::string_view kEnders = " <>,;\"()";
  std::string out;
  for (char c : value)
    if (!is_control(static_cast<unsigned char>(c)) && kEnders.find(c) == std::string_view::npos)
      out += c;
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k)
      group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k)
      out += k <= n ? kAlphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
  }
  return out;
}

// Base64 in lines of 76 characters (RFC 2045), each ended by CRLF.
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += kCrlf;
  }
  return out;
}

// The text's lines, whatever ended them (CRLF, LF or a lone CR).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' && text[i] != '\n') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// Quoted-printable (RFC 2045 6.7) with CRLF hard breaks and soft breaks before column 76.
// Beyond the rules: a '.' or "From " at the start of a line is encoded too, so that neither an
// SMTP relay's dot handling nor an mbox file can change the text.
std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::string_view line : lines_of(text)) {
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool last = i + 1 == line.size();
      const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      const bool guarded = i == 0 && (c == '.' || line.substr(0, 5) == "From ");
      std::string token;
      if (literal && !guarded) {
        token = static_cast<char>(c);
      } else {
        token = {'=', kHex[c >> 4], kHex[c & 0xf]};
      }
      // The token and, unless it ends the line, a soft break's '=' must fit in 76 columns.
      if (column + token.size() + (last ? 0 : 1) > 76) {
        out += "=\r\n";
        column = 0;
      }
      out += token;
      column += token.size();
    }
    out += kCrlf;
  }
  return out;
}

// RFC 2047 B-encoded words of at most kEncodedWordBytes each, never splitting a UTF-8 sequence
// (a decoder may decode each word on its own).
std::vector<std::string> encoded_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kEncodedWordBytes);
    while (end > start + 1 && end < text.size() &&
           (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80)
      --end;
    words.push_back("=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

std::string join_folded(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i == 0 ? "" : "\r\n ") + words[i];
  return out;
}

// An unstructured header value (the subject): as it is when it is ASCII, folded at spaces to stay
// within kHeaderWidth; as encoded-words when it is not ASCII, when a word is too long to fold, or
// when it contains "=?" (a reader would take that for an encoded-word of its own).
std::string unstructured(std::string_view name, std::string_view value) {
  const std::string text = header_text(value);
  bool plain = is_ascii(text) && text.find("=?") == std::string::npos;
  std::string out;
  std::size_t column = name.size();
  std::size_t start = 0;
  while (plain && start <= text.size()) {
    const std::size_t space = std::min(text.find(' ', start), text.size());
    const std::string_view word = std::string_view(text).substr(start, space - start);
    if (start > 0 && !word.empty() && column + 1 + word.size() > kHeaderWidth) {
      out += kCrlf;
      column = 0;
    }
    out += ' ';
    out += word;
    column += 1 + word.size();
    if (column > kHeaderWidth) plain = false;
    start = space + 1;
  }
  if (plain) return out;
  return text.empty() ? std::string() : " " + join_folded(encoded_words(text));
}

// A display name as an RFC 5322 phrase: an atom run when it can be, a quoted-string when it has
// specials, encoded-words when it is not ASCII.
std::string phrase(std::string_view value) {
  const std::string text = header_text(value);
  if (!is_ascii(text) || text.find("=?") != std::string::npos)
    return join_folded(encoded_words(text));
  static constexpr std::string_view kAtext = "!#$%&'*+-/=?^_`{|}~ ";
  bool atoms = !text.empty() && text.front() != ' ' && text.back() != ' ';
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && kAtext.find(c) == std::string_view::npos)
      atoms = false;
  if (atoms) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

std::string mailbox(std::string_view name, std::string_view address) {
  const std::string addr = header_token(address);
  const std::string shown = phrase(name);
  if (shown.empty()) return addr;
  return shown + " <" + addr + ">";
}

// The attachment's file name as a MIME parameter: a quoted-string when it is printable ASCII,
// otherwise RFC 2231's UTF-8 percent-encoding.
std::string file_name_parameter(std::string_view attribute, std::string_view value) {
  std::string name;
  for (char c : value)
    if (!is_control(static_cast<unsigned char>(c))) name += c;
  if (name.empty()) name = "document.pdf";
  if (is_ascii(name)) {
    std::string quoted = std::string(attribute) + "=\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + '"';
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded = std::string(attribute) + "*=UTF-8''";
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos) {
      encoded += ch;
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
  return encoded;
}

// The boundary follows from the message id (FNV-1a), so a retry sends the same bytes. It starts
// with "=_", which neither quoted-printable nor base64 can produce, so no part can contain it.
std::string boundary_for(std::string_view message_id) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : message_id) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("=_pinc_") + hex;
}

std::string text_part_headers() {
  return "Content-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n";
}

}  // namespace

std::string mime_message(const MailMessage& message) {
  const std::string id = header_token(message.message_id);
  std::string out;
  out += "Date: " + header_text(message.date) + "\r\n";
  out += "From: " + mailbox(message.from_name, message.from_address) + "\r\n";
  out += "To: " + mailbox(message.to_name, message.to_address) + "\r\n";
  out += "Subject:" + unstructured("Subject:", message.subject) + "\r\n";
  if (!id.empty()) out += "Message-ID: <" + id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";

  if (message.attachment_pdf.empty()) {
    out += text_part_headers();
    out += kCrlf;
    out += quoted_printable(message.text);
    return out;
  }

  const std::string boundary = boundary_for(id);
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
  out += kCrlf;
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n";
  out += text_part_headers();
  out += kCrlf;
  out += quoted_printable(message.text);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: application/pdf; " + file_name_parameter("name", message.attachment_name) +
         "\r\n";
  out += "Content-Disposition: attachment; " +
         file_name_parameter("filename", message.attachment_name) + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += kCrlf;
  out += base64_lines(message.attachment_pdf);
  out += "--" + boundary + "--\r\n";
  return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_seconds moment{seconds{unix_seconds}};
  const sys_days day = floor<days>(moment);
  const year_month_day date{day};
  const hh_mm_ss time{moment - day};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[weekday{day}.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

}  // namespace pinc::letters
