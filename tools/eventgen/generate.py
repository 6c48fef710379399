"""Generate e+e- events with Pythia 8 and write them, with truth jet labels, as gzipped HepMC3 Asciiv3.

Example:
    python tools/eventgen/generate.py --process zhh --events 1000 --seed 1 --out zhh.hepmc3.gz --jobs 2

Events are produced in chunks of --chunk events, and chunk c runs its own Pythia with the seed
1000 * SEED + c. The output therefore depends on --seed and --chunk but not on --jobs.
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import pythia8mc  # noqa: E402

from hepmc3_writer import FILE_FOOTER, EventInfo, file_header, fill_cross_section, format_event  # noqa: E402
from lhe_zhh import write_zhh_lhe, zhh_parameters_from_pythia  # noqa: E402
from processes import COMMON_SETTINGS, PROCESSES, isr_settings  # noqa: E402
from truth import TruthError, label_record, read_record  # noqa: E402

TOOL_NAME = "jetcolor-eventgen"
TOOL_VERSION = "0.1.0"
MAX_SEED = 899_999  # Pythia accepts seeds up to 900,000,000 and a chunk seed is 1000 * SEED + chunk
MAX_CHUNKS = 1000
MAX_FAILURE_FRACTION = 0.1  # a chunk aborts when more than this fraction of Pythia's next() calls fail
LHE_MARGIN = 1.1  # Les Houches events written per requested event, covering events Pythia rejects


@dataclass(frozen=True)
class Chunk:
    process: str
    sqrt_s: float
    isr: bool
    first_event: int
    events: int
    seed: int
    digits: int


def _make_pythia(chunk: Chunk, lhe_path: str | None):
    process = PROCESSES[chunk.process]
    pythia = pythia8mc.Pythia("", False)
    settings = [*COMMON_SETTINGS, *process.settings, *isr_settings(chunk.isr), f"Random:seed = {chunk.seed}"]
    if lhe_path is None:
        settings.append(f"Beams:eCM = {chunk.sqrt_s}")
    else:
        settings += ["Beams:frameType = 4", f"Beams:LHEF = {lhe_path}"]
    for line in settings:
        if not pythia.readString(line):
            raise RuntimeError(f"Pythia rejected the setting {line!r}")
    return pythia


def generate_chunk(chunk: Chunk) -> tuple[str, int, float]:
    """Generate one chunk; return its Asciiv3 event lines, the number of failed next() calls and the seconds."""
    start = time.perf_counter()
    process = PROCESSES[chunk.process]
    sys.setrecursionlimit(20_000)
    with tempfile.TemporaryDirectory(prefix="jetcolor-eventgen-") as workdir:
        lhe_path = None
        if process.uses_lhe:
            lhe_path = os.path.join(workdir, "hard.lhe")
            # The Les Houches writer reads masses and branching fractions from a Pythia instance.
            parameters = zhh_parameters_from_pythia(pythia8mc.Pythia("", False), chunk.sqrt_s, chunk.isr)
            write_zhh_lhe(lhe_path, parameters, int(chunk.events * LHE_MARGIN) + 20, chunk.seed)
        pythia = _make_pythia(chunk, lhe_path)
        if not pythia.init():
            raise RuntimeError(f"Pythia initialisation failed for process {chunk.process}")
        out: list[str] = []
        failures = 0
        while len(out) < chunk.events:
            if not pythia.next():
                if pythia.infoPython().atEndOfFile():
                    raise RuntimeError("the Les Houches file ran out of events; raise LHE_MARGIN")
                failures += 1
                if failures > MAX_FAILURE_FRACTION * chunk.events + 10:
                    raise RuntimeError(f"Pythia failed {failures} times in a chunk of {chunk.events} events")
                continue
            record = read_record(pythia.event)
            try:
                truth = label_record(record, process.primary_quarks)
            except TruthError as error:
                raise RuntimeError(f"event {chunk.first_event + len(out)}: {error}") from error
            event_info = EventInfo(
                number=chunk.first_event + len(out),
                process=chunk.process,
                sqrt_s=chunk.sqrt_s,
                isr=chunk.isr,
            )
            out.append(format_event(record, truth, event_info, chunk.digits))
        info = pythia.infoPython()  # a snapshot of Pythia's Info, so taken after the last event
        text = fill_cross_section(
            "".join(out), info.sigmaGen() * 1e9, info.sigmaErr() * 1e9, info.nAccepted(), info.nTried()  # mb to pb
        )
    return text, failures, time.perf_counter() - start


def _parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--process", required=True, choices=sorted(PROCESSES), help="process to generate")
    parser.add_argument("--events", required=True, type=int, help="number of events to write")
    parser.add_argument("--seed", required=True, type=int, help=f"random seed, 0 to {MAX_SEED}")
    parser.add_argument("--out", required=True, help="output file; gzip-compressed when it ends in .gz")
    parser.add_argument("--sqrts", type=float, help="centre-of-mass energy in GeV (default: per process)")
    parser.add_argument("--isr", choices=["on", "off"], default="on", help="photon ISR from the beams (default on)")
    parser.add_argument("--jobs", type=int, default=1, help="parallel worker processes (default 1)")
    parser.add_argument("--chunk", type=int, default=500, help="events per Pythia run (default 500)")
    parser.add_argument("--digits", type=int, default=12, help="significant digits of momenta (default 12)")
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error(f"--events must be at least 1 but is {args.events}")
    if not 0 <= args.seed <= MAX_SEED:
        parser.error(f"--seed must be in 0..{MAX_SEED} but is {args.seed}")
    if args.jobs < 1 or args.chunk < 1:
        parser.error(f"--jobs and --chunk must be at least 1 but are {args.jobs} and {args.chunk}")
    if -(-args.events // args.chunk) > MAX_CHUNKS:
        parser.error(f"--events / --chunk must not exceed {MAX_CHUNKS} chunks: raise --chunk")
    if not 6 <= args.digits <= 17:
        parser.error(f"--digits must be in 6..17 but is {args.digits}")
    return args


def main(argv: list[str]) -> int:
    args = _parse_arguments(argv)
    process = PROCESSES[args.process]
    sqrt_s = args.sqrts if args.sqrts is not None else process.default_sqrt_s
    isr = args.isr == "on"
    chunks = [
        Chunk(args.process, sqrt_s, isr, first, min(args.chunk, args.events - first), 1000 * args.seed + c, args.digits)
        for c, first in enumerate(range(0, args.events, args.chunk))
    ]
    version = pythia8mc.Pythia("", False).settings.parm("Pythia:versionNumber")
    description = f"Pythia {version:.3f}: {process.description}"
    opener = gzip.open if args.out.endswith(".gz") else open
    start = time.perf_counter()
    failures = 0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    partial = f"{args.out}.{os.getpid()}.partial"  # unique, so concurrent runs never share it
    with opener(partial, "wt", encoding="ascii") as handle:
        handle.write(file_header(TOOL_NAME, TOOL_VERSION, description))
        if args.jobs == 1:
            results = map(generate_chunk, chunks)
            for text, failed, _ in results:
                handle.write(text)
                failures += failed
        else:
            with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
                for text, failed, _ in pool.imap(generate_chunk, chunks):
                    handle.write(text)
                    failures += failed
        handle.write(FILE_FOOTER)
    os.replace(partial, args.out)
    seconds = time.perf_counter() - start
    print(
        f"{args.process}: wrote {args.events} events to {args.out} in {seconds:.1f} s "
        f"({args.events / seconds:.1f} events/s with {args.jobs} job(s)); {failures} Pythia failures skipped",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
