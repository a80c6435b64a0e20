#pragma once
// camt.053 / camt.054 / camt.052 (versions .001.02 to .001.13), streamed with libxml2's
// xmlTextReader: the file is read node by node and never held as a tree, so memory stays flat
// however many entries it has (only the entry being read is kept). The message type and version
// come from the namespace, never from the file name (BANK-FEEDS.md 1, 2, 6, 9).
#include <string>

#include "bank_file.hpp"
#include "feed_input.hpp"

namespace pinc::feeds {

Result<FileSummary> read_camt(ByteSource& source, const std::string& name,
                              const TransactionCallback& each);

}  // namespace pinc::feeds
