"""Chinchilla-style scaling laws: the parametric loss and the compute-optimal allocation.

The loss of a language model with ``N`` parameters trained on ``D`` tokens is modelled as
``L(N, D) = E + A / N**alpha + B / D**beta`` and training costs ``C = 6 N D`` FLOPs. This module
holds the two published fits as data, evaluates the loss, gives the compute-optimal allocation
in closed form (derived with a Lagrange multiplier on the page) and finds the same optimum by
numerical minimisation along ``C = 6 N D`` with scipy, so the two can be compared.

Everything here is numpy/scipy in float64 on the CPU: no tensors are involved.

References:
    Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556 (2022).
    Besiroglu, Erdil, Barnett, You, "Chinchilla Scaling: A replication attempt",
    arXiv:2404.10102 (2024).
    Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361 (2020).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import minimize_scalar


@dataclass(frozen=True)
class LossFit:
    """The constants of ``L(N, D) = E + A / N**alpha + B / D**beta``.

    Attributes:
        name: Short label for tables and legends.
        E: Irreducible loss (nats per token).
        A: Coefficient of the parameter term.
        B: Coefficient of the data term.
        alpha: Exponent of the parameter term.
        beta: Exponent of the data term.
        source: Citation of the fit.
    """

    name: str
    E: float
    A: float
    B: float
    alpha: float
    beta: float
    source: str


HOFFMANN_2022 = LossFit(
    name="Hoffmann et al. 2022",
    E=1.69,
    A=406.4,
    B=410.7,
    alpha=0.34,
    beta=0.28,
    source="Training Compute-Optimal Large Language Models, https://arxiv.org/abs/2203.15556",
)
BESIROGLU_2024 = LossFit(
    name="Besiroglu et al. 2024",
    E=1.8172,
    A=482.01,
    B=2085.43,
    alpha=0.3478,
    beta=0.3658,
    source="Chinchilla Scaling: A replication attempt, https://arxiv.org/abs/2404.10102",
)
#: Both published fits, in publication order.
FITS: tuple[LossFit, ...] = (HOFFMANN_2022, BESIROGLU_2024)

#: Chinchilla's own size and training tokens (Hoffmann et al. 2022).
CHINCHILLA_N = 70e9
CHINCHILLA_D = 1.4e12


def loss(fit: LossFit, n: ArrayLike, d: ArrayLike) -> np.ndarray:
    """``L(N, D) = E + A / N**alpha + B / D**beta``, element-wise and broadcast.

    Examples:
        >>> float(loss(HOFFMANN_2022, 1e9, 1e9)) > HOFFMANN_2022.E
        True
        >>> float(loss(LossFit("toy", 1.0, 1.0, 1.0, 1.0, 1.0, ""), 2.0, 4.0))
        1.75
    """
    n, d = np.asarray(n, dtype=np.float64), np.asarray(d, dtype=np.float64)
    return fit.E + fit.A / n**fit.alpha + fit.B / d**fit.beta


def training_flops(n: ArrayLike, d: ArrayLike) -> np.ndarray:
    """Training compute ``C = 6 N D``: 2 FLOPs per parameter per token forward, 4 backward.

    Examples:
        >>> float(training_flops(CHINCHILLA_N, CHINCHILLA_D))
        5.88e+23
    """
    return 6.0 * np.asarray(n, dtype=np.float64) * np.asarray(d, dtype=np.float64)


def exponents(fit: LossFit) -> tuple[float, float]:
    """``(a, b) = (beta / (alpha + beta), alpha / (alpha + beta))``: N_opt ~ C^a, D_opt ~ C^b.

    Examples:
        >>> a, b = exponents(HOFFMANN_2022)
        >>> round(a, 4), round(b, 4), a + b
        (0.4516, 0.5484, 1.0)
    """
    total = fit.alpha + fit.beta
    return fit.beta / total, fit.alpha / total


def g_factor(fit: LossFit) -> float:
    """``G = (alpha A / (beta B))**(1 / (alpha + beta))``.

    Examples:
        >>> round(g_factor(HOFFMANN_2022), 4)
        1.3447
    """
    return (fit.alpha * fit.A / (fit.beta * fit.B)) ** (1.0 / (fit.alpha + fit.beta))


def optimal_allocation(fit: LossFit, compute: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Closed-form compute-optimal ``(N_opt, D_opt)`` for budgets ``compute`` (FLOPs).

    ``N_opt = G (C/6)**a`` and ``D_opt = (C/6)**b / G``; their product is ``C/6``.

    Examples:
        >>> n, d = optimal_allocation(BESIROGLU_2024, 5.88e23)
        >>> bool(np.isclose(6 * n * d, 5.88e23))
        True
    """
    a, b = exponents(fit)
    g = g_factor(fit)
    half = np.asarray(compute, dtype=np.float64) / 6.0  # C / 6 = N D
    return g * half**a, half**b / g


def tokens_per_parameter(fit: LossFit, compute: ArrayLike) -> np.ndarray:
    """``D_opt / N_opt = G**-2 (C/6)**(b - a)`` at the compute-optimal allocation.

    Examples:
        >>> round(float(tokens_per_parameter(BESIROGLU_2024, 5.88e23)), 2)
        18.38
    """
    a, b = exponents(fit)
    return g_factor(fit) ** -2 * (np.asarray(compute, dtype=np.float64) / 6.0) ** (b - a)


def loss_at_compute(fit: LossFit, n: ArrayLike, compute: float) -> np.ndarray:
    """Loss of a model with ``n`` parameters trained on the ``D = C / (6 n)`` tokens ``C`` buys.

    This is one iso-FLOP curve: the loss along the constraint ``6 N D = C``.

    Examples:
        >>> n, _ = optimal_allocation(HOFFMANN_2022, 1e21)
        >>> curve = loss_at_compute(HOFFMANN_2022, np.array([0.5, 1.0, 2.0]) * n, 1e21)
        >>> int(np.argmin(curve))
        1
    """
    n = np.asarray(n, dtype=np.float64)
    return loss(fit, n, compute / (6.0 * n))


def minimize_along_budget(fit: LossFit, compute: float) -> tuple[float, float]:
    """Compute-optimal ``(N, D)`` found numerically: minimise ``L(N, C/(6N))`` over ``log N``.

    Bounded Brent search (scipy) over ``1 <= N <= C/6`` (at least one token); the loss is
    convex in ``log N`` along the budget, so the minimum is unique. The constant ``E`` is
    dropped from the objective so that round-off is relative to the reducible loss only.

    Examples:
        >>> n, d = minimize_along_budget(HOFFMANN_2022, 1e21)
        >>> n_closed, _ = optimal_allocation(HOFFMANN_2022, 1e21)
        >>> bool(np.isclose(n, n_closed, rtol=1e-5))
        True
    """

    def reducible(log_n: float) -> float:
        n = np.exp(log_n)
        return float(fit.A / n**fit.alpha + fit.B / (compute / (6.0 * n)) ** fit.beta)

    result = minimize_scalar(
        reducible,
        bounds=(0.0, float(np.log(compute / 6.0))),
        method="bounded",
        options={"xatol": 1e-12, "maxiter": 500},
    )
    if not result.success:
        raise RuntimeError(f"minimisation failed for C={compute:g}: {result.message}")
    n = float(np.exp(result.x))
    return n, compute / (6.0 * n)
