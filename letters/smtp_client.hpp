#pragma once
// Hands one finished message (mime_message's bytes) to the agency's mail relay over SMTP, with
// libcurl, and says whether the relay took it and, if not, whether trying again can help.
//
// Delivery is at least once, never exactly once. The one crash window: the relay has answered
// 250 to the DATA (it owns the message now) but the caller has not yet recorded that; a crash or
// power loss there makes the caller send the message again. The caller derives the Message-ID
// from the dossier and the letter, never per attempt, so every retry carries the same Message-ID
// (and, through mime_message, the same bytes) and a receiving system can deduplicate. The same
// holds for a timeout or a lost connection after the message went out: it is reported as transient,
// though the relay may have taken it.
//
// Thread-safe: every call uses an easy handle of its own (one connection per message; reusing
// connections is a later optimization) and never raises signals (CURLOPT_NOSIGNAL).
#include <string>

namespace pinc::letters {

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS when offered) or smtps://host:port (TLS)
  std::string username, password;  // both empty: no AUTH
  // true: refuse to send unless the connection is encrypted (a relay without STARTTLS is a
  // permanent failure), so the password and the letter never cross the network in clear.
  // false: STARTTLS when the relay offers it, plain text otherwise.
  bool require_tls = false;
  long connect_timeout_ms = 5000;
  long timeout_ms = 30000;  // the whole conversation, message included
};

enum class SmtpFailure {
  none,       // accepted
  transient,  // try again later: 4xx reply, relay unreachable or too slow, connection lost
  // Sending it again as it is cannot help until a person acts: a 5xx reply (unknown mailbox,
  // refused content, login refused), a malformed envelope address, a URL that is not smtp(s), or
  // require_tls with a relay that offers no TLS.
  permanent,
};

struct SmtpResult {
  bool accepted = false;  // the relay answered 250 to the message's DATA
  SmtpFailure failure = SmtpFailure::none;
  long response_code = 0;  // the relay's last reply code (e.g. 250, 451, 550); 0: none
  std::string error;       // for a person: what failed, with the relay's reply text if any
};

// Sends message_bytes (CRLF lines, as mime_message makes them) from envelope_from to envelope_to
// (bare addresses, without angle brackets; an empty envelope_from is the null sender).
// Every failure is reported in the result, none thrown.
SmtpResult send_mail(const SmtpSettings& settings, const std::string& envelope_from,
                     const std::string& envelope_to, const std::string& message_bytes);

}  // namespace pinc::letters
