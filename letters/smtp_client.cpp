#include "smtp_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>

namespace pinc::letters {
namespace {

// curl_global_init is not thread-safe and must run before the first easy handle.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// The message, read out to libcurl in whatever pieces it asks for.
struct Upload {
  std::string_view bytes;
  std::size_t offset = 0;
};

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
  std::memcpy(buffer, upload->bytes.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// The relay's last reply lines, so the error can quote its own words ("451 4.3.0 ..."). Only what
// the relay sent is kept: what we send includes the AUTH password.
struct Replies {
  std::deque<std::string> lines;
};

int keep_replies(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* replies = static_cast<Replies*>(user);
  std::string_view text(data, size);
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string line(text.substr(0, end));
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    if (!line.empty()) replies->lines.push_back(std::move(line));
    if (replies->lines.size() > 16) replies->lines.pop_front();
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return 0;
}

// The relay's reply line for `code`, the latest one (after a failure curl may still say QUIT).
std::string reply_text(const Replies& replies, long code) {
  if (code <= 0) return {};
  const std::string prefix = std::to_string(code);
  for (auto line = replies.lines.rbegin(); line != replies.lines.rend(); ++line)
    if (line->compare(0, prefix.size(), prefix) == 0) return *line;
  return {};
}

// A bare address fit for MAIL FROM / RCPT TO: anything that could end the command or the
// angle brackets would let the address smuggle in SMTP of its own.
bool valid_envelope_address(std::string_view address) {
  for (unsigned char c : address)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>') return false;
  return true;
}

// Settings no retry can fix; everything else without a reply code (unreachable, timed out, cut
// off, TLS trouble) may well pass later.
bool permanent_without_reply(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

SmtpResult failed(SmtpFailure failure, long code, std::string error) {
  return SmtpResult{false, failure, code, std::move(error)};
}

}  // namespace

SmtpResult send_mail(const SmtpSettings& settings, const std::string& envelope_from,
                     const std::string& envelope_to, const std::string& message_bytes) {
  if (envelope_to.empty() || !valid_envelope_address(envelope_to))
    return failed(SmtpFailure::permanent, 0, "not an envelope address: \"" + envelope_to + "\"");
  if (!valid_envelope_address(envelope_from))
    return failed(SmtpFailure::permanent, 0, "not an envelope address: \"" + envelope_from + "\"");

  init_curl_once();
  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) return failed(SmtpFailure::transient, 0, "cannot start libcurl");
  const std::string mail_from = "<" + envelope_from + ">";
  std::unique_ptr<curl_slist, ListDeleter> recipients(
      curl_slist_append(nullptr, ("<" + envelope_to + ">").c_str()));
  if (!recipients) return failed(SmtpFailure::transient, 0, "out of memory");

  Upload upload{message_bytes};
  Replies replies;
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* handle = easy.get();
  curl_easy_setopt(handle, CURLOPT_URL, settings.url.c_str());
  // Only SMTP: a mistyped URL must not make a letter go out over some other protocol.
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS, CURLPROTO_SMTP | CURLPROTO_SMTPS);
#endif
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we share a process
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connect_timeout_ms);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, settings.timeout_ms);
  curl_easy_setopt(
      handle, CURLOPT_USE_SSL,
      settings.require_tls ? static_cast<long>(CURLUSESSL_ALL) : static_cast<long>(CURLUSESSL_TRY));
  if (!settings.username.empty() || !settings.password.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  // With the size known, a relay that announces SIZE can refuse an oversized message up front.
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message_bytes.size()));
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  // VERBOSE only routes the conversation to keep_replies; nothing is printed.
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, keep_replies);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &replies);
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);

  const CURLcode code = curl_easy_perform(handle);
  long response_code = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response_code);
  if (code == CURLE_OK) return SmtpResult{true, SmtpFailure::none, response_code, {}};

  std::string error = curl_easy_strerror(code);
  if (error_buffer[0] != '\0') error += std::string(": ") + error_buffer;
  if (const std::string reply = reply_text(replies, response_code); !reply.empty())
    error += " (relay: " + reply + ")";

  SmtpFailure failure = SmtpFailure::transient;
  if (response_code >= 500 && response_code < 600)
    failure = SmtpFailure::permanent;
  else if (response_code >= 400 && response_code < 500)
    failure = SmtpFailure::transient;
  else if (permanent_without_reply(code))
    failure = SmtpFailure::permanent;
  return failed(failure, response_code, std::move(error));
}

}  // namespace pinc::letters
