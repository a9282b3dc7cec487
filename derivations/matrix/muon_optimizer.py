"""Claims of ``docs/posts/mathematics/matrix/muon-optimizer.md``.

msign as the orthogonal polar factor, why Muon's steepest-descent direction under the spectral
norm is msign of the gradient, and the Newton-Schulz polynomials that approximate it: the cubic
(which converges quadratically to 1) and Muon's tuned quintic (which does not have 1 as a fixed
point, so singular values end in a band). Matrix identities are proved for 2 x 2 matrices
``U diag(s_1, s_2) V^T`` with rotations ``U = (c, -n; n, c)``, ``c^2 + n^2 = 1``, imposed by
polynomial reduction modulo the circle equations; the SVD reduces the n x n case to the same
algebra on each singular value.
"""

from __future__ import annotations

import sympy as sp

from derivations import Numeric, Symbolic, claim, definition
from derivations._helpers import eq, gt, le, lt

MUON = (
    "Keller Jordan et al., 'Muon: An optimizer for hidden layers in neural networks', "
    "https://kellerjordan.github.io/posts/muon/"
)
ANTHOLOGY = (
    "Bernstein, Newhouse, 'Old optimizer, new norm: an anthology', https://arxiv.org/abs/2409.20325"
)
HIGHAM = "Higham, 'Functions of Matrices: Theory and Computation', SIAM 2008, ch. 8"

x = sp.Symbol("x", real=True)
e = sp.Symbol("e", real=True)
s1, s2 = sp.symbols("s_1 s_2", positive=True)
c1, n1, c2, n2 = sp.symbols("c_1 n_1 c_2 n_2", real=True)
a, b, c = sp.symbols("a b c", real=True)
eta = sp.Symbol("eta", positive=True)
f11, f12, f21, f22 = sp.symbols("phi_11 phi_12 phi_21 phi_22", real=True)

U = sp.Matrix([[c1, -n1], [n1, c1]])
V = sp.Matrix([[c2, -n2], [n2, c2]])
S = sp.diag(s1, s2)
G = U * S * V.T
Phi = sp.Matrix([[f11, f12], [f21, f22]])
CIRCLES = [c1**2 + n1**2 - 1, c2**2 + n2**2 - 1]
GENS = (n1, n2, c1, c2)


def mod_circles(expr: sp.Expr) -> sp.Expr:
    """Remainder of ``expr`` modulo ``c_i^2 + n_i^2 = 1`` (zero iff it vanishes on rotations)."""
    expr = sp.expand(expr)
    if expr == 0:
        return expr
    return sp.reduced(expr, CIRCLES, *GENS, *sorted(expr.free_symbols - set(GENS), key=str))[1]


# ------------------------------------------------------------------ msign

definition(
    "muon.svd",
    r"G = U \Sigma V^\top, \quad U^\top U = V^\top V = I, \quad "
    r"\Sigma = \operatorname{diag}(s_1, \dots, s_r),\ s_i > 0",
)
definition(
    "muon.msign",
    r"\operatorname{msign}(G) = U V^\top",
)

inv_sqrt_gram = V * S.inv() * V.T
claim(
    "muon.inverse-sqrt",
    eq(inv_sqrt_gram * inv_sqrt_gram * (G.T * G), sp.eye(2)),
    latex=r"\big(V \Sigma^{-1} V^\top\big)^2\, G^\top G = I, \quad\text{so}\quad "
    r"(G^\top G)^{-1/2} = V \Sigma^{-1} V^\top",
    method=Symbolic(simplify=mod_circles),
    wrong={
        "V Sigma^{-1/2} V^T is not the inverse square root": eq(
            (V * S.inv() ** 2 * V.T) ** 2 * (G.T * G), sp.eye(2)
        ),
    },
    uses=["muon.svd"],
    note="Proved for 2 x 2 with symbolic rotations U, V and singular values s_1, s_2.",
)

claim(
    "muon.polar-form",
    eq(G * inv_sqrt_gram, U * V.T),
    latex=r"G\,(G^\top G)^{-1/2} = U \Sigma V^\top\, V \Sigma^{-1} V^\top = U V^\top "
    r"= \operatorname{msign}(G)",
    method=Symbolic(simplify=mod_circles),
    wrong={"U^T V in place of U V^T": eq(G * inv_sqrt_gram, U.T * V)},
    uses=["muon.inverse-sqrt", "muon.msign"],
    source=MUON,
    note="Proved for 2 x 2 with symbolic rotations and singular values.",
)

M_ex = sp.Matrix([[3, 0], [4, 5]])
claim(
    "muon.example",
    eq(M_ex * (M_ex.T * M_ex) ** sp.Rational(-1, 2), sp.Matrix([[2, -1], [1, 2]]) / sp.sqrt(5)),
    latex=r"\operatorname{msign}\begin{pmatrix} 3 & 0 \\ 4 & 5 \end{pmatrix} = "
    r"\frac{1}{\sqrt 5}\begin{pmatrix} 2 & -1 \\ 1 & 2 \end{pmatrix}",
    wrong={
        "the transpose": eq(
            M_ex * (M_ex.T * M_ex) ** sp.Rational(-1, 2),
            sp.Matrix([[2, 1], [-1, 2]]) / sp.sqrt(5),
        ),
    },
    uses=["muon.polar-form"],
    note="sympy computes (M^T M)^{-1/2} exactly by diagonalisation (eigenvalues 45 and 5).",
)

claim(
    "muon.diagonal",
    eq(
        sp.diag(s1, -s2) * (sp.diag(s1, -s2).T * sp.diag(s1, -s2)) ** sp.Rational(-1, 2),
        sp.diag(1, -1),
    ),
    latex=r"\operatorname{msign}\big(\operatorname{diag}(s_1, -s_2)\big) = "
    r"\operatorname{diag}(1, -1) \quad (s_1, s_2 > 0)",
    wrong={
        "signs dropped": eq(
            sp.diag(s1, -s2) * (sp.diag(s1, -s2).T * sp.diag(s1, -s2)) ** sp.Rational(-1, 2),
            sp.eye(2),
        ),
    },
    uses=["muon.polar-form"],
)

# ------------------------------------------------------------------ steepest descent

claim(
    "muon.trace-expansion",
    eq(
        (G.T * Phi).trace(),
        s1 * (U[:, 0].T * Phi * V[:, 0])[0] + s2 * (U[:, 1].T * Phi * V[:, 1])[0],
    ),
    latex=r"\operatorname{tr}(G^\top \Phi) = \sum_i s_i\, u_i^\top \Phi\, v_i",
    method=Symbolic(simplify=mod_circles),
    wrong={
        "u and v swapped": eq(
            (G.T * Phi).trace(),
            s1 * (V[:, 0].T * Phi * U[:, 0])[0] + s2 * (V[:, 1].T * Phi * U[:, 1])[0],
        ),
    },
    uses=["muon.svd"],
    note="Proved for 2 x 2 with a general symbolic Phi.",
)

# A matrix of spectral norm <= 1 in the singular basis of G: R(g) diag(t1, t2) R(h)^T.
g_, h_ = sp.symbols("gamma delta", real=True)
t1, t2 = sp.symbols("t_1 t_2", real=True)


def _rot(angle: sp.Expr) -> sp.Matrix:
    return sp.Matrix([[sp.cos(angle), -sp.sin(angle)], [sp.sin(angle), sp.cos(angle)]])


Phi_ball = _rot(g_) * sp.diag(t1, t2) * _rot(h_).T
trace_ball = (sp.diag(s1, s2) * Phi_ball).trace()
claim(
    "muon.dual-norm",
    le(trace_ball, s1 + s2),
    latex=r"\lVert \Phi \rVert_2 \le 1 \implies \operatorname{tr}(G^\top \Phi) \le "
    r"\sum_i s_i = \lVert G \rVert_*",
    method=Numeric(
        samples=3000,
        tol=1e-12,
        seed=0,
        domain={t1: (-1, 1), t2: (-1, 1), g_: (-3.2, 3.2), h_: (-3.2, 3.2), s1: (0.1, 4)},
    ),
    wrong={
        "bounded by the largest singular value only": le(trace_ball, sp.Max(s1, s2)),
        "bounded by the Frobenius norm": le(trace_ball, sp.sqrt(s1**2 + s2**2)),
    },
    uses=["muon.trace-expansion"],
    source=ANTHOLOGY,
    note="Numeric: an inequality over the unit ball of the spectral norm, which sympy cannot "
    "decide. Written in G's singular basis (U^T Phi V ranges over the same ball as Phi): "
    "G = diag(s_1, s_2) and Phi = R(gamma) diag(t_1, t_2) R(delta)^T, |t_i| <= 1, sampled. "
    "The proof: each u_i^T Phi v_i <= ||Phi||_2 <= 1 in muon.trace-expansion.",
)

claim(
    "muon.steepest-descent",
    eq((G.T * (-eta * U * V.T)).trace(), -eta * (s1 + s2)),
    latex=r"\min_{\lVert \Delta \rVert_2 \le \eta} \operatorname{tr}(G^\top \Delta) = "
    r"\operatorname{tr}\big(G^\top (-\eta\, U V^\top)\big) = -\eta\, \lVert G \rVert_*, "
    r"\quad \Delta^\star = -\eta \operatorname{msign}(G)",
    method=Symbolic(simplify=mod_circles),
    wrong={
        "the step -eta G / ||G||_2 reaches the bound": eq(
            (G.T * (-eta * G / s1)).trace(), -eta * (s1 + s2)
        ),
    },
    uses=["muon.dual-norm", "muon.msign"],
    source=ANTHOLOGY,
    note="Attainment proved for 2 x 2 with symbolic rotations; the bound is muon.dual-norm.",
)

# ------------------------------------------------------------------ odd polynomials

definition(
    "muon.odd-step",
    r"X_{k+1} = a X_k + b\, X_k (X_k^\top X_k) + c\, X_k (X_k^\top X_k)^2, \qquad "
    r"X_0 = G / \lVert G \rVert_F, \qquad p(x) = a x + b x^3 + c x^5",
)


def p_abc(t: sp.Expr) -> sp.Expr:
    """``a t + b t^3 + c t^5`` with symbolic coefficients."""
    return a * t + b * t**3 + c * t**5


gram = G.T * G
claim(
    "muon.step-singular-values",
    eq(a * G + b * G * gram + c * G * gram * gram, U * sp.diag(p_abc(s1), p_abc(s2)) * V.T),
    latex=r"a X + b X (X^\top X) + c X (X^\top X)^2 = U\, p(\Sigma)\, V^\top "
    r"\quad (X = U \Sigma V^\top)",
    method=Symbolic(simplify=mod_circles),
    wrong={
        "even powers: U (a S + b S^2 + c S^4) V^T": eq(
            a * G + b * G * gram + c * G * gram * gram,
            U * sp.diag(*[a * s + b * s**2 + c * s**4 for s in (s1, s2)]) * V.T,
        ),
    },
    uses=["muon.odd-step", "muon.svd"],
    source=MUON,
    note="Proved for 2 x 2 with symbolic rotations, singular values and a, b, c.",
)

# ------------------------------------------------------------------ Newton-Schulz cubic

p3 = sp.Rational(3, 2) * x - sp.Rational(1, 2) * x**3
definition("muon.cubic", r"p(x) = \tfrac32 x - \tfrac12 x^3", expr=p3)

claim(
    "muon.cubic-factor",
    eq(1 - p3, (1 - x) ** 2 * (x + 2) / 2),
    latex=r"1 - p(x) = \tfrac12 (1 - x)^2 (x + 2)",
    wrong={
        "single factor (1 - x)": eq(1 - p3, (1 - x) * (x + 2) / 2),
        "(x - 2) in place of (x + 2)": eq(1 - p3, (1 - x) ** 2 * (x - 2) / 2),
    },
    uses=["muon.cubic"],
    source=HIGHAM,
)

claim(
    "muon.cubic-fixed-point",
    sp.And(
        eq(p3.subs(x, 1), 1),
        eq(sp.diff(p3, x).subs(x, 1), 0),
        eq(p3.subs(x, sp.sqrt(3)), 0),
        eq(sp.diff(p3, x), sp.Rational(3, 2) * (1 - x**2)),
    ),
    latex=r"p(1) = 1, \quad p'(1) = 0, \quad p(\sqrt3) = 0, \quad p'(x) = \tfrac32 (1 - x^2)",
    wrong={"p'(1) = 1/2": eq(sp.diff(p3, x).subs(x, 1), sp.Rational(1, 2))},
    uses=["muon.cubic"],
)

claim(
    "muon.cubic-quadratic",
    eq(1 - p3.subs(x, 1 - e), e**2 * (3 - e) / 2),
    latex=r"1 - p(1 - \varepsilon) = \tfrac12\, \varepsilon^2 (3 - \varepsilon)",
    wrong={"linear in the error": eq(1 - p3.subs(x, 1 - e), e * (3 - e) / 2)},
    uses=["muon.cubic-factor"],
    source=HIGHAM,
)

claim(
    "muon.cubic-contraction",
    eq((1 - p3) / (1 - x), 1 - x * (x + 1) / 2),
    latex=r"\frac{1 - p(x)}{1 - x} = 1 - \frac{x(x+1)}{2} \in (0, 1) \quad "
    r"\text{for } 0 < x < 1",
    wrong={"1 + x(x+1)/2": eq((1 - p3) / (1 - x), 1 + x * (x + 1) / 2)},
    uses=["muon.cubic-factor"],
)

x_edge = (sp.sqrt(17) - 1) / 2
claim(
    "muon.cubic-contraction-edge",
    sp.And(
        eq(((x - 1) * (x + 2) / 2).subs(x, x_edge), 1),
        lt(x_edge, sp.sqrt(3)),
    ),
    latex=r"\left|\frac{1 - p(x)}{1 - x}\right| = \frac{(x-1)(x+2)}{2} = 1 \ \text{at}\ "
    r"x = \frac{\sqrt{17} - 1}{2} \approx 1.56 < \sqrt 3",
    wrong={"the edge is sqrt 3": eq(((x - 1) * (x + 2) / 2).subs(x, sp.sqrt(3)), 1)},
    uses=["muon.cubic-factor"],
    note="So |1 - p(x)| < |1 - x| holds on (0, (sqrt 17 - 1)/2), not on all of (0, sqrt 3).",
)

# ------------------------------------------------------------------ the tuned quintic

A, B, C = sp.Rational("3.4445"), sp.Rational("-4.7750"), sp.Rational("2.0315")
p5 = A * x + B * x**3 + C * x**5
definition(
    "muon.tuned",
    r"p(x) = 3.4445\,x - 4.7750\,x^3 + 2.0315\,x^5",
    expr=p5,
)

claim(
    "muon.tuned-at-one",
    eq(p5.subs(x, 1), sp.Rational(701, 1000)),
    latex=r"p(1) = 3.4445 - 4.7750 + 2.0315 = \tfrac{701}{1000} \ne 1",
    wrong={"p(1) = 1": eq(p5.subs(x, 1), 1)},
    uses=["muon.tuned"],
    source=MUON,
)

claim(
    "muon.tuned-slope",
    eq(sp.diff(p5, x).subs(x, 0), sp.Rational("3.4445")),
    latex=r"p'(0) = 3.4445 \quad (\text{cubic: } p'(0) = \tfrac32)",
    wrong={"slope 3/2 like the cubic": eq(sp.diff(p5, x).subs(x, 0), sp.Rational(3, 2))},
    uses=["muon.tuned", "muon.cubic"],
)

# Fixed points: p(x) = x  <=>  C x^4 + B x^2 + (A - 1) = 0.
disc = B**2 - 4 * C * (A - 1)
x_star = sp.sqrt((-B - sp.sqrt(disc)) / (2 * C))
x_star_hi = sp.sqrt((-B + sp.sqrt(disc)) / (2 * C))
claim(
    "muon.tuned-fixed-points",
    sp.And(
        eq(p5.subs(x, x_star), x_star),
        eq(p5.subs(x, x_star_hi), x_star_hi),
        lt(sp.diff(p5, x).subs(x, x_star), -1),
        gt(sp.diff(p5, x).subs(x, x_star_hi), 1),
    ),
    latex=r"p(x^\star) = x^\star \iff 2.0315\,x^{\star 4} - 4.7750\,x^{\star 2} + 2.4445 = 0: "
    r"\ x^\star_1 \approx 0.868,\ p'(x^\star_1) < -1; \quad "
    r"x^\star_2 \approx 1.264,\ p'(x^\star_2) > 1",
    wrong={
        "the lower fixed point attracts, |p'| < 1": gt(sp.diff(p5, x).subs(x, x_star), -1),
        "1 is a fixed point": eq(p5.subs(x, 1), 1),
    },
    uses=["muon.tuned"],
    note="Exact in surds: the fixed points are the roots of a quadratic in x^2.",
)

root = sp.sqrt(9 * B**2 - 20 * A * C)
x_peak = sp.sqrt((-3 * B - root) / (10 * C))
x_dip = sp.sqrt((-3 * B + root) / (10 * C))
claim(
    "muon.tuned-critical-points",
    sp.And(
        eq(sp.diff(p5, x).subs(x, x_peak), 0),
        eq(sp.diff(p5, x).subs(x, x_dip), 0),
        lt(x_peak, 1),
        gt(x_dip, 1),
    ),
    latex=r"p'(x) = 0 \iff x^2 = \frac{-3b \mp \sqrt{9b^2 - 20ac}}{10c}: \quad "
    r"x_{\max} \approx 0.555 < 1 < x_{\min} \approx 1.050",
    wrong={"the dip is below 1": lt(x_dip, 1)},
    uses=["muon.tuned"],
    note="The band of muon-band below is [p(x_min), max p on the band], computed at build.",
)
