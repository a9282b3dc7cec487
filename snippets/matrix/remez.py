"""Minimax odd polynomials for the matrix sign: the Remez exchange and the Polar Express schedule.

Polar Express approximates ``msign`` by a composition of odd polynomials, each chosen greedily:
at step ``t`` the singular values lie in ``[l, u]``, and the step applies the odd polynomial of
a fixed degree that minimises ``max_{x in [l, u]} |1 - p(x)|``. By Chebyshev's equioscillation
theorem that polynomial is characterised by its error reaching ``+-E`` with alternating signs at
(degree + 3) / 2 points; for the quintic ``p(x) = a x + b x^3 + c x^5`` these are
``l < q < r < u`` with ``p(l) = 1 - E, p(q) = 1 + E, p(r) = 1 - E, p(u) = 1 + E``.

* :func:`minimax_odd_cubic` -- the closed form for ``p(x) = a x + b x^3``;
* :func:`minimax_odd_quintic` -- the Remez exchange for the quintic (a 4x4 linear solve for
  ``a, b, c, E`` at the current reference points, then the points move to the critical points of
  the new ``p``), in ``mpmath`` arithmetic with ``dps`` decimal digits;
* :func:`polar_express_schedule` -- the greedy composition with the interval update
  ``l' = p(l), u' = 2 - l'``, the "cushion" that keeps the first polynomials from being too
  aggressive, and the recentring that keeps ``p(l) + p(u) = 2``;
* :func:`with_safety` -- the safety factor: ``p(x / s)``, i.e. ``(a/s, b/s^3, c/s^5)``.

References:
    Amsel, Persson, Musco, Gower, "The Polar Express: Optimal Matrix Sign Methods and Their
    Application to the Muon Algorithm", arXiv:2505.16932 (2025).
    Chen, Chow, "A stable scaling of Newton-Schulz for improving the sign function computation
    of a Hermitian matrix" (2014) -- the scaled cubic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import mpmath

#: The "cushion" of the published Polar Express schedule: the first polynomials are fitted on
#: ``[max(l, cushion * u), u]`` instead of ``[l, u]`` (then recentred on ``[l, u]``). The value
#: is the one that reproduces the published coefficients (see tests/snippets/matrix/test_remez.py).
CUSHION = 0.02407327424182761

#: Coefficients of the greedy schedule published with the paper (l = 1e-3, u = 1, before the
#: safety factor). Used only by the tests and the page, to compare our Remez solver against.
PUBLISHED_POLAR_EXPRESS: tuple[tuple[float, float, float], ...] = (
    (8.28721201814563, -23.595886519098837, 17.300387312530933),
    (4.107059111542203, -2.9478499167379106, 0.5448431082926601),
    (3.9486908534822946, -2.908902115962949, 0.5518191394370137),
    (3.3184196573706015, -2.488488024314874, 0.51004894012372),
    (2.300652019954817, -1.6689039845747493, 0.4188073119525673),
    (1.891301407787398, -1.2679958271945868, 0.37680408948524835),
    (1.8750014808534479, -1.2500016453999487, 0.3750001645474248),
    (1.875, -1.25, 0.375),
)


@dataclass(frozen=True)
class OddQuintic:
    """The minimax odd quintic on ``[l, u]`` and its equioscillation points.

    Attributes:
        a, b, c: Coefficients of ``p(x) = a x + b x^3 + c x^5``.
        error: ``E = max_{[l, u]} |1 - p(x)|``.
        points: ``(l, q, r, u)``, where ``1 - p`` takes the values ``E, -E, E, -E``.
    """

    a: mpmath.mpf
    b: mpmath.mpf
    c: mpmath.mpf
    error: mpmath.mpf
    points: tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]

    def __call__(self, x: mpmath.mpf | float) -> mpmath.mpf:
        """Evaluate ``p(x)``."""
        x = mpmath.mpf(x)
        return x * (self.a + x**2 * (self.b + self.c * x**2))

    def floats(self) -> tuple[float, float, float]:
        """``(a, b, c)`` rounded to Python floats."""
        return float(self.a), float(self.b), float(self.c)


def odd_poly(coeffs: tuple, x: float | mpmath.mpf) -> float | mpmath.mpf:
    """``a x + b x^3 + c x^5`` (Horner in ``x^2``); a pair ``(a, b)`` is the cubic.

    Examples:
        >>> odd_poly((1.5, -0.5), 1.0)
        1.0
        >>> odd_poly((1.875, -1.25, 0.375), 1.0)
        1.0
    """
    acc = 0 * x
    for coef in reversed(coeffs):
        acc = acc * x * x + coef
    return acc * x


def minimax_odd_cubic(lo: float, hi: float) -> tuple[float, float, float]:
    """The odd cubic ``p(x) = a x + b x^3`` minimising ``max_{[lo, hi]} |1 - p|``, in closed form.

    ``p`` is a multiple ``k`` of the Newton-Schulz cubic rescaled to peak at
    ``s = sqrt((lo^2 + lo hi + hi^2) / 3)`` (the point where it takes equal values at ``lo`` and
    ``hi``), with ``k`` chosen so the error at ``lo`` and at ``s`` has equal size and opposite sign.

    Returns:
        ``(a, b, E)``.

    Examples:
        >>> a, b, err = minimax_odd_cubic(1.0, 1.0)   # degenerate interval: Newton-Schulz
        >>> round(a, 12), round(b, 12), round(err, 12)
        (1.5, -0.5, 0.0)
    """
    s2 = (lo * lo + lo * hi + hi * hi) / 3.0
    s = s2**0.5
    q_lo = (3.0 * lo * s2 - lo**3) / (2.0 * s**3)  # Newton-Schulz scaled to peak at s, at lo
    k = 2.0 / (1.0 + q_lo)
    return 1.5 * k / s, -0.5 * k / s**3, k - 1.0


def minimax_odd_quintic(lo: float, hi: float, *, dps: int = 40, max_iter: int = 100) -> OddQuintic:
    """Remez exchange for the odd quintic minimising ``max_{[lo, hi]} |1 - p(x)|``.

    Each iteration solves the 4x4 linear system ``p(x_i) + (-1)^i E = 1`` at the reference
    points ``(lo, q, r, hi)``, then moves ``q, r`` to the two positive critical points of the
    new ``p`` (roots of ``a + 3 b x^2 + 5 c x^4``), until ``E`` stops changing.

    Args:
        lo: Left end of the interval, ``0 <= lo``.
        hi: Right end, ``lo <= hi``, ``hi > 0``.
        dps: Decimal digits of the ``mpmath`` arithmetic.
        max_iter: Exchange iterations before giving up.

    Examples:
        >>> p = minimax_odd_quintic(0.5, 1.0)
        >>> x = p.points
        >>> [round(float(1 - p(t)) / float(p.error), 9) for t in x]
        [1.0, -1.0, 1.0, -1.0]
    """
    with mpmath.workdps(dps):
        lo_m, hi_m = mpmath.mpf(lo), mpmath.mpf(hi)
        if not 0 <= lo_m <= hi_m or hi_m == 0:
            raise ValueError(f"need 0 <= lo <= hi, hi > 0; got [{lo}, {hi}]")
        if (hi_m - lo_m) / hi_m < mpmath.mpf(10) ** (-dps // 4):
            # The interval has collapsed: the limit is the quintic with p(hi) = 1 and a double
            # critical point there, 15/8 x - 5/4 x^3 + 3/8 x^5 rescaled to hi.
            a = mpmath.mpf(15) / 8 / hi_m
            b = -mpmath.mpf(5) / 4 / hi_m**3
            c = mpmath.mpf(3) / 8 / hi_m**5
            zero = mpmath.mpf(0)
            return OddQuintic(a, b, c, zero, (lo_m, hi_m, hi_m, hi_m))
        q = (3 * lo_m + hi_m) / 4
        r = (lo_m + 3 * hi_m) / 4
        err_old = None
        tol = mpmath.mpf(10) ** (-dps + 5)
        for _ in range(max_iter):
            pts = (lo_m, q, r, hi_m)
            rows = [[x, x**3, x**5, (-1) ** i] for i, x in enumerate(pts)]
            a, b, c, err = mpmath.lu_solve(mpmath.matrix(rows), mpmath.matrix([1, 1, 1, 1]))
            # p'(x) = a + 3 b x^2 + 5 c x^4 = 0 is a quadratic in x^2.
            disc = mpmath.sqrt(9 * b * b - 20 * a * c)
            q = mpmath.sqrt((-3 * b - disc) / (10 * c))
            r = mpmath.sqrt((-3 * b + disc) / (10 * c))
            if err_old is not None and abs(err - err_old) < tol:
                break
            err_old = err
        else:
            raise RuntimeError(f"Remez did not converge on [{lo}, {hi}]")
        return OddQuintic(a, b, c, err, (lo_m, q, r, hi_m))


@dataclass(frozen=True)
class PolarStep:
    """One step of the greedy schedule.

    Attributes:
        coeffs: ``(a, b, c)`` as floats (no safety factor).
        lower, upper: The interval ``[l, u]`` the step was designed for.
        error: ``max |1 - p|`` on ``[l, u]``, i.e. ``1 - p(l)``: the error after this step.
    """

    coeffs: tuple[float, float, float]
    lower: float
    upper: float
    error: float


def polar_express_schedule(
    steps: int, lower: float = 1e-3, upper: float = 1.0, *, cushion: float = CUSHION
) -> list[PolarStep]:
    """The greedy Polar Express composition for singular values in ``[lower, upper]``.

    Step ``t`` fits the minimax quintic on ``[max(l, cushion u), u]``, rescales it so that
    ``p(l) + p(u) = 2`` (so it is centred on 1 over the true interval), and updates
    ``l' = p(l), u' = 2 - l'``. With ``cushion = 0`` this is the plain greedy minimax schedule.

    Examples:
        >>> sched = polar_express_schedule(3)
        >>> [round(x, 2) for x in sched[0].coeffs]
        [8.29, -23.6, 17.3]
        >>> sched[2].error < sched[1].error < sched[0].error < 1
        True
    """
    lo, hi = mpmath.mpf(lower), mpmath.mpf(upper)
    out = []
    with mpmath.workdps(40):
        for _ in range(steps):
            p = minimax_odd_quintic(max(lo, cushion * hi), hi)
            scale = 2 / (p(lo) + p(hi))
            a, b, c = p.a * scale, p.b * scale, p.c * scale
            new_lo = odd_poly((a, b, c), lo)
            out.append(
                PolarStep((float(a), float(b), float(c)), float(lo), float(hi), float(1 - new_lo))
            )
            lo, hi = new_lo, 2 - new_lo
    return out


def with_safety(coeffs: tuple[float, ...], safety: float = 1.01) -> tuple[float, ...]:
    """Coefficients of ``p(x / safety)``: ``(a / s, b / s^3, c / s^5)``.

    Examples:
        >>> [round(v, 6) for v in with_safety((1.5, -0.5), 2.0)]
        [0.75, -0.0625]
    """
    return tuple(coef / safety ** (2 * i + 1) for i, coef in enumerate(coeffs))


@lru_cache(maxsize=64)
def polar_express_coefficients(
    steps: int, lower: float = 1e-3, safety: float = 1.01
) -> tuple[tuple[float, float, float], ...]:
    """The ``steps`` coefficient triples a Polar Express run applies.

    Every step but the last is divided by the safety factor (:func:`with_safety`): a singular
    value that round-off pushed slightly above ``u`` stays inside the interval the *next*
    polynomial was designed for. The last step feeds no further polynomial, so it is left as is
    (the paper's published list likewise exempts its final, converged polynomial).

    Examples:
        >>> coeffs = polar_express_coefficients(5)
        >>> len(coeffs), coeffs[-1] == polar_express_schedule(5)[-1].coeffs
        (5, True)
    """
    sched = polar_express_schedule(steps, lower)
    out = []
    for i, step in enumerate(sched):
        a, b, c = step.coeffs if i == steps - 1 else with_safety(step.coeffs, safety)
        out.append((a, b, c))
    return tuple(out)
