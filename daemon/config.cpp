#include "config.hpp"

#include <toml++/toml.h>
#include <set>

namespace pinc {

Result<DaemonConfig> apply_config_file(DaemonConfig config, std::string_view toml_text,
                                       const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path);
  } catch (const toml::parse_error& error) {
    return make_error(path, "line " + std::to_string(error.source().begin.line) + ": " +
                                std::string(error.description()));
  }
  static const std::set<std::string_view> kKeys = {
      "data",  "listen", "clock", "sim_start", "log",     "rates", "shards",
      "token", "drop",   "http",  "agency",    "letters", "smtp"};
  for (const auto& [key, value] : root)
    if (!kKeys.count(key.str()))
      return make_error(path, "unknown key '" + std::string(key.str()) + "'");
  auto text = [&](const char* key, std::string& into) -> std::optional<Error> {
    if (const toml::node* node = root.get(key)) {
      if (!node->is_string()) return make_error(path, std::string(key) + " must be a string");
      into = node->value<std::string>().value();
    }
    return std::nullopt;
  };
  for (auto [key, into] : {std::pair{"data", &config.data_dir},
                           {"listen", &config.listen},
                           {"clock", &config.clock},
                           {"sim_start", &config.sim_start},
                           {"rates", &config.rates_file},
                           {"drop", &config.drop_dir},
                           {"http", &config.http}})
    if (auto error = text(key, *into)) return *error;
  if (const toml::node* node = root.get("shards")) {
    const auto shards = node->value<std::int64_t>();
    if (!shards || *shards < 1 || *shards > 64) return make_error(path, "shards must be 1..64");
    config.shards = static_cast<std::size_t>(*shards);
  }
  if (const toml::table* log = root["log"].as_table()) {
    config.log_level = (*log)["level"].value_or(config.log_level);
    config.log_file = (*log)["file"].value_or(config.log_file);
  }
  // Sections of strings: every key known, every value a string.
  using Fields = std::initializer_list<std::pair<const char*, std::string*>>;
  auto section = [&](const char* name, Fields fields) -> std::optional<Error> {
    const toml::node* node = root.get(name);
    if (!node) return std::nullopt;
    const toml::table* table = node->as_table();
    if (!table) return make_error(path, std::string(name) + " must be a table");
    for (const auto& [key, value] : *table) {
      std::string* into = nullptr;
      for (const auto& [field, target] : fields)
        if (key.str() == field) into = target;
      if (!into) {
        if (std::string_view(name) == "smtp" &&
            (key.str() == "retry_ms" || key.str() == "max_attempts" || key.str() == "require_tls"))
          continue;
        if (std::string_view(name) == "letters" && key.str() == "letters_per_file") continue;
        return make_error(path,
                          "unknown key '" + std::string(name) + "." + std::string(key.str()) + "'");
      }
      if (!value.is_string())
        return make_error(path,
                          std::string(name) + "." + std::string(key.str()) + " must be a string");
      *into = value.value<std::string>().value();
    }
    return std::nullopt;
  };
  letters::Agency& agency = config.agency;
  if (auto error = section("agency", {{"name", &agency.name},
                                      {"registration", &agency.registration},
                                      {"street", &agency.address.street},
                                      {"postcode", &agency.address.postcode},
                                      {"city", &agency.address.city},
                                      {"country", &agency.address.country},
                                      {"phone", &agency.phone},
                                      {"email", &agency.email},
                                      {"website", &agency.website}}))
    return *error;
  if (auto error = section(
          "letters", {{"templates", &config.templates_dir}, {"print_dir", &config.print_dir}}))
    return *error;
  if (const toml::node* node = root["letters"]["letters_per_file"].node()) {
    const auto letters = node->value<std::int64_t>();
    if (!letters || *letters < 1 || *letters > 1000)
      return make_error(path, "letters.letters_per_file must be 1..1000");
    config.letters_per_file = static_cast<std::size_t>(*letters);
  }
  if (auto error = section("smtp", {{"url", &config.smtp.url},
                                    {"username", &config.smtp.username},
                                    {"password", &config.smtp.password}}))
    return *error;
  if (const toml::table* smtp = root["smtp"].as_table()) {
    if (const toml::node* node = smtp->get("retry_ms")) {
      const auto ms = node->value<std::int64_t>();
      if (!ms || *ms < 10 || *ms > 86'400'000)
        return make_error(path, "smtp.retry_ms must be 10..86400000");
      config.smtp_retry_ms = *ms;
    }
    if (const toml::node* node = smtp->get("max_attempts")) {
      const auto attempts = node->value<std::int64_t>();
      if (!attempts || *attempts < 1 || *attempts > 100)
        return make_error(path, "smtp.max_attempts must be 1..100");
      config.smtp_max_attempts = static_cast<std::uint32_t>(*attempts);
    }
    if (const toml::node* node = smtp->get("require_tls")) {
      if (!node->is_boolean()) return make_error(path, "smtp.require_tls must be true or false");
      config.smtp.require_tls = node->value<bool>().value();
    }
  }
  if (const toml::array* tokens = root["token"].as_array()) {
    for (std::size_t i = 0; i < tokens->size(); ++i) {
      const std::string where = path + ": token " + std::to_string(i + 1);
      const toml::table* token = tokens->get(i)->as_table();
      if (!token) return make_error(where, "must be a table");
      const std::string hash = (*token)["sha256"].value_or(std::string());
      if (hash.size() != 64) return make_error(where, "sha256 must be 64 hex digits");
      auto role = parse_role((*token)["role"].value_or(std::string()), where + " role");
      if (!role) return role.error();
      config.tokens.push_back({hash, *role, (*token)["name"].value_or(std::string())});
    }
  }
  return config;
}

}  // namespace pinc
