#pragma once
// Questions about many dossiers, answered by scanning the store (on a worker thread, never on
// the RPC loop): a filtered page of the list, and the totals per stage.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store.hpp"

namespace pinc {

struct ListQuery {
  std::string stage, creditor;
  std::int32_t due_from = 0, due_to = 0;  // 0: no bound
  DossierId after = 0;
  std::uint32_t limit = 50;
};
struct ListPage {
  std::vector<DossierState> rows;
  bool more = true;
  DossierId next_after = 0;
};

// One page of dossiers in id order. The work per call is bounded: a filter that matches little
// answers with what it found in the first 50,000 dossiers, and says where to go on.
Result<ListPage> list_page(Store& store, const ListQuery& query);

// Dossiers and open amounts per stage as operators see it (side states over stages).
using StageTotals = std::map<std::string, std::pair<std::uint64_t, Cents>>;
Result<StageTotals> stage_totals(Store& store);

}  // namespace pinc
