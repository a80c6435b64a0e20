#pragma once
// The creditors a pincd serves, with their strategies parsed once. Read by every shard, changed by
// admins: guarded by a shared mutex. Persisted in the store's meta family ("creditor/<id>").
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "dossier.hpp"
#include "interest.hpp"
#include "records.hpp"
#include "store.hpp"
#include "strategy.hpp"

namespace pinc {

using CreditorInfo = records::CreditorRecord;

// What decide() needs for one creditor's dossiers; lives as long as the registry.
struct CreditorContext {
  CreditorInfo info;
  Strategy strategy;
  DecideContext decide;
};

class CreditorRegistry {
 public:
  CreditorRegistry(Store& store, const Calendar& calendar, const RateTable& rates);

  Result<Done> load();  // every creditor from the store
  // Validates (IBAN, strategy), stores durably, then makes it visible. Replaces one with the id.
  Result<Done> add(CreditorInfo info);
  std::shared_ptr<const CreditorContext> find(const std::string& id) const;
  std::vector<CreditorInfo> list() const;
  // The ids of the creditors whose IBAN is `iban`; every id when none is (a payment into the
  // agency's own account may be for any of them).
  std::vector<std::string> receiving(const std::string& iban) const;

 private:
  Result<std::shared_ptr<CreditorContext>> build(CreditorInfo info) const;

  Store& store_;
  const Calendar& calendar_;
  const RateTable& rates_;
  mutable std::shared_mutex mutex_;  // guards creditors_
  std::map<std::string, std::shared_ptr<const CreditorContext>> creditors_;
};

}  // namespace pinc
