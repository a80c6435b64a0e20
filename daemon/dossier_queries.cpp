#include "dossier_queries.hpp"

#include "rpc_support.hpp"

namespace pinc {

using rpc::day;

Result<ListPage> list_page(Store& store, const ListQuery& query) {
  ListPage page;
  page.next_after = query.after;
  for (int batch = 0; batch < 50 && page.rows.size() < query.limit; ++batch) {
    auto states = store.scan_states(page.next_after, 1000);
    if (!states) return states.error();
    if (states->empty()) {
      page.more = false;
      break;
    }
    for (DossierState& state : *states) {
      page.next_after = state.id;
      if (!query.stage.empty() && display_stage(state) != query.stage &&
          to_string(state.stage) != query.stage)
        continue;
      if (!query.creditor.empty() && state.creditor != query.creditor) continue;
      const std::int32_t due = day(latest_due_date(state));
      if (query.due_from != 0 && due < query.due_from) continue;
      if (query.due_to != 0 && due > query.due_to) continue;
      page.rows.push_back(std::move(state));
      if (page.rows.size() == query.limit) break;
    }
  }
  return page;
}

Result<StageTotals> stage_totals(Store& store) {
  StageTotals totals;
  DossierId after = 0;
  for (;;) {
    auto states = store.scan_states(after, 1000);
    if (!states) return states.error();
    if (states->empty()) return totals;
    for (const DossierState& state : *states) {
      after = state.id;
      auto& [count, open] = totals[std::string(display_stage(state))];
      ++count;
      open += open_cents(state);
    }
  }
}

}  // namespace pinc
