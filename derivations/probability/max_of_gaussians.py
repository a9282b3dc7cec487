"""Claims of ``docs/posts/mathematics/probability/max-of-gaussians.md`` (prefix ``maxg``).

How large is the largest of n independent standard normal samples? The page derives the
distribution of the maximum (CDF Phi^n, density n Phi^(n-1) phi), the upper bound
E[z_max] <= sqrt(2 ln n) from Jensen's inequality and the Gaussian moment generating function,
the exact values E = 1/sqrt(pi) and 3/(2 sqrt(pi)) for n = 2 and 3 (integration by parts and a
symmetry), Mills' bounds on the Gaussian tail, the location b_n with n(1 - Phi(b_n)) = 1 and its
two-term expansion, the Gumbel limit and its mean (Euler's constant), and the resulting
expansion of E[z_max], compared with the approximation sqrt(2 ln(n / sqrt(2 pi))) of the source
post.

Gaussian integrals are evaluated by sympy with symbolic parameters. The statements about
E[z_max] for general n have no closed form (sympy cannot evaluate the integral for n >= 4), so
they are checked numerically: :class:`ExpectedMax` and :class:`MgfOfMax` are sympy functions
evaluated by quadrature (mpmath to any precision for the refutation of wrong variants, scipy in
the numeric checker). The convergence of the mean of the rescaled maximum to Euler's constant is
cited (Pickands 1968).

Sources: Su, "Asymptotic estimate of the maximum of n normal random numbers" (kexue.fm, 2025),
https://kexue.fm/archives/11390; Boucheron, Lugosi, Massart, "Concentration Inequalities" (2013),
section 2.5; Pickands, "Moment convergence of sample extremes", Ann. Math. Statist. 39 (1968).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import mpmath
import sympy as sp
from scipy import integrate, special

from derivations import GENERAL, Instance, Numeric, Symbolic, Wrong, cited, claim, definition
from derivations.helpers import eq, ge, le

SU = (
    "Su, 'Asymptotic estimate of the maximum of n normal random numbers' (kexue.fm, "
    "2025-11-06), https://kexue.fm/archives/11390"
)
BLM = (
    "Boucheron, Lugosi, Massart, 'Concentration Inequalities: A Nonasymptotic Theory of "
    "Independence', Oxford University Press 2013, section 2.5 (maximal inequalities), "
    "https://doi.org/10.1093/acprof:oso/9780199535255.001.0001"
)
PICKANDS = (
    "Pickands, 'Moment convergence of sample extremes', Annals of Mathematical Statistics "
    "39(3), 881-889, 1968, https://doi.org/10.1214/aoms/1177698320"
)
EVT = (
    "Leadbetter, Lindgren, Rootzen, 'Extremes and Related Properties of Random Sequences and "
    "Processes', Springer 1983, theorem 1.5.3 (normal maxima), "
    "https://doi.org/10.1007/978-1-4612-5449-2"
)


# ------------------------------------------------------------------ quadrature functions


def _emax_mpmath(n: int, dps: int) -> mpmath.mpf:
    """``E[max of n]`` as ``int_0^inf (1 - Phi^n) - int_-inf^0 Phi^n``, to ``dps`` digits."""
    with mpmath.workdps(dps + 15):
        m = mpmath.mpf(n)

        def upper(x: mpmath.mpf) -> mpmath.mpf:  # 1 - Phi(x)^n, accurate in the far tail
            return -mpmath.expm1(m * mpmath.log1p(-mpmath.ncdf(-x)))

        def lower(x: mpmath.mpf) -> mpmath.mpf:
            return mpmath.exp(m * mpmath.log(mpmath.ncdf(x)))

        a = mpmath.sqrt(2 * mpmath.log(m)) if n > 1 else mpmath.mpf(0)
        cuts = sorted(
            {mpmath.mpf(0), *(p for p in (a - 2, a - 1, a, a + 1, a + 2, a + 6) if p > 0)}
        )
        value = mpmath.quad(upper, [*cuts, mpmath.inf]) - mpmath.quad(
            lower, [-mpmath.inf, -4, -1, 0]
        )
        return +value


def _emax_float(n: float) -> float:
    """``E[max of n]`` in double precision (scipy quadrature of the same two tail integrals)."""
    n = float(n)
    a = math.sqrt(2 * math.log(n)) if n > 1 else 0.0
    edges = [0.0, *sorted({p for p in (a - 2, a - 1, a, a + 1, a + 2) if p > 0}), a + 12]

    def upper(x: float) -> float:
        return -math.expm1(n * special.log_ndtr(x))

    def lower(x: float) -> float:
        return math.exp(n * special.log_ndtr(x))

    total = sum(
        integrate.quad(upper, lo, hi, epsabs=0, epsrel=1e-13, limit=200)[0]
        for lo, hi in itertools.pairwise(edges)
    )
    return total - integrate.quad(lower, -40, 0, epsabs=0, epsrel=1e-13, limit=200)[0]


def _mgf_mpmath(n: int, t: mpmath.mpf, dps: int) -> mpmath.mpf:
    """``E[exp(t z_max)] = n e^{t^2/2} int Phi(x)^{n-1} phi(x - t) dx`` to ``dps`` digits."""
    with mpmath.workdps(dps + 15):
        t = mpmath.mpf(t)

        def f(x: mpmath.mpf) -> mpmath.mpf:
            return mpmath.npdf(x - t) * mpmath.exp((n - 1) * mpmath.log(mpmath.ncdf(x)))

        a = mpmath.sqrt(2 * mpmath.log(n)) if n > 1 else mpmath.mpf(0)
        peak = max(a, t)
        cuts = sorted({peak - 8, peak - 2, peak, peak + 2, peak + 8})
        inner = mpmath.quad(f, [-mpmath.inf, *cuts, mpmath.inf])
        return +(n * mpmath.exp(t**2 / 2) * inner)


def _mgf_float(n: float, t: float) -> float:
    """``E[exp(t z_max)]`` in double precision."""
    n, t = float(n), float(t)
    a = math.sqrt(2 * math.log(n)) if n > 1 else 0.0
    peak = max(a, t)
    edges = [peak - 40, peak - 8, peak - 2, peak, peak + 2, peak + 8, peak + 40]

    def f(x: float) -> float:
        return math.exp(-((x - t) ** 2) / 2 + (n - 1) * special.log_ndtr(x)) / math.sqrt(
            2 * math.pi
        )

    inner = sum(
        integrate.quad(f, lo, hi, epsabs=0, epsrel=1e-13, limit=200)[0]
        for lo, hi in itertools.pairwise(edges)
    )
    return n * math.exp(t * t / 2) * inner


class ExpectedMax(sp.Function):
    r"""``E[max(z_1, ..., z_n)]`` for i.i.d. standard normal ``z_i``, by quadrature.

    No closed form exists for ``n >= 4``; ``evalf`` integrates with mpmath to the requested
    precision, and the numeric checker calls the scipy version through ``_imp_``.

    Examples:
        >>> round(float(ExpectedMax(2).evalf(20)) * math.sqrt(math.pi), 12)
        1.0
    """

    nargs = 1
    _imp_ = staticmethod(_emax_float)

    def _eval_is_real(self) -> bool:
        return True

    def _eval_evalf(self, prec: int) -> sp.Float | None:
        n = self.args[0]
        if not (n.is_Integer and n >= 1):
            return None
        dps = mpmath.libmp.prec_to_dps(prec)
        return sp.Float(_emax_mpmath(int(n), dps), dps)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        return r"\mathbb{E}\Big[\max_{i \le " + printer._print(self.args[0]) + r"} z_i\Big]"


class MgfOfMax(sp.Function):
    r"""``E[exp(t max(z_1, ..., z_n))]`` for i.i.d. standard normal ``z_i``, by quadrature.

    Examples:
        >>> round(float(MgfOfMax(1, 1).evalf(20)) / math.exp(0.5), 12)
        1.0
    """

    nargs = 2
    _imp_ = staticmethod(_mgf_float)

    def _eval_is_real(self) -> bool:
        return True

    def _eval_evalf(self, prec: int) -> sp.Float | None:
        n, t = self.args
        if not (n.is_Integer and n >= 1 and t.is_number):
            return None
        dps = mpmath.libmp.prec_to_dps(prec)
        with mpmath.workdps(dps + 15):
            t_mp = sp.N(t, dps + 15)._to_mpmath(mpmath.mp.prec)
            return sp.Float(_mgf_mpmath(int(n), t_mp, dps), dps)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        n, t = (printer._print(a) for a in self.args)
        return r"\mathbb{E}\Big[e^{" + t + r" \max_{i \le " + n + r"} z_i}\Big]"


# ------------------------------------------------------------------ symbols and notation

x, s, u, y = sp.symbols("x s u y", real=True)
za, zb = sp.symbols("a b", real=True)
t = sp.Symbol("t", positive=True)
t_real = sp.Symbol("t", real=True)
n = sp.Symbol("n", positive=True, integer=True)
k = sp.Symbol("k", nonnegative=True, integer=True)
xp = sp.Symbol("x", positive=True)
sl = sp.Symbol("s", positive=True)  # a limit variable, distinct from the free x
ell = sp.Symbol("ell", positive=True)  # ell = ln n
bb = sp.Symbol("b", positive=True)
w = sp.Symbol("w", positive=True)
nu = sp.Symbol("n", positive=True)  # a real n for the limit (1 - w/n)^n
gamma = sp.EulerGamma
R = (-sp.oo, sp.oo)


def phi(v: sp.Expr) -> sp.Expr:
    """Standard normal density."""
    return sp.exp(-(v**2) / 2) / sp.sqrt(2 * sp.pi)


def Phi(v: sp.Expr) -> sp.Expr:
    """Standard normal CDF, ``1 - erfc(v / sqrt 2) / 2`` (the form sympy's integrals take)."""
    return 1 - sp.erfc(v / sp.sqrt(2)) / 2


def tail(v: sp.Expr) -> sp.Expr:
    """``1 - Phi(v)``, written with ``erfc`` (accurate and what sympy integrates to)."""
    return sp.erfc(v / sp.sqrt(2)) / 2


def tail_erf(v: sp.Expr) -> sp.Expr:
    """``1 - Phi(v)`` written with ``erf`` (the form of sympy's integral of phi(s)/s^2)."""
    return (1 - sp.erf(v / sp.sqrt(2))) / 2


_v = sp.Symbol("v", real=True)  # differentiation variable, bound by Subs


def _at(f: Callable[[sp.Expr], sp.Expr], point: sp.Expr) -> sp.Subs:
    """``f'(point)`` as ``Subs(Derivative(f(v), v), v, point)``, unevaluated.

    The derivative is taken in a bound variable, so substituting a number for ``point`` (as
    the refuter does) evaluates the derivative there instead of differentiating by a number.
    """
    return sp.Subs(sp.Derivative(f(_v), _v), _v, point)


definition(
    "maxg.setup",
    r"z_1, \dots, z_n \sim \mathcal{N}(0, 1) \text{ i.i.d.}, \qquad "
    r"z_{\max} = \max_{1 \le i \le n} z_i, \qquad "
    r"\varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}, \qquad "
    r"\Phi(x) = \int_{-\infty}^{x} \varphi(s)\, ds",
)

# ------------------------------------------------------------------ the law of the maximum

claim(
    "maxg.cdf",
    eq(
        sp.Integral(phi(za) * phi(zb), (za, -sp.oo, x), (zb, -sp.oo, x)),
        Phi(x) ** 2,
    ),
    scope=Instance(
        "n = 2: the double integral of the joint density over (-inf, x]^2, x symbolic",
        "the joint density of independent variables is a product, so the n-fold integral "
        "over (-inf, x]^n factorises into n copies of Phi(x)",
    ),
    latex=r"P(z_{\max} \le x) = P(z_1 \le x, \dots, z_n \le x) "
    r"= \prod_{i=1}^{n} P(z_i \le x) = \Phi(x)^n",
    wrong={
        "a sum instead of a product: 2 Phi(x)": eq(
            sp.Integral(phi(za) * phi(zb), (za, -sp.oo, x), (zb, -sp.oo, x)), 2 * Phi(x)
        ),
        "the law of the minimum, 1 - (1 - Phi)^2": eq(
            sp.Integral(phi(za) * phi(zb), (za, -sp.oo, x), (zb, -sp.oo, x)),
            1 - (1 - Phi(x)) ** 2,
        ),
    },
    uses=["maxg.setup"],
    compare="the display is about probabilities of events; the statement is the integral",
)

claim(
    "maxg.density",
    eq(_at(lambda q: Phi(q) ** n, x), n * Phi(x) ** n / Phi(x) * phi(x)),
    scope=GENERAL,
    latex=r"f_{\max}(x) = \frac{d}{dx}\, \Phi(x)^n = n\, \Phi(x)^{n-1} \varphi(x)",
    wrong={
        "factor n missing": eq(_at(lambda q: Phi(q) ** n, x), Phi(x) ** (n - 1) * phi(x)),
        "exponent n instead of n - 1": eq(_at(lambda q: Phi(q) ** n, x), n * Phi(x) ** n * phi(x)),
    },
    uses=["maxg.cdf"],
    note="n symbolic (a positive integer): the chain rule. Phi^{n-1} is written Phi^n / Phi in "
    "the statement, the form the chain rule produces, so sympy proves it without a page "
    "simplification (an identity between erfc values cannot be confirmed at sampled points).",
    compare="phi and Phi are names for the functions of maxg.setup",
)

claim(
    "maxg.density-ends",
    sp.And(
        eq(sp.Limit(Phi(s) ** n, s, sp.oo), 1),
        eq(sp.Limit(Phi(s) ** n, s, -sp.oo), 0),
    ),
    scope=GENERAL,
    latex=r"\lim_{x \to -\infty} \Phi(x)^n = 0, \qquad \lim_{x \to \infty} \Phi(x)^n = 1",
    wrong={
        "limit 1/2 at -infinity": eq(sp.Limit(Phi(s) ** n, s, -sp.oo), sp.Rational(1, 2)),
        "limit n at +infinity": Wrong(eq(sp.Limit(Phi(s) ** n, s, sp.oo), n), at=({n: 2},)),
    },
    uses=["maxg.density"],
    note="n symbolic: the density integrates to Phi^n between its limits, i.e. to 1.",
    compare="Phi is a name for the function of maxg.setup",
)

# ------------------------------------------------------------------ the upper bound

claim(
    "maxg.mgf",
    eq(sp.Integral(sp.exp(t_real * x) * phi(x), (x, *R)), sp.exp(t_real**2 / 2)),
    scope=GENERAL,
    latex=r"\int_{-\infty}^{\infty} e^{t x}\, \frac{e^{-x^2/2}}{\sqrt{2\pi}}\, dx = e^{t^2/2}",
    wrong={
        "no factor 1/2: e^{t^2}": eq(
            sp.Integral(sp.exp(t_real * x) * phi(x), (x, *R)), sp.exp(t_real**2)
        ),
        "linear exponent e^{t/2}": eq(
            sp.Integral(sp.exp(t_real * x) * phi(x), (x, *R)), sp.exp(t_real / 2)
        ),
    },
    uses=["maxg.setup"],
    source=BLM,
    domain={t_real: (-5, 5)},
    note="t symbolic and real; completing the square, t x - x^2/2 = t^2/2 - (x - t)^2/2. "
    "Random points for the variants are drawn with |t| <= 5, where the integral evaluates "
    "quickly.",
    compare="the parsed display is an integral that would be integrated again at every "
    "sampled point, beyond the comparison's time budget",
)

claim(
    "maxg.tangent",
    eq(sp.exp(u), 1 + u + sp.Integral((u - s) * sp.exp(s), (s, 0, u))),
    scope=GENERAL,
    latex=r"e^{u} = 1 + u + \int_0^u (u - s)\, e^{s}\, ds",
    wrong={
        "weight (u - s) dropped": eq(sp.exp(u), 1 + u + sp.Integral(sp.exp(s), (s, 0, u))),
        "weight (s - u)": eq(sp.exp(u), 1 + u + sp.Integral((s - u) * sp.exp(s), (s, 0, u))),
    },
    domain={u: (-20, 20)},
    note="u symbolic and real: Taylor's formula with integral remainder. Between 0 and u the "
    "factor u - s has the sign of u, so the integral is >= 0 whatever the sign of u, and "
    "e^u >= 1 + u. With u = t (X - E X), multiplied by e^{t E X} and averaged over X, this is "
    "Jensen's inequality E e^{tX} >= e^{t E X}. Random points (for variants and the display) "
    "are drawn in [-20, 20], where the integral evaluates quickly.",
)

claim(
    "maxg.mgf-max",
    sp.And(
        eq(sp.exp(t_real * x) * phi(x), sp.exp(t_real**2 / 2) * phi(x - t_real)),
        eq(sp.Integral(phi(x - t_real), (x, *R)), 1),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}\, e^{t z_{\max}} = n \int e^{t x}\, \Phi(x)^{n-1} \varphi(x)\, dx "
    r"= n\, e^{t^2/2} \int \Phi(x)^{n-1}\, \varphi(x - t)\, dx, \qquad "
    r"\int \varphi(x - t)\, dx = 1",
    domain={t_real: (-10, 10), x: (-10, 10)},
    wrong={
        "shift with the wrong sign": eq(
            sp.exp(t_real * x) * phi(x), sp.exp(t_real**2 / 2) * phi(x + t_real)
        ),
        "factor e^{t^2}": eq(sp.exp(t_real * x) * phi(x), sp.exp(t_real**2) * phi(x - t_real)),
    },
    uses=["maxg.density", "maxg.mgf"],
    note="x and t symbolic: multiplying the density by e^{tx} shifts it by t and scales it by "
    "e^{t^2/2} (the first equality of the display is the density of maxg.density). Since "
    "Phi^{n-1} <= 1, the last integral is at most 1.",
    compare="phi and Phi are names for functions, and an expectation is not parsed",
)

claim(
    "maxg.chain",
    sp.And(
        le(sp.exp(t * ExpectedMax(n)), MgfOfMax(n, t)),
        le(MgfOfMax(n, t), n * sp.exp(t**2 / 2)),
    ),
    scope=GENERAL,
    latex=r"e^{t\, \mathbb{E}[z_{\max}]} \le \mathbb{E}\, e^{t z_{\max}} \le n\, e^{t^2/2}",
    method=Numeric(
        samples=200, rtol=1e-9, atol=1e-12, seed=0, domain={n: (1, 1000), t: (0.01, 20)}
    ),
    wrong={
        "Jensen reversed": Wrong(
            ge(sp.exp(t * ExpectedMax(n)), MgfOfMax(n, t)), at=({n: 10, t: 1},)
        ),
        "bound n e^t": Wrong(le(MgfOfMax(n, t), n * sp.exp(t)), at=({n: 10, t: 6},)),
    },
    uses=["maxg.tangent", "maxg.mgf-max"],
    source=BLM,
    note="Numeric: E[z_max] and E[e^{t z_max}] have no closed form for n >= 4; both are "
    "evaluated by quadrature (scipy, relative accuracy about 1e-13). The first inequality is "
    "Jensen's (maxg.tangent), the second maxg.mgf-max with Phi^{n-1} <= 1.",
    compare="an expectation is not parsed",
)

claim(
    "maxg.log-step",
    eq(sp.log(n * sp.exp(t**2 / 2)) / t, sp.log(n) / t + t / 2),
    scope=GENERAL,
    latex=r"\frac{1}{t} \ln\big(n\, e^{t^2/2}\big) = \frac{\ln n}{t} + \frac{t}{2}",
    method=Symbolic(simplify=lambda e: sp.expand(sp.expand_log(e, force=True))),
    wrong={
        "t^2/2 kept": eq(sp.log(n * sp.exp(t**2 / 2)) / t, sp.log(n) / t + t**2 / 2),
        "ln n not divided by t": eq(sp.log(n * sp.exp(t**2 / 2)) / t, sp.log(n) + t / 2),
    },
    uses=["maxg.chain"],
    note="Taking logarithms of maxg.chain and dividing by t > 0.",
)

_root = sp.sqrt(2 * sp.log(n))
_aa = sp.Symbol("a", nonnegative=True)  # stands for sqrt(2 ln n) in the inequality
claim(
    "maxg.optimum",
    sp.And(
        eq(sp.log(n) / t + t / 2 - _root, (t - _root) ** 2 / (2 * t)),
        ge(_aa**2 / (2 * t) + t / 2 - _aa, 0),
    ),
    scope=GENERAL,
    latex=r"\frac{\ln n}{t} + \frac{t}{2} - \sqrt{2 \ln n} "
    r"= \frac{\big(t - \sqrt{2 \ln n}\big)^2}{2t} \ge 0",
    wrong={
        "minimum sqrt(ln n)": eq(
            sp.log(n) / t + t / 2 - sp.sqrt(sp.log(n)), (t - sp.sqrt(sp.log(n))) ** 2 / (2 * t)
        ),
        "numerator t^2 - 2 ln n": eq(
            sp.log(n) / t + t / 2 - _root, (t**2 - 2 * sp.log(n)) / (2 * t)
        ),
    },
    uses=["maxg.log-step"],
    note="n and t symbolic; the bound is smallest, and equal to sqrt(2 ln n), at "
    "t = sqrt(2 ln n). The inequality is checked as a^2/(2t) + t/2 - a >= 0 for every a >= 0 "
    "(a = sqrt(2 ln n)), which sympy factors into (t - a)^2 / (2t).",
)

claim(
    "maxg.bound",
    sp.And(
        le(ExpectedMax(n), sp.sqrt(2 * sp.log(n))),
        le(ExpectedMax(2**k), sp.sqrt(2 * k * sp.log(2))),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}[z_{\max}] \le \min_{t > 0} \Big(\frac{\ln n}{t} + \frac{t}{2}\Big) "
    r"= \sqrt{2 \ln n}",
    method=Numeric(samples=200, rtol=1e-9, atol=1e-12, seed=0, domain={n: (1, 1000), k: (0, 30)}),
    wrong={
        "sqrt(ln n)": Wrong(le(ExpectedMax(n), sp.sqrt(sp.log(n))), at=({n: 1000, k: 30},)),
        "half the bound": Wrong(le(ExpectedMax(n), sp.sqrt(2 * sp.log(n)) / 2), at=({n: 3, k: 0},)),
    },
    uses=["maxg.chain", "maxg.log-step", "maxg.optimum"],
    source=BLM,
    note="Numeric, by quadrature: at integers n in [1, 1000] and at n = 2^k for integers k in "
    "[0, 30] (n up to about 1.07e9). It follows from maxg.chain, maxg.log-step and "
    "maxg.optimum at t = sqrt(2 ln n); the check confirms the chain's conclusion directly.",
    compare="an expectation and a minimum over t are not parsed",
)

# ------------------------------------------------------------------ exact values for n = 2, 3

claim(
    "maxg.parts",
    eq(
        _at(lambda q: -phi(q) * Phi(q) ** (n - 1), x),
        x * phi(x) * Phi(x) ** (n - 1) - (n - 1) * phi(x) ** 2 * Phi(x) ** (n - 1) / Phi(x),
    ),
    scope=GENERAL,
    latex=r"\frac{d}{dx}\Big[-\varphi\, \Phi^{n-1}\Big] = x\, \varphi\, \Phi^{n-1} "
    r"- (n - 1)\, \varphi^2\, \Phi^{n-2}",
    wrong={
        "(n - 2) in place of (n - 1)": eq(
            _at(lambda q: -phi(q) * Phi(q) ** (n - 1), x),
            x * phi(x) * Phi(x) ** (n - 1) - (n - 2) * phi(x) ** 2 * Phi(x) ** (n - 2),
        ),
        "plus sign": eq(
            _at(lambda q: -phi(q) * Phi(q) ** (n - 1), x),
            x * phi(x) * Phi(x) ** (n - 1) + (n - 1) * phi(x) ** 2 * Phi(x) ** (n - 2),
        ),
    },
    uses=["maxg.density"],
    note="n symbolic: the product rule with phi' = -x phi and Phi' = phi (Phi^{n-2} written "
    "Phi^{n-1} / Phi, the form the derivative takes).",
    compare="phi and Phi are names for functions of maxg.setup",
)

claim(
    "maxg.parts-ends",
    sp.And(
        eq(sp.Limit(phi(s) * Phi(s) ** (n - 1), s, sp.oo), 0),
        eq(sp.Limit(phi(s) * Phi(s) ** (n - 1), s, -sp.oo), 0),
    ),
    scope=GENERAL,
    latex=r"\varphi\, \Phi^{n-1} \to 0 \;(x \to \pm\infty) \quad\Longrightarrow\quad "
    r"\mathbb{E}[z_{\max}] = n \int x\, \varphi\, \Phi^{n-1}\, dx "
    r"= n (n - 1) \int \varphi^2\, \Phi^{n-2}\, dx",
    wrong={
        "boundary term phi(0) left at -infinity": eq(
            sp.Limit(phi(s) * Phi(s) ** (n - 1), s, -sp.oo), phi(0)
        ),
        "boundary term 1 at +infinity": eq(sp.Limit(phi(s) * Phi(s) ** (n - 1), s, sp.oo), 1),
    },
    uses=["maxg.parts", "maxg.density"],
    note="n symbolic: the boundary term of the integration by parts vanishes at both ends, so "
    "integrating maxg.parts over the real line turns n int x phi Phi^{n-1} into "
    "n (n - 1) int phi^2 Phi^{n-2}.",
    compare="phi and Phi are names for functions, and an expectation is not parsed",
)

claim(
    "maxg.exact-2",
    sp.And(
        eq(sp.Integral(2 * x * Phi(x) * phi(x), (x, *R)), 1 / sp.sqrt(sp.pi)),
        eq(2 * sp.Integral(phi(x) ** 2, (x, *R)), 1 / sp.sqrt(sp.pi)),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}\big[\max(z_1, z_2)\big] = 2 \int x\, \Phi(x)\, \varphi(x)\, dx "
    r"= 2 \int \varphi(x)^2\, dx = \frac{1}{\sqrt{\pi}}",
    wrong={
        "1/sqrt(2 pi)": eq(2 * sp.Integral(phi(x) ** 2, (x, *R)), 1 / sp.sqrt(2 * sp.pi)),
        "E|z| = sqrt(2/pi)": eq(2 * sp.Integral(phi(x) ** 2, (x, *R)), sp.sqrt(2 / sp.pi)),
    },
    uses=["maxg.parts-ends"],
    note="Both forms are integrated by sympy: the direct one and the one after integration by "
    "parts (maxg.parts with n = 2). The wrong variants are stated on the second form, whose "
    "numeric value can be certified quickly (integrals of erf are slow to evaluate to 30 "
    "digits).",
    compare="phi and Phi are names for functions, and an expectation is not parsed",
)

a_, b_ = sp.symbols("a b", real=True)
dw = sp.Symbol("w", real=True)
claim(
    "maxg.max-identity",
    eq(sp.Max(a_, b_), (a_ + b_ + sp.Abs(a_ - b_)) / 2),
    scope=GENERAL,
    latex=r"\max(a, b) = \frac{a + b + |a - b|}{2}",
    method=Symbolic(simplify=lambda e: sp.simplify(e.rewrite(sp.Piecewise))),
    wrong={
        "minus the gap": eq(sp.Max(a_, b_), (a_ + b_ - sp.Abs(a_ - b_)) / 2),
        "the gap not halved": eq(sp.Max(a_, b_), (a_ + b_) / 2 + sp.Abs(a_ - b_)),
    },
    note="a, b symbolic and real; max and |.| are rewritten as cases.",
)

claim(
    "maxg.exact-2-abs",
    eq(
        sp.Integral(sp.Abs(dw) * sp.exp(-(dw**2) / 4) / (2 * sp.sqrt(sp.pi)), (dw, *R)) / 2,
        1 / sp.sqrt(sp.pi),
    ),
    scope=GENERAL,
    latex=r"z_1 - z_2 \sim \mathcal{N}(0, 2): \quad \mathbb{E}\big[\max(z_1, z_2)\big] "
    r"= \frac{1}{2}\, \mathbb{E}\, |z_1 - z_2| "
    r"= \frac{1}{2} \int |w|\, \frac{e^{-w^2/4}}{2\sqrt{\pi}}\, dw = \frac{1}{\sqrt{\pi}}",
    wrong={
        "without the 1/2": eq(
            sp.Integral(sp.Abs(dw) * sp.exp(-(dw**2) / 4) / (2 * sp.sqrt(sp.pi)), (dw, *R)),
            1 / sp.sqrt(sp.pi),
        ),
        "variance 1 for the difference": eq(
            sp.Integral(sp.Abs(dw) * phi(dw), (dw, *R)) / 2, 1 / sp.sqrt(sp.pi)
        ),
    },
    uses=["maxg.max-identity", "maxg.exact-2"],
    note="A second route to n = 2: the maximum is the mean plus half the gap (the means of z_1 "
    "and z_2 are 0), and the gap of two independent standard normals is normal with variance 2.",
    compare="an expectation is not parsed",
)

_odd = sp.Integral(phi(x) ** 2 * (Phi(x) - sp.Rational(1, 2)), (x, *R))
claim(
    "maxg.exact-3",
    sp.And(
        eq(
            6 * sp.Integral(phi(x) ** 2 * Phi(x), (x, *R)),
            3 * sp.Integral(phi(x) ** 2, (x, *R)) + 6 * _odd,
        ),
        eq(_odd, 0),
        eq(3 * sp.Integral(phi(x) ** 2, (x, *R)), 3 / (2 * sp.sqrt(sp.pi))),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}\big[\max(z_1, z_2, z_3)\big] = 6 \int \varphi^2\, \Phi\, dx "
    r"= 3 \int \varphi^2\, dx + 6 \int \varphi^2 \Big(\Phi - \frac{1}{2}\Big)\, dx "
    r"= \frac{3}{2\sqrt{\pi}} + 0",
    wrong={
        "3/(4 sqrt(pi))": eq(3 * sp.Integral(phi(x) ** 2, (x, *R)), 3 / (4 * sp.sqrt(sp.pi))),
        "Phi taken as 1 (6 int phi^2)": eq(
            6 * sp.Integral(phi(x) ** 2, (x, *R)), 3 / (2 * sp.sqrt(sp.pi))
        ),
    },
    uses=["maxg.parts-ends", "maxg.exact-2"],
    note="maxg.parts with n = 3; Phi - 1/2 is odd and phi^2 even, so the second integral "
    "vanishes (sympy integrates all three). Integrating x phi Phi^2 directly is beyond sympy. "
    "The variants are stated on the Gaussian integral, which evaluates quickly.",
    compare="phi and Phi are names for functions, and an expectation is not parsed",
)

# ------------------------------------------------------------------ the Gaussian tail

claim(
    "maxg.mills-upper",
    eq(tail_erf(xp), phi(xp) / xp - sp.Integral(phi(s) / s**2, (s, xp, sp.oo))),
    scope=GENERAL,
    latex=r"1 - \Phi(x) = \frac{\varphi(x)}{x} - \int_x^\infty \frac{\varphi(s)}{s^2}\, ds "
    r"\qquad (x > 0)",
    domain={xp: (0.1, 10)},
    wrong={
        "no correction": eq(tail(xp), phi(xp) / xp),
        "correction added": eq(tail(xp), phi(xp) / xp + sp.Integral(phi(s) / s**2, (s, xp, sp.oo))),
    },
    uses=["maxg.setup"],
    note="x symbolic and positive; the integral is positive, so 1 - Phi(x) < phi(x)/x.",
    compare="phi and Phi are names for functions of maxg.setup",
)

claim(
    "maxg.mills-lower",
    sp.And(
        eq(
            _at(lambda q: tail(q) - q * phi(q) / (1 + q**2), xp),
            -2 * phi(xp) / (1 + xp**2) ** 2,
        ),
        eq(sp.Limit(tail(sl) - sl * phi(sl) / (1 + sl**2), sl, sp.oo), 0),
    ),
    scope=GENERAL,
    latex=r"1 - \Phi(x) = \frac{x\, \varphi(x)}{1 + x^2} "
    r"+ \int_x^\infty \frac{2\, \varphi(s)}{(1 + s^2)^2}\, ds \qquad (x > 0)",
    wrong={
        "derivative without the factor 2": eq(
            _at(lambda q: tail(q) - q * phi(q) / (1 + q**2), xp),
            -phi(xp) / (1 + xp**2) ** 2,
        ),
        "bound phi(x)/(1 + x)": eq(
            _at(lambda q: tail(q) - phi(q) / (1 + q), xp), -2 * phi(xp) / (1 + xp**2) ** 2
        ),
    },
    uses=["maxg.setup"],
    note="x symbolic and positive. The display's identity is checked through its two "
    "ingredients: the difference has derivative -2 phi/(1 + x^2)^2 and vanishes at infinity, "
    "so it equals the integral of that (positive) function from x to infinity.",
    compare="the statement is the derivative and the limit that give the displayed integral",
)

claim(
    "maxg.mills-ratio",
    eq(sp.Limit(xp * tail(xp) / phi(xp), xp, sp.oo), 1),
    scope=GENERAL,
    latex=r"\frac{x^2}{1 + x^2} \le \frac{x\,\big(1 - \Phi(x)\big)}{\varphi(x)} \le 1 "
    r"\quad\Longrightarrow\quad \lim_{x \to \infty} \frac{x\,\big(1 - \Phi(x)\big)}{\varphi(x)} "
    r"= 1",
    wrong={
        "limit 1/2": eq(sp.Limit(xp * tail(xp) / phi(xp), xp, sp.oo), sp.Rational(1, 2)),
        "limit of (1 - Phi)/phi": eq(sp.Limit(tail(xp) / phi(xp), xp, sp.oo), 1),
    },
    uses=["maxg.mills-upper", "maxg.mills-lower"],
    note="The two-sided bound is maxg.mills-upper and maxg.mills-lower; sympy evaluates the "
    "limit itself.",
    compare="phi and Phi are names for functions of maxg.setup",
)

# ------------------------------------------------------------------ where the maximum sits

definition(
    "maxg.location",
    r"n\,\big(1 - \Phi(b_n)\big) = 1, \qquad \ell = \ln n",
    note="b_n is the (1 - 1/n)-quantile of one z_i: on average one of the n samples exceeds it.",
)

_c = (sp.log(ell) + sp.log(4 * sp.pi)) / 2
_a = sp.sqrt(2 * ell)
_x = _a - _c / _a


def _residual(cand: sp.Expr) -> sp.Expr:
    """``-ln(n phi(x) / x)`` at ``x = cand``, with ``ln n = ell``."""
    return cand**2 / 2 + sp.log(cand) + sp.log(sp.sqrt(2 * sp.pi)) - ell


claim(
    "maxg.location-expansion",
    sp.And(
        eq(sp.Limit(_residual(_x), ell, sp.oo), 0),
        eq(sp.Limit(_x / _a, ell, sp.oo), 1),
    ),
    scope=GENERAL,
    latex=r"x_\ell = \sqrt{2\ell} - \frac{\ln \ell + \ln 4\pi}{2\sqrt{2\ell}}: \quad "
    r"\lim_{\ell \to \infty} \Big(\frac{x_\ell^2}{2} + \ln x_\ell + \ln\sqrt{2\pi} "
    r"- \ell\Big) = 0, "
    r"\quad \lim_{\ell \to \infty} \frac{x_\ell}{\sqrt{2\ell}} = 1",
    wrong={
        "without ln 4 pi": eq(sp.Limit(_residual(_a - sp.log(ell) / (2 * _a)), ell, sp.oo), 0),
        "ln 2 pi in place of ln 4 pi": eq(
            sp.Limit(_residual(_a - (sp.log(ell) + sp.log(2 * sp.pi)) / (2 * _a)), ell, sp.oo),
            0,
        ),
    },
    uses=["maxg.location", "maxg.mills-ratio"],
    note="ell = ln n symbolic. The bracket is -ln(n phi(x)/x) with ln n = ell: x_ell solves "
    "n phi(x)/x = 1 up to a factor tending to 1, and so does b_n (maxg.mills-ratio). The "
    "bracket grows like x, so b_n - x_ell = o(1/sqrt(ell)).",
    compare="x_ell abbreviates the two-term expression",
)

_yy = sp.Symbol("y", real=True)
claim(
    "maxg.gumbel",
    sp.And(
        eq(
            sp.Limit(phi(bb + _yy / bb) / phi(bb) * bb / (bb + _yy / bb), bb, sp.oo),
            sp.exp(-_yy),
        ),
        eq(sp.Limit((1 - w / nu) ** nu, nu, sp.oo), sp.exp(-w)),
    ),
    scope=GENERAL,
    latex=r"\frac{1 - \Phi(b + y/b)}{1 - \Phi(b)} \sim "
    r"\frac{\varphi(b + y/b)}{\varphi(b)}\, \frac{b}{b + y/b} \to e^{-y}, \quad "
    r"\Big(1 - \frac{w}{n}\Big)^n \to e^{-w} \quad\Longrightarrow\quad "
    r"P\big(b_n (z_{\max} - b_n) \le y\big) = \Phi\big(b_n + y/b_n\big)^n \to e^{-e^{-y}}",
    wrong={
        "tail ratio e^{-y/2} (fails at y = 1)": eq(
            sp.Limit(phi(bb + 1 / bb) / phi(bb) * bb / (bb + 1 / bb), bb, sp.oo),
            sp.exp(-sp.Rational(1, 2)),
        ),
        "(1 - w/n)^n -> e^{-w^2} (fails at w = 2)": eq(
            sp.Limit((1 - 2 / nu) ** nu, nu, sp.oo), sp.exp(-4)
        ),
    },
    uses=["maxg.location", "maxg.mills-ratio", "maxg.cdf"],
    source=EVT,
    note="y, w symbolic. The first limit (with maxg.mills-ratio for the ~) gives "
    "n(1 - Phi(b_n + y/b_n)) -> e^{-y} because n(1 - Phi(b_n)) = 1; the second turns "
    "Phi(.)^n = (1 - e^{-y}(1 + o(1))/n)^n into the Gumbel law.",
    compare="phi and Phi are names for functions, and a probability is not parsed",
)

claim(
    "maxg.gumbel-mean",
    sp.And(
        eq(sp.Integral(sp.exp(-w), (w, sp.exp(-_yy), sp.oo)), sp.exp(-sp.exp(-_yy))),
        eq(sp.Integral(-sp.log(w) * sp.exp(-w), (w, 0, sp.oo)), gamma),
    ),
    scope=GENERAL,
    latex=r"W \sim \mathrm{Exp}(1): \quad P(-\ln W \le y) = \int_{e^{-y}}^{\infty} e^{-w}\, dw "
    r"= e^{-e^{-y}}, \qquad \mathbb{E}[-\ln W] = \int_0^\infty (-\ln w)\, e^{-w}\, dw = \gamma",
    wrong={
        "mean 1": eq(sp.Integral(-sp.log(w) * sp.exp(-w), (w, 0, sp.oo)), 1),
        "mean gamma/2": eq(sp.Integral(-sp.log(w) * sp.exp(-w), (w, 0, sp.oo)), gamma / 2),
    },
    uses=["maxg.gumbel"],
    note="y symbolic. The Gumbel law is that of -ln W for an exponential W, so its mean is "
    "-Gamma'(1) = gamma, Euler's constant. (The same mean integrated in y directly comes out "
    "of sympy 1.13 with a spurious i pi, so the check goes through W.)",
    compare="a probability and an expectation are not parsed",
)

cited(
    "maxg.moments",
    r"\mathbb{E}\big[b_n (z_{\max} - b_n)\big] \to \gamma \quad\Longrightarrow\quad "
    r"\mathbb{E}[z_{\max}] = b_n + \frac{\gamma}{b_n} + o\Big(\frac{1}{b_n}\Big)",
    source=PICKANDS,
    uses=["maxg.gumbel", "maxg.gumbel-mean"],
    note="Convergence in law does not by itself give convergence of the mean; Pickands shows "
    "the moments converge for maxima in the Gumbel domain, which includes the normal.",
)

_main = _a - (sp.log(ell) + sp.log(4 * sp.pi) - 2 * gamma) / (2 * _a)
claim(
    "maxg.expansion",
    eq(sp.Limit(sp.sqrt(ell) * ((_x + gamma / _x) - _main), ell, sp.oo), 0),
    scope=GENERAL,
    latex=r"b_n + \frac{\gamma}{b_n} = \sqrt{2\ell} "
    r"- \frac{\ln \ell + \ln 4\pi - 2\gamma}{2\sqrt{2\ell}} + o\big(\ell^{-1/2}\big), "
    r"\qquad \ell = \ln n",
    wrong={
        "+ 2 gamma": eq(
            sp.Limit(
                sp.sqrt(ell)
                * (
                    (_x + gamma / _x)
                    - (_a - (sp.log(ell) + sp.log(4 * sp.pi) + 2 * gamma) / (2 * _a))
                ),
                ell,
                sp.oo,
            ),
            0,
        ),
        "gamma not halved by the 2 sqrt(2 ell)": eq(
            sp.Limit(
                sp.sqrt(ell)
                * ((_x + gamma / _x) - (_a - (sp.log(ell) + sp.log(4 * sp.pi) - gamma) / (2 * _a))),
                ell,
                sp.oo,
            ),
            0,
        ),
    },
    uses=["maxg.location-expansion", "maxg.moments"],
    note="ell symbolic: b_n = x_ell + o(ell^{-1/2}) (maxg.location-expansion) and "
    "gamma/b_n = gamma/x_ell + o(ell^{-1/2}); the statement is the algebra with b_n replaced "
    "by x_ell.",
    compare="o(.) is not parsed",
)


def _n_phi(point: sp.Expr) -> sp.Expr:
    """``n phi(point)`` left unevaluated (sympy would simplify ``exp(-ln(...))`` when built)."""
    exponent = sp.Mul(sp.Rational(-1, 2), sp.Pow(point, 2, evaluate=False), evaluate=False)
    return sp.Mul(n, sp.exp(exponent, evaluate=False), 1 / sp.sqrt(2 * sp.pi), evaluate=False)


_su = sp.sqrt(2 * ell - sp.log(2 * sp.pi))
_gap = (sp.log(ell) + sp.log(2) - 2 * gamma) / (2 * _a)
claim(
    "maxg.su",
    sp.And(
        eq(_n_phi(sp.sqrt(2 * sp.log(n / sp.sqrt(2 * sp.pi)))), 1),
        eq(
            sp.Limit(ell * sp.sqrt(ell) * (_su - _main - _gap), ell, sp.oo),
            -((sp.log(2 * sp.pi)) ** 2) / (16 * sp.sqrt(2)),
        ),
    ),
    scope=GENERAL,
    latex=r"n\, \varphi\Big(\sqrt{2 \ln \tfrac{n}{\sqrt{2\pi}}}\Big) = 1, \qquad "
    r"\sqrt{2 \ln \tfrac{n}{\sqrt{2\pi}}} - \Big(\sqrt{2\ell} "
    r"- \frac{\ln \ell + \ln 4\pi - 2\gamma}{2\sqrt{2\ell}}\Big) "
    r"= \frac{\ln \ell + \ln 2 - 2\gamma}{2\sqrt{2\ell}} + O\big(\ell^{-3/2}\big)",
    wrong={
        "solves n phi(x) = 1 at sqrt(2 ln n)": eq(_n_phi(sp.sqrt(2 * sp.log(n))), 1),
        "gap with ln 4 pi": eq(
            sp.Limit(
                ell
                * sp.sqrt(ell)
                * (_su - _main - (sp.log(ell) + sp.log(4 * sp.pi) - 2 * gamma) / (2 * _a)),
                ell,
                sp.oo,
            ),
            -((sp.log(2 * sp.pi)) ** 2) / (16 * sp.sqrt(2)),
        ),
    },
    uses=["maxg.expansion"],
    source=SU,
    note="n, ell symbolic. The source's refined estimate solves n phi(x) = 1, i.e. the "
    "location equation with the 1/x of Mills' ratio dropped; it sits above the two-term "
    "expansion by (ln ell + ln 2 - 2 gamma)/(2 sqrt(2 ell)), positive once ell > e^{2 gamma}/2 "
    "(n >= 5). The second conjunct pins the remainder: ell^{3/2} times it tends to "
    "-(ln 2 pi)^2 / (16 sqrt 2).",
    compare="phi is a name for a function, and O(.) is not parsed",
)
