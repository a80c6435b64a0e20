#pragma once
// Exact percentiles of a set of samples: sort and pick (nearest rank). Small and exact, which is
// all a bench of at most a few million samples needs.
#include <algorithm>
#include <cmath>
#include <vector>

namespace pinc::bench {

struct Percentiles {
  double p50 = 0, p99 = 0, p999 = 0, max = 0;
};

inline Percentiles percentiles(std::vector<double> samples) {
  Percentiles out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  auto rank = [&](double q) {
    const auto index = static_cast<std::size_t>(std::ceil(q * samples.size()));
    return samples[std::min(samples.size() - 1, index == 0 ? 0 : index - 1)];
  };
  out.p50 = rank(0.50);
  out.p99 = rank(0.99);
  out.p999 = rank(0.999);
  out.max = samples.back();
  return out;
}

}  // namespace pinc::bench
