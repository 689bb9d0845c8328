#!/usr/bin/env python3
"""Test-only oracle for `callsim roster`: the least cost of each covering problem, solved by
SciPy's `milp` (HiGHS), independently of callsim's GLPK program.

Reads JSON on stdin: {"problems": [{"templates": [{"starts": [h...], "hours": n, "cost": c}],
"required": [[24 ints] per centre], "pooled": [hours]}]} and prints {"costs": [optimum...]}.
The day is a cycle: a shift starting at s covers hours s, s+1, ... s+hours-1 (mod 24). In pooled
hours only the sum over the centres must be covered."""
import json
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


def optimum(problem):
    shifts = [(t["hours"], t["cost"], s) for t in problem["templates"] for s in t["starts"]]
    required = problem["required"]
    pooled = set(problem["pooled"])
    centres, n = len(required), len(shifts)
    costs = np.array([cost for _ in range(centres) for (_, cost, _) in shifts], dtype=float)
    rows, lower = [], []
    def covers(shift, hour):
        hours, _, start = shift
        return (hour - start) % 24 < hours
    for hour in range(24):
        if hour in pooled:
            need = sum(r[hour] for r in required)
            if need > 0:
                row = np.zeros(centres * n)
                for c in range(centres):
                    for j, shift in enumerate(shifts):
                        if covers(shift, hour):
                            row[c * n + j] = 1
                rows.append(row)
                lower.append(need)
        else:
            for c in range(centres):
                if required[c][hour] > 0:
                    row = np.zeros(centres * n)
                    for j, shift in enumerate(shifts):
                        if covers(shift, hour):
                            row[c * n + j] = 1
                    rows.append(row)
                    lower.append(required[c][hour])
    if not rows:
        return 0.0
    result = milp(costs, constraints=LinearConstraint(np.array(rows), lb=np.array(lower, dtype=float), ub=np.inf),
                  integrality=np.ones(centres * n), bounds=Bounds(0, np.inf))
    if not result.success:
        raise SystemExit(f"milp failed: {result.message}")
    return float(result.fun)


def main():
    problems = json.load(sys.stdin)["problems"]
    json.dump({"costs": [optimum(p) for p in problems]}, sys.stdout)


if __name__ == "__main__":
    main()
