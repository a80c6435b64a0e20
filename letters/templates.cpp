#include "templates.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "builtin_templates.hpp"
#include "template_data.hpp"

namespace pinc::letters {

namespace fs = std::filesystem;
using kainjow::mustache::mustache;

struct Compiled {
  mustache subject, body;
};

namespace {

constexpr LetterKind kKinds[] = {LetterKind::reminder,
                                 LetterKind::final_notice,
                                 LetterKind::statutory_letter,
                                 LetterKind::promise_confirmation,
                                 LetterKind::arrangement_confirmation,
                                 LetterKind::hand_over_notice};
constexpr const char* kLanguages[] = {"nl", "en"};

bool is_letter_kind(std::string_view name) {
  return std::any_of(std::begin(kKinds), std::end(kKinds),
                     [&](LetterKind kind) { return to_string(kind) == name; });
}

// Letters are plain text (PDF and text/plain mail): nothing is HTML-escaped.
void plain(mustache& compiled) {
  compiled.set_custom_escape([](const std::string& text) { return text; });
}

std::shared_ptr<Compiled> compile(const std::string& subject, const std::string& body) {
  auto compiled = std::make_shared<Compiled>(Compiled{mustache{subject}, mustache{body}});
  plain(compiled->subject);
  plain(compiled->body);
  return compiled;
}

Result<std::pair<std::string, std::string>> split_template(std::string_view text,
                                                           const std::string& origin) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // an editor's UTF-8 BOM
  constexpr std::string_view kSubject = "Subject:";
  const std::size_t end_of_line = text.find('\n');
  std::string_view first = text.substr(0, end_of_line);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  if (first.substr(0, kSubject.size()) != kSubject)
    return make_error(origin, "line 1: expected 'Subject: ...'");
  std::string subject(first.substr(kSubject.size()));
  subject.erase(0, subject.find_first_not_of(' '));
  if (end_of_line == std::string_view::npos) return make_error(origin, "no body after the subject");
  std::string_view rest = text.substr(end_of_line + 1);
  const std::size_t blank_end = rest.find('\n');
  std::string_view blank = rest.substr(0, blank_end);
  if (!blank.empty() && blank.back() == '\r') blank.remove_suffix(1);
  if (!blank.empty()) return make_error(origin, "line 2: expected a blank line after the subject");
  std::string body(blank_end == std::string_view::npos ? "" : rest.substr(blank_end + 1));
  body.erase(std::remove(body.begin(), body.end(), '\r'), body.end());
  if (body.find_first_not_of(" \n\t") == std::string::npos)
    return make_error(origin, "the body is empty");
  return std::pair{std::move(subject), std::move(body)};
}

// Parses both parts once, so a broken template is refused at load, not when a letter is due.
Result<std::pair<std::string, std::string>> check_template(std::string_view text,
                                                           const std::string& origin) {
  auto parts = split_template(text, origin);
  if (!parts) return parts.error();
  for (const std::string* part : {&parts->first, &parts->second}) {
    mustache compiled{*part};
    if (!compiled.is_valid())
      return make_error(
          origin, (part == &parts->first ? "subject: " : "body: ") + compiled.error_message());
  }
  return parts;
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path.string(), "cannot be read");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<fs::path> sorted_entries(const fs::path& directory) {
  std::vector<fs::path> entries;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory))
    entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

// Loads DIR/<lang>/<kind>.mustache into `into`, keys prefixed with `prefix`.
template <class Map>
Result<bool> load_languages(const fs::path& directory, const std::string& prefix, Map& into,
                            bool skip_creditors) {
  for (const fs::path& language_dir : sorted_entries(directory)) {
    const std::string language = language_dir.filename().string();
    if (skip_creditors && language == "creditors") continue;
    if (!fs::is_directory(language_dir)) continue;  // a README beside the languages
    for (const fs::path& file : sorted_entries(language_dir)) {
      if (file.extension() != ".mustache") continue;
      const std::string kind = file.stem().string();
      if (!is_letter_kind(kind))
        return make_error(file.string(),
                          "'" + kind +
                              "' is not a letter kind (expected reminder, final_notice, "
                              "statutory_letter, promise_confirmation, "
                              "arrangement_confirmation or hand_over_notice)");
      auto text = read_file(file);
      if (!text) return text.error();
      auto parts = check_template(*text, file.string());
      if (!parts) return parts.error();
      into[prefix + language + "/" + kind] = {file.string(), parts->first, parts->second,
                                              compile(parts->first, parts->second)};
    }
  }
  return true;
}

// Template output tidied: no trailing spaces, no runs of blank lines left by sections that
// rendered nothing, no blank lines at either end.
std::string tidy(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    line.erase(line.find_last_not_of(" \t") + 1);
    const bool blank = line.empty();
    if (blank && (lines.empty() || lines.back().empty())) continue;
    lines.push_back(std::move(line));
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string result;
  for (const std::string& line : lines) {
    if (!result.empty()) result += '\n';
    result += line;
  }
  return result;
}

Result<std::string> render_part(mustache& compiled, const kainjow::mustache::data& values,
                                const std::string& origin) {
  std::string rendered = compiled.render(values);
  if (!compiled.is_valid()) return make_error(origin, compiled.error_message());
  return rendered;
}

}  // namespace

Result<TemplateSet> TemplateSet::load(const std::string& directory) {
  TemplateSet set;
  for (const char* language : kLanguages)
    for (LetterKind kind : kKinds) {
      const std::string key = std::string(language) + "/" + std::string(to_string(kind));
      const auto text = builtin_letter_template(language, to_string(kind));
      if (!text) return make_error("builtin:" + key, "missing from the build");
      auto parts = check_template(*text, "builtin:" + key);
      if (!parts) return parts.error();
      set.builtin_[key] = {"builtin:" + key, parts->first, parts->second,
                           compile(parts->first, parts->second)};
    }
  if (directory.empty()) return set;

  std::error_code error;
  if (!fs::is_directory(directory, error))
    return make_error(directory, "not a directory of letter templates");
  try {
    auto agency = load_languages(directory, "", set.agency_, true);
    if (!agency) return agency.error();
    const fs::path creditors = fs::path(directory) / "creditors";
    if (fs::is_directory(creditors)) {
      for (const fs::path& creditor_dir : sorted_entries(creditors)) {
        if (!fs::is_directory(creditor_dir)) continue;
        auto loaded = load_languages(creditor_dir, creditor_dir.filename().string() + "/",
                                     set.creditors_, false);
        if (!loaded) return loaded.error();
      }
    }
  } catch (const fs::filesystem_error& failure) {
    return make_error(failure.path1().string(), failure.code().message());
  }
  return set;
}

const TemplateSet::Source* TemplateSet::find(const std::string& creditor,
                                             const std::string& language,
                                             std::string_view kind) const {
  const std::string key = language + "/" + std::string(kind);
  if (auto it = creditors_.find(creditor + "/" + key); it != creditors_.end()) return &it->second;
  if (auto it = agency_.find(key); it != agency_.end()) return &it->second;
  if (auto it = builtin_.find(key); it != builtin_.end()) return &it->second;
  return nullptr;
}

Result<RenderedText> TemplateSet::render(const Letter& letter) const {
  const std::string_view kind = to_string(letter.kind);
  const Source* source = find(letter.creditor.id, letter.language, kind);
  if (!source) source = find(letter.creditor.id, "nl", kind);
  if (!source) return make_error(std::string(kind), "no template for this letter kind");
  const kainjow::mustache::data values = template_data(letter);
  std::lock_guard lock(*render_mutex_);
  auto subject = render_part(source->compiled->subject, values, source->origin);
  if (!subject) return subject.error();
  auto body = render_part(source->compiled->body, values, source->origin);
  if (!body) return body.error();
  return RenderedText{tidy(*subject), tidy(*body)};
}

}  // namespace pinc::letters
