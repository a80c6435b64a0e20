#include "camt_reader.hpp"

#include <libxml/xmlreader.h>

#include <mutex>
#include <optional>

#include "camt_entry.hpp"
#include "feed_amounts.hpp"
#include "feed_encoding.hpp"
#include "feed_summary.hpp"
#include "feed_text.hpp"

namespace pinc::feeds {

namespace {

constexpr std::string_view kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.05";

struct MessageKind {
  FileFormat format;
  std::string_view message;    // the element under Document
  std::string_view statement;  // the repeated element under it
};

std::optional<MessageKind> kind_of(char digit) {
  switch (digit) {
    case '3':
      return MessageKind{FileFormat::camt053, "BkToCstmrStmt", "Stmt"};
    case '4':
      return MessageKind{FileFormat::camt054, "BkToCstmrDbtCdtNtfctn", "Ntfctn"};
    case '2':
      return MessageKind{FileFormat::camt052, "BkToCstmrAcctRpt", "Rpt"};
    default:
      return std::nullopt;
  }
}

std::string_view view(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

// The encoding the XML declaration names ("" if none), from the first bytes of the file.
std::string declared_encoding(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.substr(0, 5) != "<?xml") return {};
  const std::size_t end = head.find("?>");
  const std::string_view declaration = head.substr(0, end);
  const std::size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t quote = declaration.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return {};
  const std::size_t close = declaration.find(declaration[quote], quote + 1);
  if (close == std::string_view::npos) return {};
  return normalize_code(declaration.substr(quote + 1, close - quote - 1));
}

// The source as libxml2 reads it, counting lines, so an error on the last line of a file that
// was read to its end can be told as a file cut off.
struct CountingInput {
  ByteSource* source = nullptr;
  std::uint64_t newlines = 0;
  bool ended = false;
};

int read_callback(void* context, char* buffer, int length) {
  auto* input = static_cast<CountingInput*>(context);
  const long n = input->source->read(buffer, static_cast<std::size_t>(length));
  if (n == 0) input->ended = true;
  for (long i = 0; i < n; ++i)
    if (buffer[i] == '\n') ++input->newlines;
  return static_cast<int>(n);
}
int close_callback(void*) {
  return 0;
}

struct XmlProblem {
  std::string message;
  int line = 0;
  int code = 0;
};

void on_xml_error(void* context, xmlErrorPtr error) {
  auto* problem = static_cast<std::optional<XmlProblem>*>(context);
  if (!error || error->level < XML_ERR_ERROR || problem->has_value()) return;
  std::string message = error->message ? error->message : "unknown error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (std::size_t at = message.find('\n'); at != std::string::npos; at = message.find('\n', at))
    message.replace(at, 1, "; ");  // one line for logs and stderr
  *problem = XmlProblem{message, error->line, error->code};
}

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};

struct Balance {
  std::string code, currency;
  bool has_amount = false;
  Cents cents = 0;
  std::optional<bool> credit;
};

class CamtReader {
 public:
  CamtReader(ByteSource& source, const std::string& name, const TransactionCallback& each)
      : source_(source), name_(name), each_(each), summary_(FileFormat::camt053) {}

  Result<FileSummary> run();

 private:
  std::optional<Error> choose_encoding(std::string& override_encoding);
  std::optional<Error> start_element(xmlTextReaderPtr reader);
  std::optional<Error> end_element();
  std::optional<Error> start_statement_part(std::string_view name);
  std::optional<Error> end_statement();
  std::optional<Error> end_entry();
  std::optional<Error> end_balance();
  std::optional<Error> begin_summary_statement();
  Error fail(const std::string& message) const;
  Error fail_xml(const XmlProblem& problem) const;
  std::string where() const;

  ByteSource& source_;
  const std::string& name_;
  const TransactionCallback& each_;
  SummaryBuilder summary_;
  std::optional<XmlProblem> problem_;
  CountingInput input_;
  int line_ = 0;

  // Where the reader is: the element path ("/Document/BkToCstmrStmt/Stmt/Ntry/Amt") and the
  // length it had before each open element, so closing one is a truncation.
  std::string path_;
  std::vector<std::size_t> lengths_;
  std::string text_, currency_attribute_;

  std::optional<MessageKind> kind_;
  std::string version_;
  bool message_seen_ = false;
  std::uint64_t statement_count_ = 0;

  // The statement being read.
  std::size_t statement_base_ = 0;  // path length of its element; 0 when outside
  std::string statement_id_, account_, account_currency_;
  bool summary_open_ = false, saw_entry_ = false, saw_opbd_ = false;
  std::optional<Balance> balance_;
  std::size_t balance_base_ = 0;

  // The entry being read.
  std::size_t entry_base_ = 0;
  std::optional<CamtEntry> entry_;
  ContentHash content_;
  std::uint64_t entry_count_ = 0;
};

Error CamtReader::fail(const std::string& message) const {
  return make_error(name_, where() + message);
}

std::string CamtReader::where() const {
  if (entry_)
    return "entry " + std::to_string(entry_->number) + " (line " + std::to_string(line_) + "): ";
  return "line " + std::to_string(line_) + ": ";
}

Error CamtReader::fail_xml(const XmlProblem& problem) const {
  // The reader parses ahead of the node it reports, so the entry being read is not a reliable
  // place for a syntax error: its line is.
  const std::string place = "line " + std::to_string(problem.line) + ": ";
  if (problem.code == XML_ERR_DOCUMENT_EMPTY) return make_error(name_, "empty file: not XML");
  const bool at_end =
      input_.ended && static_cast<std::uint64_t>(problem.line) + 1 >= input_.newlines;
  const bool cut_off = problem.code == XML_ERR_TAG_NOT_FINISHED ||
                       problem.message.find("Premature end of data") != std::string::npos ||
                       (at_end && problem.code != XML_ERR_INVALID_CHAR);
  if (cut_off)
    return make_error(name_, place + "the file is cut off (truncated) before its document ends (" +
                                 problem.message + ")");
  if (problem.code == XML_ERR_INVALID_CHAR || problem.code == XML_ERR_UNSUPPORTED_ENCODING ||
      problem.code == XML_ERR_INVALID_ENCODING)
    return make_error(name_, place + "bad characters for its encoding: " + problem.message);
  return make_error(name_, place + "not well-formed XML: " + problem.message);
}

std::optional<Error> CamtReader::choose_encoding(std::string& override_encoding) {
  auto head = peek(source_, 1024);
  if (!head) return make_error(name_, head.error().message);
  const std::string_view bytes = *head;
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") return std::nullopt;
  const std::string declared = declared_encoding(bytes);
  if (!declared.empty() && declared != "UTF-8" && declared != "UTF8") return std::nullopt;
  // A pipe cannot be checked first: libxml2 then refuses bytes that are not UTF-8 itself.
  if (!source_.can_rewind()) return std::nullopt;
  // Declared (or defaulting to) UTF-8: check every byte before anything is delivered, so a file
  // that lies about its encoding is read once, as Windows-1252, instead of failing half-way.
  Utf8Scanner scanner;
  std::string chunk(64 * 1024, '\0');
  for (;;) {
    const long n = source_.read(chunk.data(), chunk.size());
    if (n < 0) return make_error(name_, source_.error());
    if (n == 0) break;
    if (!scanner.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)))) break;
  }
  if (!source_.rewind()) return make_error(name_, source_.error());
  if (scanner.finish()) return std::nullopt;
  override_encoding = "WINDOWS-1252";
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", scanner.bad_byte());
  summary_.warn("encoding", "line " + std::to_string(scanner.bad_line()) + ": declared " +
                                (declared.empty() ? std::string("UTF-8 (by default)") : declared) +
                                ", but byte " + byte + " is not UTF-8: read as Windows-1252");
  return std::nullopt;
}

Result<FileSummary> CamtReader::run() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { xmlInitParser(); });
  std::string encoding;
  if (auto error = choose_encoding(encoding)) return *error;
  input_.source = &source_;
  // No network, no entity expansion beyond the predefined five; a DOCTYPE is refused below.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForIO(read_callback, close_callback, &input_, name_.c_str(),
                     encoding.empty() ? nullptr : encoding.c_str(), options));
  if (!reader) return make_error(name_, "cannot start the XML reader");
  xmlTextReaderSetStructuredErrorHandler(reader.get(), on_xml_error, &problem_);
  int status;
  while ((status = xmlTextReaderRead(reader.get())) == 1) {
    // The node's own line: the parser itself may already be further on.
    line_ = static_cast<int>(xmlGetLineNo(xmlTextReaderCurrentNode(reader.get())));
    std::optional<Error> error;
    switch (xmlTextReaderNodeType(reader.get())) {
      case XML_READER_TYPE_ELEMENT:
        error = start_element(reader.get());
        if (!error && xmlTextReaderIsEmptyElement(reader.get())) error = end_element();
        break;
      case XML_READER_TYPE_END_ELEMENT:
        error = end_element();
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
        if (!lengths_.empty()) text_ += view(xmlTextReaderConstValue(reader.get()));
        break;
      case XML_READER_TYPE_DOCUMENT_TYPE:
        error = fail("a DOCTYPE: camt files have none, and entities are not expanded");
        break;
      default:
        break;
    }
    if (error) return *error;
  }
  if (problem_) return fail_xml(*problem_);
  if (status < 0) {
    const std::string why = source_.error();
    return make_error(name_, why.empty() ? "not well-formed XML" : why);
  }
  if (!kind_) return make_error(name_, "empty file: no XML document in it");
  if (!message_seen_)
    return make_error(name_, "not a statement: the Document holds no " +
                                 std::string(kind_->message) + " (namespace " +
                                 std::string(to_string(kind_->format)) + ")");
  if (statement_count_ == 0)
    return make_error(name_, "not a statement: the " + std::string(kind_->message) +
                                 " holds a group header but no " + std::string(kind_->statement));
  return summary_.finish();
}

std::optional<Error> CamtReader::start_element(xmlTextReaderPtr reader) {
  const std::string_view name = view(xmlTextReaderConstLocalName(reader));
  const std::size_t depth = lengths_.size();
  if (depth == 0) {
    const std::string_view ns = view(xmlTextReaderConstNamespaceUri(reader));
    if (name != "Document")
      return fail("not a camt document: the root element is <" + std::string(name) +
                  ">, not <Document>");
    // "urn:iso:std:iso:20022:tech:xsd:camt.05" + 2/3/4 + ".001." + two-digit version.
    const bool camt = ns.size() == 46 &&
                      ns.substr(0, kNamespacePrefix.size()) == kNamespacePrefix &&
                      ns.substr(39, 5) == ".001." && ns[44] >= '0' && ns[44] <= '9' &&
                      ns[45] >= '0' && ns[45] <= '9';
    if (!camt || !kind_of(ns[38]))
      return fail("not a camt.052/053/054 document: its namespace is '" + std::string(ns) + "'");
    kind_ = kind_of(ns[38]);
    const int version = (ns[44] - '0') * 10 + (ns[45] - '0');
    if (version < 2 || version > 13)
      return fail("unsupported camt version " + std::string(ns.substr(40, 6)) + " (namespace '" +
                  std::string(ns) + "'); versions 001.02 to 001.13 are read");
    version_ = std::string(ns.substr(40, 6));
    summary_.set_format(kind_->format);
  } else if (depth == 1) {
    if (name != kind_->message)
      return fail("not a statement: the " + std::string(to_string(kind_->format)) +
                  " namespace holds <" + std::string(name) + ">, not <" +
                  std::string(kind_->message) + ">");
    message_seen_ = true;
  }
  lengths_.push_back(path_.size());
  path_ += '/';
  path_ += name;
  text_.clear();
  currency_attribute_.clear();
  if (name == "Amt" || name == "TtlAmt") {
    if (xmlChar* ccy = xmlTextReaderGetAttribute(reader, BAD_CAST "Ccy")) {
      currency_attribute_ = std::string(trim(view(ccy)));
      xmlFree(ccy);
    }
  }
  if (depth == 2 && name == kind_->statement) {
    statement_base_ = path_.size();
    ++statement_count_;
    statement_id_.clear();
    account_.clear();
    account_currency_.clear();
    summary_open_ = saw_entry_ = saw_opbd_ = false;
    return std::nullopt;
  }
  if (statement_base_ == 0) return std::nullopt;
  if (entry_) {
    open_entry_element(*entry_, std::string_view(path_).substr(entry_base_ + 1));
    return std::nullopt;
  }
  if (depth == 3) return start_statement_part(name);
  return std::nullopt;
}

std::optional<Error> CamtReader::begin_summary_statement() {
  if (summary_open_) return std::nullopt;
  if (statement_id_.empty())
    return fail(std::string(kind_->statement) + " " + std::to_string(statement_count_) +
                " has no Id before its balances and entries (missing, or fields out of order)");
  summary_.begin_statement(statement_id_);
  summary_open_ = true;
  return std::nullopt;
}

std::optional<Error> CamtReader::start_statement_part(std::string_view name) {
  if (name == "Ntry") {
    if (auto error = begin_summary_statement()) return error;
    if (account_.empty())
      return fail("statement " + statement_id_ +
                  ": an entry before the statement's account (Acct is missing, or fields are out "
                  "of order)");
    saw_entry_ = true;
    entry_base_ = path_.size();
    entry_.emplace();
    entry_->number = ++entry_count_;
    entry_->line = static_cast<std::uint64_t>(line_);
    content_ = ContentHash();
    return std::nullopt;
  }
  if (name == "Bal") {
    if (saw_entry_)
      return fail("statement " + statement_id_ +
                  ": a balance after the entries (fields out of order)");
    if (auto error = begin_summary_statement()) return error;
    balance_.emplace();
    balance_base_ = path_.size();
  }
  return std::nullopt;
}

std::optional<Error> CamtReader::end_element() {
  if (lengths_.empty()) return std::nullopt;
  std::optional<Error> error;
  const std::size_t length = path_.size();
  const std::string_view text = trim(text_);
  if (entry_ && length == entry_base_) {
    error = end_entry();
  } else if (entry_ && length > entry_base_) {
    const std::string_view path = std::string_view(path_).substr(entry_base_ + 1);
    if (!text.empty()) {
      content_.add(path);
      content_.add(text);
    }
    const FieldOutcome outcome = set_entry_field(*entry_, path, text_, currency_attribute_);
    if (!outcome.error.empty()) error = fail(outcome.error);
    if (outcome.extra_zero_decimals)
      summary_.warn("decimals", where() + std::string(path) + " '" + std::string(text) +
                                    "' is written with more than two decimals (whole cents)");
  } else if (balance_ && length == balance_base_) {
    error = end_balance();
  } else if (balance_ && length > balance_base_) {
    const std::string_view path = std::string_view(path_).substr(balance_base_ + 1);
    if (path == "Tp/CdOrPrtry/Cd") balance_->code = text;
    if (path == "CdtDbtInd") balance_->credit = text == "CRDT";
    if (path == "Amt") {
      auto amount = parse_feed_amount(text, ".");
      if (!amount)
        return fail("statement " + statement_id_ + ": balance " + amount.error().message);
      balance_->has_amount = true;
      balance_->cents = amount->cents;
      balance_->currency = currency_attribute_;
      if (amount->extra_zero_decimals)
        summary_.warn("decimals", "statement " + statement_id_ + ": balance Amt '" +
                                      std::string(text) +
                                      "' is written with more than two decimals (whole cents)");
    }
  } else if (statement_base_ != 0 && length == statement_base_) {
    error = end_statement();
  } else if (statement_base_ != 0 && length > statement_base_) {
    const std::string_view path = std::string_view(path_).substr(statement_base_ + 1);
    if (path == "Id") statement_id_ = text;
    if (path == "Acct/Id/IBAN" || (path == "Acct/Id/Othr/Id" && account_.empty()))
      account_ = normalize_code(text);
    if (path == "Acct/Ccy") account_currency_ = text;
  }
  path_.resize(lengths_.back());
  lengths_.pop_back();
  text_.clear();
  return error;
}

std::optional<Error> CamtReader::end_balance() {
  Balance balance = std::move(*balance_);
  balance_.reset();
  if (!balance.has_amount)
    return fail("statement " + statement_id_ + ": a balance (" + balance.code + ") without Amt");
  const Cents signed_cents = balance.credit.value_or(true) ? balance.cents : -balance.cents;
  const std::string currency = balance.currency.empty() ? account_currency_ : balance.currency;
  // The opening balance is OPBD; PRCD (the previous closing) stands in when OPBD is absent.
  if (balance.code == "OPBD" || (balance.code == "PRCD" && !saw_opbd_)) {
    summary_.set_opening(signed_cents, currency);
    saw_opbd_ = saw_opbd_ || balance.code == "OPBD";
  } else if (balance.code == "CLBD") {
    summary_.set_closing(signed_cents, currency);
  }
  return std::nullopt;
}

std::optional<Error> CamtReader::end_entry() {
  CamtEntry entry = std::move(*entry_);
  if (!entry.amount.present) return fail("the entry has no Amt");
  if (!entry.credit) return fail("the entry has no CdtDbtInd (CRDT or DBIT)");
  if (entry.amount.currency.empty()) entry.amount.currency = account_currency_;
  if (entry.amount.currency.size() != 3)
    return fail("the entry's Amt has no currency (no Ccy, and the account names none)");
  if (entry.status.empty()) entry.status = "BOOK";
  entry_.reset();
  if (auto error = summary_.add_entry(*entry.credit, entry.amount.cents, entry.amount.currency,
                                      entry.status == "BOOK", content_.value(), entry.number))
    return make_error(name_, "entry " + std::to_string(entry.number) + ": " + error->message);
  EntryContext context;
  context.format = kind_->format;
  context.version = version_;
  context.account = account_;
  context.statement_id = statement_id_;
  context.provisional = kind_->format != FileFormat::camt053;
  deliver_entry(entry, context, summary_, each_);
  return std::nullopt;
}

std::optional<Error> CamtReader::end_statement() {
  if (auto error = begin_summary_statement()) return error;
  if (account_.empty()) return fail("statement " + statement_id_ + " names no account (Acct/Id)");
  summary_.end_statement();
  statement_base_ = 0;
  return std::nullopt;
}

}  // namespace

Result<FileSummary> read_camt(ByteSource& source, const std::string& name,
                              const TransactionCallback& each) {
  CamtReader reader(source, name, each);
  return reader.run();
}

}  // namespace pinc::feeds
