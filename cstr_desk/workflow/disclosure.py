"""Small-number suppression that an outsider cannot undo (Manual §2.4 and process evaluation
Annex C/D: "Please replace low numbers 1,2,3,4 with an asterisk *").

Hiding 1 to 4 is not enough: a published table is a set of equations, and an outsider with
nothing but the file can solve them. So a `*` is only as good as what the rest of the file says
about it. The outsider's model, which the Notes sheet states in words:

* every figure is a whole number; a `*` is at least 1 (a 0 is always shown, and no 0 is ever
  hidden to protect another figure);
* a figure printed in several places (two groups, two sheets, the .xlsx and the .csv) is one
  number: it has one key;
* every `Relation` the return publishes holds: a group's lines add up to its total, a
  requirement sheet's figure is at most the overall sheet's, and so on (the return lists them).

`protect` hides 1 to 4, then audits: for each `*` it asks whether any other whole-number value
fits everything shown (integer linear programming with SciPy's HiGHS interface). Where none
does, the value can be worked out, and it hides one more figure: the smallest shown non-zero
figure in the equations around it whose hiding lets the `*` take another value (the smallest
of them when no single one does), and audits again, until every `*` can take at least two
values, i.e. its least and greatest possible values differ.

Two facts keep the audit small and always ending. Hiding one more figure only ever widens what
the others could be (the true values still fit), so a `*` found safe stays safe and only the
unsafe ones and the newly hidden ones are audited again. And once every non-zero figure around
a `*` is hidden, doubling all of them still fits (every relation is a sum equal to, or at most,
another sum), so a `*` can always be made safe.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SMALL = range(1, 5)
# How many candidate figures one solver call tries at once when choosing what else to hide.
_TRIES_PER_CALL = 8


@dataclass(frozen=True)
class Relation:
    """A fact anyone reading the return knows: sum(coefficient * figure) == 0 (`equal`) or
    <= 0. Figures are named by key."""

    terms: tuple[tuple[str, int], ...]
    equal: bool


def adds_up(lines: Iterable[str], total: str) -> Relation:
    """The lines add up to the total."""
    return Relation((*((key, 1) for key in lines), (total, -1)), equal=True)


def at_most(part: str, whole: str) -> Relation:
    return Relation(((part, 1), (whole, -1)), equal=False)


def at_most_sum(whole: str, parts: Iterable[str]) -> Relation:
    """`whole` is no more than the parts together (e.g. every case sentenced to a CSTR is on at
    least one requirement sheet)."""
    return Relation(((whole, 1), *((key, -1) for key in parts)), equal=False)


@dataclass(frozen=True)
class Protection:
    """Which figures are hidden, and why: `primary` are the counts 1 to 4, `secondary` the
    figures hidden so that no `*` can be worked out. Every `*` has passed the audit."""

    primary: frozenset[str]
    secondary: frozenset[str]

    @property
    def hidden(self) -> frozenset[str]:
        return self.primary | self.secondary


class AuditFailed(RuntimeError):
    """The solver did not answer; nothing is written rather than something unchecked."""


def protect(counts: Mapping[str, int], relations: Sequence[Relation]) -> Protection:
    """Hide 1 to 4, then more until the audit finds no `*` whose value can be worked out.
    `counts` is in the order the figures are laid out (ties go to the first)."""
    model = _Model(counts, relations)
    primary = frozenset(key for key, count in counts.items() if count in SMALL)
    hidden = set(primary)
    unsafe = model.unsafe(hidden, sorted(hidden, key=model.order.__getitem__))
    while unsafe:
        key = unsafe[0]
        extra = model.cover(key, hidden)
        hidden.add(extra)
        unsafe = model.unsafe(hidden, [*unsafe, extra])
    return Protection(primary, frozenset(hidden - primary))


class _Model:
    """The published relations over the figures, with the true counts: the audit's question for
    one `*` is whether a whole-number solution exists in which it differs from its true value."""

    def __init__(self, counts: Mapping[str, int], relations: Sequence[Relation]) -> None:
        self.counts = dict(counts)
        self.order = {key: index for index, key in enumerate(counts)}
        self.relations = list(relations)
        self.touching: dict[str, list[int]] = defaultdict(list)
        for index, relation in enumerate(self.relations):
            for key, _coefficient in relation.terms:
                self.touching[key].append(index)

    # --- the audit -----------------------------------------------------------------------

    def unsafe(self, hidden: set[str], keys: Iterable[str]) -> list[str]:
        """Those of `keys` (hidden) whose value follows from what is shown, in layout order.

        First one sweep per block of linked `*`: two solutions near the true values (pushed
        one way, then the other, with unequal weights so that lines of one sum move against
        each other); every figure either moves is safe. Only the rest get a programme each."""
        keys = sorted(set(keys), key=self.order.__getitem__)
        frozen = frozenset(hidden)
        blocks: dict[str, _Block] = {}
        for key in keys:
            if key not in blocks:
                block = self._block(key, frozen)
                blocks.update((member, block) for member in block.keys)
        asked = [blocks[key] for key in keys if blocks[key].entries]
        distinct = list({id(block): block for block in asked}.values())
        moved: set[str] = {key for key in keys if not blocks[key].entries}
        sweeps = [copy for block in distinct for copy in block.sweeps()]
        for copy, x in zip(sweeps, _solve(sweeps)):
            moved.update(copy.moved(x))
        left = [key for key in keys if key not in moved]
        return [key for key, free in zip(left, self._free([(k, blocks[k]) for k in left])) if not free]

    def cover(self, key: str, hidden: set[str]) -> str:
        """The figure to hide next for `key`: the smallest shown non-zero figure in the
        relations around its block of hidden figures whose hiding frees `key`; failing any,
        the smallest of them."""
        block = self._block(key, frozenset(hidden))
        candidates = sorted({other for index in block.rows
                             for other, _c in self.relations[index].terms
                             if other not in hidden and self.counts[other] > 0},
                            key=lambda other: (self.counts[other], self.order[other]))
        if not candidates:  # cannot happen (see the module's note); never hide silently less
            raise AuditFailed(f"no figure left to hide around {key}")
        for start in range(0, len(candidates), _TRIES_PER_CALL):
            tried = candidates[start:start + _TRIES_PER_CALL]
            trials = [(key, self._block(key, frozenset(hidden | {other}))) for other in tried]
            for other, free in zip(tried, self._free(trials)):
                if free:
                    return other
        return candidates[0]

    def _free(self, trials: list[tuple[str, _Block]]) -> list[bool]:
        """For each (figure, its block): can it take a whole-number value other than its own?"""
        copies = [(number, copy) for number, (key, block) in enumerate(trials)
                  for copy in block.tries(key)]
        free = [not block.entries for _key, block in trials]
        for (number, copy), x in zip(copies, _solve([c for _n, c in copies])):
            free[number] = free[number] or bool(copy.moved(x))
        return free

    def _block(self, key: str, hidden: frozenset[str]) -> _Block:
        """The hidden figures linked to `key` through relations (other hidden figures are
        independent of it), with those relations' rows, shown figures moved to the right."""
        members, rows, waiting = {key}, set(), [key]
        while waiting:
            for index in self.touching[waiting.pop()]:
                if index in rows:
                    continue
                rows.add(index)
                for other, _coefficient in self.relations[index].terms:
                    if other in hidden and other not in members:
                        members.add(other)
                        waiting.append(other)
        keys = sorted(members, key=self.order.__getitem__)
        column = {other: index for index, other in enumerate(keys)}
        entries: list[tuple[int, int, int]] = []
        low: list[float] = []
        high: list[float] = []
        for row, index in enumerate(sorted(rows)):
            relation = self.relations[index]
            constant = 0
            for other, coefficient in relation.terms:
                if other in hidden:
                    entries.append((row, column[other], coefficient))
                else:
                    constant -= coefficient * self.counts[other]
            low.append(constant if relation.equal else -float("inf"))
            high.append(constant)
        return _Block(keys, [self.counts[k] for k in keys], sorted(rows), entries, low, high)


@dataclass(frozen=True)
class _Block:
    """Linked hidden figures as integer-programme rows: every variable is a whole number of at
    least 1 (a `*` is never 0)."""

    keys: list[str]
    values: list[int]
    rows: list[int]
    entries: list[tuple[int, int, int]]
    low: list[float]
    high: list[float]

    def sweeps(self) -> list[_Copy]:
        # Unequal weights, so that two lines of one sum are pushed in opposite directions.
        weights = [1.0 + ((index * 2654435761) % 1000) / 1000 for index in range(len(self.keys))]
        lower = [max(1.0, v - 1.0) for v in self.values]
        upper = [v + 1.0 for v in self.values]
        return [_Copy(self, lower, upper, [-w for w in weights], None),
                _Copy(self, lower, upper, weights, None)]

    def tries(self, key: str) -> list[_Copy]:
        """The figure pushed one above its value and, unless it is 1, one below."""
        column = self.keys.index(key)
        value = float(self.values[column])
        size = len(self.keys)
        objective = [0.0] * size
        upper = [float("inf")] * size
        upper[column] = value + 1
        objective[column] = -1.0
        copies = [_Copy(self, [1.0] * size, upper, objective, column)]
        if value > 1:
            lower = [1.0] * size
            lower[column] = value - 1
            objective = [0.0] * size
            objective[column] = 1.0
            copies.append(_Copy(self, lower, [float("inf")] * size, objective, column))
        return copies


@dataclass(frozen=True)
class _Copy:
    """One copy of a block in the programme, with its own bounds and objective; `audited`
    is the one figure it asks about (None: a sweep, asking about all)."""

    block: _Block
    lower: list[float]
    upper: list[float]
    objective: list[float]
    audited: int | None

    def moved(self, x: Sequence[float]) -> list[str]:
        columns = range(len(x)) if self.audited is None else (self.audited,)
        return [self.block.keys[c] for c in columns if abs(x[c] - self.block.values[c]) > 0.5]


def _solve(copies: list[_Copy]) -> list[Sequence[float]]:
    """All copies, independent of each other, as one block-diagonal integer programme (one
    solver call); returns each copy's solution. The true values fit every copy and every
    copy is bounded, so the whole is feasible and bounded and its optimum is each copy's."""
    if not copies:
        return []
    import numpy as np  # imported here: SciPy takes a while to load and most months need none
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    rows, cols, data, low, high, lower, upper, objective = ([] for _ in range(8))
    starts = []
    row_base = col_base = 0
    for copy in copies:
        block = copy.block
        for r, c, coefficient in block.entries:
            rows.append(row_base + r)
            cols.append(col_base + c)
            data.append(coefficient)
        low += block.low
        high += block.high
        lower += copy.lower
        upper += copy.upper
        objective += copy.objective
        starts.append(col_base)
        row_base += len(block.low)
        col_base += len(block.keys)
    matrix = coo_array((np.array(data, dtype=float), (np.array(rows), np.array(cols))),
                       shape=(row_base, col_base)).tocsr()
    result = milp(np.array(objective), integrality=np.ones(col_base),
                  bounds=Bounds(np.array(lower), np.array(upper)),
                  constraints=LinearConstraint(matrix, np.array(low), np.array(high)),
                  # An exact optimum: a relative gap would let a copy stop at its true value.
                  options={"mip_rel_gap": 0.0, "presolve": True})
    if result.status != 0 or result.x is None:
        raise AuditFailed(result.message)
    return [result.x[start:start + len(copy.block.keys)] for start, copy in zip(starts, copies)]
