"""Claims of ``docs/posts/mathematics/matrix/muon-spectral-sphere.md``.

Steepest descent on the spectral sphere ``||W||_2 = 1``: the tangent condition comes from the
gradient of the spectral norm, the direction is ``msign(G + lambda Theta)`` by a Lagrangian
argument whose dual function is the nuclear norm ``||G + lambda Theta||_*``, and ``lambda`` is
found by a fixed-point update built from the polar decomposition.

Statements about general matrices are proved on 2 x 2 matrices with every entry a symbol. The
2 x 2 case has closed forms for the largest singular value, for ``msign`` and for the nuclear
norm (one for each sign of the determinant), which is what makes the Lagrangian argument
checkable line by line; the notes say which case each claim covers.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import msign_2x2_pos, nuclear_norm_2x2_pos, rotation

SOURCE = (
    "Su, 'Steepest descent on manifolds: 4. Muon + spectral sphere', kexue.fm (2025), "
    "https://kexue.fm/archives/11241"
)

a, b, c, d = sp.symbols("a b c d", real=True)
lam, eps, eta = sp.symbols("lambda epsilon eta", real=True)
alpha, beta = sp.symbols("alpha beta", real=True)
s1, s2, delta, t = sp.symbols("s_1 s_2 delta t", positive=True)


def mat(prefix: str) -> sp.Matrix:
    """A 2 x 2 matrix of real symbols ``prefix_11 .. prefix_22``."""
    return sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"{prefix}_{i + 1}{j + 1}", real=True))


def tr(m: sp.Matrix) -> sp.Expr:
    """Trace."""
    return m.trace()


def sigma1(x: sp.Matrix) -> sp.Expr:
    """Largest singular value of a 2 x 2 matrix (largest root of det(X^T X - s I))."""
    fro = sum(e**2 for e in x)
    det = x.det()
    return sp.sqrt((fro + sp.sqrt(fro**2 - 4 * det**2)) / 2)


def rho_neg(m: sp.Matrix) -> sp.Expr:
    """Nuclear norm of a 2 x 2 matrix with negative determinant."""
    return sp.sqrt((m[0, 0] - m[1, 1]) ** 2 + (m[0, 1] + m[1, 0]) ** 2)


def msign_neg(m: sp.Matrix) -> sp.Matrix:
    """The msign of a 2 x 2 matrix with negative determinant: a reflection."""
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
H = mat("h")
Phi = mat("phi")
E1 = sp.Matrix([[1, 0], [0, 0]])  # Theta for W = diag(s_1, s_2), s_1 > s_2

# ------------------------------------------------------------------ definitions

definition(
    "sphere.svd",
    r"W = \sum_i \sigma_i\, u_i v_i^\top,\quad \sigma_1 > \sigma_2 \ge \dots, \qquad "
    r"\lVert W \rVert_2 = \sigma_1, \qquad \Theta = u_1 v_1^\top",
)

definition(
    "sphere.msign",
    r"\operatorname{msign}(M) = U V^\top = M (M^\top M)^{-1/2} \;\text{ for }\; "
    r"M = U \Sigma V^\top,"
    r"\qquad \lvert M \rvert = (M^\top M)^{1/2} = \operatorname{msign}(M)^\top M, \qquad "
    r"\lVert M \rVert_* = \operatorname{tr} \lvert M \rvert",
)

definition(
    "sphere.problem",
    r"\Phi^\star = \operatorname*{arg\,max}_{\Phi} \operatorname{tr}(G^\top \Phi) "
    r"\quad\text{subject to}\quad \lVert \Phi \rVert_2 = 1, \quad "
    r"\operatorname{tr}(\Theta^\top \Phi) = 0",
)

definition(
    "sphere.retraction",
    r"W \leftarrow \frac{W - \eta \Phi}{\lVert W - \eta \Phi \rVert_2}",
)

definition(
    "sphere.iteration",
    r"\Phi_k = \operatorname{msign}(G + \lambda_k \Theta), \qquad "
    r"\lambda_{k+1} = \lambda_k - \big(v_1^\top \Phi_k^\top (G + \lambda_k \Theta)\, v_1\big)\,"
    r"\big(u_1^\top \Phi_k v_1\big)",
)

# ------------------------------------------------------------------ the spectral norm

X = mat("x")
claim(
    "sphere.sigma1-2x2",
    sp.Eq((X.T * X - sigma1(X) ** 2 * sp.eye(2)).det(), 0, evaluate=False),
    latex=r"\sigma_1(X)^2 = \tfrac12\Big(\lVert X \rVert_F^2 + \sqrt{\lVert X \rVert_F^4 "
    r"- 4 \det(X)^2}\Big) \;\text{ solves }\; \det\big(X^\top X - \sigma_1^2 I\big) = 0 "
    r"\qquad (X \in \mathbb{R}^{2\times 2})",
    wrong={
        "det(X) not squared": sp.Eq(
            (
                X.T * X
                - ((sum(e**2 for e in X) + sp.sqrt(sum(e**2 for e in X) ** 2 - 4 * X.det())) / 2)
                * sp.eye(2)
            ).det(),
            0,
        ),
    },
    uses=["sphere.svd"],
    note="The larger root of the characteristic polynomial of X^T X, for a general symbolic "
    "2 x 2 X; used below as a closed form of the spectral norm.",
)

W_diag = sp.diag(s2 + delta, s2)  # s_1 = s_2 + delta > s_2 > 0, so Theta = e_1 e_1^T
claim(
    "sphere.norm-gradient",
    sp.Eq(sp.diff(sigma1(W_diag + eps * E), eps).subs(eps, 0), tr(E1.T * E)),
    latex=r"\frac{d}{d\varepsilon} \lVert W + \varepsilon E \rVert_2 \Big|_{\varepsilon=0} "
    r"= u_1^\top E\, v_1 = \operatorname{tr}(\Theta^\top E)",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "second singular pair, e_22": sp.Eq(
            sp.diff(sigma1(W_diag + eps * E), eps).subs(eps, 0), E[1, 1]
        ),
        "whole trace, tr(E)": sp.Eq(sp.diff(sigma1(W_diag + eps * E), eps).subs(eps, 0), tr(E)),
    },
    uses=["sphere.sigma1-2x2", "sphere.svd"],
    source=SOURCE,
    note="Proved for W = diag(s_1, s_2) with s_1 > s_2 > 0 and E a general symbolic 2 x 2 "
    "matrix. Both sides are unchanged when W and E are multiplied by the same orthogonal "
    "matrices on the left and right, which reduces any W with a simple top singular value to "
    "its diagonal form.",
)

W_unit = sp.diag(1, 1 / (1 + delta))  # on the sphere: sigma_1 = 1 > sigma_2
Phi_tangent = sp.Matrix([[0, Phi[0, 1]], [Phi[1, 0], Phi[1, 1]]])
claim(
    "sphere.tangent-normaliser",
    sp.Eq(sp.diff(sigma1(W_unit - eta * Phi_tangent), eta).subs(eta, 0), 0),
    latex=r"\lVert W \rVert_2 = 1,\; \operatorname{tr}(\Theta^\top \Phi) = 0 \;\Longrightarrow\; "
    r"\lVert W - \eta \Phi \rVert_2 = 1 + O(\eta^2)",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "a direction with tr(Theta^T Phi) = phi_11 != 0": sp.Eq(
            sp.diff(sigma1(W_unit - eta * Phi), eta).subs(eta, 0), 0
        ),
    },
    uses=["sphere.norm-gradient"],
    note="W = diag(1, 1/(1 + delta)) on the sphere, Phi a symbolic tangent matrix (phi_11 = 0); "
    "the first-order term of the normaliser vanishes.",
)

claim(
    "sphere.retraction-exact",
    sp.Eq(sigma1(X / t), sigma1(X) / t, evaluate=False),
    latex=r"\Big\lVert \frac{X}{t} \Big\rVert_2 = \frac{\lVert X \rVert_2}{t} \quad (t > 0) "
    r"\qquad\Longrightarrow\qquad \Big\lVert \frac{W - \eta\Phi}{\lVert W - \eta \Phi \rVert_2}"
    r" \Big\rVert_2 = 1",
    wrong={"scales like t^2": sp.Eq(sigma1(X / t), sigma1(X) / t**2)},
    uses=["sphere.sigma1-2x2", "sphere.retraction"],
    note="Homogeneity of the spectral norm, proved on a general symbolic 2 x 2 X with t > 0.",
)

# ------------------------------------------------------------------ msign and the nuclear norm

M = mat("m")
Qp, Qn = msign_2x2_pos(M), msign_neg(M)
_pw, _qw = M[0, 0] + M[1, 1], M[0, 1] + M[1, 0]
Qw = sp.Matrix([[_pw, _qw], [-_qw, _pw]]) / sp.sqrt(_pw**2 + _qw**2)
claim(
    "sphere.msign-2x2",
    sp.And(
        sp.Eq(Qp.T * Qp, sp.eye(2), evaluate=False),
        sp.Eq(Qp.T * M, (Qp.T * M).T),
        sp.Eq(tr(Qp.T * M), nuclear_norm_2x2_pos(M)),
        sp.Eq(Qn.T * Qn, sp.eye(2), evaluate=False),
        sp.Eq(Qn.T * M, (Qn.T * M).T),
        sp.Eq(tr(Qn.T * M), rho_neg(M)),
    ),
    latex=r"\operatorname{msign}(M) = \frac{1}{\rho_\pm}\begin{pmatrix} m_{11} \pm m_{22} & "
    r"m_{12} \mp m_{21} \\ \mp (m_{12} \mp m_{21}) & \pm (m_{11} \pm m_{22}) \end{pmatrix}, "
    r"\qquad \rho_\pm = \lVert M \rVert_* = \sqrt{(m_{11} \pm m_{22})^2 + (m_{12} \mp m_{21})^2}",
    wrong={
        "m_12 + m_21 in place of m_12 - m_21 (det > 0)": sp.Eq(Qw.T * M, (Qw.T * M).T),
    },
    uses=["sphere.msign"],
    note="Upper signs for det M > 0, lower signs for det M < 0; M general symbolic 2 x 2. The "
    "check: Q is orthogonal, Q^T M is symmetric and its trace rho is positive; with "
    "det(Q^T M) = |det M| > 0 it is positive definite, so Q^T M = |M| and Q = msign(M).",
)

claim(
    "sphere.nuclear-2x2",
    sp.And(
        sp.Eq(nuclear_norm_2x2_pos(M) ** 2, sum(e**2 for e in M) + 2 * M.det()),
        sp.Eq(rho_neg(M) ** 2, sum(e**2 for e in M) - 2 * M.det()),
    ),
    latex=r"\lVert M \rVert_*^2 = (\sigma_1 + \sigma_2)^2 = \lVert M \rVert_F^2 + 2 \lvert \det M "
    r"\rvert = \rho_\pm^2",
    wrong={
        "det with the wrong sign for det > 0": sp.Eq(
            nuclear_norm_2x2_pos(M) ** 2, sum(e**2 for e in M) - 2 * M.det()
        ),
    },
    uses=["sphere.msign-2x2"],
    note="sigma_1^2 + sigma_2^2 = ||M||_F^2 and sigma_1 sigma_2 = |det M|; general symbolic M.",
)

# Hoelder: tr(M^T Phi) = sum_i s_i (U^T Phi V)_ii and |(U^T Phi V)_ii| <= ||Phi||_2 <= 1.
g1, g2 = sp.symbols("gamma_1 gamma_2", nonnegative=True)  # 1 - (U^T Phi V)_ii >= 0
M_svd = rotation(alpha) * sp.diag(s1, s2) * rotation(beta).T
claim(
    "sphere.holder",
    sp.And(
        sp.Ge((s1 + s2) - (s1 * (1 - g1) + s2 * (1 - g2)), 0),
        sp.Eq(tr(M_svd.T * rotation(alpha) * rotation(beta).T), s1 + s2),
    ),
    latex=r"\lVert \Phi \rVert_2 \le 1 \;\Longrightarrow\; \operatorname{tr}(M^\top \Phi) \le "
    r"\lVert M \rVert_* = \operatorname{tr}\big(M^\top \operatorname{msign}(M)\big)",
    method=Symbolic(simplify=lambda e: sp.expand(sp.trigsimp(sp.expand(e)))),
    wrong={
        "bound by the spectral norm s_1 instead": sp.Ge(s1 - (s1 * (1 - g1) + s2 * (1 - g2)), 0),
        "msign(M) = U^T V": sp.Eq(tr(M_svd.T * rotation(alpha).T * rotation(beta)), s1 + s2),
    },
    uses=["sphere.msign"],
    note="For M = U diag(s) V^T, tr(M^T Phi) = sum_i s_i (U^T Phi V)_ii with each "
    "(U^T Phi V)_ii = 1 - gamma_i, gamma_i >= 0, since diagonal entries of a matrix are "
    "bounded by its spectral norm. Checked for two singular values (the sum has one term per "
    "singular value) and for 2 x 2 M = R(alpha) diag(s_1, s_2) R(beta)^T for the equality.",
)

# ------------------------------------------------------------------ the Lagrangian argument

claim(
    "sphere.lagrangian",
    sp.Eq(tr(G.T * Phi) + lam * tr(H.T * Phi), tr((G + lam * H).T * Phi)),
    latex=r"\operatorname{tr}(G^\top \Phi) + \lambda \operatorname{tr}(\Theta^\top \Phi) = "
    r"\operatorname{tr}\big((G + \lambda \Theta)^\top \Phi\big)",
    wrong={
        "G - lambda Theta": sp.Eq(tr(G.T * Phi) + lam * tr(H.T * Phi), tr((G - lam * H).T * Phi)),
    },
    uses=["sphere.problem"],
    source=SOURCE,
    note="General symbolic 2 x 2 G, Theta (here h), Phi; the identity is linearity of the trace.",
)

Mlam = G + lam * H
claim(
    "sphere.dual-derivative",
    sp.Eq(sp.diff(nuclear_norm_2x2_pos(Mlam), lam), tr(H.T * msign_2x2_pos(Mlam))),
    latex=r"\frac{d}{d\lambda} \lVert G + \lambda \Theta \rVert_* = "
    r"\operatorname{tr}\big(\Theta^\top \operatorname{msign}(G + \lambda \Theta)\big)",
    wrong={
        "transpose dropped, tr(Theta msign)": sp.Eq(
            sp.diff(nuclear_norm_2x2_pos(Mlam), lam), tr(H * msign_2x2_pos(Mlam))
        ),
    },
    uses=["sphere.msign-2x2", "sphere.nuclear-2x2"],
    source=SOURCE,
    note="General symbolic 2 x 2 G and direction Theta (h), on the branch det(G + lambda "
    "Theta) > 0 where the closed forms hold; the same computation on the other branch uses "
    "rho_- and the reflection. The envelope theorem in one line: the maximiser's own "
    "variation does not contribute.",
)

# Change of variables at the point of evaluation: X, Y are the two numbers rho is made of.
X_, Y_ = sp.symbols("X Y", real=True)
_at_point = {
    a: X_ - d - lam * (H[0, 0] + H[1, 1]),
    b: Y_ + c - lam * (H[0, 1] - H[1, 0]),
}


def in_rho_coordinates(expr: sp.Basic) -> sp.Basic:
    """Write ``expr`` in ``X = m_11 + m_22``, ``Y = m_12 - m_21`` of ``M = G + lambda H``."""
    return sp.factor(sp.together(sp.expand(expr.subs(_at_point))))


claim(
    "sphere.monotone",
    sp.Ge(nuclear_norm_2x2_pos(Mlam) ** 3 * sp.diff(tr(H.T * msign_2x2_pos(Mlam)), lam), 0),
    latex=r"\lVert M \rVert_*^3\, \frac{d}{d\lambda} \operatorname{tr}\big(\Theta^\top "
    r"\operatorname{msign}(G + \lambda \Theta)\big) = \big(x\, (\theta_{12} - \theta_{21}) - "
    r"y\, (\theta_{11} + \theta_{22})\big)^2 \ge 0",
    method=Symbolic(simplify=in_rho_coordinates),
    wrong={
        "decreasing": sp.Le(
            nuclear_norm_2x2_pos(Mlam) ** 3 * sp.diff(tr(H.T * msign_2x2_pos(Mlam)), lam), 0
        ),
    },
    uses=["sphere.dual-derivative"],
    note="On the branch det(G + lambda Theta) > 0, general symbolic 2 x 2 G and Theta (h), "
    "with x = m_11 + m_22 and y = m_12 - m_21 for M = G + lambda Theta (the check changes "
    "variables from a, b to x, y at the point of evaluation); rho = ||M||_* > 0 there. In "
    "general the nuclear norm of an affine function of lambda is convex, so its derivative "
    "never decreases.",
)

# The 2 x 2 example: W = diag(1, s), so Theta = e_1 e_1^T and tr(Theta^T Phi) = phi_11.
lam_pos, lam_neg = -(a + d), d - a
claim(
    "sphere.example-root",
    sp.And(
        sp.Eq(msign_2x2_pos(G + lam_pos * E1)[0, 0], 0, evaluate=False),
        sp.Eq(msign_neg(G + lam_neg * E1)[0, 0], 0, evaluate=False),
    ),
    latex=r"\Theta = e_1 e_1^\top,\; G = \begin{pmatrix} a & b \\ c & d \end{pmatrix}: \qquad "
    r"\lambda^\star = -(a + d) \;\text{ if }\; bc < -d^2, \qquad "
    r"\lambda^\star = d - a \;\text{ if }\; bc > d^2",
    wrong={
        "lambda* = a + d": sp.Eq(msign_2x2_pos(G + (a + d) * E1)[0, 0], 0),
        "lambda* = a - d on the second branch": sp.Eq(msign_neg(G + (a - d) * E1)[0, 0], 0),
    },
    uses=["sphere.msign-2x2", "sphere.dual-derivative"],
    note="det(G + lambda* Theta) = -d^2 - bc on the first branch and d^2 - bc on the second, "
    "which gives the conditions under which each closed form applies.",
)

claim(
    "sphere.strong-duality",
    sp.Eq(tr(G.T * msign_2x2_pos(G + lam_pos * E1)), nuclear_norm_2x2_pos(G + lam_pos * E1)),
    latex=r"\operatorname{tr}(G^\top \Phi^\star) = \lVert G + \lambda^\star \Theta \rVert_* "
    r"= \lvert b - c \rvert \qquad (bc < -d^2)",
    wrong={
        "|b + c|": sp.Eq(tr(G.T * msign_2x2_pos(G + lam_pos * E1)), sp.Abs(b + c)),
    },
    uses=["sphere.example-root", "sphere.lagrangian", "sphere.holder"],
    source=SOURCE,
    note="The primal value of the tangent direction msign(G + lambda* Theta) equals the dual "
    "value, so no feasible direction does better; 2 x 2 example with Theta = e_1 e_1^T.",
)

# ------------------------------------------------------------------ the fixed-point update

# Any orthogonal 2 x 2 Phi (rotation, Cayley parametrisation: rational entries, no trig).
k_ = sp.Symbol("k", real=True)
Phi_orth = sp.Matrix([[1 - k_**2, -2 * k_], [2 * k_, 1 - k_**2]]) / (1 + k_**2)
u = sp.Matrix(sp.symbols("u_1 u_2", real=True))
v = sp.Matrix(sp.symbols("v_1 v_2", real=True))
uv_norms = (u.T * u)[0] * (v.T * v)[0]  # = 1 for unit u_1, v_1
M_uv = G + lam * u * v.T
abs_uv = Phi_orth.T * M_uv  # |M| = Phi^T M when Phi = msign(M)
h_uv = (u.T * Phi_orth * v)[0]
c_uv = (v.T * abs_uv * v)[0]


def cancel_expand(expr: sp.Basic) -> sp.Basic:
    """Expand, then cancel the common (1 + k^2) denominators."""
    return sp.cancel(sp.expand(expr))


claim(
    "sphere.polar-identity",
    sp.Eq((u.T * Phi_orth * abs_uv * v)[0], (u.T * G * v)[0] + lam * uv_norms),
    latex=r"u_1^\top \Phi\, \lvert M \rvert\, v_1 = u_1^\top M v_1 = u_1^\top G v_1 + \lambda, "
    r"\qquad M = G + \lambda \Theta,\; \Phi = \operatorname{msign}(M)",
    method=Symbolic(simplify=cancel_expand),
    wrong={
        "lambda dropped": sp.Eq((u.T * Phi_orth * abs_uv * v)[0], (u.T * G * v)[0]),
    },
    uses=["sphere.msign", "sphere.svd"],
    note="M = Phi |M| is the polar decomposition (|M| = Phi^T M), and u_1^T Theta v_1 = "
    "|u_1|^2 |v_1|^2 = 1. Checked for general symbolic 2 x 2 G, general vectors u, v (the "
    "right side then carries lambda |u|^2 |v|^2) and Phi any rotation (Cayley "
    "parametrisation): the identity only uses Phi Phi^T M = M.",
)

claim(
    "sphere.iteration-form",
    sp.Eq(
        (u.T * Phi_orth * (abs_uv - c_uv * sp.eye(2)) * v)[0] - (u.T * G * v)[0],
        lam * uv_norms - c_uv * h_uv,
    ),
    latex=r"u_1^\top \Phi\, \big(\lvert M \rvert - c\, I\big) v_1 - u_1^\top G v_1 = "
    r"\lambda - c\; u_1^\top \Phi v_1, \qquad c = v_1^\top \lvert M \rvert\, v_1",
    method=Symbolic(simplify=cancel_expand),
    wrong={
        "c h added instead of subtracted": sp.Eq(
            (u.T * Phi_orth * (abs_uv - c_uv * sp.eye(2)) * v)[0] - (u.T * G * v)[0],
            lam * uv_norms + c_uv * h_uv,
        ),
    },
    uses=["sphere.polar-identity", "sphere.iteration"],
    note="Same setting as sphere.polar-identity. Split |M| v_1 = c v_1 + r with r orthogonal "
    "to v_1: the tangent condition u_1^T Phi v_1 = 0 then reads lambda = u_1^T Phi r - "
    "u_1^T G v_1, and this identity rewrites that right-hand side as lambda - c h, the update "
    "of sphere.iteration.",
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


claim(
    "sphere.fixed-point",
    sp.And(
        sp.Eq(update(-(a + d))[0], -(a + d), evaluate=False),
        sp.Gt(update(-(a + d))[1], 0, evaluate=False),
    ),
    latex=r"\lambda_{k+1} = \lambda_k \iff c_k\, \operatorname{tr}(\Theta^\top \Phi_k) = 0 "
    r"\iff \operatorname{tr}(\Theta^\top \Phi_k) = 0 \qquad (c_k = v_1^\top \lvert M_k \rvert "
    r"v_1 > 0)",
    wrong={
        "lambda = a + d is not a fixed point": sp.Eq(update(a + d)[0], a + d),
    },
    uses=["sphere.iteration-form", "sphere.example-root"],
    note="On the example G = [[a, b], [-gamma, d]] with b, gamma > 0 (and b gamma > d^2 for "
    "the branch det > 0): the tangent root -(a + d) is a fixed point and c = gamma > 0 there. "
    "In general c = v_1^T |M| v_1 > 0 whenever M has full column rank, so a fixed point is "
    "exactly a tangent lambda.",
)

claim(
    "sphere.contraction",
    sp.Eq(sp.diff(update(lam)[0], lam).subs(lam, -(a + d)), b_pos / (b_pos + gam)),
    latex=r"G = \begin{pmatrix} a & b \\ -\gamma & d \end{pmatrix},\; b, \gamma > 0: \qquad "
    r"\frac{d \lambda_{k+1}}{d \lambda_k}\Big|_{\lambda^\star} = \frac{b}{b + \gamma} \in (0, 1)",
    method=Symbolic(simplify=open_sqrt),
    wrong={
        "rate gamma / (b + gamma)": sp.Eq(
            sp.diff(update(lam)[0], lam).subs(lam, -(a + d)), gam / (b_pos + gam)
        ),
    },
    uses=["sphere.fixed-point", "sphere.monotone"],
    note="Same example as sphere.fixed-point: the update is a contraction near its fixed point, "
    "so the iteration converges linearly there, with error ratio b / (b + gamma) per step.",
)
