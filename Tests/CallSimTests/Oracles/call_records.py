#!/usr/bin/env python3
"""Writes call records the way a telephone switch would, from a known model, so that callsim's `fit`
command can be tested against the truth. It is a small discrete-event simulation of its own (heapq);
it neither imports nor calls callsim. Python 3.11 standard library only.

    python3 call_records.py --out calls.csv --truth truth.json [--seed 1] [--weeks 12]
                            [--columns ours|other] [--start 2024-01-01T00:00:00+02:00]
                            [--no-capacity | --sud-capacity N]

The model (every number is in TRUTH below and is written to truth.json):
  * Three centres, each its own FCFS queue, local routing, consoles on shift 24/7.
  * First attempts: non-homogeneous Poisson, rate = calls_per_day/86400 x daily_profile[local hour]
    x weekly_profile[weekday, Monday=0] x day_factor; the profiles are normalised to mean 1, the rate
    is constant within a local clock hour, so each hour is an exact homogeneous Poisson stretch;
    day_factor ~ Gamma(mean 1, CV day_to_day_cv), drawn per centre per local day.
  * Caller type drawn per caller; handling time and urgency drawn once per caller and kept across his
    attempts; wrap-up constant per type; an answered urgent call adds a hand-off time (escalated=1).
  * Patience: Weibull, drawn anew for every attempt; a waiting caller hangs up when his wait reaches it.
  * SUD has room for queue_capacity waiting callers (arrivals beyond it get a busy tone: `blocked`,
    wait 0); --no-capacity removes it (or --sud-capacity 0). The other centres have unlimited queues.
    (With this patience a capacity of 6 is almost never reached, so the default is 2: about 1 % of
    SUD's attempts are blocked.)
  * Calls per day are chosen so that abandonment is realistic (about 14-18 % of attempts); with mean
    patience ~127 s against ~340 s of console time per caller that leaves the consoles about 30 %
    busy.
  * A caller who abandons or is blocked calls again (same centre) with redial probability after an
    exponential delay; the redial has a new patience and a new redial decision.
  * A warm-up day before --start is simulated but not written; every attempt that arrives in the
    window is written with its final outcome (the simulation drains). Redials of warm-up callers that
    arrive in the window are written too (their attempt number is then > 1 without earlier rows).
  * Four deliberately bad lines are inserted (see bad_line_positions); truth.json lists their 1-based
    file line numbers (header = line 1) and reasons.
"""
import argparse
import csv
import heapq
import io
import json
import math
import random
import sys
from collections import deque
from datetime import datetime, timedelta

# ----------------------------------------------------------------------------------------------------
# The truth. Profiles are given raw here and normalised to mean 1 before use (and written normalised).
# ----------------------------------------------------------------------------------------------------
NATIONAL_DAILY_RAW = [0.30, 0.22, 0.18, 0.16, 0.17, 0.24, 0.45, 0.80, 1.20, 1.45, 1.60, 1.65,
                      1.55, 1.45, 1.50, 1.50, 1.42, 1.32, 1.20, 1.08, 0.95, 0.80, 0.62, 0.42]
CITY_DAILY_RAW = [0.45, 0.32, 0.25, 0.22, 0.22, 0.28, 0.40, 0.60, 0.80, 0.90, 0.95, 1.00,
                  1.00, 0.95, 0.95, 1.00, 1.10, 1.35, 1.90, 2.20, 2.30, 2.10, 1.40, 0.80]
WEEKLY_RAW = [1.05, 1.0, 1.0, 1.0, 1.05, 0.95, 0.95]


def normalised(values):
    mean = sum(values) / len(values)
    return [v / mean for v in values]


TRUTH = {
    "centres": {
        "NORD": {"consoles": 2, "calls_per_day": 180.0, "daily_profile": "national", "queue_capacity": None},
        "SUD": {"consoles": 2, "calls_per_day": 150.0, "daily_profile": "national", "queue_capacity": 2},
        "CITY": {"consoles": 3, "calls_per_day": 300.0, "daily_profile": "CITY", "queue_capacity": None},
    },
    "routing": "local (each centre answers only its own callers; no overflow)",
    "daily_profiles": {"national": normalised(NATIONAL_DAILY_RAW), "CITY": normalised(CITY_DAILY_RAW)},
    "daily_profile_clock": "local hour of the arrival (offset of --start), 0-23",
    "weekly_profile": normalised(WEEKLY_RAW),
    "weekly_profile_index": "weekday, Monday=0",
    "day_to_day_cv": 0.12,
    "day_factor": "Gamma(shape=1/cv^2, scale=cv^2) per centre per local day",
    "types": {
        "silent": {"share": 0.6,
                   "handling": {"family": "gamma", "mean": 50.0, "sd": 35.0},
                   "wrapup": {"family": "constant", "value": 0.0},
                   "escalation_probability": 0.0},
        "report": {"share": 0.4,
                   "handling": {"family": "lognormal", "mean": 660.0, "sd": 420.0},
                   "wrapup": {"family": "constant", "value": 90.0},
                   "escalation_probability": 0.10},
    },
    "handoff": {"family": "lognormal", "mean": 240.0, "sd": 90.0},
    "patience": {"family": "weibull", "shape": 0.7, "scale": 100.0},
    "redial": {"probability": 0.35, "delay": {"family": "exponential", "mean": 480.0}},
    "consoles_on_shift": "all, 24/7",
    "warmup_seconds": 86400.0,
    "units": "seconds",
}
TRUTH["patience"]["mean"] = TRUTH["patience"]["scale"] * math.gamma(1 + 1 / TRUTH["patience"]["shape"])

OURS = ["caller", "attempt", "centre", "answered_by", "type", "arrival", "outcome",
        "wait_s", "handling_s", "wrapup_s", "escalated", "handoff_s"]
OTHER_NAME = {"caller": "CallID", "attempt": "Try", "centre": "Site", "answered_by": "AgentSite",
              "type": "Queue", "arrival": "StartTime", "outcome": "Result", "wait_s": "WaitSec",
              "handling_s": "TalkSec", "wrapup_s": "ACWSec", "escalated": "Escalated", "handoff_s": "HandoffSec"}
OTHER_ORDER = ["arrival", "caller", "attempt", "centre", "type", "outcome", "wait_s",
               "answered_by", "handling_s", "wrapup_s", "handoff_s", "escalated"]

BAD_AFTER_ROWS = [1000, 5000, 12000, 20000]      # data rows before each bad line (runs of >= 25000 rows)
BAD_FRACTIONS = [0.04, 0.20, 0.48, 0.80]         # the same positions as fractions, for shorter runs


# ----------------------------------------------------------------------------------------------------
def draw_family(rng, spec):
    family = spec["family"]
    if family == "constant":
        return float(spec["value"])
    if family == "gamma":
        mean, sd = spec["mean"], spec["sd"]
        return rng.gammavariate((mean / sd) ** 2, sd * sd / mean)
    if family == "lognormal":
        mean, sd = spec["mean"], spec["sd"]
        sigma2 = math.log(1 + (sd / mean) ** 2)
        return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))
    if family == "exponential":
        return rng.expovariate(1 / spec["mean"])
    if family == "weibull":
        return rng.weibullvariate(spec["scale"], spec["shape"])
    raise ValueError(family)


class Caller:
    __slots__ = ("cid", "centre", "type", "handling", "wrapup", "urgent", "handoff")


class Attempt:
    __slots__ = ("caller", "number", "arrival", "patience", "state")


def simulate(truth, start, weeks, capacity_on):
    rng = random.Random(truth["seed"])
    end = weeks * 7 * 86400.0
    warm = truth["warmup_seconds"]
    sod0 = start.hour * 3600 + start.minute * 60 + start.second + start.microsecond / 1e6
    wd0 = start.weekday()
    weekly = truth["weekly_profile"]
    cv = truth["day_to_day_cv"]
    centres = list(truth["centres"])

    # First attempts, centre by centre, local day by local day, hour by hour (exact piecewise Poisson).
    first = []  # (time, centre)
    day_factors = {}
    for code in centres:
        spec = truth["centres"][code]
        daily = truth["daily_profiles"][spec["daily_profile"]]
        base = spec["calls_per_day"] / 86400.0
        d = math.floor((sod0 - warm) / 86400)
        d_last = math.floor((sod0 + end) / 86400)
        factors = {}
        while d <= d_last:
            f = rng.gammavariate(1 / cv ** 2, cv ** 2)
            factors[d] = f
            wd = (wd0 + d) % 7
            for h in range(24):
                a = max(d * 86400 + h * 3600 - sod0, -warm)
                b = min(d * 86400 + (h + 1) * 3600 - sod0, end)
                if b <= a:
                    continue
                rate = base * daily[h] * weekly[wd] * f
                t = a + rng.expovariate(rate)
                while t < b:
                    first.append((t, code))
                    t += rng.expovariate(rate)
            d += 1
        day_factors[code] = [round(factors[k], 6) for k in sorted(factors) if k * 86400 - sod0 >= 0 and
                             k * 86400 - sod0 < end]
    first.sort()

    types = list(truth["types"])
    shares = [truth["types"][t]["share"] for t in types]
    pat = truth["patience"]
    red_p = truth["redial"]["probability"]
    red_mean = truth["redial"]["delay"]["mean"]
    handoff_spec = truth["handoff"]

    free = {c: truth["centres"][c]["consoles"] for c in centres}
    cap = {c: (truth["centres"][c]["queue_capacity"] if capacity_on else None) for c in centres}
    queue = {c: deque() for c in centres}
    waiting = {c: 0 for c in centres}
    busy_in_window = {c: 0.0 for c in centres}

    events = []  # (time, seq, kind, payload)
    seq = 0
    ARRIVE, ABANDON, FREE = 0, 1, 2
    for t, code in first:
        events.append((t, seq, ARRIVE, code))
        seq += 1
    heapq.heapify(events)

    rows = []
    next_id = [0]

    def record(att, outcome, wait, answered=False):
        if not (0.0 <= att.arrival < end):
            return
        c = att.caller
        esc = answered and c.urgent
        rows.append((att.arrival, c.cid, att.number, c.centre, c.centre if answered else "", c.type,
                     outcome, wait, c.handling if answered else None, c.wrapup if answered else None,
                     1 if esc else 0, c.handoff if esc else None))

    def start_service(att, t):
        nonlocal seq
        c = att.caller
        att.state = "answered"
        free[c.centre] -= 1
        busy = c.handling + c.wrapup + (c.handoff if c.urgent else 0.0)
        busy_in_window[c.centre] += max(0.0, min(t + busy, end) - max(t, 0.0))
        heapq.heappush(events, (t + busy, seq, FREE, c.centre))
        seq += 1
        record(att, "answered", t - att.arrival, answered=True)

    def maybe_redial(att, t):
        nonlocal seq
        if rng.random() < red_p:
            tr = t + rng.expovariate(1 / red_mean)
            if tr < end:
                heapq.heappush(events, (tr, seq, ARRIVE, (att.caller, att.number + 1)))
                seq += 1

    while events:
        t, _, kind, payload = heapq.heappop(events)
        if kind == ARRIVE:
            if isinstance(payload, str):  # a first attempt: a new caller
                c = Caller()
                next_id[0] += 1
                c.cid = next_id[0]
                c.centre = payload
                c.type = rng.choices(types, shares)[0]
                ts = truth["types"][c.type]
                c.handling = draw_family(rng, ts["handling"])
                c.wrapup = draw_family(rng, ts["wrapup"])
                c.urgent = rng.random() < ts["escalation_probability"]
                c.handoff = draw_family(rng, handoff_spec) if c.urgent else 0.0
                number = 1
            else:
                c, number = payload
            att = Attempt()
            att.caller, att.number, att.arrival = c, number, t
            att.patience = draw_family(rng, pat)
            code = c.centre
            if free[code] > 0 and waiting[code] == 0:
                start_service(att, t)
            elif cap[code] is not None and waiting[code] >= cap[code]:
                att.state = "blocked"
                record(att, "blocked", 0.0)
                maybe_redial(att, t)
            else:
                att.state = "waiting"
                queue[code].append(att)
                waiting[code] += 1
                heapq.heappush(events, (t + att.patience, seq, ABANDON, att))
                seq += 1
        elif kind == ABANDON:
            att = payload
            if att.state == "waiting":
                att.state = "abandoned"
                waiting[att.caller.centre] -= 1
                record(att, "abandoned", att.patience)
                maybe_redial(att, t)
        else:  # a console frees
            code = payload
            free[code] += 1
            q = queue[code]
            while q:
                att = q.popleft()
                if att.state == "waiting":
                    waiting[code] -= 1
                    start_service(att, t)
                    break

    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows, next_id[0], day_factors, busy_in_window


def fmt(x):
    return "" if x is None else f"{x:.3f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weeks", type=float, default=12)
    ap.add_argument("--columns", choices=["ours", "other"], default="ours")
    ap.add_argument("--start", default="2024-01-01T00:00:00+02:00")
    ap.add_argument("--no-capacity", action="store_true", help="no queue capacity at SUD (no blocked calls)")
    ap.add_argument("--sud-capacity", type=int, default=None,
                    help="waiting places at SUD (default %d; 0 = unlimited)" % TRUTH["centres"]["SUD"]["queue_capacity"])
    args = ap.parse_args(argv)

    if float(args.weeks).is_integer():
        args.weeks = int(args.weeks)
    start = datetime.fromisoformat(args.start)
    if start.tzinfo is None:
        ap.error("--start needs a UTC offset, e.g. 2024-01-01T00:00:00+02:00")
    truth = json.loads(json.dumps(TRUTH))
    truth["seed"] = args.seed
    truth["start"] = start.isoformat()
    truth["weeks"] = args.weeks
    if args.sud_capacity is not None:
        truth["centres"]["SUD"]["queue_capacity"] = args.sud_capacity if args.sud_capacity > 0 else None
    truth["queue_capacity_enabled"] = not args.no_capacity
    if args.no_capacity:
        for spec in truth["centres"].values():
            spec["queue_capacity"] = None

    rows, n_callers, day_factors, busy = simulate(truth, start, args.weeks, not args.no_capacity)
    days = args.weeks * 7
    end = days * 86400.0
    width = len(str(n_callers + 4))
    width = max(width, 6)

    def cid(n):
        return f"C{n:0{width}d}"

    def when(t):
        ms = round(t * 1000)
        return (start + timedelta(milliseconds=ms)).isoformat(timespec="milliseconds")

    data = []  # dicts keyed by our names, as text
    for (arr, c, num, centre, by, typ, outcome, wait, hand, wrap, esc, hoff) in rows:
        data.append({"caller": cid(c), "attempt": str(num), "centre": centre, "answered_by": by, "type": typ,
                     "arrival": when(arr), "outcome": outcome, "wait_s": fmt(wait), "handling_s": fmt(hand),
                     "wrapup_s": fmt(wrap), "escalated": str(esc), "handoff_s": fmt(hoff)})

    # The four bad lines.
    n = len(data)
    if n >= 25000:
        after = list(BAD_AFTER_ROWS)
    else:
        after = []
        for f in BAD_FRACTIONS:
            p = max(1, round(n * f))
            while after and p <= after[-1]:
                p += 1
            after.append(min(p, n))
    order = OURS if args.columns == "ours" else OTHER_ORDER
    bad = []
    reasons = ["unparseable arrival time", "negative wait", "unknown outcome", "missing field (one comma fewer)"]
    for k, p in enumerate(after):
        near = data[min(max(p - 1, 0), n - 1)] if n else None
        row = dict(near) if near else {"centre": "NORD", "type": "silent", "arrival": when(0.0)}
        if n:  # halfway between its neighbours, so that the file stays sorted by arrival
            lo = rows[min(max(p - 1, 0), n - 1)][0]
            hi = rows[p][0] if p < n else lo
            row["arrival"] = when((lo + hi) / 2)
        row["caller"] = cid(n_callers + 1 + k)
        row["attempt"] = "1"
        code = row["centre"]
        if k == 0:   # unparseable arrival, otherwise an answered silent call
            row.update(answered_by=code, type="silent", outcome="answered", wait_s="4.250", handling_s="41.730",
                       wrapup_s="0.000", escalated="0", handoff_s="")
            row["arrival"] = f"{start.year}-13-45T25:00:00.000{row['arrival'][-6:]}"
            value = row["arrival"]
        elif k == 1:  # negative wait on an abandoned call
            row.update(answered_by="", type="silent", outcome="abandoned", wait_s="-12.500", handling_s="",
                       wrapup_s="", escalated="0", handoff_s="")
            value = row["wait_s"]
        elif k == 2:  # unknown outcome
            row.update(answered_by=code, type="report", outcome="transferred", wait_s="18.040",
                       handling_s="512.300", wrapup_s="90.000", escalated="0", handoff_s="")
            value = row["outcome"]
        else:         # the wrapup field is left out: 11 fields instead of 12
            row.update(answered_by=code, type="report", outcome="answered", wait_s="0.000",
                       handling_s="733.910", wrapup_s="90.000", escalated="0", handoff_s="")
            value = "wrapup_s field missing"
        fields = [row[name] for name in order if not (k == 3 and name == "wrapup_s")]
        line = 1 + p + k + 1  # header, p data rows, the k bad lines before it, then this one
        bad.append({"line": line, "after_data_row": p, "reason": reasons[k], "value": value,
                    "caller": row["caller"], "fields": fields})

    header = [name if args.columns == "ours" else OTHER_NAME[name] for name in order]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    bi = 0
    for i, d in enumerate(data, start=1):
        w.writerow([d[name] for name in order])
        while bi < len(bad) and bad[bi]["after_data_row"] == i:
            w.writerow(bad[bi]["fields"])
            bi += 1
    with open(args.out, "w", newline="") as fh:
        fh.write(buf.getvalue())

    # Summary of what was written (bad lines excluded).
    centres = list(truth["centres"])
    per = {c: {"rows": 0, "first_attempts": 0, "redials": 0, "answered": 0, "abandoned": 0, "blocked": 0,
               "escalated": 0} for c in centres}
    for (_, _, num, centre, _, _, outcome, _, _, _, esc, _) in rows:
        s = per[centre]
        s["rows"] += 1
        s["first_attempts" if num == 1 else "redials"] += 1
        s[outcome] += 1
        s["escalated"] += esc
    for c in centres:
        s = per[c]
        s["first_attempts_per_day"] = s["first_attempts"] / days
        s["abandoned_share_of_attempts"] = s["abandoned"] / s["rows"] if s["rows"] else 0.0
        s["blocked_share_of_attempts"] = s["blocked"] / s["rows"] if s["rows"] else 0.0
        s["console_utilisation_in_window"] = busy[c] / (truth["centres"][c]["consoles"] * end)
        s["day_factors_drawn"] = day_factors[c]

    # Expected busy time per caller and offered load (for the record).
    busy_per_caller = 0.0
    for t in truth["types"].values():
        busy_per_caller += t["share"] * (t["handling"]["mean"] + t["wrapup"]["value"]
                                         + t["escalation_probability"] * truth["handoff"]["mean"])
    truth["expected_busy_seconds_per_caller"] = busy_per_caller
    truth["offered_load_erlangs"] = {c: truth["centres"][c]["calls_per_day"] * busy_per_caller / 86400 for c in centres}
    truth["offered_load_per_console"] = {c: truth["offered_load_erlangs"][c] / truth["centres"][c]["consoles"]
                                         for c in centres}
    truth["columns_written"] = args.columns
    truth["columns"] = dict(OTHER_NAME)
    truth["column_order"] = {"ours": OURS, "other": [OTHER_NAME[x] for x in OTHER_ORDER]}
    truth["bad_lines"] = [{k: b[k] for k in ("line", "after_data_row", "reason", "value", "caller")} for b in bad]
    truth["bad_line_positions"] = ("after data rows " + ", ".join(map(str, BAD_AFTER_ROWS)) +
                                   " when there are >= 25000 data rows, otherwise after round(n x "
                                   + ", ".join(map(str, BAD_FRACTIONS)) + "); line = 1 + after_data_row + "
                                   "(bad lines before it) + 1")
    truth["summary"] = {
        "days": days,
        "file_lines": 1 + len(rows) + len(bad),
        "rows": len(rows),
        "bad_lines": len(bad),
        "first_attempts": sum(per[c]["first_attempts"] for c in centres),
        "first_attempts_per_centre": {c: per[c]["first_attempts"] for c in centres},
        "first_attempts_per_centre_per_day": {c: per[c]["first_attempts_per_day"] for c in centres},
        "answered": sum(per[c]["answered"] for c in centres),
        "abandoned": sum(per[c]["abandoned"] for c in centres),
        "blocked": sum(per[c]["blocked"] for c in centres),
        "escalated": sum(per[c]["escalated"] for c in centres),
        "redials": sum(per[c]["redials"] for c in centres),
        "per_centre": per,
    }
    with open(args.truth, "w") as fh:
        json.dump(truth, fh, indent=1)
        fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
