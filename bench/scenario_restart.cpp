// restart: seconds from starting pincd on the N-dossier store to its first answered RPC, after a
// clean stop (SIGTERM) and after kill -9.
#include "bench.hpp"

namespace pinc::bench {

ScenarioResult run_restart(Context& context) {
  ScenarioResult result;
  result.name = "restart";
  PincdRunner& pincd = context.booked_pincd();
  const double stop_seconds = pincd.stop();
  const double after_clean = pincd.start();
  pincd.kill_hard();
  const double after_kill = pincd.start();
  result.figures = {{"SIGTERM to exit s", fmt(stop_seconds, 3)},
                    {"to first answer after clean stop s", fmt(after_clean, 3)},
                    {"to first answer after kill -9 s", fmt(after_kill, 3)}};
  result.json = {{"stop_seconds", stop_seconds},
                 {"after_clean_stop_seconds", after_clean},
                 {"after_kill9_seconds", after_kill}};
  if (!pincd.running()) result.failures.push_back("pincd is not running after the restarts");
  return result;
}

}  // namespace pinc::bench
