// footprint: bytes on disk per dossier after compaction (pincd stopped with SIGTERM, the store
// opened with RocksStore and compacted), and pincd's resident memory per dormant dossier after a
// restart on it (VmRSS, also net of an empty pincd's).
#include <thread>

#include "bench.hpp"
#include "rocks_store.hpp"

namespace pinc::bench {

ScenarioResult run_footprint(Context& context) {
  ScenarioResult result;
  result.name = "footprint";
  const std::size_t n = context.book.size();
  // An empty pincd's memory, for the net figure.
  std::uint64_t empty_rss = 0;
  {
    PincdRunner empty(context.options.pincd, context.work_dir + "/empty", Context::kSimStart);
    empty.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    empty_rss = empty.resident_bytes();
    empty.stop();
  }
  PincdRunner& pincd = context.booked_pincd();
  pincd.stop();
  std::uint64_t disk = 0, disk_before = 0;
  {
    auto store = RocksStore::open(pincd.data_dir() + "/store");
    if (!store) throw std::runtime_error("footprint: " + store.error().to_string());
    disk_before = (*store)->disk_bytes();
    (*store)->compact();
    disk = (*store)->disk_bytes();
  }
  pincd.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const std::uint64_t rss = pincd.resident_bytes();
  const double net = rss > empty_rss ? static_cast<double>(rss - empty_rss) : 0.0;
  result.figures = {{"disk bytes/dossier (compacted)", fmt(static_cast<double>(disk) / n, 1)},
                    {"disk bytes/dossier (before)", fmt(static_cast<double>(disk_before) / n, 1)},
                    {"pincd RSS MiB (empty pincd)",
                     fmt(rss / 1048576.0, 1) + " (" + fmt(empty_rss / 1048576.0, 1) + ")"},
                    {"RSS bytes/dormant dossier", fmt(static_cast<double>(rss) / n, 1)},
                    {"RSS bytes/dossier net of empty", fmt(net / n, 1)}};
  result.json = {{"disk_bytes", disk},
                 {"disk_bytes_before_compaction", disk_before},
                 {"disk_bytes_per_dossier", static_cast<double>(disk) / n},
                 {"rss_bytes", rss},
                 {"empty_rss_bytes", empty_rss},
                 {"rss_bytes_per_dossier", static_cast<double>(rss) / n},
                 {"net_rss_bytes_per_dossier", net / n}};
  if (disk == 0) result.failures.push_back("the store measured 0 bytes on disk");
  return result;
}

}  // namespace pinc::bench
