#include "creditors.hpp"

#include <mutex>

#include "references.hpp"

namespace pinc {

CreditorRegistry::CreditorRegistry(Store& store, const Calendar& calendar, const RateTable& rates)
    : store_(store), calendar_(calendar), rates_(rates) {}

Result<std::shared_ptr<CreditorContext>> CreditorRegistry::build(CreditorInfo info) const {
  if (info.id.empty()) return make_error("id", "a creditor needs an id");
  if (info.id.find('/') != std::string::npos || info.id.find('\0') != std::string::npos)
    return make_error("id", "'" + info.id + "' may not contain '/'");
  if (info.name.empty()) return make_error("--name", "a creditor needs a name");
  auto iban = normalize_iban(info.iban, "--iban");
  if (!iban) return iban.error();
  info.iban = *iban;
  if (info.business_admin_costs_cents < 0)
    return make_error("--admin-costs", "must not be negative");
  if (!info.email.empty() && info.email.find('@') == std::string::npos)
    return make_error("--email", "'" + info.email + "' is not an e-mail address");
  auto context = std::make_shared<CreditorContext>();
  if (info.strategy_toml.empty()) {
    context->strategy = default_strategy();
  } else {
    auto strategy = parse_strategy(info.strategy_toml, "--strategy");
    if (!strategy) return strategy.error();
    context->strategy = std::move(*strategy);
  }
  info.strategy_name = context->strategy.name;
  context->info = std::move(info);
  context->decide.strategy = &context->strategy;
  context->decide.calendar = &calendar_;
  context->decide.rates = &rates_;
  if (context->info.vat_percent_hundredths > 0)
    context->decide.terms.vat_percent_hundredths = context->info.vat_percent_hundredths;
  context->decide.terms.business_admin_costs_cents = context->info.business_admin_costs_cents;
  return context;
}

Result<Done> CreditorRegistry::load() {
  auto rows = store_.scan_meta("creditor/");
  if (!rows) return rows.error();
  std::map<std::string, std::shared_ptr<const CreditorContext>> loaded;
  for (const auto& [key, value] : *rows) {
    auto record = records::decode_creditor(value);
    if (!record) return make_error(key, record.error().message);
    auto context = build(std::move(*record));
    if (!context) return make_error(key, context.error().to_string());
    loaded[(*context)->info.id] = std::move(*context);
  }
  std::unique_lock lock(mutex_);
  creditors_ = std::move(loaded);
  return Done{};
}

Result<Done> CreditorRegistry::add(CreditorInfo info) {
  auto context = build(std::move(info));
  if (!context) return context.error();
  auto stored = store_.put_meta("creditor/" + (*context)->info.id,
                                records::encode_creditor((*context)->info));
  if (!stored) return stored.error();
  std::unique_lock lock(mutex_);
  creditors_[(*context)->info.id] = std::move(*context);
  return Done{};
}

std::shared_ptr<const CreditorContext> CreditorRegistry::find(const std::string& id) const {
  std::shared_lock lock(mutex_);
  const auto found = creditors_.find(id);
  return found == creditors_.end() ? nullptr : found->second;
}

std::vector<CreditorInfo> CreditorRegistry::list() const {
  std::shared_lock lock(mutex_);
  std::vector<CreditorInfo> all;
  for (const auto& [id, context] : creditors_) all.push_back(context->info);
  return all;
}

std::vector<std::string> CreditorRegistry::receiving(const std::string& iban) const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& [id, context] : creditors_)
    if (context->info.iban == iban) ids.push_back(id);
  if (ids.empty())
    for (const auto& [id, context] : creditors_) ids.push_back(id);
  return ids;
}

}  // namespace pinc
