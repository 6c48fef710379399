// Times FastJet's Durham (ee_kt) clustering in C++: the reference for `npm run bench:durham`.
//
// Usage: fastjet_durham_bench EVENTS REPETITIONS STRATEGY
//
// EVENTS is a text file with one event after another: a line with the particle count N, then N lines
// "px py pz E" in GeV. STRATEGY is "best" (FastJet's default choice, the plain dot product for 1 - cos theta)
// or "accurate" (N2PlainEEAccurate). For each event the program constructs the ClusterSequence REPETITIONS
// times and prints one line "N seconds_per_clustering dmerge_sum", in CPU seconds of the process. Only the
// construction is timed, which is the whole clustering. Building the input PseudoJets and reading results are not. dmerge_sum, the sum of
// exclusive_dmerge(n) for n = 1..N-1, lets the caller check that both sides clustered the same events.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <ctime>
#include <vector>

#include "fastjet/ClusterSequence.hh"

// CPU time of this process in seconds. On a shared machine it varies less than wall-clock time.
static double cpu_seconds() {
  timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + 1e-9 * now.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " EVENTS REPETITIONS best|accurate\n";
    return 2;
  }
  std::ifstream input(argv[1]);
  if (!input) {
    std::cerr << "failed to open " << argv[1] << "\n";
    return 2;
  }
  const int repetitions = std::stoi(argv[2]);
  const std::string strategy_name = argv[3];
  if (strategy_name != "best" && strategy_name != "accurate") {
    std::cerr << "unknown strategy " << strategy_name << ": expected best or accurate\n";
    return 2;
  }
  const fastjet::Strategy strategy =
      strategy_name == "accurate" ? fastjet::N2PlainEEAccurate : fastjet::Best;
  const fastjet::JetDefinition definition(fastjet::ee_kt_algorithm, fastjet::E_scheme, strategy);

  // FastJet prints its banner at the first clustering unless it was printed before, so print it now.
  fastjet::ClusterSequence::print_banner();

  int n;
  while (input >> n) {
    std::vector<fastjet::PseudoJet> particles;
    particles.reserve(n);
    for (int i = 0; i < n; i++) {
      double px, py, pz, e;
      input >> px >> py >> pz >> e;
      particles.emplace_back(px, py, pz, e);
    }

    // An untimed clustering first, for the checksum and to warm the caches.
    double dmerge_sum = 0;
    {
      const fastjet::ClusterSequence sequence(particles, definition);
      for (int k = 1; k < n; k++) dmerge_sum += sequence.exclusive_dmerge(k);
    }

    const double start = cpu_seconds();
    for (int r = 0; r < repetitions; r++) {
      const fastjet::ClusterSequence sequence(particles, definition);
    }
    const double seconds = (cpu_seconds() - start) / repetitions;
    std::printf("%d %.9e %.17g\n", n, seconds, dmerge_sum);
  }
  return 0;
}
