"""Claims of ``docs/posts/mathematics/matrix/muon-optimizer.md``.

msign as the orthogonal polar factor, why Muon's steepest-descent direction under the spectral
norm is msign of the gradient, and the Newton-Schulz polynomials that approximate it: the cubic
(which converges quadratically to 1) and Muon's tuned quintic (which does not have 1 as a fixed
point, so singular values end in a band).

Matrix identities are proved for a thin SVD of symbolic size: ``U`` (m x r), ``Sigma`` (r x r),
``V`` (n x r) are matrix symbols. The hypotheses ``U^T U = V^T V = I`` and ``Sigma^T = Sigma``
are not assumptions sympy knows, so each identity is stated as ``lhs = rhs + R`` where the
remainder ``R`` (built by :func:`hypothesis_remainder`) is a sum of terms that each contain one
factor ``U^T U - I``, ``V^T V - I`` or ``Sigma^T - Sigma``: the identity then holds for *all*
matrices (sympy expands both sides in the free algebra), and ``R`` vanishes under the
hypotheses. Wrong variants are refuted on explicit 2 x 2 instances (rotations by symbolic
angles), since a counterexample needs numbers.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, cited, claim, definition
from derivations.helpers import eq, gt, le, lt, ne, rotation

MUON = (
    "Keller Jordan et al., 'Muon: An optimizer for hidden layers in neural networks', "
    "https://kellerjordan.github.io/posts/muon/"
)
ANTHOLOGY = (
    "Bernstein, Newhouse, 'Old optimizer, new norm: an anthology', https://arxiv.org/abs/2409.20325"
)
HIGHAM = "Higham, 'Functions of Matrices: Theory and Computation', SIAM 2008, ch. 8"
HIGHAM_ROOT = (
    "Higham, 'Functions of Matrices: Theory and Computation', SIAM 2008, Theorem 1.29 (a "
    "symmetric positive definite matrix has a unique symmetric positive definite square root) "
    "and Theorem 8.1 (the polar decomposition)"
)

x = sp.Symbol("x", real=True)
eps = sp.Symbol("varepsilon", real=True)
t = sp.Symbol("t", positive=True)
a, b, c = sp.symbols("a b c", real=True)
eta = sp.Symbol("eta", positive=True)
s1, s2 = sp.symbols("s_1 s_2", positive=True)

# ------------------------------------------------------------------ symbolic-size SVD

m, n, r = sp.symbols("m n r", integer=True, positive=True)
U = sp.MatrixSymbol("U", m, r)
V = sp.MatrixSymbol("V", n, r)
S = sp.MatrixSymbol("Sigma", r, r)
I_r = sp.Identity(r)
G = U * S * V.T
#: The hypotheses of a thin SVD, as rewriting rules: factors -> what they equal.
SVD_RULES = (((U.T, U), I_r), ((V.T, V), I_r), ((S.T,), S))


def hypothesis_remainder(expr: sp.MatrixExpr, rules=SVD_RULES) -> sp.MatrixExpr:
    """``expr`` minus ``expr`` with every rule applied, as a sum of terms with one defect each.

    In each product ``B_0 P_1 B_1 ... P_k B_k`` (``P_j`` a rule's factors, ``P_j'`` what the
    rule says they equal) the difference telescopes:
    ``sum_j B_0 P_1 ... B_{j-1} (P_j - P_j') B_j P_{j+1}' ... B_k``; each term carries one
    factor ``P_j - P_j'`` (``U^T U - I``, ``V^T V - I``, ``Sigma^T - Sigma``), which the
    hypotheses make zero.

    Examples:
        >>> R = hypothesis_remainder(U.T * U * S)
        >>> sp.expand(U.T * U * S - S - R).doit()
        0
    """
    expr = sp.expand(expr)
    terms = expr.args if isinstance(expr, sp.MatAdd) else (expr,)
    out = []
    for term in terms:
        coeff, mats = term.as_coeff_matrices()
        segments: list = []  # ("plain", factor) or ("rule", factors, replacement)
        i = 0
        while i < len(mats):
            for pattern, replacement in rules:
                if tuple(mats[i : i + len(pattern)]) == pattern:
                    segments.append(("rule", sp.MatMul(*pattern), replacement))
                    i += len(pattern)
                    break
            else:
                segments.append(("plain", mats[i]))
                i += 1
        for j, seg in enumerate(segments):
            if seg[0] != "rule":
                continue
            factors = []
            for k, other in enumerate(segments):
                if other[0] == "plain" or k < j:
                    factors.append(other[1])
                elif k == j:
                    factors.append(sp.MatAdd(other[1], -other[2]))
                else:
                    factors.append(other[2])
            out.append(coeff * sp.MatMul(*factors))
    return sp.MatAdd(*out) if out else sp.ZeroMatrix(*expr.shape)


def under_svd(lhs: sp.MatrixExpr, rhs: sp.MatrixExpr) -> sp.Eq:
    """``lhs = rhs + R``: true for all matrices, and ``lhs = rhs`` under the SVD's hypotheses."""
    return sp.Eq(lhs, rhs + hypothesis_remainder(lhs), evaluate=False)


# 2 x 2 instances for counterexamples: rotations by symbolic angles, positive singular values.
th, ph = sp.symbols("theta phi", real=True)
U2, V2, S2 = rotation(th), rotation(ph), sp.diag(s1, s2)
G2 = U2 * S2 * V2.T
MATRICES = "matrix expressions of symbolic size"
#: The display parser reads decimal literals as binary floats, which never match exactly.
DECIMALS = "decimal coefficients, which the display parser reads as inexact binary floats"

# ------------------------------------------------------------------ msign

definition(
    "muon.svd",
    r"G = U \Sigma V^\top \in \mathbb{R}^{m \times n}, \quad U^\top U = V^\top V = I_r, \quad "
    r"\Sigma = \operatorname{diag}(s_1, \dots, s_r),\ s_i > 0, \quad r = \operatorname{rank} G",
)
definition(
    "muon.msign",
    r"\operatorname{msign}(G) = U V^\top",
)

inv_root = V * S.I * V.T
claim(
    "muon.inverse-sqrt",
    sp.And(
        # (V S^-1 V^T)^2 written out: sympy would fold a square into a MatPow.
        under_svd(V * S.I * V.T * V * S.I * V.T * (G.T * G), V * V.T),
        under_svd(inv_root * V, V * S.I),
    ),
    scope=GENERAL,
    latex=r"\big(V \Sigma^{-1} V^\top\big)^2\, G^\top G = V V^\top, \qquad "
    r"\big(V \Sigma^{-1} V^\top\big)\, V = V \Sigma^{-1}",
    compare=MATRICES,
    wrong={
        "V Sigma^{-1/2} V^T as the inverse square root (2 x 2)": eq(
            (V2 * sp.diag(s1 ** sp.Rational(-1, 2), s2 ** sp.Rational(-1, 2)) * V2.T) ** 2
            * (G2.T * G2),
            sp.eye(2),
        ),
        "U Sigma^{-1} U^T: the wrong side's singular vectors (2 x 2)": eq(
            (U2 * S2.inv() * U2.T) ** 2 * (G2.T * G2), sp.eye(2)
        ),
        "the indefinite root V diag(1/s_1, -1/s_2) V^T has positive eigenvalues (2 x 2)": eq(
            V2 * sp.diag(1 / s1, -1 / s2) * V2.T * V2, V2 * S2.inv()
        ),
    },
    uses=["muon.svd"],
    source=HIGHAM,
    note="Thin SVD of symbolic size (U m x r, Sigma r x r, V n x r): each identity is proved "
    "as lhs = rhs + R with R a sum of terms carrying a factor U^T U - I, V^T V - I or "
    "Sigma^T - Sigma. The second identity says V Sigma^{-1} V^T has the columns of V as "
    "eigenvectors with eigenvalues 1/s_i > 0.",
)

cited(
    "muon.polar-root",
    r"\operatorname{rank} G = n:\quad (G^\top G)^{-1/2} = V \Sigma^{-1} V^\top, \qquad "
    r"\operatorname{msign}(G) = G\, (G^\top G)^{-1/2}",
    source=HIGHAM_ROOT,
    uses=["muon.inverse-sqrt", "muon.polar-form"],
    note="With full column rank V is square, so V V^T = I and muon.inverse-sqrt says "
    "V Sigma^{-1} V^T is a symmetric positive definite square root of (G^T G)^{-1}; that root "
    "is unique (Higham, Theorem 1.29), hence it is (G^T G)^{-1/2}. The second formula is then "
    "muon.polar-form.",
)

claim(
    "muon.polar-form",
    under_svd(G * inv_root, U * V.T),
    scope=GENERAL,
    latex=r"G\, V \Sigma^{-1} V^\top = U \Sigma V^\top V \Sigma^{-1} V^\top = U V^\top "
    r"= \operatorname{msign}(G)",
    compare=MATRICES,
    wrong={
        "U^T V in place of U V^T (2 x 2)": eq(G2 * V2 * S2.inv() * V2.T, U2.T * V2),
        "V U^T in place of U V^T (2 x 2)": eq(G2 * V2 * S2.inv() * V2.T, V2 * U2.T),
    },
    uses=["muon.svd", "muon.msign"],
    source=MUON,
    note="Any thin SVD of symbolic size; only V^T V = I is used.",
)


def msign_by_root(mat: sp.Matrix) -> sp.MatMul:
    """``M (M^T M)^{-1/2}``, left unevaluated (sympy takes the principal root when asked)."""
    gram = sp.ImmutableMatrix(mat.T * mat)
    return sp.MatMul(sp.ImmutableMatrix(mat), sp.MatPow(gram, sp.Rational(-1, 2)), evaluate=False)


M_ex = sp.Matrix([[3, 0], [4, 5]])
claim(
    "muon.example",
    eq(msign_by_root(M_ex), sp.Matrix([[2, -1], [1, 2]]) / sp.sqrt(5)),
    scope=GENERAL,
    latex=r"\operatorname{msign}\begin{pmatrix} 3 & 0 \\ 4 & 5 \end{pmatrix} = "
    r"\frac{1}{\sqrt 5}\begin{pmatrix} 2 & -1 \\ 1 & 2 \end{pmatrix}",
    compare="msign of an explicit matrix",
    wrong={
        "the transpose": eq(msign_by_root(M_ex), sp.Matrix([[2, 1], [-1, 2]]) / sp.sqrt(5)),
        "G / ||G||_F in place of msign": eq(msign_by_root(M_ex), M_ex / sp.sqrt(50)),
    },
    uses=["muon.polar-root"],
    note="sympy computes (M^T M)^{-1/2} exactly by diagonalisation (eigenvalues 45 and 5), "
    "taking the positive roots; M is invertible, so muon.polar-root applies.",
)

D_ex = sp.diag(s1, -s2)
claim(
    "muon.diagonal",
    eq(msign_by_root(D_ex), sp.diag(1, -1)),
    scope=GENERAL,
    latex=r"\operatorname{msign}\big(\operatorname{diag}(s_1, -s_2)\big) = "
    r"\operatorname{diag}(1, -1) \quad (s_1, s_2 > 0)",
    compare="msign of an explicit matrix",
    wrong={"signs dropped": eq(msign_by_root(D_ex), sp.eye(2))},
    uses=["muon.polar-root"],
)

# ------------------------------------------------------------------ steepest descent

# tr(G^T Phi) = sum_i s_i u_i^T Phi v_i holds for any factors U, V (no orthogonality needed):
# the instance m = n = 3, r = 2 with every entry symbolic.
U3 = sp.Matrix(2, 3, sp.symbols("u_11:14 u_21:24", real=True)).T  # columns u_1, u_2
V3 = sp.Matrix(2, 3, sp.symbols("v_11:14 v_21:24", real=True)).T  # columns v_1, v_2
Phi3 = sp.Matrix(3, 3, lambda j, k: sp.Symbol(f"phi_{j + 1}{k + 1}", real=True))
G3 = U3 * S2 * V3.T


def bilinear(left: sp.Matrix, right: sp.Matrix) -> sp.Expr:
    """``left^T Phi right`` for the 3 x 3 instance's Phi."""
    return (left.T * Phi3 * right)[0, 0]


claim(
    "muon.trace-expansion",
    eq(
        (G3.T * Phi3).trace(),
        s1 * bilinear(U3[:, 0], V3[:, 0]) + s2 * bilinear(U3[:, 1], V3[:, 1]),
    ),
    scope=Instance(
        "m = n = 3, r = 2: U, V (3 x 2) and Phi (3 x 3) with every entry symbolic, no "
        "orthogonality used",
        "G = sum_i s_i u_i v_i^T and tr(v u^T Phi) = u^T Phi v, in any size",
    ),
    latex=r"\operatorname{tr}(G^\top \Phi) = \sum_i s_i\, u_i^\top \Phi\, v_i",
    compare="a trace and a sum over singular vectors",
    wrong={
        "u and v swapped": eq(
            (G3.T * Phi3).trace(),
            s1 * bilinear(V3[:, 0], U3[:, 0]) + s2 * bilinear(V3[:, 1], U3[:, 1]),
        ),
        "singular values dropped": eq(
            (G3.T * Phi3).trace(), bilinear(U3[:, 0], V3[:, 0]) + bilinear(U3[:, 1], V3[:, 1])
        ),
    },
    uses=["muon.svd"],
)

i = sp.Symbol("i", integer=True, positive=True)
s_i = sp.IndexedBase("s", positive=True)
d_i = sp.IndexedBase("d", nonnegative=True)
d1, d2 = sp.symbols("d_1 d_2", nonnegative=True)
claim(
    "muon.dual-norm",
    le(sp.Sum(s_i[i] * (1 - d_i[i]), (i, 1, r)), sp.Sum(s_i[i], (i, 1, r))),
    scope=Instance(
        "the step after the trace expansion: sum_i s_i x_i <= sum_i s_i for any r, s_i > 0 "
        "and x_i = 1 - d_i <= 1",
        "x_i = u_i^T Phi v_i <= ||u_i|| ||Phi v_i|| <= ||Phi||_2 <= 1 by Cauchy-Schwarz and the "
        "definition of the spectral norm",
    ),
    latex=r"\lVert \Phi \rVert_2 \le 1 \implies \operatorname{tr}(G^\top \Phi) = "
    r"\sum_i s_i\, u_i^\top \Phi\, v_i \le \sum_i s_i = \lVert G \rVert_*",
    compare="norms and a sum over singular values",
    wrong={
        "bounded by the largest singular value only (r = 2)": le(
            s1 * (1 - d1) + s2 * (1 - d2), sp.Max(s1, s2)
        ),
        "bounded by the Frobenius norm (r = 2)": le(
            s1 * (1 - d1) + s2 * (1 - d2), sp.sqrt(s1**2 + s2**2)
        ),
    },
    uses=["muon.trace-expansion"],
    source=ANTHOLOGY,
    note="Symbolic in the number r of singular values (an indexed sum). The step "
    "u_i^T Phi v_i <= 1 is Cauchy-Schwarz with ||Phi v|| <= ||Phi||_2 ||v||.",
)

step = U * V.T
claim(
    "muon.steepest-descent",
    sp.And(
        under_svd(G.T * (-eta * step), -eta * V * S * V.T),
        under_svd(step.T * step, V * V.T),
        under_svd(V * V.T * V * V.T, V * V.T),
    ),
    scope=Instance(
        "G^T (-eta U V^T) = -eta V Sigma V^T, and (U V^T)^T U V^T = V V^T with (V V^T)^2 = "
        "V V^T, for any thin SVD of symbolic size",
        "tr(V Sigma V^T) = tr(Sigma V^T V) = sum_i s_i by cyclicity of the trace; V V^T is a "
        "projection, so ||U V^T||_2 = 1 and -eta U V^T lies in the ball; the lower bound "
        "-eta ||G||_* over the ball is muon.dual-norm applied to -Delta / eta",
    ),
    latex=r"\min_{\lVert \Delta \rVert_2 \le \eta} \operatorname{tr}(G^\top \Delta) = "
    r"\operatorname{tr}\big(G^\top (-\eta\, U V^\top)\big) = -\eta \operatorname{tr} \Sigma "
    r"= -\eta\, \lVert G \rVert_*, \quad \text{at } \Delta = -\eta \operatorname{msign}(G)",
    compare="a minimum over a norm ball",
    wrong={
        "the normalised gradient -eta G / ||G||_2 attains it (2 x 2)": eq(
            (G2.T * (-eta * G2 / sp.Max(s1, s2))).trace(), -eta * (s1 + s2)
        ),
        "-eta V U^T attains it (2 x 2)": eq((G2.T * (-eta * V2 * U2.T)).trace(), -eta * (s1 + s2)),
    },
    uses=["muon.dual-norm", "muon.msign"],
    source=ANTHOLOGY,
)

# ------------------------------------------------------------------ odd polynomials

definition(
    "muon.odd-step",
    r"X_{k+1} = a X_k + b\, X_k (X_k^\top X_k) + c\, X_k (X_k^\top X_k)^2, \qquad "
    r"X_0 = G / \lVert G \rVert_F, \qquad p(x) = a x + b x^3 + c x^5",
)


def p_abc(value: sp.Expr) -> sp.Expr:
    """``a t + b t^3 + c t^5`` with symbolic coefficients."""
    return a * value + b * value**3 + c * value**5


X = G  # X = U Sigma V^T, the same thin SVD
gram = X.T * X
gram2 = G2.T * G2
claim(
    "muon.step-singular-values",
    under_svd(a * X + b * X * gram + c * X * gram * gram, U * (a * S + b * S**3 + c * S**5) * V.T),
    scope=GENERAL,
    latex=r"a X + b X (X^\top X) + c X (X^\top X)^2 = U \big(a \Sigma + b \Sigma^3 + "
    r"c \Sigma^5\big) V^\top = U\, p(\Sigma)\, V^\top \quad (X = U \Sigma V^\top)",
    compare=MATRICES,
    wrong={
        "even powers: U (a S + b S^2 + c S^4) V^T (2 x 2)": eq(
            a * G2 + b * G2 * gram2 + c * G2 * gram2 * gram2,
            U2 * sp.diag(*[a * v + b * v**2 + c * v**4 for v in (s1, s2)]) * V2.T,
        ),
        "U and V swapped: V p(S) U^T (2 x 2)": eq(
            a * G2 + b * G2 * gram2 + c * G2 * gram2 * gram2,
            V2 * sp.diag(p_abc(s1), p_abc(s2)) * U2.T,
        ),
    },
    uses=["muon.odd-step", "muon.svd"],
    source=MUON,
    note="Any thin SVD of symbolic size (X m x n of rank r) and symbolic a, b, c; "
    "p(Sigma) = diag(p(s_i)) because Sigma is diagonal.",
)

# ------------------------------------------------------------------ Newton-Schulz cubic

p3 = sp.Rational(3, 2) * x - sp.Rational(1, 2) * x**3
definition("muon.cubic", r"p(x) = \tfrac32 x - \tfrac12 x^3", expr=p3)

claim(
    "muon.cubic-factor",
    eq(1 - p3, (1 - x) ** 2 * (x + 2) / 2),
    scope=GENERAL,
    latex=r"1 - \tfrac{3}{2} x + \tfrac{1}{2} x^3 = \tfrac{1}{2} (1 - x)^2 (x + 2)",
    wrong={
        "single factor (1 - x)": eq(1 - p3, (1 - x) * (x + 2) / 2),
        "(x - 2) in place of (x + 2)": eq(1 - p3, (1 - x) ** 2 * (x - 2) / 2),
    },
    uses=["muon.cubic"],
    source=HIGHAM,
)


def at(expr: sp.Expr, value: sp.Expr) -> sp.Subs:
    """``expr`` at ``x = value``, left unevaluated so the check does the substitution."""
    return sp.Subs(expr, x, value)


def slope(expr: sp.Expr, value: sp.Expr) -> sp.Subs:
    """``expr'`` at ``x = value``, left unevaluated."""
    return sp.Subs(sp.Derivative(expr, x), x, value)


claim(
    "muon.cubic-fixed-point",
    sp.And(
        eq(at(p3, 1), 1),
        eq(slope(p3, 1), 0),
        eq(at(p3, sp.sqrt(3)), 0),
        eq(sp.Derivative(p3, x), sp.Rational(3, 2) * (1 - x**2)),
    ),
    scope=GENERAL,
    latex=r"p(1) = 1, \quad p'(1) = 0, \quad p(\sqrt3) = 0, \quad p'(x) = \tfrac32 (1 - x^2)",
    compare="values and derivatives of the named polynomial p",
    wrong={
        "p'(1) = 1/2": eq(slope(p3, 1), sp.Rational(1, 2)),
        "p(sqrt 3) = 1": eq(at(p3, sp.sqrt(3)), 1),
    },
    uses=["muon.cubic"],
)

claim(
    "muon.cubic-quadratic",
    eq(1 - p3.subs(x, 1 - eps), eps**2 * (3 - eps) / 2),
    scope=GENERAL,
    latex=r"1 - \tfrac{3}{2}(1 - \varepsilon) + \tfrac{1}{2}(1 - \varepsilon)^3 = "
    r"\tfrac{1}{2}\, \varepsilon^2 (3 - \varepsilon)",
    wrong={
        "linear in the error": eq(1 - p3.subs(x, 1 - eps), eps * (3 - eps) / 2),
        "(3 + e) in place of (3 - e)": eq(1 - p3.subs(x, 1 - eps), eps**2 * (3 + eps) / 2),
    },
    uses=["muon.cubic-factor"],
    source=HIGHAM,
)

ratio = 1 - x * (x + 1) / 2
inside = t / (1 + t)  # runs over (0, 1) as t runs over (0, oo)
claim(
    "muon.cubic-contraction",
    sp.And(
        eq((1 - p3) / (1 - x), ratio),
        gt(ratio.subs(x, inside), 0),
        lt(ratio.subs(x, inside), 1),
    ),
    scope=GENERAL,
    latex=r"\frac{1 - \frac{3}{2}x + \frac{1}{2}x^3}{1 - x} = 1 - \frac{x(x+1)}{2}, \quad "
    r"0 < 1 - \frac{x(x+1)}{2} < 1 \quad \text{for } 0 < x < 1",
    domain={x: (0, 1)},
    wrong={
        "1 + x(x+1)/2": eq((1 - p3) / (1 - x), 1 + x * (x + 1) / 2),
        "the factor exceeds 1 near 0": gt(ratio.subs(x, inside), 1),
    },
    uses=["muon.cubic-factor"],
    note="The bounds are proved for every x in (0, 1) by writing x = t / (1 + t), t > 0.",
)

x_edge = (sp.sqrt(17) - 1) / 2
edge_factor = (x - 1) * (x + 2) / 2
claim(
    "muon.cubic-contraction-edge",
    sp.And(
        eq(-ratio, edge_factor),
        lt(ratio.subs(x, 1 + t), 0),
        eq(edge_factor.subs(x, x_edge), 1),
        lt(x_edge, sp.sqrt(3)),
        lt(sp.Rational(155, 100), x_edge),
        lt(x_edge, sp.Rational(157, 100)),
    ),
    scope=GENERAL,
    latex=r"\left|\frac{1 - p(x)}{1 - x}\right| = \frac{(x-1)(x+2)}{2} \ \ (x > 1), \qquad "
    r"\frac{(x-1)(x+2)}{2} = 1 \ \text{at}\ x = \frac{\sqrt{17} - 1}{2} \approx 1.56 < \sqrt 3",
    compare="an absolute value for x > 1 and a value at a point",
    wrong={
        "the edge is sqrt 3": eq(edge_factor.subs(x, sp.sqrt(3)), 1),
        "the factor stays positive above 1": gt(ratio.subs(x, 1 + t), 0),
    },
    uses=["muon.cubic-contraction"],
    note="For x > 1 (x = 1 + t, t > 0) the factor 1 - x(x+1)/2 is negative, so its absolute "
    "value is (x-1)(x+2)/2. So |1 - p(x)| < |1 - x| holds on (0, (sqrt 17 - 1)/2), not on all "
    "of (0, sqrt 3).",
)

# ------------------------------------------------------------------ the tuned quintic

A, B, C = sp.Rational("3.4445"), sp.Rational("-4.7750"), sp.Rational("2.0315")
p5 = A * x + B * x**3 + C * x**5
definition(
    "muon.tuned",
    r"p(x) = 3.4445\,x - 4.7750\,x^3 + 2.0315\,x^5",
    expr=p5,
)

coefficient_sum = sp.Add(A, B, C, evaluate=False)
claim(
    "muon.tuned-at-one",
    sp.And(eq(coefficient_sum, sp.Rational(701, 1000)), ne(coefficient_sum, 1)),
    scope=GENERAL,
    latex=r"3.4445 - 4.7750 + 2.0315 = \tfrac{701}{1000} \ne 1",
    compare=DECIMALS,
    wrong={"p(1) = 1": eq(coefficient_sum, 1)},
    uses=["muon.tuned"],
    source=MUON,
)

claim(
    "muon.tuned-slope",
    eq(slope(p5, 0), A),
    scope=GENERAL,
    latex=r"p'(0) = 3.4445 \quad (\text{cubic: } p'(0) = \tfrac32)",
    compare="the derivative of the named polynomial p",
    wrong={"slope 3/2 like the cubic": eq(slope(p5, 0), sp.Rational(3, 2))},
    uses=["muon.tuned", "muon.cubic"],
)

claim(
    "muon.tuned-fixed-quartic",
    eq(p5 - x, x * (C * x**4 + B * x**2 + (A - 1))),
    scope=GENERAL,
    latex=r"3.4445\,x - 4.7750\,x^3 + 2.0315\,x^5 - x = "
    r"x\,\big(2.0315\,x^4 - 4.7750\,x^2 + 2.4445\big)",
    compare=DECIMALS,
    wrong={
        "constant A in place of A - 1": eq(p5 - x, x * (C * x**4 + B * x**2 + A)),
        "x^2 in front": eq(p5 - x, x**2 * (C * x**4 + B * x**2 + (A - 1))),
    },
    uses=["muon.tuned"],
)

# Fixed points: p(x) = x, x > 0  <=>  C X^2 + B X + (A - 1) = 0 with X = x^2.
disc = B**2 - 4 * C * (A - 1)
X1, X2 = (-B - sp.sqrt(disc)) / (2 * C), (-B + sp.sqrt(disc)) / (2 * C)
x_star, x_star_hi = sp.sqrt(X1), sp.sqrt(X2)
dp5 = sp.diff(p5, x)
claim(
    "muon.tuned-fixed-points",
    sp.And(
        eq(C * (x**2 - X1) * (x**2 - X2), C * x**4 + B * x**2 + (A - 1)),
        lt(sp.Rational(8675, 10000), x_star),
        lt(x_star, sp.Rational(8685, 10000)),
        lt(sp.Rational(12635, 10000), x_star_hi),
        lt(x_star_hi, sp.Rational(12645, 10000)),
        lt(dp5.subs(x, x_star), -1),
        gt(dp5.subs(x, x_star_hi), 1),
    ),
    scope=GENERAL,
    latex=r"2.0315\,x^4 - 4.7750\,x^2 + 2.4445 = 2.0315\,(x^2 - x_1^{\star 2})"
    r"(x^2 - x_2^{\star 2}): \ x^\star_1 \approx 0.868,\ p'(x^\star_1) < -1; \quad "
    r"x^\star_2 \approx 1.264,\ p'(x^\star_2) > 1",
    compare="the roots are named, their values bracketed",
    wrong={
        "the lower fixed point attracts, p' > -1": gt(dp5.subs(x, x_star), -1),
        "the upper fixed point is below 1.26": lt(x_star_hi, sp.Rational(126, 100)),
    },
    uses=["muon.tuned-fixed-quartic"],
    note="x_1*^2 and x_2*^2 are the two roots of the quadratic 2.0315 X^2 - 4.7750 X + 2.4445 "
    "(both positive), exact in surds; the factorisation shows there are no other positive "
    "fixed points. The decimals are checked as brackets of width 0.001.",
)

# Critical points of a general odd quintic: p' = a + 3b x^2 + 5c x^4, a quadratic in x^2.
root_abc = sp.sqrt(9 * b**2 - 20 * a * c)
Xm, Xp = (-3 * b - root_abc) / (10 * c), (-3 * b + root_abc) / (10 * c)
claim(
    "muon.critical-points",
    eq(5 * c * (x**2 - Xm) * (x**2 - Xp), a + 3 * b * x**2 + 5 * c * x**4),
    scope=GENERAL,
    latex=r"a + 3b\,x^2 + 5c\,x^4 = 5c\,(x^2 - x_-^2)(x^2 - x_+^2), \qquad "
    r"x_\mp^2 = \frac{-3b \mp \sqrt{9b^2 - 20ac}}{10c}",
    compare="the roots x_- and x_+ are named",
    wrong={
        "20ac -> 12ac under the root": eq(
            5 * c * (x**2 - (-3 * b - sp.sqrt(9 * b**2 - 12 * a * c)) / (10 * c)) * (x**2 - Xp),
            a + 3 * b * x**2 + 5 * c * x**4,
        ),
        "denominator 5c": eq(
            5 * c * (x**2 - 2 * Xm) * (x**2 - 2 * Xp), a + 3 * b * x**2 + 5 * c * x**4
        ),
    },
    uses=["muon.odd-step"],
    note="Symbolic a, b, c (c != 0). So p'(x) = 0 exactly at x^2 = x_-^2 and x^2 = x_+^2.",
)

tuned = {a: A, b: B, c: C}
x_peak, x_dip = sp.sqrt(Xm.subs(tuned)), sp.sqrt(Xp.subs(tuned))
d2p5 = sp.diff(p5, x, 2)
claim(
    "muon.tuned-critical-points",
    sp.And(
        lt(sp.Rational(554, 1000), x_peak),
        lt(x_peak, sp.Rational(556, 1000)),
        lt(x_peak, 1),
        lt(1, x_dip),
        lt(sp.Rational(1049, 1000), x_dip),
        lt(x_dip, sp.Rational(1051, 1000)),
        lt(d2p5.subs(x, x_peak), 0),
        gt(d2p5.subs(x, x_dip), 0),
    ),
    scope=GENERAL,
    latex=r"x_{\max} = x_- \approx 0.555 < 1 < x_{\min} = x_+ \approx 1.050, \qquad "
    r"p''(x_{\max}) < 0 < p''(x_{\min})",
    compare="the critical points are named, their values bracketed",
    wrong={
        "the dip is below 1": lt(x_dip, 1),
        "the peak is a minimum": gt(d2p5.subs(x, x_peak), 0),
    },
    uses=["muon.tuned", "muon.critical-points"],
    note="Exact in surds for (a, b, c) = (3.4445, -4.7750, 2.0315); decimals checked as "
    "brackets of width 0.002. The band of the page is computed at build from these.",
)
