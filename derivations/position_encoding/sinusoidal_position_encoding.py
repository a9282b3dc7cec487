"""Claims of ``docs/posts/mathematics/position-encoding/sinusoidal-position-encoding.md``.

The sinusoidal position encoding of "Attention Is All You Need": a shift by k is one fixed
linear map (a rotation in every frequency pair), the inner product of two encodings depends only
on the offset, and its decay with the offset is a Riemann sum of an integral with a closed form
in the cosine integral Ci.

What is proved in which generality: identities of one frequency pair for a symbolic frequency;
inner products and norms, which are sums over the pairs, for a symbolic number h = d/2 of
pairs with ``omega(j)`` any real frequency of pair j (:func:`per_pair` proves such a sum pair by
pair; the wrong variants are refuted at h = 1); the d x d shift matrix for d = 6, block by block.
The Riemann-sum error bound is checked numerically (sympy cannot evaluate the sum for a symbolic
number of terms); the integral, its closed form and its limits are exact.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from derivations import GENERAL, Instance, Numeric, Symbolic, Wrong, claim, definition
from derivations.helpers import expand_trig_full, real_function, rotation

VASWANI = (
    "Vaswani, Shazeer, Parmar, Uszkoreit, Jones, Gomez, Kaiser, Polosukhin, 'Attention Is All "
    "You Need', https://arxiv.org/abs/1706.03762"
)
SU_SINUSOIDAL = (
    "Su, 'Transformer upgrade road 1: tracing sinusoidal position encoding', "
    "https://kexue.fm/archives/8231"
)

p, q, k = sp.symbols("p q k", real=True)
j = sp.Symbol("j", integer=True, positive=True)
h = sp.Symbol("h", integer=True, positive=True)  # d/2, the number of frequency pairs


omega = real_function("omega")  # the frequency of pair j, any real number
w_j = sp.Symbol("omega_j", real=True)  # one pair's frequency, where no sum is involved
_w = sp.Symbol("w", real=True)  # omega(j) while a summand is simplified


def per_pair(fn: Callable[[sp.Basic], sp.Basic]) -> Callable[[sp.Basic], sp.Basic]:
    """Combine the sums over the pairs in lhs - rhs into one and simplify its summand with ``fn``.

    The summand's ``omega(j)`` is a plain real symbol while ``fn`` runs, so the trigonometric
    identities act on ``p w`` and ``k w``; a summand that reduces to zero makes the whole sum
    zero, for every number of pairs. (Sums are never evaluated: ``Sum.doit`` on these summands
    does not finish.) A sum of a constant, ``Sum(1, ...)``, is evaluated to its number of terms.
    """

    def simplify(expr: sp.Basic) -> sp.Basic:
        groups: dict = {}
        rest = sp.Integer(0)
        for term in sp.Add.make_args(sp.expand(expr)):
            coeff, s = term.as_independent(sp.Sum, as_Add=False)
            if isinstance(s, sp.Sum):
                groups[s.limits] = groups.get(s.limits, 0) + coeff * s.function
            else:
                rest += term
        out = rest
        for limits, summand in groups.items():
            reduced = fn(summand.subs(omega(j), _w)).subs(_w, omega(j))
            if reduced != 0:
                total = sp.Sum(reduced, *limits)
                out += total.doit() if not reduced.has(j, sp.sin, sp.cos) else total
        return out

    return simplify


def over_pairs(summand: sp.Expr) -> sp.Sum:
    """``sum_{j=1}^{h} summand`` over the h = d/2 pairs, left unevaluated."""
    return sp.Sum(summand, (j, 1, h))


def pair(pos: sp.Expr, w: sp.Expr) -> sp.Matrix:
    """The encoding of ``pos`` in one frequency pair: ``(sin pos w, cos pos w)``."""
    return sp.Matrix([sp.sin(pos * w), sp.cos(pos * w)])


def pair_dot(u: sp.Expr, v: sp.Expr) -> sp.Expr:
    """``<pair(u), pair(v)>`` in pair j."""
    return pair(u, omega(j)).dot(pair(v, omega(j)))


# ------------------------------------------------------------------ the encoding

definition(
    "sinpe.omega",
    r"\omega_j = 10000^{-2(j-1)/d}, \qquad j = 1, \dots, d/2",
)

definition(
    "sinpe.pe",
    r"\mathrm{PE}(p) = \big(\sin p\omega_1,\ \cos p\omega_1,\ \sin p\omega_2,\ \cos p\omega_2,"
    r"\ \dots,\ \sin p\omega_{d/2},\ \cos p\omega_{d/2}\big) \in \mathbb{R}^d",
    note="The paper's PE(p, 2i) = sin(p / 10000^{2i/d}), PE(p, 2i+1) = cos(...), with i = j - 1.",
)

# ------------------------------------------------------------------ a shift is a fixed linear map

claim(
    "sinpe.shift-pair",
    sp.Eq(pair(p + k, w_j), rotation(k * w_j).T * pair(p, w_j)),
    scope=GENERAL,
    latex=r"\begin{pmatrix} \sin (p+k)\omega_j \\ \cos (p+k)\omega_j \end{pmatrix}"
    r" = R(k\omega_j)^\top \begin{pmatrix} \sin p\omega_j \\ \cos p\omega_j \end{pmatrix},"
    r"\qquad R(k\omega_j)^\top = \begin{pmatrix} \cos k\omega_j & \sin k\omega_j \\ "
    r"-\sin k\omega_j & \cos k\omega_j \end{pmatrix}",
    wrong={
        "R(k omega) instead of its transpose": Wrong(
            sp.Eq(pair(p + k, w_j), rotation(k * w_j) * pair(p, w_j)),
            at=({p: 0, k: 1, w_j: sp.pi / 2},),
        ),
    },
    uses=["sinpe.pe", "rope.rotation"],
    source=SU_SINUSOIDAL,
    compare="an identity of 2-vectors",
    note="p, k and the frequency omega_j real and symbolic. The pair is stored as (sin, cos), "
    "i.e. (y, x): the counter-clockwise rotation of the angle appears as the transposed matrix.",
)

w1, w2, w3 = sp.symbols("omega_1 omega_2 omega_3", real=True)
ws = [w1, w2, w3]


def pe6(pos: sp.Expr) -> sp.Matrix:
    """PE(pos) for d = 6 with symbolic frequencies."""
    return sp.Matrix.vstack(*[pair(pos, w) for w in ws])


def shift6(offset: sp.Expr, transpose: bool = True) -> sp.Matrix:
    """T_offset = diag(R(offset w_1)^T, ...) for d = 6."""
    blocks = [rotation(offset * w) for w in ws]
    return sp.diag(*[blk.T if transpose else blk for blk in blocks])


definition(
    "sinpe.shift-matrix",
    r"T_k = \operatorname{diag}\big(R(k\omega_1)^\top,\ R(k\omega_2)^\top,\ \dots,\ "
    r"R(k\omega_{d/2})^\top\big) \in \mathbb{R}^{d \times d}",
)

D6 = "d = 6 (three pairs), with p, k and the three frequencies symbolic"
claim(
    "sinpe.shift-linear",
    sp.Eq(pe6(p + k), shift6(k) * pe6(p)),
    scope=Instance(
        D6,
        "T_k is block-diagonal, and each block is sinpe.shift-pair, proved for "
        "any frequency, so the same holds for every even d",
    ),
    latex=r"\mathrm{PE}(p + k) = T_k\, \mathrm{PE}(p) \qquad "
    r"(T_k \text{ depends on } k \text{ only, not on } p)",
    wrong={
        "T_{p+k} in place of T_k": Wrong(
            sp.Eq(pe6(p + k), shift6(p + k) * pe6(p)), at=({p: 1, k: 0, w1: sp.pi / 2},)
        ),
        "blocks not transposed": Wrong(
            sp.Eq(pe6(p + k), shift6(k, transpose=False) * pe6(p)),
            at=({p: 0, k: 1, w1: sp.pi / 2},),
        ),
    },
    uses=["sinpe.shift-pair", "sinpe.shift-matrix"],
    source=VASWANI,
    compare="an identity of d-vectors",
)

claim(
    "sinpe.shift-orthogonal",
    sp.Eq(shift6(k).T * shift6(k), sp.eye(6)),
    scope=Instance(
        D6.replace("p, ", ""),
        "T_k is block-diagonal with orthogonal 2 x 2 blocks "
        "(rope.rotation-orthogonal), so T_k^T T_k = diag(I_2, ..., I_2) for every d",
    ),
    latex=r"T_k^\top T_k = I_d",
    wrong={
        "T_k T_k = I": Wrong(sp.Eq(shift6(k) * shift6(k), sp.eye(6)), at=({k: 1, w1: sp.pi / 2},))
    },
    uses=["sinpe.shift-matrix", "rope.rotation-orthogonal"],
    compare="an identity of d x d matrices",
)

# ------------------------------------------------------------------ the inner product

claim(
    "sinpe.pair-product",
    sp.Eq(pair(p, w_j).dot(pair(q, w_j)), sp.cos((q - p) * w_j)),
    scope=GENERAL,
    latex=r"\sin p\omega_j \, \sin q\omega_j + \cos p\omega_j \, \cos q\omega_j = "
    r"\cos\big((q - p)\,\omega_j\big)",
    wrong={
        "cos of (q + p) omega": Wrong(
            sp.Eq(pair(p, w_j).dot(pair(q, w_j)), sp.cos((q + p) * w_j)),
            at=({p: 1, q: 1, w_j: sp.pi / 4},),
        ),
        "sin in place of cos": Wrong(
            sp.Eq(pair(p, w_j).dot(pair(q, w_j)), sp.sin((q - p) * w_j)), at=({p: 0, q: 0},)
        ),
    },
    uses=["sinpe.pe"],
    source=SU_SINUSOIDAL,
)

AT_ZERO = {h: 1, p: 0, q: 0, k: 0}  # one pair, both positions 0: every cosine is 1
_inner = over_pairs(pair_dot(p, q))
claim(
    "sinpe.inner-product",
    sp.Eq(_inner, over_pairs(sp.cos((q - p) * omega(j)))),
    scope=GENERAL,
    latex=r"\langle \mathrm{PE}(p),\, \mathrm{PE}(q) \rangle = \sum_{j=1}^{d/2} "
    r"\cos\big((q - p)\,\omega_j\big)",
    method=Symbolic(simplify=per_pair(expand_trig_full), doit=False),
    wrong={
        "factor 2 (counting each pair twice)": Wrong(
            sp.Eq(_inner, 2 * over_pairs(sp.cos((q - p) * omega(j)))), at=(AT_ZERO,)
        ),
        "one pair dropped": Wrong(
            sp.Eq(_inner, sp.Sum(sp.cos((q - p) * omega(j)), (j, 1, h - 1))), at=(AT_ZERO,)
        ),
    },
    uses=["sinpe.pair-product"],
    source=SU_SINUSOIDAL,
    compare="an inner product of d-vectors; the statement writes it as a sum over the pairs",
    note="h = d/2 pairs, symbolic, and omega(j) any real frequency of pair j; the inner product "
    "is written pair by pair (the sum of sinpe.pair-product over j). Wrong variants are "
    "refuted at h = 1, p = q = 0.",
)

claim(
    "sinpe.norm",
    sp.Eq(over_pairs(sp.sin(p * omega(j)) ** 2 + sp.cos(p * omega(j)) ** 2), h),
    scope=GENERAL,
    latex=r"\lVert \mathrm{PE}(p) \rVert^2 = \sum_{j=1}^{d/2} \big(\sin^2 p\omega_j + "
    r"\cos^2 p\omega_j\big) = \frac{d}{2}",
    method=Symbolic(simplify=per_pair(sp.trigsimp), doit=False),
    wrong={
        "norm d": Wrong(
            sp.Eq(over_pairs(sp.sin(p * omega(j)) ** 2 + sp.cos(p * omega(j)) ** 2), 2 * h),
            at=(AT_ZERO,),
        ),
    },
    uses=["sinpe.inner-product"],
    compare="a norm of a d-vector; the statement writes it as a sum over the pairs",
    note="h = d/2 pairs, symbolic; the first equality is the definition of the norm, pair by pair.",
)

definition(
    "sinpe.f",
    r"f(k) = \sum_{j=1}^{d/2} \cos(k\,\omega_j)",
)


def half_angle(expr: sp.Basic) -> sp.Basic:
    """Write ``cos(k w)`` as ``1 - 2 sin^2(k w / 2)``: a sum of ``1 - cos`` is one of squares."""
    return sp.expand(expr.subs(sp.cos(k * _w), 1 - 2 * sp.sin(k * _w / 2) ** 2))


def f_at(arg: sp.Expr) -> sp.Sum:
    """``f(arg)``, with ``arg`` kept as written inside the cosines."""
    return over_pairs(sp.cos(sp.UnevaluatedExpr(arg) * omega(j)))


_f = over_pairs(sp.cos(k * omega(j)))
claim(
    "sinpe.f-even-and-peak",
    sp.And(
        sp.Eq(f_at(-k), _f, evaluate=False),
        sp.Eq(f_at(0), h, evaluate=False),
        sp.Le(_f, f_at(0), evaluate=False),
    ),
    scope=GENERAL,
    latex=r"f(-k) = f(k), \qquad f(k) \le f(0) = \frac{d}{2}",
    method=Symbolic(simplify=per_pair(lambda e: half_angle(sp.expand(e.doit()))), doit=False),
    wrong={
        "f(0) = d": Wrong(sp.Eq(over_pairs(sp.Integer(1)), 2 * h), at=(AT_ZERO,)),
        "odd: f(-k) = -f(k)": Wrong(sp.Eq(over_pairs(sp.cos(-k * omega(j))), -_f), at=(AT_ZERO,)),
    },
    uses=["sinpe.inner-product", "sinpe.f"],
    compare="f is the sum over the pairs defined above",
    note="h = d/2 pairs, symbolic, omega(j) any real frequency. f(0) - f(k) is the sum of "
    "1 - cos(k omega_j) = 2 sin^2(k omega_j / 2) >= 0 over the pairs.",
)

# ------------------------------------------------------------------ the decay

b, x, u = sp.symbols("b x u", positive=True)
t = sp.Symbol("t", real=True)
kp = sp.Symbol("k", positive=True)
EG = sp.EulerGamma

definition(
    "sinpe.integral",
    r"\omega_j = b^{-t_j}, \quad t_j = \frac{2(j-1)}{d}, \qquad "
    r"I(k) = \int_0^1 \cos\big(k\, b^{-t}\big)\, dt",
    note="b = 10000 on this page: the t_j are the left ends of d/2 steps of width 2/d on [0, 1].",
)

definition(
    "sinpe.ci",
    r"\operatorname{Ci}(x) = -\int_x^\infty \frac{\cos u}{u}\, du",
    note="The cosine integral; Ci'(x) = cos(x)/x.",
)

claim(
    "sinpe.antiderivative",
    sp.Eq(
        sp.Derivative(-sp.Ci(kp * b ** (-t)) / sp.log(b), t),
        sp.cos(kp * b ** (-t)),
        evaluate=False,
    ),
    scope=GENERAL,
    latex=r"\frac{d}{dt}\Big(-\frac{\operatorname{Ci}(k\, b^{-t})}{\ln b}\Big) = "
    r"\cos\big(k\, b^{-t}\big)",
    wrong={
        "ln b in the numerator": sp.Eq(
            sp.Derivative(-sp.Ci(kp * b ** (-t)) * sp.log(b), t), sp.cos(kp * b ** (-t))
        ),
    },
    uses=["sinpe.integral", "sinpe.ci"],
    source=SU_SINUSOIDAL,
    compare="the display's derivative of Ci is not read by the parser",
    note="k > 0, b > 0, t real. Ci'(x) = cos(x)/x and the chain rule.",
)


_I_closed = (sp.Ci(kp) - sp.Ci(kp / b)) / sp.log(b)
L = sp.Symbol("L", positive=True)  # ln b, for b > 1
_B = sp.exp(L)  # b = e^L: sympy integrates cos(k e^{-L t}) exactly
claim(
    "sinpe.decay-integral",
    sp.Eq(
        sp.Integral(sp.cos(kp * _B ** (-t)), (t, 0, 1)),
        (sp.Ci(kp) - sp.Ci(kp / _B)) / sp.log(_B),
        evaluate=False,
    ),
    scope=GENERAL,
    latex=r"I(k) = \int_0^1 \cos\big(k\, b^{-t}\big)\, dt = "
    r"\frac{\operatorname{Ci}(k) - \operatorname{Ci}(k/b)}{\ln b} \qquad (b > 1)",
    wrong={
        "limits swapped": Wrong(
            sp.Eq(
                sp.Integral(sp.cos(kp * _B ** (-t)), (t, 0, 1)),
                (sp.Ci(kp / _B) - sp.Ci(kp)) / sp.log(_B),
            ),
            at=({kp: 1, L: 1},),
        ),
    },
    uses=["sinpe.antiderivative"],
    source=SU_SINUSOIDAL,
    compare="I(k) and Ci are not read by the parser",
    note="k > 0 and b = e^L > 1 (L = ln b > 0), both symbolic: sympy evaluates the integral "
    "exactly (the substitution u = k b^{-t} turns it into the integral of cos(u)/u, whose "
    "antiderivative is Ci; sinpe.antiderivative checks the derivative). The formula also holds "
    "for 0 < b < 1; the page needs b = 10000.",
)

_avg = sp.Sum(sp.cos(kp * b ** (-(j - 1) / h)), (j, 1, h)) / h  # (2/d) sum over the d/2 pairs
RIEMANN_BOX = {kp: (1e-2, 1e4), b: (1.5, 1e5), h: (1, 256)}
SLOW_DECAY = {kp: sp.Rational(1, 100), b: 10000, h: 2}  # two pairs, I(k) close to 1
claim(
    "sinpe.riemann",
    sp.Le(sp.Abs(_avg - _I_closed), kp * sp.log(b) / (2 * h)),
    scope=GENERAL,
    latex=r"\Big|\, \frac{2}{d} \sum_{j=1}^{d/2} \cos\big(k\, b^{-t_j}\big) - I(k) \Big| "
    r"\le \frac{k \ln b}{d}",
    method=Numeric(samples=400, seed=0, domain=RIEMANN_BOX),
    wrong={
        "the sum not divided by d/2": Wrong(
            sp.Le(sp.Abs(_avg * h - _I_closed), kp * sp.log(b) / (2 * h)), at=(SLOW_DECAY,)
        ),
        "b^{+t} in place of b^{-t}": Wrong(
            sp.Le(
                sp.Abs(sp.Sum(sp.cos(kp * b ** ((j - 1) / h)), (j, 1, h)) / h - _I_closed),
                kp * sp.log(b) / (2 * h),
            ),
            at=(SLOW_DECAY,),
        ),
    },
    uses=["sinpe.integral", "sinpe.decay-integral", "sinpe.omega"],
    compare="the statement counts pairs, h = d/2, and uses the closed form of I(k)",
    note="A left Riemann sum with h = d/2 steps of width 1/h on [0, 1]: on each step the "
    "integrand g(t) = cos(k b^{-t}) moves by at most sup|g'| / h <= k ln b / h, so the sum is "
    "within k ln b / (2h) = k ln b / d of the integral (b > 1, k > 0). sympy cannot evaluate the "
    "sum for a symbolic number of steps, so the bound is checked at random k, b and h.",
)

claim(
    "sinpe.ci-limits",
    sp.And(
        sp.Eq(sp.Limit(sp.Ci(x) - sp.log(x), x, 0, "+"), EG, evaluate=False),
        sp.Eq(sp.Limit(sp.Ci(x), x, sp.oo), 0, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"\lim_{x \to 0^+} \big(\operatorname{Ci}(x) - \ln x\big) = \gamma_{\mathrm{E}}, \qquad"
    r" \lim_{x \to \infty} \operatorname{Ci}(x) = 0",
    wrong={
        "limit 0 at x -> 0": sp.Eq(sp.Limit(sp.Ci(x) - sp.log(x), x, 0, "+"), 0),
        "limit 1 at infinity": sp.Eq(sp.Limit(sp.Ci(x), x, sp.oo), 1),
    },
    uses=["sinpe.ci"],
    compare="Ci and gamma_E are not read by the parser",
    note="gamma_E = 0.5772... is the Euler-Mascheroni constant.",
)

_log_approx = 1 - (EG + sp.log(kp)) / sp.log(b)
_remainder = (sp.Ci(kp) - (sp.Ci(kp / b) - EG - sp.log(kp / b))) / sp.log(b)
claim(
    "sinpe.decay-log",
    sp.Eq(_I_closed, _log_approx + _remainder),
    scope=GENERAL,
    latex=r"I(k) = 1 - \frac{\gamma_{\mathrm{E}} + \ln k}{\ln b} + "
    r"\frac{\operatorname{Ci}(k) - \big(\operatorname{Ci}(k/b) - \gamma_{\mathrm{E}} - "
    r"\ln (k/b)\big)}{\ln b}",
    wrong={
        "ln k with a plus sign": sp.Eq(_I_closed, 1 - (EG - sp.log(kp)) / sp.log(b) + _remainder),
        "gamma_E dropped": sp.Eq(_I_closed, 1 - sp.log(kp) / sp.log(b) + _remainder),
    },
    uses=["sinpe.decay-integral", "sinpe.ci-limits"],
    source=SU_SINUSOIDAL,
    compare="I(k) and Ci are not read by the parser",
    note="Exact for k > 0, b > 0, b != 1. The last term is small when 1 << k (Ci(k) -> 0) and "
    "k << b (Ci(x) - gamma_E - ln x -> 0 as x = k/b -> 0), both by sinpe.ci-limits: that is the "
    "regime in which I(k) is close to 1 - (gamma_E + ln k) / ln b.",
)
