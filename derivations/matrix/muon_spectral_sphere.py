"""Claims of ``docs/posts/mathematics/matrix/muon-spectral-sphere.md``.

Steepest descent on the spectral sphere ``||W||_2 = 1``: the tangent condition comes from the
gradient of the spectral norm, the direction is ``msign(G + lambda Theta)`` by a Lagrangian
argument whose dual function is the nuclear norm ``||G + lambda Theta||_*``, and ``lambda`` is
found by a fixed-point update built from the polar decomposition.

Statements about general matrices are proved on 2 x 2 matrices, and each claim's scope says which
ones. The 2 x 2 case has closed forms for the largest singular value, for ``msign`` and for the
nuclear norm: ``msign_2x2_pos`` / ``nuclear_norm_2x2_pos`` (from ``derivations.helpers``) and
the local ``msign_neg`` / ``rho_neg``. These are formulas, valid as identities for all real
entries; they *are* msign and the nuclear norm only on their branch (det M > 0, resp. < 0).
``sphere.msign-2x2`` proves that on matrices written as ``U diag(s_1, s_2) V^T`` with rotations
``U``, ``V`` (every M with det M > 0) and ``U diag(s_1, s_2) V^T F`` (every M with det M < 0),
so the branch condition is inside that statement; claims that apply a closed form at a specific
point carry the determinant at that point as a conjunct.

Identities between matrices of symbolic size are proved with matrix symbols where they need no
trace cyclicity (sympy does not apply it); wrong variants of such claims are refuted on explicit
2 x 2 instances, since a counterexample needs numbers.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, claim, definition
from derivations.helpers import (
    cayley_orthogonal,
    eq,
    ge,
    gt,
    le,
    lt,
    msign_2x2_pos,
    nuclear_norm_2x2_pos,
    spectral_ball_2x2,
)

SOURCE = (
    "Su, 'Steepest descent on manifolds: 4. Muon + spectral sphere', kexue.fm (2025), "
    "https://kexue.fm/archives/11241"
)
PERTURBATION = (
    "Stewart, Sun, 'Matrix Perturbation Theory', Academic Press 1990, ch. IV (first-order "
    "perturbation of a simple singular value)"
)
WATSON = (
    "Watson, 'Characterization of the subdifferential of some matrix norms', Linear Algebra "
    "Appl. 170 (1992) 33-45 (at a matrix of full rank the nuclear norm is differentiable and "
    "its gradient is the polar factor)"
)

a, b, c, d = sp.symbols("a b c d", real=True)
lam, eps, eta = sp.symbols("lambda epsilon eta", real=True)
k1, k2, omega = sp.symbols("k_1 k_2 omega", real=True)
s1, s2, delta, t = sp.symbols("s_1 s_2 delta t", positive=True)


def mat(prefix: str) -> sp.Matrix:
    """A 2 x 2 matrix of real symbols ``prefix_11 .. prefix_22``."""
    return sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"{prefix}_{i + 1}{j + 1}", real=True))


def tr(m: sp.Matrix) -> sp.Expr:
    """Trace."""
    return m.trace()


def det2(m: sp.Matrix) -> sp.Expr:
    """Determinant of a 2 x 2 matrix, written out (``Matrix.det`` simplifies as it goes)."""
    return m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]


def fro2(m: sp.Matrix) -> sp.Expr:
    """Squared Frobenius norm."""
    return sum(e**2 for e in m)


def sigma1(x: sp.Matrix) -> sp.Expr:
    """Largest singular value of a 2 x 2 matrix (largest root of det(X^T X - s I))."""
    return sp.sqrt((fro2(x) + sp.sqrt(fro2(x) ** 2 - 4 * det2(x) ** 2)) / 2)


def rho_neg(m: sp.Matrix) -> sp.Expr:
    """Nuclear norm of a 2 x 2 matrix with negative determinant (local helper)."""
    return sp.sqrt((m[0, 0] - m[1, 1]) ** 2 + (m[0, 1] + m[1, 0]) ** 2)


def msign_neg(m: sp.Matrix) -> sp.Matrix:
    """The msign of a 2 x 2 matrix with negative determinant: a reflection (local helper)."""
    p, q = m[0, 0] - m[1, 1], m[0, 1] + m[1, 0]
    return sp.Matrix([[p, q], [q, -p]]) / rho_neg(m)


def open_sqrt(expr: sp.Basic) -> sp.Basic:
    """Factor the radicand of every half-integer power (inner ones first), then cancel.

    With positive symbols, ``sqrt((delta + 2 s)^2)`` opens to ``delta + 2 s`` once its radicand
    is written as a square.
    """
    for _ in range(2):  # the spectral norm nests one square root inside another
        expr = expr.replace(
            lambda e: e.is_Pow and e.exp.is_Rational and e.exp.q == 2,
            lambda e: sp.Pow(sp.factor(e.base), e.exp),
        )
    return sp.cancel(expr)


G = sp.Matrix([[a, b], [c, d]])
E = mat("e")
H = mat("theta")
Phi = mat("phi")
E1 = sp.Matrix([[1, 0], [0, 0]])  # Theta for W = diag(s_1, s_2), s_1 > s_2
F = sp.diag(1, -1)  # a reflection

# Every 2 x 2 matrix with det > 0 is U diag(s_1, s_2) V^T with U, V rotations (an SVD whose two
# orthogonal factors can both be taken as rotations), and every one with det < 0 is that times
# F = diag(1, -1), i.e. U diag(s_1, s_2) (F V)^T with the reflection F V. The rotations are in
# Cayley form (rational entries; every rotation but the half-turn, and identities between
# continuous functions extend to it by continuity), so that proofs reduce by ``cancel`` and
# sides evaluate exactly at rational points.
U_rot, V_rot = cayley_orthogonal([k1], 2), cayley_orthogonal([k2], 2)
Sigma = sp.diag(s1, s2)
M_pos = U_rot * Sigma * V_rot.T
M_neg = M_pos * F

# ------------------------------------------------------------------ definitions

definition(
    "sphere.svd",
    r"W = \sum_i \sigma_i\, u_i v_i^\top,\quad \sigma_1 > \sigma_2 \ge \dots, \qquad "
    r"\lVert W \rVert_2 = \max_{\lVert x \rVert = 1} \lVert W x \rVert = \sigma_1, \qquad "
    r"\Theta = u_1 v_1^\top",
    note="The operator norm; its value sigma_1 is what the notation means on this page.",
)

definition(
    "sphere.msign",
    r"\operatorname{msign}(M) = U V^\top \;\text{ for }\; M = U \Sigma V^\top,\ \Sigma \succ 0,"
    r"\qquad \lvert M \rvert = (M^\top M)^{1/2}, \qquad "
    r"\lVert M \rVert_* = \textstyle\sum_i \sigma_i",
    note="Definitions only; how they are related is sphere.polar.",
)

definition(
    "sphere.problem",
    r"\Phi^\star = \operatorname*{arg\,max}_{\Phi} \operatorname{tr}(G^\top \Phi) "
    r"\quad\text{subject to}\quad \lVert \Phi \rVert_2 \le 1, \quad "
    r"\operatorname{tr}(\Theta^\top \Phi) = 0",
)

definition(
    "sphere.retraction",
    r"W \leftarrow \frac{W - \eta \Phi}{\lVert W - \eta \Phi \rVert_2} \qquad (W \ne \eta\Phi)",
)

definition(
    "sphere.iteration",
    r"\Phi_k = \operatorname{msign}(G + \lambda_k \Theta), \qquad "
    r"\lambda_{k+1} = \lambda_k - \big(v_1^\top \Phi_k^\top (G + \lambda_k \Theta)\, v_1\big)\,"
    r"\big(u_1^\top \Phi_k v_1\big)",
)

# ------------------------------------------------------------------ the spectral norm

X = mat("x")
_radicand = fro2(X) ** 2 - 4 * det2(X) ** 2
_radicand_factored = ((X[0, 0] - X[1, 1]) ** 2 + (X[0, 1] + X[1, 0]) ** 2) * (
    (X[0, 0] + X[1, 1]) ** 2 + (X[0, 1] - X[1, 0]) ** 2
)
claim(
    "sphere.sigma1-radicand",
    eq(_radicand, _radicand_factored),
    scope=GENERAL,
    latex=r"(x_{11}^2 + x_{12}^2 + x_{21}^2 + x_{22}^2)^2 - 4 (x_{11} x_{22} - x_{12} x_{21})^2 "
    r"= \big((x_{11} - x_{22})^2 + (x_{12} + x_{21})^2\big)\big((x_{11} + x_{22})^2 + "
    r"(x_{12} - x_{21})^2\big)",
    wrong={
        "sign inside the first factor": eq(
            _radicand,
            ((X[0, 0] + X[1, 1]) ** 2 + (X[0, 1] + X[1, 0]) ** 2)
            * ((X[0, 0] + X[1, 1]) ** 2 + (X[0, 1] - X[1, 0]) ** 2),
        ),
        "det(X) not squared": eq(fro2(X) ** 2 - 4 * det2(X), _radicand_factored),
    },
    note="||X||_F^4 - 4 det(X)^2 is a product of two sums of squares, so it is never negative.",
)

_sigma_minus = sp.sqrt((fro2(X) - sp.sqrt(_radicand)) / 2)
claim(
    "sphere.sigma1-2x2",
    sp.And(
        eq(det2(X.T * X - sigma1(X) ** 2 * sp.eye(2)), 0),
        eq(det2(X.T * X - _sigma_minus**2 * sp.eye(2)), 0),
    ),
    scope=GENERAL,
    latex=r"\sigma_{1,2}(X)^2 = \tfrac12\Big(\lVert X \rVert_F^2 \pm \sqrt{\lVert X "
    r"\rVert_F^4 - 4 \det(X)^2}\Big) \;\text{ solve }\; \det\big(X^\top X - \sigma^2 "
    r"I\big) = 0, \qquad \sigma_1 \ge \sigma_2 \qquad (X \in \mathbb{R}^{2\times 2})",
    wrong={
        "the minus root is the larger": ge(_sigma_minus**2 - sigma1(X) ** 2, 0),
        "det(X) not squared": eq(
            det2(X.T * X - ((fro2(X) + sp.sqrt(fro2(X) ** 2 - 4 * det2(X))) / 2) * sp.eye(2)),
            0,
        ),
    },
    uses=["sphere.svd", "sphere.sigma1-radicand"],
    compare="norms and determinants of a matrix cannot be parsed",
    note="General symbolic 2 x 2 X: both signs give roots of the characteristic polynomial of "
    "X^T X, whose roots are sigma_1^2 and sigma_2^2. Their difference is the square root of "
    "||X||_F^4 - 4 det(X)^2, a product of two sums of squares (sphere.sigma1-radicand), so it "
    "is real and nonnegative: the plus sign gives the larger root, sigma_1^2.",
)

W_diag = sp.diag(s2 + delta, s2)  # s_1 = s_2 + delta > s_2 > 0, so Theta = e_1 e_1^T
_dnorm = sp.diff(sigma1(W_diag + eps * E), eps).subs(eps, 0)
claim(
    "sphere.norm-gradient",
    eq(_dnorm, tr(E1.T * E)),
    scope=Instance(
        "2 x 2 W = diag(sigma_1, sigma_2) with sigma_1 > sigma_2 > 0 and E every entry symbolic",
        "both sides are unchanged when W and E are multiplied by the same orthogonal matrices "
        "on the left and right, which brings every 2 x 2 W with a simple top singular value to "
        "this form; for other sizes it is the first-order perturbation of a simple singular "
        "value (Stewart and Sun, Matrix Perturbation Theory, ch. IV), not checked here",
    ),
    latex=r"\frac{d}{d\varepsilon} \lVert W + \varepsilon E \rVert_2 \Big|_{\varepsilon=0} "
    r"= u_1^\top E\, v_1 = \operatorname{tr}(\Theta^\top E)",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "second singular pair, e_22": eq(_dnorm, E[1, 1]),
        "whole trace, tr(E)": eq(_dnorm, tr(E)),
    },
    uses=["sphere.sigma1-2x2", "sphere.svd"],
    source=SOURCE,
    compare="derivatives of a matrix norm cannot be parsed",
    note="W = diag(s_2 + delta, s_2), so u_1 = v_1 = e_1 and Theta = e_1 e_1^T; the derivative "
    "of the closed form of sphere.sigma1-2x2 is e_11 = tr(Theta^T E). " + PERTURBATION,
)

W_unit = sp.diag(1, 1 / (1 + delta))  # on the sphere: sigma_1 = 1 > sigma_2
Phi_tangent = sp.Matrix([[0, Phi[0, 1]], [Phi[1, 0], Phi[1, 1]]])
claim(
    "sphere.tangent-normaliser",
    sp.And(
        eq(sigma1(W_unit), 1),
        eq(sp.diff(sigma1(W_unit - eta * Phi_tangent), eta).subs(eta, 0), 0),
    ),
    scope=Instance(
        "2 x 2 W = diag(1, s) with 0 < s < 1 and a tangent Phi (phi_11 = 0), every other entry "
        "symbolic: the norm is 1 at eta = 0 and its first derivative vanishes",
        "the same orthogonal invariance as sphere.norm-gradient; the norm is smooth in eta near "
        "0 because sigma_1 is simple, so the remainder is O(eta^2)",
    ),
    latex=r"\lVert W \rVert_2 = 1,\; \operatorname{tr}(\Theta^\top \Phi) = 0 \;\Longrightarrow\; "
    r"\lVert W - \eta \Phi \rVert_2 = 1 + O(\eta^2)",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "a direction with tr(Theta^T Phi) = phi_11 != 0": eq(
            sp.diff(sigma1(W_unit - eta * Phi), eta).subs(eta, 0), 0
        ),
    },
    uses=["sphere.norm-gradient"],
    compare="an implication between matrix norms with an O-term cannot be parsed",
    note="W = diag(1, 1/(1 + delta)) on the sphere, Phi a symbolic tangent matrix (phi_11 = 0).",
)

claim(
    "sphere.retraction-exact",
    eq(sigma1(X / t), sigma1(X) / t),
    scope=Instance(
        "2 x 2 X every entry symbolic, t > 0",
        "in any size the eigenvalues of (X/t)^T (X/t) are those of X^T X divided by t^2",
    ),
    latex=r"\Big\lVert \frac{X}{t} \Big\rVert_2 = \frac{\lVert X \rVert_2}{t} \quad (t > 0) "
    r"\qquad\Longrightarrow\qquad \Big\lVert \frac{W - \eta\Phi}{\lVert W - \eta \Phi \rVert_2}"
    r" \Big\rVert_2 = 1 \quad (W \ne \eta \Phi)",
    wrong={"scales like t^2": eq(sigma1(X / t), sigma1(X) / t**2)},
    uses=["sphere.sigma1-2x2", "sphere.retraction"],
    compare="matrix norms cannot be parsed",
    note="Homogeneity of the spectral norm, through the closed form of sphere.sigma1-2x2.",
)

# ------------------------------------------------------------------ msign and the nuclear norm

_abs_M = V_rot * Sigma * V_rot.T  # V Sigma V^T
_inv_sqrt = V_rot * sp.diag(1 / s1, 1 / s2) * V_rot.T  # V Sigma^{-1} V^T
_polar = U_rot * V_rot.T  # U V^T = msign(M)
claim(
    "sphere.polar",
    sp.And(
        eq(_polar.T * M_pos, _abs_M),
        eq(_abs_M * _abs_M, M_pos.T * M_pos),
        eq(tr(_abs_M), s1 + s2),
        eq(_inv_sqrt * _abs_M, sp.eye(2)),
        eq(M_pos * _inv_sqrt, _polar),
    ),
    scope=Instance(
        "2 x 2 M = U diag(sigma_1, sigma_2) V^T with sigma_1, sigma_2 > 0 and U, V rotations "
        "with symbolic Cayley parameters (every M with det M > 0)",
        "the computation uses only U^T U = V^T V = I, so it holds in any size and for "
        "det M < 0; V Sigma V^T is positive definite, and a positive definite matrix has one "
        "positive definite square root, so it is (M^T M)^{1/2}",
    ),
    latex=r"\operatorname{msign}(M)^\top M = V \Sigma V^\top = (M^\top M)^{1/2} = \lvert M "
    r"\rvert, \qquad \operatorname{tr} \lvert M \rvert = \lVert M \rVert_*, \qquad "
    r"M (M^\top M)^{-1/2} = U V^\top = \operatorname{msign}(M)",
    wrong={
        "|M| = U Sigma U^T (the left factor)": eq(_polar.T * M_pos, U_rot * Sigma * U_rot.T),
        "||M||_* = tr(M^T M)": eq(tr(M_pos.T * M_pos), s1 + s2),
    },
    uses=["sphere.msign"],
    compare="matrix functions and the polar factor cannot be parsed",
    note="(U V^T)^T M = V Sigma V^T, its square is M^T M, its "
    "trace is s_1 + s_2, V Sigma^{-1} V^T is its inverse, and M V Sigma^{-1} V^T = U V^T.",
)

M = mat("m")
Qp, Qn = msign_2x2_pos(M), msign_neg(M)
_pw, _qw = M[0, 0] + M[1, 1], M[0, 1] + M[1, 0]


def msign_wrong(m: sp.Matrix) -> sp.Matrix:
    """The rotation formula with m_12 + m_21 in place of m_12 - m_21."""
    p, q = m[0, 0] + m[1, 1], m[0, 1] + m[1, 0]
    return sp.Matrix([[p, q], [-q, p]]) / sp.sqrt(p**2 + q**2)


claim(
    "sphere.msign-2x2",
    sp.And(
        eq(msign_2x2_pos(M_pos)[0, :], (U_rot * V_rot.T)[0, :]),
        eq(nuclear_norm_2x2_pos(M_pos), s1 + s2),
        eq(msign_neg(M_neg)[0, :], (U_rot * V_rot.T * F)[0, :]),
        eq(rho_neg(M_neg), s1 + s2),
    ),
    scope=GENERAL,
    latex=r"\operatorname{msign}(M) = \frac{1}{\rho_\pm}\begin{pmatrix} m_{11} \pm m_{22} & "
    r"m_{12} \mp m_{21} \\ \mp (m_{12} \mp m_{21}) & \pm (m_{11} \pm m_{22}) \end{pmatrix}, "
    r"\qquad \rho_\pm = \lVert M \rVert_* = \sqrt{(m_{11} \pm m_{22})^2 + (m_{12} \mp m_{21})^2}"
    r", \qquad \text{upper signs if } \det M > 0,\ \text{lower signs if } \det M < 0",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "rotation formula on the branch det M < 0": eq(msign_2x2_pos(M_neg), U_rot * V_rot.T * F),
        "rho_+ on the branch det M < 0": eq(nuclear_norm_2x2_pos(M_neg), s1 + s2),
        "m_12 + m_21 in place of m_12 - m_21 (det > 0)": eq(msign_wrong(M_pos), U_rot * V_rot.T),
    },
    uses=["sphere.msign", "sphere.polar"],
    compare="a matrix with plus-minus signs cannot be parsed",
    note="Every 2 x 2 M with det M > 0 is U diag(s_1, s_2) V^T with rotations U, V, and every "
    "M with det M < 0 is that times F = diag(1, -1); on these the formulas give U V^T (times F) "
    "and s_1 + s_2, that is msign(M) and ||M||_*, for symbolic Cayley parameters and "
    "s_1, s_2 > 0. The determinant condition is in the parametrisation. The first row of each "
    "formula is compared: the second row is (-q, p) for the rotation and (q, -p) for the "
    "reflection in both the formula and U V^T (times F), so it follows.",
)

claim(
    "sphere.nuclear-2x2",
    sp.And(
        eq(nuclear_norm_2x2_pos(M) ** 2, fro2(M) + 2 * det2(M)),
        eq(rho_neg(M) ** 2, fro2(M) - 2 * det2(M)),
        eq(fro2(M_pos), s1**2 + s2**2),
        eq(det2(M_pos), s1 * s2),
        eq(det2(M_neg), -s1 * s2),
    ),
    scope=GENERAL,
    latex=r"\lVert M \rVert_*^2 = (\sigma_1 + \sigma_2)^2 = \lVert M \rVert_F^2 + 2 \lvert \det M "
    r"\rvert = \rho_\pm^2",
    wrong={
        "det with the wrong sign for det > 0": eq(
            nuclear_norm_2x2_pos(M) ** 2, fro2(M) - 2 * det2(M)
        ),
        "det M = sigma_1 sigma_2 also when det M < 0": eq(det2(M_neg), s1 * s2),
    },
    uses=["sphere.msign-2x2"],
    compare="norms and the absolute determinant cannot be parsed",
    note="rho_+^2 = ||M||_F^2 + 2 det M and rho_-^2 = ||M||_F^2 - 2 det M for general symbolic M; "
    "on the parametrisations of sphere.msign-2x2, ||M||_F^2 = s_1^2 + s_2^2 and det M = +-s_1 s_2, "
    "so on each branch rho^2 = (s_1 + s_2)^2.",
)

# Hoelder. Every 2 x 2 Phi with ||Phi||_2 <= 1 is R(p + q) diag(cos 2 tau_1, cos 2 tau_2) R(q - p)^T
# (an SVD with the signs of the singular values absorbed into the cosines), and for
# M = U Sigma V^T, tr(M^T Phi) = tr(Sigma U^T Phi V) with U^T Phi V in the same ball.
sg1, sg2 = sp.symbols("sigma_1 sigma_2", nonnegative=True)
p_, q_, tau1, tau2 = sp.symbols("p q tau_1 tau_2", real=True)
Sigma_nn = sp.diag(sg1, sg2)
Phi_ball, _gap11, _gap22, _free = spectral_ball_2x2(p_, q_, tau1, tau2)  # sums of squares
_certificate = sg1 * _gap11 + sg2 * _gap22
_gap11_free, _gap22_free = _gap11.xreplace(_free), _gap22.xreplace(_free)
Ug, Vg, Phig = mat("u"), mat("v"), mat("phi")
_at_identity = {p_: 0, q_: 0, tau1: 0, tau2: 0, sg1: 1, sg2: 1}  # Phi = I, M = I
claim(
    "sphere.holder",
    sp.And(
        eq(tr((Ug * Sigma_nn * Vg.T).T * Phig), tr(Sigma_nn * Ug.T * Phig * Vg)),
        eq(sg1 + sg2 - tr(Sigma_nn.T * Phi_ball), _certificate),
        ge(_gap11_free, 0),
        ge(_gap22_free, 0),
        eq(tr(M_pos.T * U_rot * V_rot.T), s1 + s2),
    ),
    scope=Instance(
        "2 x 2: tr(M^T Phi) = tr(Sigma U^T Phi V) for M = U Sigma V^T; for M = diag(sigma_1, "
        "sigma_2) and every Phi with ||Phi||_2 <= 1, written R(p + q) diag(cos 2 tau_1, "
        "cos 2 tau_2) R(q - p)^T, the gap ||M||_* - tr(M^T Phi) is an explicit sum of squares "
        "weighted by sigma_i >= 0; equality at Phi = U V^T",
        "U^T Phi V runs over the unit ball of the spectral norm as Phi does, so the diagonal M "
        "is the general 2 x 2 case; in any size tr(M^T Phi) = sum_i sigma_i (U^T Phi V)_ii, "
        "and a diagonal entry of a matrix is at most its spectral norm",
    ),
    latex=r"\lVert \Phi \rVert_2 \le 1 \;\Longrightarrow\; \operatorname{tr}(M^\top \Phi) = "
    r"\sum_i \sigma_i\, (U^\top \Phi V)_{ii} \le \sum_i \sigma_i = \lVert M \rVert_* = "
    r"\operatorname{tr}\big(M^\top \operatorname{msign}(M)\big)",
    wrong={
        "bound by the spectral norm sigma_1": Wrong(
            ge(sg1 - tr(Sigma_nn.T * Phi_ball), 0), at=(_at_identity,)
        ),
        "bound by the Frobenius norm": Wrong(
            ge(sp.sqrt(sg1**2 + sg2**2) - tr(Sigma_nn.T * Phi_ball), 0), at=(_at_identity,)
        ),
        "hypothesis ||Phi||_2 <= 1 dropped (Phi = 2 Phi_ball)": Wrong(
            ge(sg1 + sg2 - tr(Sigma_nn.T * 2 * Phi_ball), 0), at=(_at_identity,)
        ),
        "msign(M) = U^T V": eq(tr(M_pos.T * U_rot.T * V_rot), s1 + s2),
    },
    uses=["sphere.msign", "sphere.polar"],
    compare="matrix norms and a sum over singular values cannot be parsed",
    note="The certificate: with A = Phi_ball, 1 - a_11 = 2[cos^2 tau_1 sin^2 q sin^2 p + "
    "sin^2 tau_1 cos^2 q cos^2 p + cos^2 tau_2 cos^2 q sin^2 p + sin^2 tau_2 sin^2 q cos^2 p] and "
    "similarly for 1 - a_22 (second conjunct); the two brackets are polynomials with "
    "nonnegative coefficients in squares, which sympy shows nonnegative with the cosines and "
    "sines as free real symbols (third and fourth), so the gap sigma_1 (1 - a_11) + sigma_2 "
    "(1 - a_22) is >= 0. The first conjunct (trace cyclicity, general symbolic U, V, Phi) "
    "reduces a general M to its diagonal; the last is the equality at U V^T for "
    "M = U diag(s_1, s_2) V^T (U, V Cayley rotations).",
)

# ------------------------------------------------------------------ the Lagrangian argument

n_, m_ = sp.symbols("n m", integer=True, positive=True)
G_ms = sp.MatrixSymbol("G", n_, m_)
Theta_ms = sp.MatrixSymbol("Theta", n_, m_)
Phi_ms = sp.MatrixSymbol("Phi", n_, m_)
claim(
    "sphere.lagrangian",
    eq(
        sp.Trace(G_ms.T * Phi_ms) + lam * sp.Trace(Theta_ms.T * Phi_ms),
        sp.Trace((G_ms + lam * Theta_ms).T * Phi_ms),
    ),
    scope=GENERAL,
    latex=r"\operatorname{tr}(G^\top \Phi) + \lambda \operatorname{tr}(\Theta^\top \Phi) = "
    r"\operatorname{tr}\big((G + \lambda \Theta)^\top \Phi\big)",
    wrong={
        "G - lambda Theta (at n = m = 2)": eq(
            tr(G.T * Phi) + lam * tr(H.T * Phi), tr((G - lam * H).T * Phi)
        ),
    },
    uses=["sphere.problem"],
    source=SOURCE,
    compare="traces of matrix products cannot be parsed",
    note="n x m matrix symbols of symbolic size; the identity is linearity of the trace. The "
    "wrong variant is refuted on general symbolic 2 x 2 matrices.",
)

Mlam = G + lam * H
claim(
    "sphere.dual-derivative",
    sp.And(
        eq(sp.diff(nuclear_norm_2x2_pos(Mlam), lam), tr(H.T * msign_2x2_pos(Mlam))),
        eq(sp.diff(rho_neg(Mlam), lam), tr(H.T * msign_neg(Mlam))),
    ),
    scope=Instance(
        "2 x 2 G and Theta every entry symbolic, at every lambda with det(G + lambda Theta) "
        "!= 0: the identity is proved for the closed forms of both branches, which are the "
        "nuclear norm and msign on their (open) branch by sphere.msign-2x2",
        "for other sizes, at a matrix of full rank the nuclear norm is differentiable with "
        "gradient msign (Watson 1992), not checked here",
    ),
    latex=r"\frac{d}{d\lambda} \lVert G + \lambda \Theta \rVert_* = "
    r"\operatorname{tr}\big(\Theta^\top \operatorname{msign}(G + \lambda \Theta)\big) \qquad "
    r"(G + \lambda\Theta \text{ of full rank})",
    wrong={
        "transpose dropped, tr(Theta msign)": eq(
            sp.diff(nuclear_norm_2x2_pos(Mlam), lam), tr(H * msign_2x2_pos(Mlam))
        ),
        "reflection branch with the rotation's msign": eq(
            sp.diff(rho_neg(Mlam), lam), tr(H.T * msign_2x2_pos(Mlam))
        ),
    },
    uses=["sphere.msign-2x2", "sphere.nuclear-2x2"],
    source=SOURCE,
    compare="derivatives of a matrix norm and msign cannot be parsed",
    note="General symbolic 2 x 2 G and direction Theta. The envelope theorem in one line: "
    "the maximiser's own variation does not contribute. " + WATSON,
)

# Coordinates at the point of evaluation: x, y are the two numbers rho is made of (one pair per
# branch). Substituting a and b is an invertible change of variables, made after differentiating.
x_, y_ = sp.symbols("x y", real=True)
_coords_pos = {a: x_ - d - lam * (H[0, 0] + H[1, 1]), b: y_ + c - lam * (H[0, 1] - H[1, 0])}
_coords_neg = {a: x_ + d - lam * (H[0, 0] - H[1, 1]), b: y_ - c - lam * (H[0, 1] + H[1, 0])}
_lhs_pos = nuclear_norm_2x2_pos(Mlam) ** 3 * sp.diff(tr(H.T * msign_2x2_pos(Mlam)), lam)
_lhs_neg = rho_neg(Mlam) ** 3 * sp.diff(tr(H.T * msign_neg(Mlam)), lam)
_lhs_pos, _lhs_neg = _lhs_pos.subs(_coords_pos), _lhs_neg.subs(_coords_neg)
_sq_pos = (x_ * (H[0, 1] - H[1, 0]) - y_ * (H[0, 0] + H[1, 1])) ** 2
_sq_neg = (x_ * (H[0, 1] + H[1, 0]) - y_ * (H[0, 0] - H[1, 1])) ** 2
claim(
    "sphere.monotone",
    sp.And(eq(_lhs_pos, _sq_pos), eq(_lhs_neg, _sq_neg)),
    scope=GENERAL,
    latex=r"\lVert M \rVert_*^3\, \frac{d}{d\lambda} \operatorname{tr}\big(\Theta^\top "
    r"\operatorname{msign}(M)\big) = \big(x\, (\theta_{12} \mp \theta_{21}) - "
    r"y\, (\theta_{11} \pm \theta_{22})\big)^2 \ge 0, \qquad M = G + \lambda\Theta,\ "
    r"x = m_{11} \pm m_{22},\ y = m_{12} \mp m_{21},\ \text{upper signs if } \det M > 0",
    wrong={
        "decreasing": le(_lhs_pos, 0),
        "x and y swapped": eq(_lhs_pos, (y_ * (H[0, 1] - H[1, 0]) - x_ * (H[0, 0] + H[1, 1])) ** 2),
        "the rotation's square on the branch det M < 0": eq(_lhs_neg, _sq_pos),
    },
    uses=["sphere.dual-derivative", "sphere.msign-2x2"],
    compare="derivatives of msign and plus-minus signs cannot be parsed",
    note="General symbolic 2 x 2 G and Theta, both branches of the closed forms "
    "(sphere.msign-2x2). After differentiating in lambda, a and b are replaced by x and y, the "
    "values of m_11 +- m_22 and m_12 -+ m_21 at the current lambda (an invertible change of "
    "variables), so rho = sqrt(x^2 + y^2). In words: rho^3 h' is the squared 2-D cross product "
    "of (x, y) with the matching combination of the entries of Theta. In general the nuclear "
    "norm of an affine function of lambda is convex, so its derivative never decreases.",
)

# The 2 x 2 example: W = diag(1, s), so Theta = e_1 e_1^T and tr(Theta^T Phi) = phi_11.
lam_pos, lam_neg = -(a + d), d - a
M_ex = G + lam * E1


def at(expr: sp.Expr, value: sp.Expr) -> sp.Subs:
    """``expr`` at ``lambda = value``, left unevaluated (the prover substitutes)."""
    return sp.Subs(expr, lam, value)


claim(
    "sphere.example-root",
    sp.And(
        eq(at(msign_2x2_pos(M_ex)[0, 0], lam_pos), 0),
        eq(at(det2(M_ex), lam_pos), -(d**2) - b * c),
        eq(at(msign_neg(M_ex)[0, 0], lam_neg), 0),
        eq(at(det2(M_ex), lam_neg), d**2 - b * c),
    ),
    scope=GENERAL,
    latex=r"\Theta = e_1 e_1^\top,\; G = \begin{pmatrix} a & b \\ c & d \end{pmatrix}: \qquad "
    r"\operatorname{tr}\big(\Theta^\top \operatorname{msign}(G + \lambda^\star \Theta)\big) = 0 "
    r"\;\text{ at }\; \lambda^\star = -(a + d),\ \det(G + \lambda^\star\Theta) = -d^2 - bc > 0 "
    r"\text{ if } bc < -d^2; \;\text{ at }\; \lambda^\star = d - a,\ "
    r"\det(G + \lambda^\star\Theta) = d^2 - bc < 0 \text{ if } bc > d^2",
    wrong={
        "lambda* = a + d": eq(at(msign_2x2_pos(M_ex)[0, 0], a + d), 0),
        "lambda* = a - d on the second branch": eq(at(msign_neg(M_ex)[0, 0], a - d), 0),
        "branches swapped: -(a + d) when bc > d^2": eq(at(msign_neg(M_ex)[0, 0], lam_pos), 0),
    },
    uses=["sphere.msign-2x2", "sphere.monotone"],
    compare="msign of a matrix cannot be parsed",
    note="At lambda* the (1, 1) entry of the closed form vanishes, and the determinant there "
    "says which closed form is msign (sphere.msign-2x2). It is the only root: on each branch h "
    "is strictly increasing (sphere.monotone with y = b - c != 0, resp. b + c != 0).",
)

claim(
    "sphere.strong-duality",
    sp.And(
        eq(
            at(tr(G.T * msign_2x2_pos(M_ex)), lam_pos),
            at(nuclear_norm_2x2_pos(M_ex), lam_pos),
        ),
        eq(at(nuclear_norm_2x2_pos(M_ex), lam_pos), sp.Abs(b - c)),
        eq(at(det2(M_ex), lam_pos), -(d**2) - b * c),
        eq(at(tr(G.T * msign_neg(M_ex)), lam_neg), at(rho_neg(M_ex), lam_neg)),
        eq(at(rho_neg(M_ex), lam_neg), sp.Abs(b + c)),
        eq(at(det2(M_ex), lam_neg), d**2 - b * c),
    ),
    scope=GENERAL,
    latex=r"\operatorname{tr}(G^\top \Phi^\star) = \lVert G + \lambda^\star \Theta \rVert_* "
    r"= \lvert b - c \rvert \quad (bc < -d^2), \qquad = \lvert b + c \rvert \quad (bc > d^2)",
    wrong={
        "|b + c| on the first branch": eq(at(nuclear_norm_2x2_pos(M_ex), lam_pos), sp.Abs(b + c)),
        "primal value of the rotation on the second branch": eq(
            at(tr(G.T * msign_2x2_pos(M_ex)), lam_neg), sp.Abs(b + c)
        ),
    },
    uses=["sphere.example-root", "sphere.lagrangian", "sphere.holder"],
    source=SOURCE,
    compare="nuclear norms cannot be parsed",
    note="The primal value of the tangent direction Phi* = msign(G + lambda* Theta) equals the "
    "dual value; Phi* is feasible (sphere.example-root), so by weak duality (sphere.holder) no "
    "feasible direction does better. The determinant conjuncts say which closed form is msign.",
)

# ------------------------------------------------------------------ the fixed-point update

# Any orthogonal 2 x 2 Phi (Cayley parametrisation: rational entries, no trig), and its reflection.
k_ = sp.Symbol("k", real=True)
Phi_orth = sp.Matrix([[1 - k_**2, -2 * k_], [2 * k_, 1 - k_**2]]) / (1 + k_**2)
Phi_refl = Phi_orth * F
u = sp.Matrix(sp.symbols("u_1 u_2", real=True))
v = sp.Matrix(sp.symbols("v_1 v_2", real=True))
uv_norms = (u.T * u)[0] * (v.T * v)[0]  # = 1 for unit u_1, v_1
M_uv = G + lam * u * v.T


def polar_sides(phi: sp.Matrix) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """``u^T Phi |M| v``, ``h = u^T Phi v``, ``c = v^T |M| v`` and ``u^T Phi (|M| - c I) v``.

    ``|M| = Phi^T M`` (the polar decomposition when ``Phi = msign(M)``).
    """
    abs_m = phi.T * M_uv
    c_m = (v.T * abs_m * v)[0]
    shifted = (u.T * phi * (abs_m - c_m * sp.eye(2)) * v)[0]
    return (u.T * phi * abs_m * v)[0], (u.T * phi * v)[0], c_m, shifted


_rot, _ref = polar_sides(Phi_orth), polar_sides(Phi_refl)
claim(
    "sphere.polar-identity",
    sp.And(
        eq(_rot[0], (u.T * G * v)[0] + lam * uv_norms),
        eq(_ref[0], (u.T * G * v)[0] + lam * uv_norms),
    ),
    scope=Instance(
        "2 x 2 G, u, v every entry symbolic, Phi any rotation or reflection (Cayley form), "
        "|M| := Phi^T M; the right side carries lambda |u|^2 |v|^2, which is lambda for unit "
        "u_1, v_1",
        "the proof uses only Phi Phi^T = I, so it holds for every square orthogonal Phi; for "
        "rectangular M it is the polar decomposition M = Phi |M| (sphere.polar)",
    ),
    latex=r"u_1^\top \Phi\, \lvert M \rvert\, v_1 = u_1^\top M v_1 = u_1^\top G v_1 + \lambda, "
    r"\qquad M = G + \lambda \Theta,\; \Phi = \operatorname{msign}(M)",
    wrong={
        "lambda dropped": eq(_rot[0], (u.T * G * v)[0]),
    },
    uses=["sphere.polar", "sphere.svd"],
    compare="a bilinear form of matrices cannot be parsed",
    note="M = Phi |M| is the polar decomposition (|M| = Phi^T M), and u_1^T Theta v_1 = "
    "|u_1|^2 |v_1|^2 = 1.",
)

claim(
    "sphere.iteration-form",
    sp.And(
        eq(
            _rot[3] - (u.T * G * v)[0],
            lam * uv_norms - _rot[2] * _rot[1],
        ),
        eq(
            _ref[3] - (u.T * G * v)[0],
            lam * uv_norms - _ref[2] * _ref[1],
        ),
    ),
    scope=Instance(
        "2 x 2 G, u, v every entry symbolic, Phi any rotation or reflection (Cayley form), "
        "|M| := Phi^T M",
        "it is sphere.polar-identity minus c u_1^T Phi v_1, a rearrangement that holds wherever "
        "that identity does",
    ),
    latex=r"u_1^\top \Phi\, \big(\lvert M \rvert - c\, I\big) v_1 - u_1^\top G v_1 = "
    r"\lambda - c\; u_1^\top \Phi v_1, \qquad c = v_1^\top \lvert M \rvert\, v_1",
    wrong={
        "c h added instead of subtracted": eq(
            _rot[3] - (u.T * G * v)[0],
            lam * uv_norms + _rot[2] * _rot[1],
        ),
    },
    uses=["sphere.polar-identity", "sphere.iteration"],
    compare="a bilinear form of matrices cannot be parsed",
    note="Same setting as sphere.polar-identity. Split |M| v_1 = c v_1 + r with r orthogonal "
    "to v_1: the tangent condition u_1^T Phi v_1 = 0 then reads lambda = u_1^T Phi r - "
    "u_1^T G v_1, and this identity rewrites that right-hand side as lambda - c h, the update "
    "of sphere.iteration.",
)

# c > 0: for M = U Sigma V^T of full rank, c = v^T |M| v = sum_i sigma_i (V^T v)_i^2.
M_fr = U_rot * sp.diag(s2 + delta, s2) * V_rot.T  # sigma_1 = s_2 + delta >= sigma_2 = s_2 > 0
v_unit = V_rot * sp.Matrix([sp.cos(omega), sp.sin(omega)])  # every unit vector
_c_fr = (v_unit.T * (U_rot * V_rot.T).T * M_fr * v_unit)[0]
claim(
    "sphere.fixed-point",
    sp.And(
        eq(_c_fr, (s2 + delta) * sp.cos(omega) ** 2 + s2 * sp.sin(omega) ** 2),
        gt(_c_fr, 0),
    ),
    scope=Instance(
        "2 x 2 M = U diag(sigma_1, sigma_2) V^T with sigma_1 >= sigma_2 > 0 (U, V Cayley "
        "rotations), Phi = msign(M) = U V^T, v_1 every unit vector, all symbolic",
        "in any size |M| = V Sigma V^T with Sigma positive definite when M has full column "
        "rank, so c = sum_i sigma_i (v_i^T v_1)^2 >= sigma_min > 0; the first equivalence is "
        "the update itself, lambda_{k+1} - lambda_k = -c_k tr(Theta^T Phi_k)",
    ),
    latex=r"\lambda_{k+1} = \lambda_k \iff c_k\, \operatorname{tr}(\Theta^\top \Phi_k) = 0 "
    r"\iff \operatorname{tr}(\Theta^\top \Phi_k) = 0, \qquad c_k = v_1^\top \lvert M_k \rvert "
    r"v_1 = \textstyle\sum_i \sigma_i\, (v_i^\top v_1)^2 > 0",
    wrong={
        "c = v_1^T M v_1 (polar factor left out)": gt((v_unit.T * M_fr * v_unit)[0], 0),
    },
    uses=["sphere.iteration-form", "sphere.iteration", "sphere.polar"],
    compare="an equivalence between statements about matrices cannot be parsed",
    note="With v_1 = V (cos omega, sin omega), c = sigma_1 cos^2 omega + sigma_2 sin^2 "
    "omega, which is at least sigma_2 > 0. For a wide M the page runs the update on the "
    "transposes, so that |M| is the full-rank side.",
)

gam = sp.Symbol("gamma", positive=True)
b_pos = sp.Symbol("b", positive=True)
G_ex = sp.Matrix([[a, b_pos], [-gam, d]])  # b > 0 > c = -gamma, so b - c > 0


def update(lam_k: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """One step of sphere.iteration on the example, and its coefficient c."""
    m_k = G_ex + lam_k * E1
    phi = msign_2x2_pos(m_k)
    c_k = (phi.T * m_k)[0, 0]
    return lam_k - c_k * phi[0, 0], c_k


rate = b_pos / (b_pos + gam)
_d_update = sp.Subs(sp.diff(update(lam)[0], lam), lam, -(a + d))
claim(
    "sphere.contraction",
    sp.And(
        eq(_d_update, rate),
        eq(sp.Subs(det2(G_ex + lam * E1), lam, -(a + d)), b_pos * gam - d**2),
        gt(rate, 0),
        lt(rate, 1),
    ),
    scope=GENERAL,
    latex=r"G = \begin{pmatrix} a & b \\ -\gamma & d \end{pmatrix},\; b, \gamma > 0,\; "
    r"b\gamma > d^2: \qquad \det(G + \lambda^\star\Theta) = b\gamma - d^2 > 0, \qquad "
    r"\frac{d \lambda_{k+1}}{d \lambda_k}\Big|_{\lambda^\star} = \frac{b}{b + \gamma} \in (0, 1)",
    wrong={
        "rate gamma / (b + gamma)": eq(_d_update, gam / (b_pos + gam)),
        "hypothesis b gamma > d^2 dropped: -(a + d) stays tangent when det < 0": Wrong(
            eq(sp.Subs(msign_neg(G_ex + lam * E1)[0, 0], lam, -(a + d)), 0),
            at=({a: 0, b_pos: 1, gam: 1, d: 2},),
        ),
    },
    uses=["sphere.fixed-point", "sphere.example-root", "sphere.msign-2x2"],
    compare="the derivative of an iteration map cannot be parsed",
    note="Example G = [[a, b], [-gamma, d]], Theta = e_1 e_1^T, lambda* = -(a + d). The update "
    "is built with the rotation formula, which is msign because det(G + lambda* Theta) = "
    "b gamma - d^2 > 0. Without that hypothesis the statement fails: at a = 0, b = gamma = 1, "
    "d = 2 the determinant is -3, msign is the reflection, and its (1, 1) entry at -(a + d) "
    "is -1, so -(a + d) is not even a fixed point.",
)
