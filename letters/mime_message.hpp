#pragma once
// One e-mail as the bytes handed to the mail relay: RFC 5322 headers and a MIME body (the letter's
// text, and its PDF when there is one). Kept apart from the SMTP transport so that the exact bytes
// can be built, stored and checked without a network.
#include <cstdint>
#include <string>

namespace pinc::letters {

struct MailMessage {
  std::string from_name, from_address;
  std::string to_name, to_address;
  std::string subject;
  std::string message_id;       // without angle brackets, e.g. pinc.123.7.email@agency.example
  std::string date;             // RFC 5322 date text, e.g. from rfc5322_date()
  std::string text;             // UTF-8 plain text body; any line ending (LF, CRLF or CR)
  std::string attachment_name;  // e.g. "herinnering-2026-0042.pdf"
  std::string attachment_pdf;   // the PDF's bytes; empty: no attachment
};

// The whole message with CRLF line endings, ready for SMTP DATA (the transport dot-stuffs it).
// With an attachment: multipart/mixed of text/plain (UTF-8, quoted-printable) and application/pdf
// (base64, 76-character lines); without: text/plain alone. Headers: Date, From, To, Subject
// (RFC 2047 encoded-words when not plain ASCII), Message-ID, MIME-Version and
// "Auto-Submitted: auto-generated" (RFC 3834: no out-of-office replies to a machine).
//
// Deterministic: the MIME boundary is derived from the message id, so the same MailMessage gives
// the same bytes on every retry. Header values cannot inject headers: CR, LF and other control
// characters in names, subject and date become spaces, and addresses and the message id lose every
// character that could end them (controls, spaces, <, >, comma, semicolon, quotes, parentheses).
std::string mime_message(const MailMessage& message);

// "Mon, 02 Feb 2026 09:00:00 +0000": the date at unix_seconds, in UTC.
std::string rfc5322_date(std::int64_t unix_seconds);

}  // namespace pinc::letters
