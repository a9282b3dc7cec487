"""Claims of ``docs/posts/mathematics/matrix/dual-gradient-descent.md``.

Muon on the Stiefel manifold ``W^T W = I``: the tangent condition, the Lagrangian with a
symmetric multiplier, the dual function ``||G - W Lambda||_*`` and why its gradient is minus half
the constraint residual (Danskin / envelope), and the floor under the singular values of
``G - W Lambda`` that makes a fixed step safe.

Points of the Stiefel manifold are written with the Cayley parametrisation
``Q = (I - K)(I + K)^{-1}`` (K antisymmetric), whose entries are rational functions, so that
``W^T W = I`` holds exactly and identities reduce by ``cancel`` without trigonometry. Statements
whose proof needs the nuclear norm in closed form are proved for 2 x 2 matrices (square ``W``);
the tall 3 x 2 case of the dual gradient is checked numerically against sympy's exact
derivative of a closed form of the nuclear norm.
"""

from __future__ import annotations

import sympy as sp

from derivations import Numeric, Symbolic, claim, definition
from derivations._helpers import msign_2x2_pos, nuclear_norm_2x2_pos

SOURCE = (
    "Su, 'Steepest descent on manifolds: 5. Dual gradient descent', kexue.fm (2025), "
    "https://kexue.fm/archives/11388"
)

eps, t = sp.symbols("epsilon t", real=True)
k1, k2, k3 = sp.symbols("k_1 k_2 k_3", real=True)


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


def cancel_expand(expr: sp.Basic) -> sp.Basic:
    """Expand, then cancel the Cayley denominators."""
    return sp.cancel(sp.expand(expr))


# A 2 x 2 rotation and a 3 x 2 Stiefel point, both with rational entries.
W2 = cayley(sp.Matrix([[0, k1], [-k1, 0]]))
Q3 = cayley(sp.Matrix([[0, k1, k2], [-k1, 0, k3], [-k2, -k3, 0]]))
W3 = Q3[:, :2]

G3, Phi3 = mat("g", 3, 2), mat("phi", 3, 2)
Wgen = mat("w", 3, 2)
Lam, S = symmetric("lambda", 2), symmetric("s", 2)
G2 = mat("g", 2, 2)

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

_path = (Wgen + eps * Phi3).T * (Wgen + eps * Phi3)
claim(
    "dualgd.tangent",
    sp.Eq(
        _path,
        Wgen.T * Wgen + eps * (Wgen.T * Phi3 + Phi3.T * Wgen) + eps**2 * Phi3.T * Phi3,
    ),
    latex=r"(W + \varepsilon \Phi)^\top (W + \varepsilon \Phi) = I + \varepsilon\,(W^\top \Phi "
    r"+ \Phi^\top W) + \varepsilon^2\, \Phi^\top \Phi",
    wrong={
        "first-order term 2 W^T Phi (not symmetrised)": sp.Eq(
            _path, Wgen.T * Wgen + 2 * eps * Wgen.T * Phi3 + eps**2 * Phi3.T * Phi3
        ),
    },
    uses=["dualgd.stiefel"],
    source=SOURCE,
    note="General symbolic 3 x 2 W and Phi (the statement shows W^T W = I substituted). The "
    "first-order term vanishes exactly when W^T Phi + Phi^T W = 0: the tangent space.",
)

A3 = mat("a", 3, 3)
A3 = (A3 - A3.T) / 2  # antisymmetric
Lam3 = symmetric("lambda", 3)
claim(
    "dualgd.sym-antisym",
    sp.Eq(tr(Lam3 * A3), 0),
    latex=r"\Lambda = \Lambda^\top,\; A = -A^\top \;\Longrightarrow\; "
    r"\operatorname{tr}(\Lambda A) = 0",
    wrong={"A symmetric": sp.Eq(tr(Lam3 * mat("a", 3, 3)), 0)},
    note="General symbolic 3 x 3 matrices. With A = W^T Phi for a tangent Phi, the penalty "
    "term of the dual function vanishes.",
)

# ------------------------------------------------------------------ the Lagrangian

Lam_any = mat("lambda", 2, 2)
claim(
    "dualgd.lagrangian",
    sp.Eq(
        tr(G3.T * Phi3) - tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
        tr((G3 - Wgen * Lam).T * Phi3),
    ),
    latex=r"\operatorname{tr}(G^\top \Phi) - \tfrac12 \operatorname{tr}\big(\Lambda\, (W^\top "
    r"\Phi + \Phi^\top W)\big) = \operatorname{tr}\big((G - W \Lambda)^\top \Phi\big)",
    wrong={
        "G + W Lambda": sp.Eq(
            tr(G3.T * Phi3) - tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
            tr((G3 + Wgen * Lam).T * Phi3),
        ),
        "Lambda not symmetric": sp.Eq(
            tr(G3.T * Phi3) - tr(Lam_any * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
            tr((G3 - Wgen * Lam_any).T * Phi3),
        ),
    },
    uses=["dualgd.dual-function"],
    source=SOURCE,
    note="General symbolic 3 x 2 G, W, Phi and symmetric 2 x 2 Lambda. The symmetry of Lambda "
    "is what lets tr(Lambda Phi^T W) and tr(Lambda W^T Phi) merge.",
)

# Hoelder for the nuclear norm, reduced to the singular values (see the spectral-sphere page).
s1, s2 = sp.symbols("s_1 s_2", nonnegative=True)
g1, g2 = sp.symbols("gamma_1 gamma_2", nonnegative=True)
M_svd = cayley(sp.Matrix([[0, k1], [-k1, 0]])) * sp.diag(s1, s2) * W2.subs(k1, k2).T
claim(
    "dualgd.dual-closed-form",
    sp.And(
        sp.Ge((s1 + s2) - (s1 * (1 - g1) + s2 * (1 - g2)), 0),
        sp.Eq(tr(M_svd.T * W2 * W2.subs(k1, k2).T), s1 + s2),
    ),
    latex=r"D(\Lambda) = \max_{\lVert \Phi \rVert_2 \le 1} \operatorname{tr}\big((G - W "
    r"\Lambda)^\top \Phi\big) = \lVert G - W \Lambda \rVert_*, \qquad \text{attained at } "
    r"\Phi = \operatorname{msign}(G - W \Lambda)",
    method=Symbolic(simplify=cancel_expand),
    wrong={
        "bound by the spectral norm s_1": sp.Ge(s1 - (s1 * (1 - g1) + s2 * (1 - g2)), 0),
        "msign(M) = U^T V": sp.Eq(tr(M_svd.T * W2.T * W2.subs(k1, k2)), s1 + s2),
    },
    uses=["dualgd.lagrangian", "dualgd.dual-function"],
    note="For M = U diag(s) V^T, tr(M^T Phi) = sum_i s_i (U^T Phi V)_ii with "
    "(U^T Phi V)_ii = 1 - gamma_i <= 1 when ||Phi||_2 <= 1; equality for Phi = U V^T, checked "
    "on 2 x 2 M = U diag(s_1, s_2) V^T with U, V Cayley rotations.",
)

# ------------------------------------------------------------------ the dual gradient (Danskin)

M2 = G2 - W2 * Lam
Phi2 = msign_2x2_pos(M2)
R2 = W2.T * Phi2 + Phi2.T * W2
_dD = sp.diff(nuclear_norm_2x2_pos(G2 - W2 * (Lam + t * S)), t).subs(t, 0)
_rho2 = nuclear_norm_2x2_pos(M2)
claim(
    "dualgd.danskin",
    sp.Eq(_rho2 * _dD, -_rho2 * tr(S * R2) / 2),
    latex=r"\frac{d}{dt} D(\Lambda + t S)\Big|_{t=0} = -\tfrac12 \operatorname{tr}\big(S\, "
    r"(W^\top \Phi + \Phi^\top W)\big), \qquad \Phi = \operatorname{msign}(G - W \Lambda),"
    r"\; S = S^\top",
    method=Symbolic(simplify=cancel_expand),
    wrong={
        "sign flipped": sp.Eq(_rho2 * _dD, _rho2 * tr(S * R2) / 2),
        "factor 1/2 dropped": sp.Eq(_rho2 * _dD, -_rho2 * tr(S * R2)),
    },
    uses=["dualgd.dual-closed-form", "dualgd.lagrangian"],
    source=SOURCE,
    note="Square case: W a 2 x 2 rotation (Cayley), general symbolic G, symmetric Lambda and "
    "S, on the branch det(G - W Lambda) > 0 where the closed forms of msign and the nuclear "
    "norm hold (see the spectral-sphere page). Both sides are multiplied by rho = ||G - W "
    "Lambda||_* > 0, which clears the square root. The tall case is dualgd.danskin-tall.",
)

# Tall case, 3 x 2: ||M||_* = sqrt(tr P + 2 sqrt(det P)) and msign(M) = M P^{-1/2} with P = M^T M.
p11, p12, p22 = sp.symbols("p_11 p_12 p_22", real=True)
P = sp.Matrix([[p11, p12], [p12, p22]])
dP = sp.sqrt(P.det())
claim(
    "dualgd.sqrt-2x2",
    sp.Eq((P + dP * sp.eye(2)) ** 2, (tr(P) + 2 * dP) * P),
    latex=r"P^{1/2} = \frac{P + \sqrt{\det P}\, I}{\sqrt{\operatorname{tr} P + 2 \sqrt{\det P}}}"
    r", \qquad \lVert M \rVert_* = \operatorname{tr} (M^\top M)^{1/2} = \sqrt{\operatorname{tr}"
    r" P + 2 \sqrt{\det P}} \quad (P = M^\top M \in \mathbb{R}^{2 \times 2})",
    wrong={
        "det P without the square root": sp.Eq(
            (P + P.det() * sp.eye(2)) ** 2, (tr(P) + 2 * P.det()) * P
        ),
    },
    note="Squaring the candidate root and using Cayley-Hamilton, P^2 = tr(P) P - det(P) I; "
    "general symbolic symmetric 2 x 2 P. The trace of P^{1/2} then gives the nuclear norm of "
    "any M with two columns.",
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


_M3t = G3 - W3 * (Lam + t * S)
_nuc_t, _ = nuclear_two_columns(_M3t)
_, _Phi3 = nuclear_two_columns(G3 - W3 * Lam)
_R3 = W3.T * _Phi3 + _Phi3.T * W3
_dD3 = sp.diff(_nuc_t, t).subs(t, 0)
claim(
    "dualgd.danskin-tall",
    sp.Eq(_dD3, -tr(S * _R3) / 2),
    latex=r"\frac{d}{dt} \lVert G - W (\Lambda + t S) \rVert_* \Big|_{t=0} = "
    r"-\tfrac12 \operatorname{tr}\big(S\, (W^\top \Phi + \Phi^\top W)\big) "
    r"\qquad (W \in \operatorname{St}(3, 2))",
    method=Numeric(samples=40, tol=1e-8, seed=1),
    wrong={
        "sign flipped": sp.Eq(_dD3, tr(S * _R3) / 2),
        "factor 1/2 dropped": sp.Eq(_dD3, -tr(S * _R3)),
    },
    uses=["dualgd.danskin", "dualgd.sqrt-2x2"],
    source=SOURCE,
    note="Numeric: the nuclear norm of a 3 x 2 matrix is a nested square root of its entries "
    "(dualgd.sqrt-2x2), and proving the identity symbolically in 15 symbols exceeds the time "
    "budget. sympy differentiates that closed form exactly and both sides are evaluated at 40 "
    "random points (W a Cayley point of St(3, 2), G, Lambda, S random).",
)

# ------------------------------------------------------------------ the safe step

_MtM = (G3 - W3 * Lam).T * (G3 - W3 * Lam)
_split = (W3.T * G3 - Lam).T * (W3.T * G3 - Lam) + G3.T * (sp.eye(3) - W3 * W3.T) * G3
claim(
    "dualgd.gram-split",
    sp.Eq(_MtM, _split),
    latex=r"(G - W\Lambda)^\top (G - W\Lambda) = (W^\top G - \Lambda)^\top (W^\top G - \Lambda)"
    r" + G^\top (I - W W^\top)\, G \;\succeq\; G^\top (I - W W^\top)\, G",
    method=Symbolic(simplify=cancel_expand),
    wrong={
        "projector I + W W^T": sp.Eq(
            _MtM,
            (W3.T * G3 - Lam).T * (W3.T * G3 - Lam) + G3.T * (sp.eye(3) + W3 * W3.T) * G3,
        ),
    },
    uses=["dualgd.stiefel"],
    note="W a Cayley point of St(3, 2) (so W^T W = I exactly), general symbolic 3 x 2 G and "
    "symmetric Lambda. Hence sigma_min(G - W Lambda) >= sigma_min((I - W W^T) G) for every "
    "Lambda, which is positive when n - m >= m and G is generic.",
)

# ------------------------------------------------------------------ convexity, square case

m11, m12, m21, m22, e11, e12, e21, e22 = sp.symbols(
    "m_11 m_12 m_21 m_22 e_11 e_12 e_21 e_22", real=True
)
M_path = sp.Matrix([[m11, m12], [m21, m22]]) + t * sp.Matrix([[e11, e12], [e21, e22]])
X_, Y_ = sp.symbols("X Y", real=True)


def in_rho_coordinates(expr: sp.Basic) -> sp.Basic:
    """Change variables to ``X = m_11 + m_22 + t(...)``, ``Y = m_12 - m_21 + t(...)``."""
    at_point = {
        m11: X_ - m22 - t * (e11 + e22),
        m12: Y_ + m21 - t * (e12 - e21),
    }
    return sp.factor(sp.together(sp.expand(expr.subs(at_point))))


claim(
    "dualgd.convex",
    sp.Ge(nuclear_norm_2x2_pos(M_path) ** 3 * sp.diff(nuclear_norm_2x2_pos(M_path), t, 2), 0),
    latex=r"\lVert M \rVert_*^3\, \frac{d^2}{dt^2} \lVert M + t E \rVert_* = \big(x\,(e_{12} - "
    r"e_{21}) - y\,(e_{11} + e_{22})\big)^2 \ge 0",
    method=Symbolic(simplify=in_rho_coordinates),
    wrong={
        "concave": sp.Le(
            nuclear_norm_2x2_pos(M_path) ** 3 * sp.diff(nuclear_norm_2x2_pos(M_path), t, 2), 0
        )
    },
    uses=["dualgd.dual-closed-form"],
    note="On the branch det > 0 of the 2 x 2 closed form, general symbolic M and direction E "
    "(x, y as on the spectral-sphere page). The dual function restricted to the line "
    "Lambda + t S is this with M = G - W Lambda and E = -W S: convex, as every norm of an "
    "affine map is.",
)

Sym_WG = (W2.T * G2 + G2.T * W2) / 2
Skew_WG = (W2.T * G2 - G2.T * W2) / 2
Phi_sq = W2 * msign_2x2_pos(Skew_WG)
claim(
    "dualgd.square-solution",
    sp.And(
        sp.Eq(G2 - W2 * Sym_WG, W2 * Skew_WG),
        sp.Eq(W2.T * Phi_sq + Phi_sq.T * W2, sp.zeros(2, 2)),
    ),
    latex=r"W^\top W = W W^\top = I: \qquad G - W\, \tfrac12 (W^\top G + G^\top W) = W\, "
    r"\tfrac12 (W^\top G - G^\top W), \qquad \Phi = W \operatorname{msign}\big(\tfrac12 "
    r"(W^\top G - G^\top W)\big) \text{ is tangent}",
    method=Symbolic(simplify=cancel_expand),
    wrong={
        "Lambda_0 = W^T G (not symmetrised)": sp.Eq(G2 - W2 * (W2.T * G2), W2 * Skew_WG),
    },
    uses=["dualgd.iteration", "dualgd.tangent"],
    note="W a 2 x 2 rotation (Cayley), G general symbolic. For square W the initial "
    "Lambda_0 = sym(W^T G) already solves the problem: msign of an antisymmetric matrix is "
    "antisymmetric, so Phi is tangent (and in the 2 x 2 case Phi = +-W J with J the "
    "quarter-turn).",
)

claim(
    "dualgd.gap",
    sp.Eq(
        tr(G3.T * Phi3) - tr((G3 - Wgen * Lam).T * Phi3),
        tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)) / 2,
    ),
    latex=r"\operatorname{tr}(G^\top \Phi) - D(\Lambda) = \tfrac12 \operatorname{tr}\big(\Lambda\,"
    r" (W^\top \Phi + \Phi^\top W)\big), \qquad \Phi = \operatorname{msign}(G - W \Lambda)",
    wrong={
        "gap = tr(Lambda (W^T Phi + Phi^T W)), no 1/2": sp.Eq(
            tr(G3.T * Phi3) - tr((G3 - Wgen * Lam).T * Phi3),
            tr(Lam * (Wgen.T * Phi3 + Phi3.T * Wgen)),
        ),
    },
    uses=["dualgd.lagrangian", "dualgd.dual-closed-form", "dualgd.sym-antisym"],
    note="General symbolic 3 x 2 G, W, Phi and symmetric 2 x 2 Lambda; D(Lambda) = "
    "tr((G - W Lambda)^T Phi) for Phi = msign(G - W Lambda) by dualgd.dual-closed-form. "
    "The right side vanishes with the residual.",
)
