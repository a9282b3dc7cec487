"""Claims of ``docs/posts/mathematics/optimization/adamw-weight-rms.md``.

Two mean-field estimates for AdamW under pure-noise gradients: the RMS of Adam's update,
sqrt((1 - beta_1)/(1 + beta_1)), from the variance of an exponential moving average; and the
equilibrium RMS of the weights, sqrt(eta / (2 lambda)), from the stationary variance of the
linear recurrence W_t = (1 - eta lambda) W_{t-1} - eta u_t.

Expectations of polynomials in independent standard normals are exact
(``derivations.helpers.gaussian_expectation``). Statements "for every t" are proved by
induction with symbolic t: the closed form satisfies the recurrence and the initial value, and
the recurrence itself is checked as one exact Gaussian step. Sequences g_1, g_2, ... are sympy
functions of the step, so a sum up to a symbolic t is a ``Sum`` whose last term the page's
simplification splits off. Limits t -> oo write beta = 1/(1 + p) with p > 0, so that sympy knows
0 < beta < 1. The mean-field step from expectations to the RMS of Adam's update is cited, not
checked.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Symbolic, Wrong, cited, claim, definition
from derivations.helpers import gaussian_expectation

SU_RMS = "Su, 'Why is Adam's update RMS 0.2?' (kexue.fm, 2025), https://kexue.fm/archives/11267"
SU_WEIGHT = (
    "Su, 'An asymptotic estimate of the weight RMS of AdamW' (kexue.fm, 2025-10-01), "
    "https://kexue.fm/archives/11307"
)
ADAMW = (
    "Loshchilov, Hutter, 'Decoupled Weight Decay Regularization', https://arxiv.org/abs/1711.05101"
)
ADAM = "Kingma, Ba, 'Adam: A Method for Stochastic Optimization', https://arxiv.org/abs/1412.6980"

beta, beta2 = sp.symbols("beta_1 beta_2", positive=True)
sigma = sp.Symbol("sigma", positive=True)
p = sp.Symbol("p", positive=True)
t = sp.Symbol("t", integer=True, positive=True)
t0 = sp.Symbol("t", integer=True, nonnegative=True)  # a step count that may be 0
s = sp.Symbol("s", integer=True, positive=True)
eta, lam = sp.symbols("eta lambda", positive=True)
g = sp.Function("g", real=True)  # g(s): the gradient at step s
u_seq = sp.Function("u", real=True)  # u(s): the update at step s
z1, z2, z3 = sp.symbols("z_1 z_2 z_3", real=True)  # independent standard normals

EXPECTATION = "expectations and RMS are not LaTeX the parser reads"


class Expectation(sp.Expr):
    """``E[expr]`` over independent standard normal ``variables``, unevaluated until ``doit``.

    Keeps the expectation in the statement (the ledger shows it; the prover computes it with
    ``gaussian_expectation``), so that a checked identity is not already decided when built.

    Examples:
        >>> z, a = sp.symbols("z a", real=True)
        >>> Expectation((a * z + 1) ** 2, z).doit()
        a**2 + 1
    """

    is_commutative = True

    def __new__(cls, expr: sp.Expr, *variables: sp.Symbol | list) -> Expectation:
        """Build ``E[expr]``; the variables may also be given as one list."""
        if len(variables) == 1 and isinstance(variables[0], list | tuple | sp.Tuple):
            variables = tuple(variables[0])
        return sp.Expr.__new__(cls, sp.sympify(expr), sp.Tuple(*variables))

    @property
    def variables(self) -> tuple[sp.Symbol, ...]:
        """The standard normal variables averaged over."""
        return tuple(self.args[1])

    @property
    def free_symbols(self) -> set[sp.Symbol]:
        """The symbols of the integrand other than the averaged variables."""
        return self.args[0].free_symbols - set(self.variables)

    @property
    def is_number(self) -> bool:
        """A number when nothing but the averaged variables is left."""
        return not self.free_symbols

    def doit(self, **hints: object) -> sp.Expr:
        """The exact expectation."""
        return gaussian_expectation(self.args[0].doit(**hints), list(self.variables))

    def _eval_subs(self, old: sp.Basic, new: sp.Basic) -> sp.Expr | None:
        return self if old in self.variables else None

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        return r"\mathbb{E}\left[" + printer._print(self.args[0]) + r"\right]"

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        over = ", ".join(printer._print(v) for v in self.variables)
        return f"E[{printer._print(self.args[0])}; {over} ~ N(0, 1)]"


def split_last(expr: sp.Expr) -> sp.Expr:
    """Split the last term off every sum up to ``t``.

    ``sum_{s=1}^t f(s)`` becomes ``sum_{s=1}^{t-1} f(s) + f(t)``, which holds for every t >= 1.
    """

    def split(total: sp.Sum) -> sp.Expr:
        ((var, low, high),) = total.limits
        return sp.Sum(total.function, (var, low, high - 1)) + total.function.subs(var, high)

    return expr.replace(lambda e: isinstance(e, sp.Sum) and e.limits[0][2] == t, split)


definition(
    "adamw.adam",
    r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad "
    r"v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad "
    r"u_t = \frac{m_t / (1 - \beta_1^t)}{\sqrt{v_t / (1 - \beta_2^t)} + \epsilon}, \quad "
    r"m_0 = v_0 = 0",
)

definition(
    "adamw.noise",
    r"g_t \sim \mathcal{N}(0, \sigma^2) \text{ i.i.d. per coordinate and step}, \qquad "
    r"\operatorname{RMS}(x) = \sqrt{\tfrac{1}{N} \textstyle\sum_{i=1}^{N} x_i^2}",
)

# ------------------------------------------------------------------ the momentum's variance


def ema(values: list[sp.Expr], decay: sp.Expr) -> sp.Expr:
    """Run ``m <- decay m + (1 - decay) value`` from ``m = 0``."""
    acc = sp.Integer(0)
    for value in values:
        acc = decay * acc + (1 - decay) * value
    return acc


def unrolled(steps: sp.Expr) -> sp.Expr:
    """The displayed closed form ``(1 - beta) sum_{s=1}^{steps} beta^(steps - s) g_s``."""
    return (1 - beta) * sp.Sum(beta ** (steps - s) * g(s), (s, 1, steps))


gs = sp.symbols("g_1:5", real=True)
claim(
    "adamw.ema-unroll",
    sp.And(
        sp.Eq(unrolled(t) - beta * unrolled(t - 1), (1 - beta) * g(t)),
        sp.Eq(unrolled(0), 0, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"m_t = (1 - \beta_1) \sum_{s=1}^{t} \beta_1^{\,t-s}\, g_s",
    method=Symbolic(simplify=split_last),
    compare="the display is the closed form; the statement is the induction that proves it",
    wrong={
        "weights beta^s instead of beta^(t-s) (t = 4)": sp.Eq(
            ema(list(gs), beta), (1 - beta) * sum(beta**k * gs[k - 1] for k in range(1, 5))
        ),
        "factor (1 - beta) missing (t = 4)": sp.Eq(
            ema(list(gs), beta), sum(beta ** (4 - k) * gs[k - 1] for k in range(1, 5))
        ),
    },
    uses=["adamw.adam"],
    note="Induction with symbolic t: the closed form satisfies m_t = beta_1 m_{t-1} + "
    "(1 - beta_1) g_t (the last term of the sum split off) and vanishes at t = 0 (empty sum).",
)


def var_m(steps: sp.Expr, decay: sp.Expr = beta) -> sp.Expr:
    """Closed form of ``E m_t^2`` under pure noise."""
    return sigma**2 * (1 - decay) * (1 - decay ** (2 * steps)) / (1 + decay)


zs = sp.symbols("z_1:5", real=True)  # g_s = sigma z_s, z_s standard normal
_m4 = ema([sigma * z for z in zs], beta)
V = sp.Symbol("V", positive=True)  # E m_{t-1}^2
_b = 1 / (1 + p)
claim(
    "adamw.ema-variance",
    sp.And(
        sp.Eq(
            Expectation((beta * sp.sqrt(V) * z1 + (1 - beta) * sigma * z2) ** 2, [z1, z2]),
            beta**2 * V + (1 - beta) ** 2 * sigma**2,
            evaluate=False,
        ),
        sp.Eq(var_m(t) - beta**2 * var_m(t - 1), sigma**2 * (1 - beta) ** 2, evaluate=False),
        sp.Eq(sp.Subs(var_m(t0), t0, 0), 0),
        sp.Eq(sigma**2 * (1 - _b) ** 2 * sp.Sum(_b ** (2 * (t - s)), (s, 1, t)), var_m(t, _b)),
        sp.Eq(Expectation(_m4**2, list(zs)), var_m(4), evaluate=False),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}\, m_t^2 = \sigma^2 (1 - \beta_1)^2 \sum_{s=1}^{t} \beta_1^{2(t-s)} "
    r"= \sigma^2\, \frac{(1 - \beta_1)(1 - \beta_1^{2t})}{1 + \beta_1}",
    compare=EXPECTATION,
    wrong={
        "weights not squared: (1 - beta^t) (t = 4)": sp.Eq(
            Expectation(_m4**2, list(zs)),
            sigma**2 * (1 - beta) * (1 - beta**4) / (1 + beta),
        ),
        "noise weight (1 - beta) not squared": sp.Eq(
            var_m(t) - beta**2 * var_m(t - 1), sigma**2 * (1 - beta)
        ),
        "cross term kept, as if m_{t-1} and g_t were the same variable": sp.Eq(
            Expectation((beta * sp.sqrt(V) * z1 + (1 - beta) * sigma * z1) ** 2, [z1]),
            beta**2 * V + (1 - beta) ** 2 * sigma**2,
        ),
    },
    uses=["adamw.ema-unroll", "adamw.noise"],
    note="Part 1: one step, m_t = beta_1 m_{t-1} + (1 - beta_1) g_t with m_{t-1} = sqrt(V) z_1 "
    "(a Gaussian of variance V) independent of g_t = sigma z_2, gives the variance recurrence. "
    "Parts 2-3: the closed form satisfies it for symbolic t and vanishes at t = 0, so by "
    "induction it is E m_t^2 for every t. Part 4: the geometric sum (beta_1 = 1/(1 + p)). "
    "Part 5: the exact expectation of the unrolled m_4^2, as a cross-check.",
)

claim(
    "adamw.ema-limit",
    sp.Eq(sp.Limit(var_m(t, _b), t, sp.oo), sigma**2 * (1 - _b) / (1 + _b)),
    scope=GENERAL,
    latex=r"\lim_{t \to \infty} \mathbb{E}\, m_t^2 = \sigma^2\, \frac{1 - \beta_1}{1 + \beta_1}",
    compare=EXPECTATION,
    wrong={
        "limit sigma^2 (1 - beta)": sp.Eq(sp.Limit(var_m(t, _b), t, sp.oo), sigma**2 * (1 - _b)),
        "limit sigma^2 (1 - beta)^2": sp.Eq(
            sp.Limit(var_m(t, _b), t, sp.oo), sigma**2 * (1 - _b) ** 2
        ),
    },
    uses=["adamw.ema-variance"],
    note="beta_1 = 1/(1 + p) with p > 0 encodes 0 < beta_1 < 1.",
)

claim(
    "adamw.bias-corrected",
    sp.And(
        sp.Eq(
            var_m(t) / (1 - beta**t) ** 2,
            sigma**2 * (1 - beta) * (1 + beta**t) / ((1 + beta) * (1 - beta**t)),
        ),
        sp.Eq(var_m(1) / (1 - beta) ** 2, sigma**2),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}\, \hat m_t^2 = \frac{\mathbb{E}\, m_t^2}{(1 - \beta_1^t)^2} "
    r"= \sigma^2\, \frac{(1 - \beta_1)(1 + \beta_1^t)}{(1 + \beta_1)(1 - \beta_1^t)}, "
    r"\qquad \mathbb{E}\, \hat m_1^2 = \sigma^2",
    method=Symbolic(simplify=lambda e: sp.factor(sp.expand_power_base(e))),
    compare=EXPECTATION,
    wrong={
        "bias correction not squared": sp.Eq(
            var_m(t) / (1 - beta**t),
            sigma**2 * (1 - beta) * (1 + beta**t) / ((1 + beta) * (1 - beta**t)),
        ),
    },
    uses=["adamw.ema-variance"],
    note="Symbolic t; m-hat_t = m_t / (1 - beta_1^t), so its second moment is divided by the "
    "square. The first step is a full-size step (Adam's first update is sign(g_1)); the "
    "variance then falls to the limit of adamw.ema-limit.",
)


def mean_v(steps: sp.Expr) -> sp.Expr:
    """Closed form of ``E v_t`` under pure noise."""
    return sigma**2 * (1 - beta2**steps)


# E v-hat_t = E v_t / (1 - beta_2^t), kept unevaluated (sympy would cancel it to sigma^2).
_vhat = sp.Mul(mean_v(t), sp.Pow(1 - beta2**t, -1, evaluate=False), evaluate=False)
claim(
    "adamw.second-moment",
    sp.And(
        sp.Eq(
            Expectation(beta2 * V + (1 - beta2) * sigma**2 * z1**2, [z1]),
            beta2 * V + (1 - beta2) * sigma**2,
            evaluate=False,
        ),
        sp.Eq(mean_v(t) - beta2 * mean_v(t - 1), (1 - beta2) * sigma**2, evaluate=False),
        sp.Eq(sp.Subs(mean_v(t0), t0, 0), 0),
        sp.Eq(_vhat, sigma**2),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}\, v_t = \sigma^2 (1 - \beta_2^t), \qquad "
    r"\mathbb{E}\, \hat v_t = \mathbb{E}\, \frac{v_t}{1 - \beta_2^t} = \sigma^2",
    compare=EXPECTATION,
    wrong={
        "bias correction missing": Wrong(sp.Eq(mean_v(t), sigma**2), at=({t: 1},)),
        "decay beta_2 not applied to the noise term": sp.Eq(
            mean_v(t) - beta2 * mean_v(t - 1), sigma**2
        ),
    },
    uses=["adamw.adam", "adamw.noise"],
    note="Part 1: one step, E v_t = beta_2 E v_{t-1} + (1 - beta_2) E g_t^2 with E v_{t-1} = V "
    "and g_t = sigma z (linearity; no independence needed). Parts 2-3: the closed form "
    "satisfies it for symbolic t and vanishes at t = 0 (induction).",
)

cited(
    "adamw.update-rms-meanfield",
    r"\operatorname{RMS}(u_t)^2 \approx "
    r"\frac{\mathbb{E}\, \hat m_t^2}{\mathbb{E}\, \hat v_t}",
    source=SU_RMS,
    uses=["adamw.adam", "adamw.noise"],
    note="The mean-field approximation: the RMS over many coordinates is replaced by an "
    "expectation, the mean of the ratio m-hat^2 / v-hat by the ratio of the means (v-hat_t "
    "averages about 1/(1 - beta_2) squared gradients, so it barely fluctuates), and epsilon is "
    "neglected. Not checked here; the simulation on the page tests it at beta_2 = 0.999.",
)

_mhat = var_m(t, _b) / (1 - _b**t) ** 2
claim(
    "adamw.update-rms",
    sp.Eq(sp.Limit(_mhat / _vhat, t, sp.oo), (1 - _b) / (1 + _b)),
    scope=GENERAL,
    latex=r"\lim_{t \to \infty} \frac{\mathbb{E}\, \hat m_t^2}{\mathbb{E}\, \hat v_t} "
    r"= \frac{1 - \beta_1}{1 + \beta_1}",
    compare=EXPECTATION,
    wrong={
        "1 - beta_1": sp.Eq(sp.Limit(_mhat / _vhat, t, sp.oo), 1 - _b),
        "bias correction of m taken as permanent: (1 - beta_1)/((1 + beta_1)(1 - beta_1)^2)": sp.Eq(
            sp.Limit(_mhat / _vhat, t, sp.oo), (1 - _b) / ((1 + _b) * (1 - _b) ** 2)
        ),
    },
    uses=["adamw.bias-corrected", "adamw.second-moment", "adamw.ema-limit"],
    source=SU_RMS,
    note="beta_1 = 1/(1 + p), p > 0; beta_2 symbolic.",
)

_rms09 = sp.Subs(sp.sqrt((1 - beta) / (1 + beta)), beta, sp.Rational(9, 10))
claim(
    "adamw.rms-value",
    sp.And(
        sp.Eq(_rms09, 1 / sp.sqrt(19)),
        sp.Gt(_rms09, sp.Rational(22, 100)),
        sp.Lt(_rms09, sp.Rational(23, 100)),
    ),
    scope=GENERAL,
    latex=r"\beta_1 = 0.9:\quad \sqrt{\frac{1 - \beta_1}{1 + \beta_1}} = \frac{1}{\sqrt{19}} "
    r"\in (0.22,\, 0.23)",
    compare="a value at beta_1 = 0.9 with an interval; the statement substitutes the value",
    wrong={
        "1/sqrt(10)": sp.Eq(_rms09, 1 / sp.sqrt(10), evaluate=False),
        "above 0.23": sp.Gt(_rms09, sp.Rational(23, 100), evaluate=False),
    },
    uses=["adamw.update-rms"],
    source=SU_RMS,
)

# ------------------------------------------------------------------ AdamW as a moving average

definition(
    "adamw.adamw",
    r"W_t = W_{t-1} - \eta\, (u_t + \lambda W_{t-1}) = (1 - \eta\lambda)\, W_{t-1} - \eta\, u_t",
)

W, u = sp.symbols("W u", real=True)
beta3 = sp.Symbol("beta_3", real=True)  # 1 - eta lambda, of either sign


def as_ema(target: sp.Expr) -> sp.Subs:
    """``beta_3 W + (1 - beta_3) target`` at ``beta_3 = 1 - eta lambda``, unevaluated."""
    return sp.Subs(beta3 * W + (1 - beta3) * target, beta3, 1 - eta * lam)


claim(
    "adamw.as-ema",
    sp.Eq((1 - eta * lam) * W - eta * u, as_ema(-u / lam)),
    scope=GENERAL,
    latex=r"W_t = \beta_3\, W_{t-1} + (1 - \beta_3) \Big(-\frac{u_t}{\lambda}\Big), "
    r"\qquad \beta_3 = 1 - \eta\lambda",
    compare="the display names beta_3 = 1 - eta lambda; the statement substitutes it",
    wrong={
        "target +u/lambda": sp.Eq((1 - eta * lam) * W - eta * u, as_ema(u / lam)),
        "target -u (no 1/lambda)": sp.Eq((1 - eta * lam) * W - eta * u, as_ema(-u)),
    },
    uses=["adamw.adamw"],
    source=SU_WEIGHT,
    note="W stands for W_{t-1} and u for u_t.",
)

W0 = sp.Symbol("W_0", real=True)


def weights(steps: sp.Expr) -> sp.Expr:
    """The displayed closed form of ``W_t``, with ``beta_3 = 1 - eta lambda``."""
    return beta3**steps * W0 - eta * sp.Sum(beta3 ** (steps - s) * u_seq(s), (s, 1, steps))


us = sp.symbols("u_1:4", real=True)
_w3 = W0
for _u in us:
    _w3 = (1 - eta * lam) * _w3 - eta * _u

claim(
    "adamw.weight-unroll",
    sp.And(
        sp.Eq(weights(t) - beta3 * weights(t - 1), -eta * u_seq(t)),
        sp.Eq(weights(0), W0, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"W_t = (1 - \eta\lambda)^t\, W_0 - \eta \sum_{s=1}^{t} (1 - \eta\lambda)^{t-s}\, u_s",
    method=Symbolic(simplify=split_last),
    compare="the display is the closed form; the statement is the induction that proves it",
    wrong={
        "exponent t - s + 1 (t = 3)": sp.Eq(
            _w3,
            (1 - eta * lam) ** 3 * W0
            - eta * sum((1 - eta * lam) ** (4 - k) * us[k - 1] for k in (1, 2, 3)),
        ),
        "initial weights not decayed (t = 3)": sp.Eq(
            _w3, W0 - eta * sum((1 - eta * lam) ** (3 - k) * us[k - 1] for k in (1, 2, 3))
        ),
    },
    uses=["adamw.adamw"],
    note="Induction with symbolic t and beta_3 = 1 - eta lambda (any real value): the closed "
    "form satisfies W_t = beta_3 W_{t-1} - eta u_t (the last term of the sum split off) and "
    "equals W_0 at t = 0.",
)

# ------------------------------------------------------------------ equilibrium weight RMS

R, Urms, R0 = sp.symbols("R U R_0", positive=True)
c = 1 - eta * lam

claim(
    "adamw.rms-recurrence",
    sp.Eq(
        Expectation((c * R * z1 - eta * Urms * z2) ** 2, [z1, z2]),
        c**2 * R**2 + eta**2 * Urms**2,
        evaluate=False,
    ),
    scope=GENERAL,
    latex=r"\operatorname{RMS}(W_t)^2 = (1 - \eta\lambda)^2 \operatorname{RMS}(W_{t-1})^2 "
    r"+ \eta^2 \operatorname{RMS}(u_t)^2 \qquad (u_t \perp W_{t-1})",
    compare=EXPECTATION,
    wrong={
        "cross term kept as if u_t followed W": sp.Eq(
            Expectation((c * R * z1 - eta * Urms * z2) ** 2, [z1, z2]),
            (c * R - eta * Urms) ** 2,
        ),
        "decay not squared": sp.Eq(
            Expectation((c * R * z1 - eta * Urms * z2) ** 2, [z1, z2]),
            c * R**2 + eta**2 * Urms**2,
        ),
    },
    uses=["adamw.adamw"],
    source=SU_WEIGHT,
    note="Per coordinate, W_{t-1} = R z_1 and u_t = U z_2 with z_1, z_2 uncorrelated (Gaussian "
    "here for the exact expectation; only E[z_1 z_2] = 0 is used, which is what u_t ⊥ W_{t-1} "
    "means). The mean-field assumption is that the update is uncorrelated with the current "
    "weight and with earlier updates, and that the RMS over coordinates is the expectation.",
)


def rms2(steps: sp.Expr, decay: sp.Expr = beta3) -> sp.Expr:
    """Closed form of ``RMS(W_t)^2`` under the recurrence."""
    return decay ** (2 * steps) * R0**2 + eta**2 * Urms**2 * (1 - decay ** (2 * steps)) / (
        1 - decay**2
    )


claim(
    "adamw.rms-finite",
    sp.And(
        sp.Eq(rms2(t) - beta3**2 * rms2(t - 1), eta**2 * Urms**2, evaluate=False),
        sp.Eq(sp.Subs(rms2(t0), t0, 0), R0**2),
    ),
    scope=GENERAL,
    latex=r"\operatorname{RMS}(W_t)^2 = (1 - \eta\lambda)^{2t} \operatorname{RMS}(W_0)^2 "
    r"+ \frac{\eta^2 U^2 \big(1 - (1 - \eta\lambda)^{2t}\big)}{1 - (1 - \eta\lambda)^2}",
    compare="the display is the closed form; the statement is the induction that proves it",
    wrong={
        "decay beta_3^t, not beta_3^(2t)": sp.Eq(
            (beta3**t * R0**2 + eta**2 * Urms**2 * (1 - beta3**t) / (1 - beta3**2))
            - beta3**2
            * (
                beta3 ** (t - 1) * R0**2
                + eta**2 * Urms**2 * (1 - beta3 ** (t - 1)) / (1 - beta3**2)
            ),
            eta**2 * Urms**2,
        ),
    },
    uses=["adamw.rms-recurrence"],
    source=SU_WEIGHT,
    note="Induction with symbolic t and beta_3 = 1 - eta lambda (any real value but +-1): the "
    "closed form satisfies the recurrence of adamw.rms-recurrence and the initial value. "
    "U = RMS(u_t), taken constant; R_0 = RMS(W_0).",
)

_stat = eta**2 * Urms**2 / (1 - c**2)
_c2 = 1 / (1 + p)  # (1 - eta lambda)^2, in (0, 1) for 0 < eta lambda < 2, eta lambda != 1


def rms2_sq(steps: sp.Expr, decay_sq: sp.Expr) -> sp.Expr:
    """``rms2`` written with ``decay_sq = beta_3^2``, on which it depends alone."""
    return decay_sq**steps * R0**2 + eta**2 * Urms**2 * (1 - decay_sq**steps) / (1 - decay_sq)


claim(
    "adamw.rms-stationary",
    sp.And(
        sp.Eq(sp.Limit(rms2_sq(t, _c2), t, sp.oo), eta**2 * Urms**2 / (1 - _c2)),
        sp.Eq(sp.Limit(rms2_sq(t, 0), t, sp.oo), eta**2 * Urms**2),
        sp.Eq(_stat, eta * Urms**2 / (lam * (2 - eta * lam))),
        sp.Eq(
            eta * Urms**2 / (lam * (2 - eta * lam)),
            eta * Urms**2 / (2 * lam) * (1 + eta * lam / (2 - eta * lam)),
        ),
        sp.Eq(_stat / (eta * Urms**2 / (2 * lam)) - 1, eta * lam / (2 - eta * lam)),
    ),
    scope=GENERAL,
    latex=r"\operatorname{RMS}(W_\infty)^2 = \frac{\eta^2 U^2}{1 - (1 - \eta\lambda)^2} "
    r"= \frac{\eta\, U^2}{\lambda (2 - \eta\lambda)} = \frac{\eta\, U^2}{2\lambda} "
    r"\Big(1 + \frac{\eta\lambda}{2 - \eta\lambda}\Big) \;\approx\; \frac{\eta\, U^2}{2\lambda}"
    r" \qquad (0 < \eta\lambda < 2)",
    compare=EXPECTATION,
    wrong={
        "eta U^2 / lambda": sp.Eq(_stat, eta * Urms**2 / (lam * (1 - eta * lam))),
        "limit keeps the initial RMS": sp.Eq(
            sp.Limit(rms2_sq(t, _c2), t, sp.oo), R0**2 + eta**2 * Urms**2 / (1 - _c2)
        ),
    },
    uses=["adamw.rms-finite"],
    source=SU_WEIGHT,
    note="Parts 1-2: the limit t -> oo of adamw.rms-finite, which depends on beta_3 only through "
    "beta_3^2 = (1 - eta lambda)^2; writing it 1/(1 + p), p > 0, covers 0 < eta lambda < 2 but "
    "eta lambda = 1, where beta_3 = 0 (part 2). Parts 3-5: the algebra; the relative error of "
    "the first-order form eta U^2 / (2 lambda) is exactly eta lambda / (2 - eta lambda).",
)

# ------------------------------------------------------------------ correlated (momentum) updates

h = sp.Symbol("h", integer=True, positive=True)
h_neg = sp.Symbol("h", integer=True, negative=True)
a_cov, b_cov = sp.symbols("a b", real=True)
_var_inf = sigma**2 * (1 - _b) / (1 + _b)  # stationary E m_t^2 (adamw.ema-limit)
claim(
    "adamw.long-run",
    sp.And(
        sp.Eq(
            Expectation(
                sp.sqrt(V) * z1 * (beta * (a_cov * z1 + b_cov * z2) + (1 - beta) * sigma * z3),
                [z1, z2, z3],
            ),
            beta * Expectation(sp.sqrt(V) * z1 * (a_cov * z1 + b_cov * z2), [z1, z2]),
            evaluate=False,
        ),
        sp.Eq(
            sp.Sum(_var_inf * _b ** (-h_neg), (h_neg, -sp.oo, -1))
            + _var_inf
            + sp.Sum(_var_inf * _b**h, (h, 1, sp.oo)),
            _var_inf * (1 + 2 * sp.Sum(_b**h, (h, 1, sp.oo))),
        ),
        sp.Eq(_var_inf * (1 + 2 * sp.Sum(_b**h, (h, 1, sp.oo))), sigma**2),
    ),
    scope=GENERAL,
    latex=r"\operatorname{Cov}(m_t, m_{t+h}) = \beta_1^{|h|}\, \mathbb{E}\, m_t^2, \qquad "
    r"\sum_{h=-\infty}^{\infty} \operatorname{Cov}(m_t, m_{t+h}) "
    r"= \sigma^2\, \frac{1 - \beta_1}{1 + \beta_1} \Big(1 + 2 \sum_{h \ge 1} \beta_1^{h}\Big) "
    r"= \sigma^2",
    compare=EXPECTATION,
    wrong={
        "no factor 2 (one-sided sum)": sp.Eq(
            (1 - _b) / (1 + _b) * (1 + sp.Sum(_b**h, (h, 1, sp.oo))), 1
        ),
        "noise g_{t+h} correlated with m_t": sp.Eq(
            Expectation(
                sp.sqrt(V) * z1 * (beta * (a_cov * z1 + b_cov * z2) + (1 - beta) * sigma * z1),
                [z1, z2],
            ),
            beta * Expectation(sp.sqrt(V) * z1 * (a_cov * z1 + b_cov * z2), [z1, z2]),
        ),
    },
    uses=["adamw.ema-limit", "adamw.adam"],
    note="In the stationary regime. Part 1: one step, m_{t+h} = beta_1 m_{t+h-1} + "
    "(1 - beta_1) g_{t+h}, with m_t = sqrt(V) z_1, m_{t+h-1} = a z_1 + b z_2 (any jointly "
    "Gaussian pair) and g_{t+h} = sigma z_3 independent of both: E[m_t m_{t+h}] = beta_1 "
    "E[m_t m_{t+h-1}] for every h >= 1, so Cov(m_t, m_{t+h}) = beta_1^h E m_t^2 by induction, "
    "and the same for -h by symmetry. Parts 2-3: the two-sided sum with E m_t^2 of "
    "adamw.ema-limit, beta_1 = 1/(1 + p), p > 0. The momentum has a smaller variance than the "
    "noise but the same long-run variance (the same power at zero frequency).",
)

bm = sp.Symbol("beta_1", positive=True)
_A = sp.Matrix([[c, -eta * bm], [0, bm]])
_bv = sp.Matrix([-eta * (1 - bm), 1 - bm])
_pxx = eta**2 * (1 - bm) * (1 + c * bm) / ((1 + bm) * (1 - c**2) * (1 - c * bm))
_pxm = -eta * (1 - bm) / ((1 + bm) * (1 - c * bm))
_pmm = (1 - bm) / (1 + bm)
_P = sp.Matrix([[_pxx, _pxm], [_pxm, _pmm]])
_P_naive = sp.Matrix([[eta**2 * _pmm / (1 - c**2), _pxm], [_pxm, _pmm]])
_P_flipped = sp.Matrix([[_pxx, -_pxm], [-_pxm, _pmm]])
_lyapunov = sp.eye(4) - sp.kronecker_product(_A, _A)  # P = A P A^T + b b^T, vectorised

claim(
    "adamw.momentum-stationary",
    sp.And(
        sp.Eq(_A * _P * _A.T + _bv * _bv.T, _P),
        sp.Eq(sp.Determinant(_lyapunov), (1 - bm**2) * (1 - c**2) * (1 - bm * c) ** 2),
    ),
    scope=GENERAL,
    latex=r"u_t = m_t / \sigma:\quad \operatorname{RMS}(W_\infty)^2 = "
    r"\frac{\eta^2 (1 - \beta_1)(1 + \beta_1 \beta_3)}{(1 + \beta_1)(1 - \beta_3^2)"
    r"(1 - \beta_1 \beta_3)}, \qquad \beta_3 = 1 - \eta\lambda, \qquad "
    r"0 < \beta_1 < 1,\ 0 < \eta\lambda < 2",
    compare="the display gives one entry of the stationary covariance the statement solves for",
    wrong={
        "momentum ignored (uncorrelated updates of RMS^2 (1-b)/(1+b))": sp.Eq(
            _A * _P_naive * _A.T + _bv * _bv.T, _P_naive
        ),
        "cross covariance of the opposite sign": sp.Eq(
            _A * _P_flipped * _A.T + _bv * _bv.T, _P_flipped
        ),
    },
    uses=["adamw.as-ema", "adamw.ema-limit"],
    note="The pair (W_t, m_t) is a linear system z_t = A z_{t-1} + b g_t with "
    "A = [[beta_3, -eta beta_1], [0, beta_1]], b = (-eta (1 - beta_1), 1 - beta_1). Part 1: P "
    "solves P = A P A^T + b b^T, entry by entry. Part 2: that linear equation for P has "
    "determinant (1 - beta_1^2)(1 - beta_3^2)(1 - beta_1 beta_3)^2, nonzero under the displayed "
    "conditions, so P is its only solution; the eigenvalues of the triangular A are beta_3 and "
    "beta_1, inside the unit circle under the same conditions, so the covariance of z_t "
    "converges to P. sigma = 1 per coordinate (u = m / sigma): v-hat_t taken as sigma^2, "
    "epsilon = 0.",
)

claim(
    "adamw.momentum-first-order",
    sp.And(
        sp.Eq(sp.Limit(_pxx / (eta / (2 * lam)), eta, 0), 1),
        sp.Eq(sp.Limit(eta**2 * _pmm / (1 - c**2) / (eta / (2 * lam)), eta, 0), _pmm),
    ),
    scope=GENERAL,
    latex=r"\operatorname{RMS}(W_\infty) \approx \sqrt{\frac{\eta}{2\lambda}} "
    r"\quad\text{to first order in } \eta\lambda, \text{ for every } \beta_1 "
    r"\quad\Big(\text{not } \sqrt{\tfrac{1 - \beta_1}{1 + \beta_1}} \sqrt{\tfrac{\eta}{2\lambda}}"
    r"\Big)",
    compare="an approximation in words; the statement is the limit eta -> 0 that makes it exact",
    wrong={
        "the naive factor (1-b)/(1+b) survives": sp.Eq(
            sp.Limit(_pxx / (eta / (2 * lam)), eta, 0), _pmm
        ),
    },
    uses=["adamw.momentum-stationary", "adamw.rms-stationary", "adamw.long-run"],
    source=SU_WEIGHT,
    note="Part 1: the exact stationary RMS^2 over eta / (2 lambda) tends to 1 as eta -> 0, for "
    "every beta_1 and lambda. Part 2, for comparison, is the naive estimate (updates treated as "
    "uncorrelated with RMS^2 (1 - beta_1)/(1 + beta_1), adamw.rms-stationary): smaller by "
    "exactly that factor.",
)
