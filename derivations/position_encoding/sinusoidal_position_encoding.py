"""Claims of ``docs/posts/mathematics/position-encoding/sinusoidal-position-encoding.md``.

The sinusoidal position encoding of "Attention Is All You Need": a shift by k is one fixed
linear map (a rotation in every frequency pair), the inner product of two encodings depends only
on the offset, and its decay with the offset is a Riemann sum of an integral with a closed form
in the cosine integral Ci. Sums over the d/2 pairs are proved for a symbolic number of pairs h
with a symbolic frequency omega(j) (so for every d); matrix statements for d = 6.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import expand_trig_full, rotation

VASWANI = (
    "Vaswani, Shazeer, Parmar, Uszkoreit, Jones, Gomez, Kaiser, Polosukhin, 'Attention Is All "
    "You Need', https://arxiv.org/abs/1706.03762"
)
SU_SINUSOIDAL = (
    "Su, 'Transformer upgrade road 1: tracing sinusoidal position encoding', "
    "https://kexue.fm/archives/8231"
)

p, q, k = sp.symbols("p q k", real=True)
a = sp.Symbol("a", real=True)
j = sp.Symbol("j", integer=True, positive=True)
h = sp.Symbol("h", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)
omega = sp.Function("omega", real=True)
W = sp.Symbol("W", real=True)


def per_pair(fn):
    """Combine the sums over ``j`` of lhs - rhs into one and simplify its summand with ``fn``.

    The summand's ``omega(j)`` is replaced by a plain real symbol while ``fn`` runs, so the
    trigonometric identities act on ``p W`` and ``k W``; a summand that reduces to zero makes
    the whole sum zero, for every number of terms.
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
            reduced = fn(summand.subs(omega(j), W)).subs(W, omega(j))
            out += sp.Sum(reduced, *limits).doit() if reduced != 0 else 0
        return out

    return simplify


def pair(pos: sp.Expr, w: sp.Expr) -> sp.Matrix:
    """The encoding of ``pos`` in one frequency pair: ``(sin pos w, cos pos w)``."""
    return sp.Matrix([sp.sin(pos * w), sp.cos(pos * w)])


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
    sp.Eq(pair(p + k, omega(j)), rotation(k * omega(j)).T * pair(p, omega(j))),
    latex=r"\begin{pmatrix} \sin (p+k)\omega_j \\ \cos (p+k)\omega_j \end{pmatrix}"
    r" = R(k\omega_j)^\top \begin{pmatrix} \sin p\omega_j \\ \cos p\omega_j \end{pmatrix},"
    r"\qquad R(k\omega_j)^\top = \begin{pmatrix} \cos k\omega_j & \sin k\omega_j \\ "
    r"-\sin k\omega_j & \cos k\omega_j \end{pmatrix}",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "R(k omega) instead of its transpose": sp.Eq(
            pair(p + k, omega(j)), rotation(k * omega(j)) * pair(p, omega(j))
        ),
    },
    uses=["sinpe.pe", "rope.rotation"],
    source=SU_SINUSOIDAL,
    note="The pair is stored as (sin, cos), i.e. (y, x): the counter-clockwise rotation of the "
    "angle appears as the transposed matrix.",
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

claim(
    "sinpe.shift-linear",
    sp.Eq(pe6(p + k), shift6(k) * pe6(p)),
    latex=r"\mathrm{PE}(p + k) = T_k\, \mathrm{PE}(p) \qquad "
    r"(T_k \text{ depends on } k \text{ only, not on } p)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "T_{p+k} in place of T_k": sp.Eq(pe6(p + k), shift6(p + k) * pe6(p)),
        "blocks not transposed": sp.Eq(pe6(p + k), shift6(k, transpose=False) * pe6(p)),
    },
    uses=["sinpe.shift-pair", "sinpe.shift-matrix"],
    source=VASWANI,
    note="Proved for d = 6 with symbolic p, k and frequencies; T_k is block-diagonal, so each "
    "block is sinpe.shift-pair and the same holds for every even d.",
)

claim(
    "sinpe.shift-orthogonal",
    sp.Eq(shift6(k).T * shift6(k), sp.eye(6)),
    latex=r"T_k^\top T_k = I_d",
    method=Symbolic(simplify=expand_trig_full),
    wrong={"T_k T_k = I": sp.Eq(shift6(k) * shift6(k), sp.eye(6))},
    uses=["sinpe.shift-matrix", "rope.rotation-orthogonal"],
    note="Proved for d = 6 (block by block in general).",
)

# ------------------------------------------------------------------ the inner product

w4 = sp.symbols("omega_1:5", real=True)


def pe8(pos: sp.Expr) -> sp.Matrix:
    """PE(pos) for d = 8 with symbolic frequencies omega_1..omega_4."""
    return sp.Matrix.vstack(*[pair(pos, w) for w in w4])


claim(
    "sinpe.pair-product",
    sp.Eq(pair(p, W).dot(pair(q, W)), sp.cos((q - p) * W)),
    latex=r"\sin p\omega_j \, \sin q\omega_j + \cos p\omega_j \, \cos q\omega_j = "
    r"\cos\big((q - p)\,\omega_j\big)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "cos of (q + p) omega": sp.Eq(pair(p, W).dot(pair(q, W)), sp.cos((q + p) * W)),
        "sin in place of cos": sp.Eq(pair(p, W).dot(pair(q, W)), sp.sin((q - p) * W)),
    },
    uses=["sinpe.pe"],
    source=SU_SINUSOIDAL,
)

claim(
    "sinpe.inner-product",
    sp.Eq(pe8(p).dot(pe8(q)), sp.Add(*[sp.cos((q - p) * w) for w in w4])),
    latex=r"\langle \mathrm{PE}(p),\, \mathrm{PE}(q) \rangle = \sum_{j=1}^{d/2} "
    r"\cos\big((q - p)\,\omega_j\big)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "factor 2 (counting each pair twice)": sp.Eq(
            pe8(p).dot(pe8(q)), 2 * sp.Add(*[sp.cos((q - p) * w) for w in w4])
        ),
        "one pair dropped": sp.Eq(
            pe8(p).dot(pe8(q)), sp.Add(*[sp.cos((q - p) * w) for w in w4[:-1]])
        ),
    },
    uses=["sinpe.pair-product"],
    source=SU_SINUSOIDAL,
    note="Proved for d = 8 with symbolic p, q and frequencies: the inner product is the sum of "
    "sinpe.pair-product over the pairs, for any even d.",
)

claim(
    "sinpe.norm",
    sp.Eq(pe8(p).dot(pe8(p)), sp.Integer(4), evaluate=False),
    latex=r"\lVert \mathrm{PE}(p) \rVert^2 = \sum_{j=1}^{d/2} \big(\sin^2 p\omega_j + "
    r"\cos^2 p\omega_j\big) = \frac{d}{2}",
    method=Symbolic(simplify=sp.trigsimp),
    wrong={"norm d": sp.Eq(pe8(p).dot(pe8(p)), sp.Integer(8))},
    uses=["sinpe.inner-product"],
    note="Proved for d = 8 (so d/2 = 4) with symbolic frequencies; q = p in sinpe.inner-product.",
)

Wj = omega(j)
definition(
    "sinpe.f",
    r"f(k) = \sum_{j=1}^{d/2} \cos(k\,\omega_j), \qquad "
    r"\langle \mathrm{PE}(p),\, \mathrm{PE}(p + k) \rangle = f(k)",
)

_f = sp.Sum(sp.cos(k * Wj), (j, 1, h))
claim(
    "sinpe.f-even-and-peak",
    sp.And(
        sp.Eq(_f.subs(k, -k), _f, evaluate=False),
        sp.Eq(_f.subs(k, 0), h, evaluate=False),
    ),
    latex=r"f(-k) = f(k), \qquad f(0) = \frac{d}{2}",
    method=Symbolic(simplify=per_pair(sp.expand)),
    wrong={
        "f(0) = d": sp.Eq(_f.subs(k, 0), 2 * h),
        "odd: f(-k) = -f(k)": sp.Eq(_f.subs(k, -k), -_f),
    },
    uses=["sinpe.inner-product", "sinpe.f"],
    note="h = d/2 symbolic. That f(0) is the maximum (|f(k)| <= d/2) follows from |cos| <= 1 "
    "and is stated in the text, not checked here.",
)

# ------------------------------------------------------------------ the decay

b, t, u, x = sp.symbols("b t u x", positive=True)
kp = sp.Symbol("k", positive=True)
EG = sp.EulerGamma

definition(
    "sinpe.riemann",
    r"\frac{f(k)}{d/2} = \frac{2}{d} \sum_{j=1}^{d/2} \cos\big(k\, b^{-t_j}\big),"
    r"\quad t_j = \frac{2(j-1)}{d}"
    r"\quad\xrightarrow{\ d \to \infty\ }\quad I(k) = \int_0^1 \cos\big(k\, b^{-t}\big)\, dt",
    note="omega_j = b^{-t_j} with b = 10000: a left Riemann sum with step 2/d on [0, 1].",
)

claim(
    "sinpe.antiderivative",
    sp.Eq(
        sp.Derivative(-sp.Ci(kp * b ** (-t)) / sp.log(b), t),
        sp.cos(kp * b ** (-t)),
        evaluate=False,
    ),
    latex=r"\frac{d}{dt}\Big(-\frac{\operatorname{Ci}(k\, b^{-t})}{\ln b}\Big) = "
    r"\cos\big(k\, b^{-t}\big), \qquad \operatorname{Ci}(x) = -\int_x^\infty "
    r"\frac{\cos u}{u}\, du",
    wrong={
        "ln b in the numerator": sp.Eq(
            sp.Derivative(-sp.Ci(kp * b ** (-t)) * sp.log(b), t), sp.cos(kp * b ** (-t))
        ),
    },
    uses=["sinpe.riemann"],
    source=SU_SINUSOIDAL,
    note="k > 0. Ci'(x) = cos(x)/x and the chain rule.",
)


def substitute_u(expr: sp.Basic) -> sp.Basic:
    """Evaluate the integral by the substitution u = k b^{-t} (then sympy knows cos(u)/u)."""
    expr = expr.replace(
        lambda e: isinstance(e, sp.Integral), lambda e: e.transform(kp * b ** (-t), u).doit()
    )
    return sp.expand(expr)


_I = sp.Integral(sp.cos(kp * b ** (-t)), (t, 0, 1))
_I_closed = (sp.Ci(kp) - sp.Ci(kp / b)) / sp.log(b)
claim(
    "sinpe.decay-integral",
    sp.Eq(_I, _I_closed),
    latex=r"I(k) = \int_0^1 \cos\big(k\, b^{-t}\big)\, dt = "
    r"\frac{\operatorname{Ci}(k) - \operatorname{Ci}(k/b)}{\ln b}",
    method=Symbolic(simplify=substitute_u),
    wrong={
        "limits swapped": sp.Eq(_I, (sp.Ci(kp / b) - sp.Ci(kp)) / sp.log(b)),
    },
    uses=["sinpe.antiderivative"],
    source=SU_SINUSOIDAL,
    note="k > 0, b > 0. Checked by the substitution u = k b^{-t}, after which sympy integrates "
    "cos(u)/u to Ci exactly.",
)

claim(
    "sinpe.ci-limits",
    sp.And(
        sp.Eq(sp.Limit(sp.Ci(x) - sp.log(x), x, 0, "+"), EG, evaluate=False),
        sp.Eq(sp.Limit(sp.Ci(x), x, sp.oo), 0, evaluate=False),
    ),
    latex=r"\lim_{x \to 0^+} \big(\operatorname{Ci}(x) - \ln x\big) = \gamma_{\mathrm{E}}, \qquad"
    r" \lim_{x \to \infty} \operatorname{Ci}(x) = 0",
    wrong={
        "limit 0 at x -> 0": sp.Eq(sp.Limit(sp.Ci(x) - sp.log(x), x, 0, "+"), 0),
        "limit 1 at infinity": sp.Eq(sp.Limit(sp.Ci(x), x, sp.oo), 1),
    },
    note="gamma_E = 0.5772... is the Euler-Mascheroni constant.",
)

claim(
    "sinpe.decay-log",
    sp.Eq(sp.Limit(sp.log(b) * (_I_closed - 1), b, sp.oo), sp.Ci(kp) - EG - sp.log(kp)),
    latex=r"\lim_{b \to \infty} \ln b\,\big(I(k) - 1\big) = \operatorname{Ci}(k) - "
    r"\gamma_{\mathrm{E}} - \ln k, \qquad\text{so}\qquad I(k) \approx 1 - "
    r"\frac{\gamma_{\mathrm{E}} + \ln k}{\ln b} \quad (1 \ll k \ll b)",
    wrong={
        "ln k with a plus sign": sp.Eq(
            sp.Limit(sp.log(b) * (_I_closed - 1), b, sp.oo), sp.Ci(kp) - EG + sp.log(kp)
        ),
    },
    uses=["sinpe.decay-integral", "sinpe.ci-limits"],
    source=SU_SINUSOIDAL,
    note="The exact statement is the limit; the approximation drops Ci(k), which tends to 0 "
    "(sinpe.ci-limits) and oscillates like sin(k)/k.",
)
