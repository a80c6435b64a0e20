#pragma once
// MT940 statements and MT942 interim reports, read a line at a time (BANK-FEEDS.md 7-9): in any
// envelope or none, any mix of CRLF and LF, strict UTF-8 else Windows-1252 per line, control
// bytes stripped, a tag only at the start of a line, the fields checked for their order.
#include <string>

#include "bank_file.hpp"
#include "feed_input.hpp"

namespace pinc::feeds {

Result<FileSummary> read_mt940(ByteSource& source, const std::string& name,
                               const TransactionCallback& each);

}  // namespace pinc::feeds
