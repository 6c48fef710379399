"""Run FastJet's Durham (ee_kt) algorithm on JSON Lines events: the reference for jetcolor's clusterDurham.

Usage: python fastjet_durham.py [--strategy accurate|best] INPUT.jsonl OUTPUT.jsonl

Each input line is an event {"particles": [[px, py, pz, E], ...]} in GeV, optionally with "njets": [n, ...]
and "ycuts": [y, ...] that request exclusive jets. Each output line holds, for the event on the same line:

- "q": FastJet's Q, the sum of the input energies in GeV;
- "dmerge", "dmergeMax", "ymerge": exclusive_dmerge(n), exclusive_dmerge_max(n) and exclusive_ymerge(n) for
  n = 1 .. N-1;
- "exclusive": for each requested n, {"njets": n, "jets": [...]}, or {"njets": n, "error": message} when
  FastJet rejects n;
- "ycut": for each requested y, {"ycut": y, "njets": k, "jets": [...]}.

Jets are sorted by decreasing energy (fastjet.sorted_by_E), each as {"p": [px, py, pz, E], "constituents":
[input indices, ascending]}. The output goes to a file because FastJet prints its banner on standard output.

The default strategy "accurate" is FastJet's N2PlainEEAccurate. It computes 1 - cos(theta) from a cross
product for nearly collinear pairs, as jetcolor does. "best" is FastJet's default choice, which always uses
the dot product.
"""

import argparse
import json
import sys

import fastjet

# N2PlainEEAccurate is not re-exported by the top-level fastjet module, only by its SWIG binding.
import fastjet._swig as fastjet_swig

STRATEGIES = {"accurate": fastjet_swig.N2PlainEEAccurate, "best": fastjet_swig.Best}


def durham_definition(strategy_name):
    """Return the ee_kt JetDefinition with E-scheme recombination and the named strategy."""
    # The full constructor needs an R, which FastJet replaces by 4 for ee_kt, and 0 extra parameters.
    return fastjet_swig.JetDefinition(
        fastjet_swig.ee_kt_algorithm, 4.0, fastjet_swig.E_scheme, STRATEGIES[strategy_name], 0
    )


def jets_to_json(jets):
    """Convert PseudoJets to {"p", "constituents"} records, sorted by decreasing energy."""
    records = []
    for jet in fastjet.sorted_by_E(jets):
        constituents = sorted(c.user_index() for c in jet.constituents())
        records.append({"p": [jet.px(), jet.py(), jet.pz(), jet.E()], "constituents": constituents})
    return records


def cluster_event(event, definition):
    """Cluster one event and return its output record."""
    particles = []
    for index, (px, py, pz, e) in enumerate(event["particles"]):
        particle = fastjet.PseudoJet(px, py, pz, e)
        particle.set_user_index(index)
        particles.append(particle)
    sequence = fastjet_swig.ClusterSequence(particles, definition)
    n = len(particles)

    record = {
        "q": sequence.Q(),
        "dmerge": [sequence.exclusive_dmerge(k) for k in range(1, n)],
        "dmergeMax": [sequence.exclusive_dmerge_max(k) for k in range(1, n)],
        "ymerge": [sequence.exclusive_ymerge(k) for k in range(1, n)],
        "exclusive": [],
        "ycut": [],
    }
    for njets in event.get("njets", []):
        try:
            record["exclusive"].append({"njets": njets, "jets": jets_to_json(sequence.exclusive_jets(njets))})
        except fastjet_swig.FastJetError as error:
            record["exclusive"].append({"njets": njets, "error": str(error)})
    for ycut in event.get("ycuts", []):
        jets = sequence.exclusive_jets_ycut(ycut)
        record["ycut"].append({"ycut": ycut, "njets": len(jets), "jets": jets_to_json(jets)})
    return record


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strategy", choices=sorted(STRATEGIES), default="accurate")
    parser.add_argument("input", help="events, JSON Lines")
    parser.add_argument("output", help="FastJet results, JSON Lines, one line per event")
    args = parser.parse_args(argv)

    definition = durham_definition(args.strategy)
    with open(args.input, encoding="utf-8") as source, open(args.output, "w", encoding="utf-8") as sink:
        for line in source:
            if line.strip():
                sink.write(json.dumps(cluster_event(json.loads(line), definition)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
