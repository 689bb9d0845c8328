#!/usr/bin/env python3
"""A mutation campaign over scenario files, as a new user's mistakes and an attacker's tricks.

    python3 Tests/Fuzz/mutate.py CALLSIM SECONDS [SEED]

Takes the scenarios under Scenarios/ and Tests/Fuzz/corpus/, mutates one to three values each
time (extreme numbers, durations, wrong types, deleted or duplicated lines, control characters,
aliases), and runs `validate` and `run --output DIR` on each with a 20 s timeout and a 3 GB
address-space limit. The contract: exit 0 with a complete report (four files), or exit 2 with
file:line and nothing written. Anything else is printed and saved under /tmp/callsim-mutants/.
Exits 1 when a mutant broke the contract.
"""
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

VALUES = [
    "0", "-1", "1e308", "-1e308", "1e-308", "5e-324", ".inf", "-.inf", ".nan", "1e15", "1e-12", "0.000001",
    "18446744073709551616", "9223372036854775808", "99999999999999999999999999w", "0s", "1ms", "100y", "1e400",
    "0.005", "1000", "1001", "65537", "2147483648", "''", "null", "~", "[]", "{}", "[1, 2]", "yes", "\"\\u0001\"",
    "*nothing", "1h30m", "1.5d", "2w", "-0", "0x10", "1_000", "24:00", "\"22:00\"", "nan", "Infinity",
]
KEYS = ["consoles", "calls_per_day", "horizon", "warmup", "replications", "factor", "probability", "mean", "sd",
        "shape", "scale", "min", "max", "patience", "handling", "queue_capacity", "day_to_day_cv", "from", "to",
        "seed", "precision", "max_replications", "overflow_after", "service_level", "asa", "wait_p95",
        "urgent_lost_per_year", "share", "delay", "lat", "lon"]


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))


def mutate(text, rng):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        if choice < 0.55:  # a value after a key
            key = rng.choice(KEYS)
            spots = [i for i, line in enumerate(lines) if re.search(r"\b%s:\s*[^\s{\[]" % key, line)]
            if spots:
                i = rng.choice(spots)
                lines[i] = re.sub(r"(\b%s:\s*)([^,}\]\n#]+)" % key, lambda m: m.group(1) + rng.choice(VALUES), lines[i], count=1)
        elif choice < 0.7 and lines:  # delete a line
            del lines[rng.randrange(len(lines))]
        elif choice < 0.8 and lines:  # duplicate a line
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        elif choice < 0.88 and lines:  # a control character or a stray byte
            i = rng.randrange(len(lines))
            j = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(["\x01", "\t", "\x7f", "\ufeff", "\u2028"]) + lines[i][j:]
        elif choice < 0.94:  # a surge or absence storm
            n = rng.choice([2, 50, 3000])
            lines.append("surges:")
            for _ in range(n):
                lines.append("  - {from: %dd, to: %dd, factor: %s}" % (0, rng.choice([1, 7, 3650]), rng.choice(["1.01", "2", "1000"])))
        else:  # an anchor and aliases
            lines.append("x0: &x0 [a, a]")
            for k in range(1, 30):
                lines.append("x%d: &x%d [*x%d, *x%d]" % (k, k, k - 1, k - 1))
    return "\n".join(lines)


def run(callsim, path, folder):
    results = []
    for command in (["validate", path], ["run", path, "--output", folder]):
        started = time.monotonic()
        try:
            done = subprocess.run([callsim] + command, capture_output=True, timeout=20, preexec_fn=limit_memory)
            status, stderr = done.returncode, done.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            status, stderr = "timeout", ""
        written = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        results.append((command[0], status, time.monotonic() - started, stderr, written))
        shutil.rmtree(folder, ignore_errors=True)
    return results


def broken(results, name):
    for command, status, _, stderr, written in results:
        if status == 0 and command == "run" and len(written) != 4:
            return f"{command}: exit 0 but wrote {written}"
        if status == 2:
            if written:
                return f"{command}: exit 2 but wrote {written}"
            if not re.search(re.escape(name) + r":\d+:\d+: error: |error: ", stderr):
                return f"{command}: exit 2 without a located error: {stderr[:200]}"
        if status not in (0, 2):
            return f"{command}: exit {status}: {stderr[:300]}"
    return None


def main():
    callsim, seconds = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    sources = [os.path.join("Scenarios", f) for f in sorted(os.listdir("Scenarios")) if f.endswith(".yaml")]
    corpus = "Tests/Fuzz/corpus"
    sources += [os.path.join(corpus, f) for f in sorted(os.listdir(corpus))] if os.path.isdir(corpus) else []
    texts = [open(path, encoding="utf-8", errors="replace").read() for path in sources]
    # Keep each run short: a week, few replications.
    texts = [re.sub(r"horizon: \S+", "horizon: 3d", t) for t in texts]
    texts = [re.sub(r"replications: \d+", "replications: 2", t) for t in texts]
    keep = "/tmp/callsim-mutants"
    os.makedirs(keep, exist_ok=True)
    deadline, tried, failures = time.monotonic() + seconds, 0, 0
    with tempfile.TemporaryDirectory() as work:
        while time.monotonic() < deadline:
            mutant = mutate(rng.choice(texts), rng)
            path = os.path.join(work, "mutant.yaml")
            with open(path, "w", encoding="utf-8", errors="replace") as out:
                out.write(mutant)
            results = run(callsim, path, os.path.join(work, "out"))
            tried += 1
            problem = broken(results, path)
            if problem:
                failures += 1
                saved = os.path.join(keep, f"mutant-{failures}.yaml")
                shutil.copy(path, saved)
                print(f"BROKEN {saved}: {problem}", flush=True)
    print(f"{tried} mutants, {failures} broke the contract")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
