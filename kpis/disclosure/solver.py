"""What a reader can work out about hidden counts, exactly: a small integer program (HiGHS).

The reader knows every shown count, that a "<N" cell holds 1..N-1, that an "x" cell holds N or
more, and every sum shown (constraints: sum of +1/-1 times cells between lo and hi). For each
cell asked, the least and the greatest whole number it can hold under all of that together is
its interval; a cell whose interval is one value is pinned. Unlike bounds passed from one sum
to the next, this combines every sum at once (7 decisions minus 5 light minus 0 heavy).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import highspy
import numpy as np

INF = highspy.kHighsInf


def exact_bounds(values: Mapping, constraints: Iterable, hidden: Mapping, asked: Iterable) -> dict:
    """{cell: (least, greatest)} for each cell of `asked` (keys of `hidden`).

    values: {cell: count}, the shown cells' counts (hidden cells' own values are not used);
    constraints: objects with .terms ((cell, +1 | -1), ...), .lo and .hi;
    hidden: {cell: (lo, hi)} what the reader knows of each hidden cell (hi None: no bound).
    A greatest value without bound is returned as None."""
    index = {key: i for i, key in enumerate(hidden)}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for key in hidden:
        lo, hi = hidden[key]
        h.addVar(float(lo), INF if hi is None else float(hi))
    if index:
        columns = np.arange(len(index), dtype=np.int32)
        h.changeColsIntegrality(len(index), columns, np.array([highspy.HighsVarType.kInteger] * len(index)))
    for c in constraints:
        terms = [(index[k], a) for k, a in c.terms if k in index]
        if not terms:
            continue
        known = sum(a * int(values[k]) for k, a in c.terms if k not in index)
        h.addRow(float(c.lo - known), float(c.hi - known), len(terms),
                 np.array([i for i, _ in terms], dtype=np.int32), np.array([float(a) for _, a in terms]))
    out = {}
    for key in asked:
        i = index[key]
        h.changeColCost(i, 1.0)
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            h.changeObjectiveSense(sense)
            h.run()
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                ends.append(round(h.getInfo().objective_function_value))
            elif status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
                ends.append(None)
            else:  # infeasible cannot happen for the true counts; keep the cell's own interval
                ends.append(hidden[key][0] if sense == highspy.ObjSense.kMinimize else hidden[key][1])
        h.changeColCost(i, 0.0)
        out[key] = (ends[0], ends[1])
    return out
