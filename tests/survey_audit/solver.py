"""A small layer over SciPy's HiGHS `milp`: named variables, constraints grouped in blocks, and
bounds of one expression over the blocks that matter.

Each constraint belongs to a block (the respondent profile of a dimension, one score table):
`bounds()` solves over the chosen blocks only, which is what makes a few thousand solves per
administration affordable; `tests/survey_audit/attack.py` checks the answer against the blocks
left out.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

INF = math.inf
OPTIONS = {"mip_rel_gap": 0.0, "presolve": True}


@dataclass
class Variable:
    name: object
    low: float
    high: float
    integer: bool


@dataclass
class System:
    """Variables and linear constraints `low <= Σ coef·var <= high`, each tagged with a block."""

    variables: list = field(default_factory=list)
    index: dict = field(default_factory=dict)
    constraints: list = field(default_factory=list)  # (block, {var index: coef}, low, high)
    solves: int = 0
    _cache: dict = field(default_factory=dict)

    def var(self, name, low=0.0, high=INF, integer=True):
        self._cache.clear()
        if name in self.index:
            raise ValueError(f"variable {name!r} defined twice")
        self.index[name] = len(self.variables)
        self.variables.append(Variable(name, low, high, integer))
        return name

    def has(self, name):
        return name in self.index

    def tighten(self, name, low=-INF, high=INF):
        self._cache.clear()
        v = self.variables[self.index[name]]
        v.low, v.high = max(v.low, low), min(v.high, high)

    def add(self, block, terms, low=-INF, high=INF):
        """`terms`: {name: coef}; a constant term uses the name None."""
        self._cache.clear()
        constant = terms.get(None, 0.0)
        coefs = {self.index[name]: coef for name, coef in terms.items() if name is not None and coef}
        self.constraints.append((block, coefs, low - constant, high - constant))

    def _subsystem(self, blocks, fixed):
        key = frozenset(blocks)
        if key not in self._cache:
            self._cache[key] = self._build(key)
        used, local, matrix, low, high, lows, highs, integrality = self._cache[key]
        if fixed:
            lows, highs = lows.copy(), highs.copy()
            for name, value in fixed.items():
                i = self.index[name]
                if i in local:
                    lows[local[i]] = highs[local[i]] = value
        return used, local, matrix, low, high, lows, highs, integrality

    def _build(self, blocks):
        rows = [c for c in self.constraints if c[0] in blocks]
        used = sorted({i for _, coefs, _, _ in rows for i in coefs})
        local = {i: j for j, i in enumerate(used)}
        data, cols, indptr, low, high = [], [], [0], [], []
        for _, coefs, lo, hi in rows:
            for i, coef in coefs.items():
                data.append(coef)
                cols.append(local[i])
            indptr.append(len(data))
            low.append(lo)
            high.append(hi)
        lows = np.array([self.variables[i].low for i in used], dtype=float)
        highs = np.array([self.variables[i].high for i in used], dtype=float)
        matrix = csr_matrix((data, cols, indptr), shape=(len(rows), len(used)))
        integrality = np.array([1 if self.variables[i].integer else 0 for i in used])
        return used, local, matrix, np.array(low), np.array(high), lows, highs, integrality

    def optimum(self, objective, blocks, maximize=False, fixed=None, extra=()):
        """(value, {name: value}) of the optimum of `objective` ({name: coef}) over `blocks`, or
        None when infeasible. `extra`: more (terms, low, high) constraints for this solve only."""
        used, local, matrix, low, high, lows, highs, integrality = self._subsystem(set(blocks), fixed)
        for terms, *_ in extra:
            for name in terms:
                if name is not None and self.index[name] not in local:
                    raise ValueError(f"{name!r} is not in the chosen blocks")
        c = np.zeros(len(used))
        for name, coef in objective.items():
            c[local[self.index[name]]] += -coef if maximize else coef
        constraints = [LinearConstraint(matrix, low, high)] if matrix.shape[0] else []
        for terms, lo, hi in extra:
            row = np.zeros(len(used))
            constant = terms.get(None, 0.0)
            for name, coef in terms.items():
                if name is not None:
                    row[local[self.index[name]]] += coef
            constraints.append(LinearConstraint(row, lo - constant, hi - constant))
        self.solves += 1
        bounds = Bounds(lows, highs)
        result = milp(c, integrality=integrality, bounds=bounds, constraints=constraints, options=OPTIONS)
        if result.status == 2:
            return None
        if result.status != 0:
            raise RuntimeError(f"HiGHS did not finish: {result.message}")
        value = -result.fun if maximize else result.fun
        return value, {self.variables[i].name: result.x[local[i]] for i in used}

    def check(self, values, blocks, tolerance=1e-6):
        """Constraints of `blocks` that `values` ({name: value}) breaks, as readable strings."""
        broken = []
        for block, coefs, low, high in self.constraints:
            if block not in blocks:
                continue
            total = sum(coef * values[self.variables[i].name] for i, coef in coefs.items())
            if total < low - tolerance or total > high + tolerance:
                names = {self.variables[i].name: coef for i, coef in coefs.items()}
                broken.append(f"{block}: {low} <= {names} = {total} <= {high}")
        for v in self.variables:
            if v.name in values and not (v.low - tolerance <= values[v.name] <= v.high + tolerance):
                broken.append(f"{v.name}: {v.low} <= {values[v.name]} <= {v.high}")
        return broken
