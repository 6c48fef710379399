"""Truth jet labels from Pythia 8's event record (the rule is documented in docs/truth-labels.md).

Every final-state particle gets the index of the primary quark whose jet it belongs to, or -1:
- primary quarks are the quarks (d, u, s, c, b) from the decay of a Z, H, W or top (status +-23);
- a shower parton takes the label of its first mother, so partons trace up the shower to a primary quark,
  and gluons radiated by a top quark before its decay take the label of the top's b quark;
- a primary hadron (status 81-86) takes the label of the string parton, among its mothers, that has the
  smallest opening angle to it;
- decay products take the label of their first mother;
- particles that trace back to the beams (ISR photons, beam remnants) and radiation off a Z, H or W get -1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

BOSON_IDS = {6, 23, 24, 25}  # top, Z, W, H
QUARK_IDS = {1, 2, 3, 4, 5}


@dataclass
class Record:
    """The columns of a Pythia event record that the labelling and the writer use."""

    pdg: list[int]
    status: list[int]
    mother1: list[int]
    mother2: list[int]
    px: list[float]
    py: list[float]
    pz: list[float]
    e: list[float]
    m: list[float]


def read_record(event) -> Record:
    """Copy the columns of a pythia8mc Event into Python lists (one pass over the record)."""
    columns = Record([], [], [], [], [], [], [], [], [])
    for particle in event.particles():
        columns.pdg.append(particle.id())
        columns.status.append(particle.status())
        columns.mother1.append(particle.mother1())
        columns.mother2.append(particle.mother2())
        columns.px.append(particle.px())
        columns.py.append(particle.py())
        columns.pz.append(particle.pz())
        columns.e.append(particle.e())
        columns.m.append(particle.m())
    return columns


@dataclass
class Truth:
    """Labels of one event: `labels[i]` for record entry i, plus the primary quarks and their bosons."""

    labels: list[int]
    partons: list[int] = field(default_factory=list)
    """Record indices of the primary quarks, in label order."""
    parton_boson: list[int] = field(default_factory=list)
    """For each primary quark, the index into `bosons` of the boson it comes from."""
    bosons: list[int] = field(default_factory=list)
    """Record indices of the decaying copies of the bosons (Z, H, W, t)."""
    boson_parent: list[int] = field(default_factory=list)
    """For each boson, the index into `bosons` of the boson it comes from (a W from a top), or -1."""


class TruthError(RuntimeError):
    """The event record does not have the expected primary quarks."""


def _top_copy(record: Record, i: int) -> int:
    """First entry of the chain of copies of entry i (copies share the PDG id and have one mother)."""
    while True:
        mother = record.mother1[i]
        if mother <= 0 or record.pdg[mother] != record.pdg[i] or record.mother2[i] not in (0, mother):
            return i
        i = mother


def find_primary_quarks(record: Record, expected: int) -> Truth:
    """Find the primary quarks and their bosons; raise TruthError unless there are `expected` of them."""
    truth = Truth(labels=[])
    boson_slot: dict[int, int] = {}
    for i, (pdg, status) in enumerate(zip(record.pdg, record.status)):
        if abs(status) != 23 or abs(pdg) not in QUARK_IDS:
            continue
        mother = record.mother1[i]
        if abs(record.pdg[mother]) not in BOSON_IDS:
            continue
        if mother not in boson_slot:
            boson_slot[mother] = len(truth.bosons)
            truth.bosons.append(mother)
        truth.partons.append(i)
        truth.parton_boson.append(boson_slot[mother])
    if len(truth.partons) != expected:
        raise TruthError(f"expected {expected} primary quarks but found {len(truth.partons)}")

    first_copies = {_top_copy(record, b): slot for b, slot in boson_slot.items()}
    for b in truth.bosons:
        parent = -1
        ancestor = record.mother1[_top_copy(record, b)]
        while ancestor > 0:
            top = _top_copy(record, ancestor)
            if top in first_copies:
                parent = first_copies[top]
                break
            ancestor = record.mother1[top]
        truth.boson_parent.append(parent)
    return truth


def _angle_cosine(record: Record, i: int, j: int) -> float:
    pi = math.sqrt(record.px[i] ** 2 + record.py[i] ** 2 + record.pz[i] ** 2)
    pj = math.sqrt(record.px[j] ** 2 + record.py[j] ** 2 + record.pz[j] ** 2)
    if pi == 0.0 or pj == 0.0:
        return -2.0
    return (record.px[i] * record.px[j] + record.py[i] * record.py[j] + record.pz[i] * record.pz[j]) / (pi * pj)


def label_record(record: Record, expected_quarks: int) -> Truth:
    """Label every entry of the record with its primary quark index (see the module docstring)."""
    truth = find_primary_quarks(record, expected_quarks)
    n = len(record.pdg)
    labels = [UNSET] * n
    labels[0] = -1
    for slot, i in enumerate(truth.partons):
        labels[i] = slot
    # Radiation off a Z, H or W belongs to no jet: every copy of those bosons gets -1.
    for b in truth.bosons:
        copy = b
        while copy > 0 and record.pdg[copy] == record.pdg[b] and abs(record.pdg[b]) != 6:
            labels[copy] = -1
            copy = record.mother1[copy]

    # Every copy of a top takes the label of the top's b quark, for the gluons the top radiates.
    for slot, i in enumerate(truth.partons):
        top = record.mother1[i]
        if abs(record.pdg[top]) != 6 or abs(record.pdg[i]) != 5:
            continue
        copy = top
        while copy > 0 and record.pdg[copy] == record.pdg[top]:
            labels[copy] = slot
            copy = record.mother1[copy]

    for i in range(n):
        _label(record, labels, i)
    truth.labels = labels
    return truth


UNSET = -2
IN_PROGRESS = -3


def _label(record: Record, labels: list[int], i: int) -> int:
    """Label of entry i, computed from its mothers and memoised in `labels`."""
    label = labels[i]
    if label == IN_PROGRESS:
        raise TruthError(f"the mother chain of record entry {i} loops back to itself")
    if label != UNSET:
        return label
    labels[i] = IN_PROGRESS
    mother = record.mother1[i]
    if 81 <= abs(record.status[i]) <= 86:
        label = _primary_hadron_label(record, labels, i)
    elif mother <= 0:
        label = -1
    else:
        label = _label(record, labels, mother)
    labels[i] = label
    return label


def _primary_hadron_label(record: Record, labels: list[int], hadron: int) -> int:
    """Label of the string parton (among the hadron's mothers) with the smallest opening angle to the hadron."""
    first, last = record.mother1[hadron], record.mother2[hadron]
    if last < first:
        last = first
    best_label, best_cosine = -1, -3.0
    for parton in range(first, last + 1):
        label = _label(record, labels, parton)
        cosine = _angle_cosine(record, hadron, parton)
        if cosine > best_cosine:
            best_label, best_cosine = label, cosine
    return best_label
