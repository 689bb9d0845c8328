#!/usr/bin/env python3
"""Writes fitting-oracle.json beside this script: fixed data sets (numpy, fixed seeds) and SciPy's
maximum-likelihood fits of them, for FittingTests (Tests/CallSimTests/FittingTests.swift).

Complete samples: scipy.stats.<dist>.fit(data, floc=0), and the Kolmogorov-Smirnov distance of the
sample from each fit with its asymptotic p-value (stats.kstwobign). Right-censored samples (callers' patience,
censored by an independent wait; some waits are 0): the same with stats.CensoredData, and the
Kaplan-Meier estimate scipy.stats.ecdf(...).sf with its log-log Greenwood 95 % band.

SciPy's default optimizer (Nelder-Mead, optimize.fmin) stops at about 1e-5; the fits here pass it
tighter tolerances so that the oracle's optimum is good to about 1e-9. Values are rounded to the
millisecond, as call records give them. Run: python3 fitting_oracle.py (SciPy 1.17, numpy 2).
"""
import json
import pathlib

import numpy as np
from scipy import optimize, stats


def tight(func, x0, args=(), disp=0):
    return optimize.fmin(func, x0, args=args, disp=0, xtol=1e-12, ftol=1e-14, maxiter=20000, maxfun=40000)


SCIPY = {"gamma": stats.gamma, "lognormal": stats.lognorm, "exponential": stats.expon, "weibull": stats.weibull_min}


def written(family, params):
    """SciPy's (shape..., loc, scale) as the scenario file writes the family, and the mean."""
    dist = SCIPY[family](*params)
    if family == "exponential":
        return params[-1], 0.0, dist.mean()
    if family == "weibull":
        return params[0], params[-1], dist.mean()
    return dist.mean(), dist.std(), dist.mean()


def fit(family, observed, censored=None):
    dist = SCIPY[family]
    data = observed if censored is None else stats.CensoredData(uncensored=observed, right=censored)
    params = dist.fit(data, floc=0, optimizer=tight) if family != "exponential" else dist.fit(data, floc=0)
    loglik = float(np.sum(dist.logpdf(observed, *params)))
    if censored is not None:
        loglik += float(np.sum(dist.logsf(censored, *params)))
    first, second, mean = written(family, params)
    result = {"family": family, "first": float(first), "second": float(second), "mean": float(mean),
              "logLikelihood": loglik}
    if censored is None:  # Kolmogorov-Smirnov distance and its asymptotic p-value (no small-n correction)
        ks = stats.kstest(observed, dist(*params).cdf).statistic
        result["ks"] = float(ks)
        result["ksPValue"] = float(stats.kstwobign.sf(np.sqrt(observed.size) * ks))
    return result


def ms(values):
    return np.round(values, 3)


def complete_sets():
    rng = np.random.default_rng(20240611)
    return {
        "gamma": ms(rng.gamma(2.5, 40.0, 800)),
        "lognormal": ms(rng.lognormal(np.log(180.0), 0.7, 1000)),
        "exponential": ms(rng.exponential(240.0, 500)),
        "weibull": ms(120.0 * rng.weibull(1.4, 700)),
    }


def censored_sets():
    rng = np.random.default_rng(7)
    patience = {
        "weibull": 200.0 * rng.weibull(0.8, 1500),
        "lognormal": rng.lognormal(np.log(90.0), 1.1, 1200),
        "exponential": rng.exponential(150.0, 1000),
    }
    sets = {}
    for family, p in patience.items():
        wait = rng.exponential(120.0, p.size)
        wait[rng.random(p.size) < 0.25] = 0.0  # answered at once: a censored value of 0
        p, wait = ms(p), ms(wait)
        abandoned = p < wait
        sets[family] = (p[abandoned], wait[~abandoned])
    return sets


def main():
    out = {"complete": [], "censored": []}
    for name, data in complete_sets().items():
        fits = [fit(family, data) for family in SCIPY if family != "weibull" or name == "weibull"]
        out["complete"].append({"name": name, "data": data.tolist(), "fits": fits})
    for name, (observed, censored) in censored_sets().items():
        fits = [fit(family, observed, censored) for family in ("weibull", "lognormal", "gamma", "exponential")]
        km = stats.ecdf(stats.CensoredData(uncensored=observed, right=censored)).sf
        events = np.unique(observed)
        band = km.confidence_interval(0.95, method="log-log")
        out["censored"].append({
            "name": name, "observed": observed.tolist(), "censored": censored.tolist(), "fits": fits,
            "kaplanMeier": {"times": events.tolist(), "survival": km.evaluate(events).tolist(),
                            "lower": band.low.evaluate(events).tolist(), "upper": band.high.evaluate(events).tolist()},
        })
    path = pathlib.Path(__file__).with_name("fitting-oracle.json")
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
