"""Claims of ``docs/posts/mathematics/matrix/dual-gradient-descent.md``.

Steepest descent on the Stiefel manifold ``W^T W = I``: the tangent condition, the Lagrangian with
a symmetric multiplier ``Lambda``, the dual function ``||G - W Lambda||_*`` and its gradient (minus
half the constraint residual, by Danskin's theorem), and the floor on the singular values of
``G - W Lambda`` that makes a fixed step safe.

Identities of matrices of symbolic size are proved with matrix symbols where they need no trace
cyclicity (sympy does not apply it). A hypothesis such as ``W^T W = I`` is not something sympy
can assume, so those statements carry it as an extra term with a factor ``W^T W - I`` (or
``I - W W^T``): the identity then holds for every matrix, and the term vanishes on the manifold.
Wrong variants of such claims are refuted on explicit instances, since a counterexample needs
numbers. Trace identities are proved for explicit sizes, every entry a symbol. Points of the
Stiefel manifold are written with the Cayley parametrisation ``Q = (I - K)(I + K)^{-1}``
(K antisymmetric), whose entries are rational functions, so that ``W^T W = I`` holds exactly and
identities reduce by ``cancel``.

The 2 x 2 closed forms ``msign_2x2_pos`` / ``nuclear_norm_2x2_pos`` (from ``derivations.helpers``)
and the local ``msign_neg`` / ``rho_neg`` are msign and the nuclear norm on the branch
det > 0, resp. det < 0 (proved on the spectral-sphere page, ``sphere.msign-2x2``); claims that
use them prove the identity on both branches.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, cited, claim, definition
from derivations.helpers import (
    eq,
    ge,
    le,
    msign_2x2_pos,
    nuclear_norm_2x2_pos,
    spectral_ball_2x2,
)

SOURCE = (
    "Su, 'Steepest descent on manifolds: 5. Dual gradient descent', kexue.fm (2025), "
    "https://kexue.fm/archives/11388"
)
WEYL = (
    "Horn, Johnson, 'Matrix Analysis', 2nd ed., Cambridge University Press 2013, Corollary "
    "7.7.4 (A >= B implies lambda_k(A) >= lambda_k(B) for every k, Weyl's monotonicity)"
)

eps, t = sp.symbols("epsilon t", real=True)
k1, k2, k3 = sp.symbols("k_1 k_2 k_3", real=True)
s1, s2 = sp.symbols("s_1 s_2", positive=True)


def mat(prefix: str, rows: int, cols: int) -> sp.Matrix:
    """A ``rows x cols`` matrix of real symbols ``prefix_ij``."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{prefix}_{i + 1}{j + 1}", real=True))


def symmetric(prefix: str, size: int) -> sp.Matrix:
    """A symmetric ``size x size`` matrix of real symbols."""
    return sp.Matrix(
        size,
        size,
        lambda i, j: sp.Symbol(f"{prefix}_{min(i, j) + 1}{max(i, j) + 1}", real=True),
    )


def tr(m: sp.Matrix) -> sp.Expr:
    """Trace."""
    return m.trace()


def cayley(k: sp.Matrix) -> sp.Matrix:
    """``(I - K)(I + K)^{-1}``: orthogonal for antisymmetric ``K``."""
    eye = sp.eye(k.shape[0])
    return ((eye - k) * (eye + k).inv()).applyfunc(sp.cancel)


def rho_neg(m: sp.Matrix) -> sp.Expr:
    """Nuclear norm of a 2 x 2 matrix with negative determinant (local helper)."""
    return sp.sqrt((m[0, 0] - m[1, 1]) ** 2 + (m[0, 1] + m[1, 0]) ** 2)


def msign_neg(m: sp.Matrix) -> sp.Matrix:
    """The msign of a 2 x 2 matrix with negative determinant: a reflection (local helper)."""
    p, q = m[0, 0] - m[1, 1], m[0, 1] + m[1, 0]
    return sp.Matrix([[p, q], [q, -p]]) / rho_neg(m)


def open_sqrt(expr: sp.Basic) -> sp.Basic:
    """Cancel and factor the radicand of every half-integer power (inner ones first), then cancel.

    With positive symbols, ``sqrt(s_1^2 + 2 s_1 s_2 + s_2^2)`` opens to ``s_1 + s_2``.
    """
    for _ in range(2):  # the nuclear norm of a two-column matrix nests two square roots
        expr = expr.replace(
            lambda e: e.is_Pow and e.exp.is_Rational and e.exp.q == 2,
            lambda e: sp.Pow(sp.factor(sp.cancel(e.base)), e.exp),
        )
    return sp.cancel(expr)


# A 2 x 2 rotation and a 3 x 2 Stiefel point, both with rational entries.
W2 = cayley(sp.Matrix([[0, k1], [-k1, 0]]))
V2 = cayley(sp.Matrix([[0, k2], [-k2, 0]]))
Q3 = cayley(sp.Matrix([[0, k1, k2], [-k1, 0, k3], [-k2, -k3, 0]]))
W3 = Q3[:, :2]
F = sp.diag(1, -1)  # a reflection

G3, Phi3 = mat("g", 3, 2), mat("phi", 3, 2)
Wgen = mat("w", 3, 2)
Lam, S = symmetric("lambda", 2), symmetric("s", 2)
G2, Wg2 = mat("g", 2, 2), mat("w", 2, 2)

# Matrix symbols of symbolic size.
n, m = sp.symbols("n m", integer=True, positive=True)
W_ms, Phi_ms, G_ms = (sp.MatrixSymbol(name, n, m) for name in ("W", "Phi", "G"))
Lam_ms = sp.MatrixSymbol("Lambda", m, m)
I_n, I_m = sp.Identity(n), sp.Identity(m)

# ------------------------------------------------------------------ definitions

definition(
    "dualgd.stiefel",
    r"\operatorname{St}(n, m) = \{\, W \in \mathbb{R}^{n \times m} : W^\top W = I_m \,\}, "
    r"\qquad n \ge m",
)

definition(
    "dualgd.problem",
    r"\Phi^\star = \operatorname*{arg\,max}_{\Phi} \operatorname{tr}(G^\top \Phi) "
    r"\quad\text{subject to}\quad \lVert \Phi \rVert_2 \le 1, \quad "
    r"W^\top \Phi + \Phi^\top W = 0",
)

definition(
    "dualgd.dual-function",
    r"D(\Lambda) = \max_{\lVert \Phi \rVert_2 \le 1} \Big[\operatorname{tr}(G^\top \Phi) - "
    r"\tfrac12 \operatorname{tr}\big(\Lambda\, (W^\top \Phi + \Phi^\top W)\big)\Big], \qquad "
    r"\Lambda = \Lambda^\top \in \mathbb{R}^{m \times m}",
)

definition(
    "dualgd.iteration",
    r"\Phi_k = \operatorname{msign}(G - W \Lambda_k), \qquad "
    r"\Lambda_{k+1} = \Lambda_k + \beta\, \frac{W^\top \Phi_k + \Phi_k^\top W}{2}, \qquad "
    r"\Lambda_0 = \tfrac12 (W^\top G + G^\top W)",
)

# ------------------------------------------------------------------ the tangent space

_path3 = (Wgen + eps * Phi3).T * (Wgen + eps * Phi3)
claim(
    "dualgd.tangent",
    eq(
        (W_ms + eps * Phi_ms).T * (W_ms + eps * Phi_ms),
        W_ms.T * W_ms + eps * (W_ms.T * Phi_ms + Phi_ms.T * W_ms) + eps**2 * Phi_ms.T * Phi_ms,
    ),
    scope=GENERAL,
    latex=r"(W + \varepsilon \Phi)^\top (W + \varepsilon \Phi) = W^\top W + \varepsilon\,(W^\top "
    r"\Phi + \Phi^\top W) + \varepsilon^2\, \Phi^\top \Phi, \qquad W^\top W = I \text{ on } "
    r"\operatorname{St}(n, m)",
    wrong={
        "first-order term 2 W^T Phi, not symmetrised (at n = 3, m = 2)": eq(
            _path3, Wgen.T * Wgen + 2 * eps * Wgen.T * Phi3 + eps**2 * Phi3.T * Phi3
        ),
    },
    uses=["dualgd.stiefel"],
    source=SOURCE,
    compare="products of matrices cannot be parsed",
    note="n x m matrix symbols of symbolic size, any W. The first-order term vanishes exactly "
    "when W^T Phi + Phi^T W = 0: the tangent space.",
)

A3 = mat("a", 3, 3)
Lam3 = symmetric("lambda", 3)
claim(
    "dualgd.sym-antisym",
    eq(tr(Lam3 * (A3 - A3.T)), 0),
    scope=Instance(
        "3 x 3, Lambda symmetric and A = B - B^T antisymmetric, every entry symbolic",
        "tr(Lambda A) = sum_{i,j} Lambda_ij A_ji, and the terms (i, j) and (j, i) cancel in "
        "pairs (the diagonal ones vanish) in every size; 3 x 3 has both kinds of term",
    ),
    latex=r"\Lambda = \Lambda^\top,\; A = -A^\top \;\Longrightarrow\; "
    r"\operatorname{tr}(\Lambda A) = 0",
    wrong={
        "A not antisymmetric": eq(tr(Lam3 * A3), 0),
        "A symmetric instead": eq(tr(Lam3 * (A3 + A3.T)), 0),
    },
    compare="the trace of a matrix product cannot be parsed",
    note="With A = W^T Phi for a tangent Phi, the penalty term of the dual function vanishes.",
)

# ------------------------------------------------------------------ the Lagrangian

Lam_any = mat("lambda", 2, 2)
claim(
    "dualgd.lagrangian",
    eq(
        tr(G3.T * Phi3) - tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
        tr((G3 - Wgen * Lam).T * Phi3),
    ),
    scope=Instance(
        "n = 3, m = 2, G, W, Phi every entry symbolic, Lambda symmetric",
        "both sides are linear in each matrix, and the one step, tr(Lambda Phi^T W) = "
        "tr(Lambda W^T Phi), uses only Lambda = Lambda^T and tr(X^T) = tr(X), in every size",
    ),
    latex=r"\operatorname{tr}(G^\top \Phi) - \tfrac12 \operatorname{tr}\big(\Lambda\, (W^\top "
    r"\Phi + \Phi^\top W)\big) = \operatorname{tr}\big((G - W \Lambda)^\top \Phi\big)",
    wrong={
        "G + W Lambda": eq(
            tr(G3.T * Phi3) - tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
            tr((G3 + Wgen * Lam).T * Phi3),
        ),
        "Lambda not symmetric": eq(
            tr(G3.T * Phi3) - tr(Lam_any * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
            tr((G3 - Wgen * Lam_any).T * Phi3),
        ),
    },
    uses=["dualgd.dual-function"],
    source=SOURCE,
    compare="traces of matrix products cannot be parsed",
    note="The symmetry of Lambda is what lets tr(Lambda Phi^T W) and tr(Lambda W^T Phi) merge.",
)

# Hoelder for the nuclear norm of a tall matrix, reduced to a 2 x 2 block.
# (i) For M = U Sigma V^T (U 3 x 2, V 2 x 2), tr(M^T Phi) = tr(Sigma A) with A = U^T Phi V.
# (ii) Every 2 x 2 A with ||A||_2 <= 1 is R(p + q) diag(cos 2 tau_1, cos 2 tau_2) R(q - p)^T, and
#      sigma_1 + sigma_2 - tr(Sigma A) is a sum of squares weighted by sigma_i >= 0.
# (iii) Equality at Phi = U V^T.
sg1, sg2 = sp.symbols("sigma_1 sigma_2", nonnegative=True)
Sigma_nn = sp.diag(sg1, sg2)
p_, q_, tau1, tau2 = sp.symbols("p q tau_1 tau_2", real=True)
A_ball, _gap11, _gap22, _free = spectral_ball_2x2(p_, q_, tau1, tau2)  # sums of squares
_certificate = sg1 * _gap11 + sg2 * _gap22
_gap11_free, _gap22_free = _gap11.xreplace(_free), _gap22.xreplace(_free)
U3g, V2g = mat("u", 3, 2), mat("v", 2, 2)
M_svd = W3 * sp.diag(s1, s2) * V2.T  # U in St(3, 2), V a rotation (Cayley)
_at_identity = {p_: 0, q_: 0, tau1: 0, tau2: 0, sg1: 1, sg2: 1}  # A = I
claim(
    "dualgd.dual-closed-form",
    sp.And(
        eq(tr((U3g * Sigma_nn * V2g.T).T * Phi3), tr(Sigma_nn * U3g.T * Phi3 * V2g)),
        eq(sg1 + sg2 - tr(Sigma_nn * A_ball), _certificate),
        ge(_gap11_free, 0),
        ge(_gap22_free, 0),
        eq(tr(M_svd.T * W3 * V2.T), s1 + s2),
    ),
    scope=Instance(
        "n = 3, m = 2: tr(M^T Phi) = tr(Sigma U^T Phi V) for M = U Sigma V^T and every 3 x 2 "
        "Phi (every entry symbolic); for every 2 x 2 A with ||A||_2 <= 1, written R(p + q) "
        "diag(cos 2 tau_1, cos 2 tau_2) R(q - p)^T, sigma_1 + sigma_2 - tr(Sigma A) is an "
        "explicit sum of squares weighted by sigma_i >= 0; equality at Phi = U V^T for U a "
        "Cayley point of St(3, 2) and V a Cayley rotation",
        "A = U^T Phi V has ||A||_2 <= ||U||_2 ||Phi||_2 ||V||_2 <= 1 when ||Phi||_2 <= 1, so "
        "the bound holds for every Phi in the ball; in other sizes the same argument runs with "
        "one diagonal entry (U^T Phi V)_ii <= 1 per singular value",
    ),
    latex=r"D(\Lambda) = \max_{\lVert \Phi \rVert_2 \le 1} \operatorname{tr}\big((G - W "
    r"\Lambda)^\top \Phi\big) = \lVert G - W \Lambda \rVert_*, \qquad \text{attained at } "
    r"\Phi = \operatorname{msign}(G - W \Lambda)",
    wrong={
        "bound by the spectral norm sigma_1": Wrong(
            ge(sg1 - tr(Sigma_nn * A_ball), 0), at=(_at_identity,)
        ),
        "hypothesis ||Phi||_2 <= 1 dropped (2 A)": Wrong(
            ge(sg1 + sg2 - tr(Sigma_nn * 2 * A_ball), 0), at=(_at_identity,)
        ),
        "attained at U V (V not transposed)": eq(tr(M_svd.T * W3 * V2), s1 + s2),
    },
    uses=["dualgd.lagrangian", "dualgd.dual-function"],
    compare="a maximum over a set of matrices and the nuclear norm cannot be parsed",
    note="The first equality is dualgd.lagrangian. With M = G - W Lambda = U Sigma V^T, "
    "tr(M^T Phi) = sigma_1 a_11 + sigma_2 a_22 for A = U^T Phi V, and 1 - a_11 = "
    "2[cos^2 tau_1 sin^2 q sin^2 p + sin^2 tau_1 cos^2 q cos^2 p + cos^2 tau_2 cos^2 q sin^2 p "
    "+ sin^2 tau_2 sin^2 q cos^2 p], and similarly 1 - a_22, so the gap is a sum of squares; "
    "the signs of the two brackets are checked with the cosines and sines as free symbols.",
)

# ------------------------------------------------------------------ the nuclear norm, two columns

Vp = cayley(sp.Matrix([[0, k1], [-k1, 0]]))
P_pd = Vp * sp.diag(s1**2, s2**2) * Vp.T  # every positive definite 2 x 2 matrix
_root_det = sp.sqrt(P_pd[0, 0] * P_pd[1, 1] - P_pd[0, 1] * P_pd[1, 0])
_nu = sp.sqrt(tr(P_pd) + 2 * _root_det)
claim(
    "dualgd.sqrt-2x2",
    sp.And(
        eq((P_pd + _root_det * sp.eye(2)) / _nu, Vp * sp.diag(s1, s2) * Vp.T),
        eq(_nu, s1 + s2),
    ),
    scope=GENERAL,
    latex=r"P^{1/2} = \frac{P + \sqrt{\det P}\, I}{\sqrt{\operatorname{tr} P + 2 \sqrt{\det P}}}"
    r", \qquad \lVert M \rVert_* = \operatorname{tr} P^{1/2} = \sqrt{\operatorname{tr}"
    r" P + 2 \sqrt{\det P}} \qquad (P = M^\top M \in \mathbb{R}^{2 \times 2},\ P \succ 0)",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "minus sqrt(det P) (gives sigma_1 - sigma_2)": eq(
            sp.sqrt(tr(P_pd) - 2 * _root_det), s1 + s2
        ),
        "det P without the square root": eq(
            (P_pd + _root_det**2 * sp.eye(2)) / sp.sqrt(tr(P_pd) + 2 * _root_det**2),
            Vp * sp.diag(s1, s2) * Vp.T,
        ),
    },
    compare="a matrix square root and the nuclear norm cannot be parsed",
    note="Every positive definite 2 x 2 P is V diag(s_1^2, s_2^2) V^T with V a rotation (Cayley "
    "form: the half-turn gives the same P as the identity). On it the formula is V diag(s_1, "
    "s_2) V^T, the positive definite square root, and the denominator is s_1 + s_2, its trace: "
    "the nuclear norm of any M with two columns and M^T M = P. Positive semidefinite P follow by "
    "continuity.",
)


def nuclear_two_columns(m: sp.Matrix) -> tuple[sp.Expr, sp.Matrix]:
    """Nuclear norm and msign of a matrix with two columns, from dualgd.sqrt-2x2.

    Determinant and inverse of the 2 x 2 Gram matrix are written out (no ``det()``/``inv()``,
    which would try to simplify large entries).
    """
    gram = m.T * m  # [2, 2]
    root_det = sp.sqrt(gram[0, 0] * gram[1, 1] - gram[0, 1] * gram[1, 0])
    nuc = sp.sqrt(gram[0, 0] + gram[1, 1] + 2 * root_det)
    a = gram + root_det * sp.eye(2)  # nuc * (M^T M)^{1/2}
    adj = sp.Matrix([[a[1, 1], -a[0, 1]], [-a[1, 0], a[0, 0]]])
    return nuc, m * adj * nuc / (a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0])


# ------------------------------------------------------------------ the dual gradient (Danskin)

M2 = G2 - Wg2 * Lam
_dD_pos = sp.diff(nuclear_norm_2x2_pos(G2 - Wg2 * (Lam + t * S)), t).subs(t, 0)
_dD_neg = sp.diff(rho_neg(G2 - Wg2 * (Lam + t * S)), t).subs(t, 0)
_Qp, _Qn = msign_2x2_pos(M2), msign_neg(M2)
_R_pos, _R_neg = Wg2.T * _Qp + _Qp.T * Wg2, Wg2.T * _Qn + _Qn.T * Wg2
claim(
    "dualgd.danskin",
    sp.And(eq(_dD_pos, -tr(S * _R_pos) / 2), eq(_dD_neg, -tr(S * _R_neg) / 2)),
    scope=Instance(
        "n = m = 2: W, G every entry symbolic, Lambda and S symmetric, at every Lambda with "
        "det(G - W Lambda) != 0 (the closed forms of both branches)",
        "the tall case is dualgd.danskin-tall; W need not be orthogonal for this identity",
    ),
    latex=r"\frac{d}{dt} D(\Lambda + t S)\Big|_{t=0} = -\tfrac12 \operatorname{tr}\big(S\, "
    r"(W^\top \Phi + \Phi^\top W)\big), \qquad \Phi = \operatorname{msign}(G - W \Lambda),"
    r"\; S = S^\top",
    wrong={
        "sign flipped": eq(_dD_pos, tr(S * _R_pos) / 2),
        "factor 1/2 dropped": eq(_dD_pos, -tr(S * _R_pos)),
    },
    uses=["dualgd.dual-closed-form", "dualgd.lagrangian"],
    source=SOURCE,
    compare="the derivative of the dual function and msign cannot be parsed",
    note="D(Lambda) = ||G - W Lambda||_* (dualgd.dual-closed-form), with the closed forms "
    "rho_+ / rho_- and their msign, which are the nuclear norm and msign on det > 0 / det < 0 "
    "(sphere.msign-2x2 on the spectral-sphere page).",
)

# Tall case. d/dt ||M + t E||_* = tr(msign(M)^T E), on M = [diag(s_1, s_2); 0], E symbolic,
# through the closed form of dualgd.sqrt-2x2; then E = -W S.
M0 = sp.Matrix([[s1, 0], [0, s2], [0, 0]])
E3 = mat("e", 3, 2)
_nuc_t, _ = nuclear_two_columns(M0 + t * E3)
_, _Phi0 = nuclear_two_columns(M0)
_dnuc = sp.diff(_nuc_t, t).subs(t, 0)
_R3 = Wgen.T * Phi3 + Phi3.T * Wgen
claim(
    "dualgd.danskin-tall",
    sp.And(
        eq(_dnuc, tr(_Phi0.T * E3)),
        eq(tr(Phi3.T * (-Wgen * S)), -tr(S * _R3) / 2),
    ),
    scope=Instance(
        "n = 3, m = 2: the derivative of the closed form of dualgd.sqrt-2x2 at M = "
        "[diag(sigma_1, sigma_2); 0] (sigma_i > 0) along every direction E, and the step "
        "E = -W S with W, Phi every entry symbolic and S symmetric",
        "||Q M R||_* = ||M||_* and msign(Q M R) = Q msign(M) R for orthogonal Q, R, which brings "
        "every 3 x 2 M of full rank to this form; the closed form depends on M only through its "
        "2 x 2 Gram matrix, so the computation is the same for any number of rows",
    ),
    latex=r"\frac{d}{dt} \lVert M + t E \rVert_* \Big|_{t=0} = \operatorname{tr}"
    r"\big(\operatorname{msign}(M)^\top E\big), \qquad M = G - W\Lambda,\ E = -W S: \quad "
    r"\operatorname{tr}\big(\Phi^\top (-W S)\big) = -\tfrac12 \operatorname{tr}\big(S\, "
    r"(W^\top \Phi + \Phi^\top W)\big)",
    wrong={
        "sign flipped": eq(tr(Phi3.T * (-Wgen * S)), tr(S * _R3) / 2),
        "factor 1/2 dropped": eq(tr(Phi3.T * (-Wgen * S)), -tr(S * _R3)),
        "derivative e_11, the spectral norm's (top singular pair only)": eq(_dnuc, E3[0, 0]),
    },
    uses=["dualgd.danskin", "dualgd.sqrt-2x2"],
    source=SOURCE,
    compare="the derivative of the nuclear norm and msign cannot be parsed",
    note="The closed form's derivative is e_11 + e_22 = tr(msign(M)^T E) with msign(M) = "
    "[I; 0]. The earlier version of this page checked the tall case numerically at 40 points; "
    "with M reduced by the orthogonal invariance the exact proof is fast.",
)

# ------------------------------------------------------------------ the safe step

_GmWL = G_ms - W_ms * Lam_ms
claim(
    "dualgd.gram-split",
    sp.And(
        eq(
            _GmWL.T * _GmWL,
            (W_ms.T * G_ms - Lam_ms).T * (W_ms.T * G_ms - Lam_ms)
            + G_ms.T * (I_n - W_ms * W_ms.T) * G_ms
            + Lam_ms.T * (W_ms.T * W_ms - I_m) * Lam_ms,
        ),
        eq(
            (G_ms - W_ms * W_ms.T * G_ms).T * (G_ms - W_ms * W_ms.T * G_ms),
            G_ms.T * (I_n - W_ms * W_ms.T) * G_ms
            + G_ms.T * W_ms * (W_ms.T * W_ms - I_m) * W_ms.T * G_ms,
        ),
    ),
    scope=GENERAL,
    latex=r"(G - W\Lambda)^\top (G - W\Lambda) = (W^\top G - \Lambda)^\top (W^\top G - \Lambda)"
    r" + G^\top (I - W W^\top)\, G + \Lambda^\top (W^\top W - I) \Lambda, \qquad "
    r"\big((I - W W^\top) G\big)^\top (I - W W^\top) G = G^\top (I - W W^\top)\, G + "
    r"G^\top W (W^\top W - I) W^\top G",
    wrong={
        "projector I + W W^T (at n = 3, m = 2, W on St(3, 2))": eq(
            (G3 - W3 * Lam).T * (G3 - W3 * Lam),
            (W3.T * G3 - Lam).T * (W3.T * G3 - Lam) + G3.T * (sp.eye(3) + W3 * W3.T) * G3,
        ),
    },
    uses=["dualgd.stiefel"],
    compare="products of matrices cannot be parsed",
    note="Matrix symbols of symbolic size, any W and any square Lambda ((I - W W^T) G is "
    "written G - W W^T G); the terms with "
    "W^T W - I vanish on St(n, m). The first term on the right of the first identity is a Gram "
    "matrix B^T B, so (G - W Lambda)^T (G - W Lambda) >= G^T (I - W W^T) G, the Gram matrix of "
    "(I - W W^T) G (second identity).",
)

cited(
    "dualgd.sigma-floor",
    r"(G - W\Lambda)^\top (G - W\Lambda) \succeq \big((I - W W^\top) G\big)^\top (I - W W^\top)"
    r" G \;\Longrightarrow\; \sigma_{\min}(G - W\Lambda) \ge \sigma_{\min}\big((I - W W^\top) "
    r"G\big)",
    source=WEYL,
    uses=["dualgd.gram-split"],
    note="The order A >= B comes from dualgd.gram-split (A - B is a Gram matrix); that it "
    "orders the smallest eigenvalues, the squared smallest singular values, is Weyl's "
    "monotonicity theorem, not checked here.",
)

# ------------------------------------------------------------------ convexity, square case

m11, m12, m21, m22, e11, e12, e21, e22 = sp.symbols(
    "m_11 m_12 m_21 m_22 e_11 e_12 e_21 e_22", real=True
)
M_path = sp.Matrix([[m11, m12], [m21, m22]]) + t * sp.Matrix([[e11, e12], [e21, e22]])
x_, y_ = sp.symbols("x y", real=True)
# Coordinates at the point of evaluation (one pair per branch), substituted after differentiating:
# an invertible change of variables from (m_11, m_12) to (x, y).
_coords_pos = {m11: x_ - m22 - t * (e11 + e22), m12: y_ + m21 - t * (e12 - e21)}
_coords_neg = {m11: x_ + m22 - t * (e11 - e22), m12: y_ - m21 - t * (e12 + e21)}
_conv_pos = nuclear_norm_2x2_pos(M_path) ** 3 * sp.diff(nuclear_norm_2x2_pos(M_path), t, 2)
_conv_neg = rho_neg(M_path) ** 3 * sp.diff(rho_neg(M_path), t, 2)
_conv_pos, _conv_neg = _conv_pos.subs(_coords_pos), _conv_neg.subs(_coords_neg)
_csq_pos = (x_ * (e12 - e21) - y_ * (e11 + e22)) ** 2
_csq_neg = (x_ * (e12 + e21) - y_ * (e11 - e22)) ** 2
claim(
    "dualgd.convex",
    sp.And(eq(_conv_pos, _csq_pos), eq(_conv_neg, _csq_neg)),
    scope=GENERAL,
    latex=r"\lVert M + tE \rVert_*^3\, \frac{d^2}{dt^2} \lVert M + t E \rVert_* = \big(x\,(e_{12} "
    r"\mp e_{21}) - y\,(e_{11} \pm e_{22})\big)^2 \ge 0, \qquad x, y = \text{the entries "
    r"}(m_{11} \pm m_{22}),\ (m_{12} \mp m_{21}) \text{ of } M + tE,\ \text{upper signs if } "
    r"\det(M + tE) > 0",
    wrong={
        "concave": le(_conv_pos, 0),
        "the rotation's square on the branch det < 0": eq(_conv_neg, _csq_pos),
    },
    uses=["dualgd.dual-closed-form"],
    compare="derivatives of the nuclear norm and plus-minus signs cannot be parsed",
    note="General symbolic 2 x 2 M and direction E, both branches of the closed form. The dual "
    "function restricted to the line Lambda + t S is this with M = G - W Lambda and E = -W S: "
    "convex, as every norm of an affine map is.",
)

claim(
    "dualgd.square-corrected",
    eq(
        G_ms - W_ms * (W_ms.T * G_ms + G_ms.T * W_ms) / 2,
        W_ms * (W_ms.T * G_ms - G_ms.T * W_ms) / 2 + (I_n - W_ms * W_ms.T) * G_ms,
    ),
    scope=GENERAL,
    latex=r"G - W\, \tfrac12 (W^\top G + G^\top W) = W\, \tfrac12 (W^\top G - G^\top W) + "
    r"(I - W W^\top)\, G, \qquad W W^\top = I \text{ for square } W \in \operatorname{St}(m, m)",
    wrong={
        "Lambda_0 = W^T G, not symmetrised (at n = m = 2, W a rotation)": eq(
            G2 - W2 * (W2.T * G2), W2 * (W2.T * G2 - G2.T * W2) / 2
        ),
    },
    uses=["dualgd.iteration", "dualgd.stiefel"],
    compare="products of matrices cannot be parsed",
    note="Matrix symbols of symbolic size; the last term vanishes when W is square and "
    "orthogonal, so the corrected gradient at Lambda_0 is W times the antisymmetric matrix "
    "(W^T G - G^T W)/2.",
)

sk = sp.Symbol("s", real=True)
A_skew = sp.Matrix([[0, sk], [-sk, 0]])  # every 2 x 2 antisymmetric matrix
W2r = W2 * F  # a reflection
_Phi_rot, _Phi_ref = W2 * msign_2x2_pos(A_skew), W2r * msign_2x2_pos(A_skew)
claim(
    "dualgd.square-solution",
    sp.And(
        eq(msign_2x2_pos(W2 * A_skew), _Phi_rot),
        eq(msign_neg(W2r * A_skew), _Phi_ref),
        eq(W2.T * _Phi_rot, msign_2x2_pos(A_skew)),
    ),
    scope=Instance(
        "2 x 2: W a rotation or a reflection (Cayley form), A = [[0, s], [-s, 0]] (every "
        "antisymmetric matrix) with s != 0",
        "msign(W A) = W msign(A) for every orthogonal W (W A = (W U) Sigma V^T), and msign(A) = "
        "A (A^T A)^{-1/2} is antisymmetric for every invertible antisymmetric A, because A "
        "commutes with A^T A = -A^2; so W^T Phi = msign(A) is antisymmetric in any size (for a "
        "singular A, msign on the nonzero singular values)",
    ),
    latex=r"\Phi = \operatorname{msign}\big(W A\big) = W \operatorname{msign}(A), \quad A = "
    r"\tfrac12 (W^\top G - G^\top W): \qquad W^\top \Phi = \operatorname{msign}(A) = "
    r"\frac{s}{\lvert s \rvert}\begin{pmatrix} 0 & 1 \\ -1 & 0 \end{pmatrix}, \qquad "
    r"W^\top \Phi + \Phi^\top W = 0",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "msign(W A) = msign(A) W^T (wrong side)": eq(
            msign_2x2_pos(W2 * A_skew), msign_2x2_pos(A_skew) * W2.T
        ),
        "the rotation formula for a reflection W": eq(msign_2x2_pos(W2r * A_skew), _Phi_ref),
    },
    uses=["dualgd.square-corrected", "dualgd.tangent"],
    compare="msign of a matrix cannot be parsed",
    note="det(A) = s^2 > 0, so msign(A) is the rotation formula, which for A = [[0, s], [-s, 0]] "
    "is (s/|s|) [[0, 1], [-1, 0]], antisymmetric; det(W A) = +-s^2 says which closed form is "
    "msign(W A). W^T Phi = msign(A) uses W^T W = I (for the reflection W F, (W F)^T (W F) = "
    "F W^T W F gives the same computation). For square W the initial Lambda_0 = "
    "sym(W^T G) already solves the problem.",
)

claim(
    "dualgd.gap",
    eq(
        tr(G3.T * Phi3) - tr((G3 - Wgen * Lam).T * Phi3),
        tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
    ),
    scope=Instance(
        "n = 3, m = 2, G, W, Phi every entry symbolic, Lambda symmetric, with D(Lambda) "
        "written as tr((G - W Lambda)^T Phi), its value at Phi = msign(G - W Lambda) "
        "(dualgd.dual-closed-form)",
        "it is dualgd.lagrangian rearranged, which holds in every size",
    ),
    latex=r"\operatorname{tr}(G^\top \Phi) - D(\Lambda) = \operatorname{tr}(G^\top \Phi) - "
    r"\operatorname{tr}\big((G - W\Lambda)^\top \Phi\big) = \tfrac12 \operatorname{tr}\big("
    r"\Lambda\, (W^\top \Phi + \Phi^\top W)\big), \qquad \Phi = \operatorname{msign}(G - W "
    r"\Lambda)",
    wrong={
        "gap = tr(Lambda (W^T Phi + Phi^T W)), no 1/2": eq(
            tr(G3.T * Phi3) - tr((G3 - Wgen * Lam).T * Phi3),
            tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)),
        ),
    },
    uses=["dualgd.lagrangian", "dualgd.dual-closed-form", "dualgd.sym-antisym"],
    compare="traces of matrix products and the dual function cannot be parsed",
    note="The right side vanishes with the residual W^T Phi + Phi^T W.",
)
