#pragma once
// The letter texts: mustache templates per agency, overridable per creditor, Dutch by default and
// English where the debtor asked for it. A template file reads
//
//   Subject: <the e-mail subject and the PDF's "Betreft" line>
//   <blank line>
//   <the body: paragraphs separated by blank lines; a line starting with "- " is a list item>
//
// The values a template may use are listed in data/letters/README.md. The claim specification is
// not part of any template: specification.hpp appends it to every letter.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "letter.hpp"
#include "result.hpp"

namespace pinc::letters {

struct RenderedText {
  std::string subject;
  std::string body;  // paragraphs separated by one blank line, no trailing newline
};

struct Compiled;  // a template parsed by kainjow mustache (templates.cpp)

class TemplateSet {
 public:
  // Reads every template under `directory` and checks it; "" gives the built-in texts only.
  // Layout: DIR/<lang>/<kind>.mustache (the agency's own texts) and
  // DIR/creditors/<creditor-id>/<lang>/<kind>.mustache (one creditor's texts). A file that does not
  // parse, or is not named after a letter kind, is an Error naming the file and the problem.
  static Result<TemplateSet> load(const std::string& directory);

  // The creditor's text, else the agency's, else the built-in one; a language without any text
  // falls back to Dutch.
  Result<RenderedText> render(const Letter& letter) const;

 private:
  struct Source {
    std::string origin;  // the file, or "builtin:<lang>/<kind>", for error messages
    std::string subject, body;
    // Parsed once at load: a print batch renders thousands of letters.
    std::shared_ptr<Compiled> compiled;
  };
  const Source* find(const std::string& creditor, const std::string& language,
                     std::string_view kind) const;

  // Keyed "<lang>/<kind>" for the agency and "<creditor>/<lang>/<kind>" for creditors.
  std::map<std::string, Source, std::less<>> builtin_, agency_, creditors_;
  // kainjow's render is not const (it keeps an error state): one render at a time.
  std::shared_ptr<std::mutex> render_mutex_ = std::make_shared<std::mutex>();
};

}  // namespace pinc::letters
