"""Claims of ``docs/posts/mathematics/matrix/spectral-norm.md``.

The spectral norm as the largest singular value, power iteration and its rate, the rate of
gradient descent on a quadratic at step 2/(L + mu), and spectral normalisation. Statements about
a general matrix are proved for a generic 2 x 2 matrix ``A = U diag(s_1, s_2) V^T`` whose
orthogonal factors are Cayley rotations with one symbolic parameter each (every entry a rational
function), with ``s_1 = s_2 + e`` and ``e > 0`` encoding the ordering.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import cayley_orthogonal

MIYATO = (
    "Miyato, Kataoka, Koyama, Yoshida, 'Spectral Normalization for Generative Adversarial "
    "Networks', https://arxiv.org/abs/1802.05957"
)
NESTEROV = (
    "Nesterov, 'Lectures on Convex Optimization', 2nd ed., Springer 2018, section 2.1 "
    "(gradient method on strongly convex smooth functions), "
    "https://doi.org/10.1007/978-3-319-91578-4"
)


def together_factor(expr: sp.Expr) -> sp.Expr:
    """One denominator, then factor: fast on products of Cayley rotations."""
    return sp.factor(sp.together(expr))


def power_simplify(expr: sp.Expr) -> sp.Expr:
    """Combine powers with a symbolic exponent (``l^k l = l^(k+1)``), then cancel."""
    return sp.cancel(sp.powsimp(sp.expand_power_base(sp.together(expr), force=True), force=True))


FACTOR = Symbolic(simplify=together_factor)
POWERS = Symbolic(simplify=power_simplify)

tu, tv = sp.symbols("t_u t_v", real=True)
s2 = sp.Symbol("sigma_2", positive=True)
gap = sp.Symbol("e", positive=True)
s1 = s2 + gap
U = cayley_orthogonal([tu], 2)
V = cayley_orthogonal([tv], 2)
A = (U * sp.diag(s1, s2) * V.T).applyfunc(sp.cancel)  # entries as single fractions


def sq(v: sp.Matrix) -> sp.Expr:
    """Squared Euclidean norm of a column vector."""
    return (v.T * v)[0, 0]


# ------------------------------------------------------------------ the spectral norm

definition(
    "specnorm.def",
    r"\lVert A \rVert_2 = \max_{x \ne 0} \frac{\lVert A x \rVert}{\lVert x \rVert}, \qquad "
    r"A = U \Sigma V^\top = \sum_i \sigma_i\, u_i v_i^\top,\;\; "
    r"\sigma_1 \ge \sigma_2 \ge \dots \ge 0",
)

c1, c2 = sp.symbols("c_1 c_2", real=True)
xc = (V * sp.Matrix([c1, c2])).applyfunc(sp.cancel)  # any x, in the basis of the v_i

claim(
    "specnorm.rayleigh",
    sp.And(
        sp.Eq(sq(A * xc), s1**2 * c1**2 + s2**2 * c2**2),
        sp.Le(sq(A * xc), s1**2 * sq(xc)),
        sp.Eq(sq(A * V[:, 0]), s1**2),
    ),
    latex=r"x = \sum_i c_i v_i:\quad \lVert A x \rVert^2 = \sum_i \sigma_i^2 c_i^2 "
    r"\le \sigma_1^2\, \lVert x \rVert^2, \qquad \lVert A v_1 \rVert = \sigma_1 "
    r"\quad\Longrightarrow\quad \lVert A \rVert_2 = \sigma_1 "
    r"= \sqrt{\lambda_{\max}(A^\top A)}",
    method=FACTOR,
    wrong={
        "bound by sigma_2": sp.Le(sq(A * xc), s2**2 * sq(xc)),
        "singular values not squared": sp.Eq(sq(A * xc), s1 * c1**2 + s2 * c2**2),
    },
    uses=["specnorm.def"],
    note="Generic 2 x 2 matrix (Cayley U, V; sigma_1 = sigma_2 + e); in n dimensions the "
    "difference is sum_i (sigma_1^2 - sigma_i^2) c_i^2 >= 0. The sigma_i^2 are the "
    "eigenvalues of A^T A (A^T A v_i = sigma_i^2 v_i).",
)

a, b, c, d = sp.symbols("a b c d", real=True)
lam = sp.Symbol("lambda")
A22 = sp.Matrix([[a, b], [c, d]])
fro2 = a**2 + b**2 + c**2 + d**2
det = A22.det()
lam_max = (fro2 + sp.sqrt(fro2**2 - 4 * det**2)) / 2
lam_wrong = (fro2 + sp.sqrt(fro2**2 + 4 * det**2)) / 2

claim(
    "specnorm.two-by-two",
    sp.And(
        sp.Eq((A22.T * A22).charpoly(lam).as_expr(), lam**2 - fro2 * lam + det**2),
        sp.Eq(lam_max**2 - fro2 * lam_max + det**2, 0, evaluate=False),
    ),
    latex=r"A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}:\quad "
    r"\det(\lambda I - A^\top A) = \lambda^2 - \lVert A \rVert_F^2\, \lambda + (\det A)^2, "
    r"\quad \lVert A \rVert_2^2 = \tfrac{1}{2}\Big(\lVert A \rVert_F^2 + "
    r"\sqrt{\lVert A \rVert_F^4 - 4 (\det A)^2}\,\Big)",
    wrong={
        "plus sign under the root": sp.Eq(lam_wrong**2 - fro2 * lam_wrong + det**2, 0),
        "det(A) not squared": sp.Eq(
            (A22.T * A22).charpoly(lam).as_expr(), lam**2 - fro2 * lam + det
        ),
    },
    uses=["specnorm.rayleigh"],
    note="All four entries symbolic; the larger root of the characteristic polynomial of A^T A.",
)

# ------------------------------------------------------------------ power iteration

definition(
    "specnorm.power",
    r"x_{k+1} = \frac{M x_k}{\lVert M x_k \rVert}, \qquad M = A^\top A "
    r"= \sum_i \lambda_i\, v_i v_i^\top,\;\; \lambda_i = \sigma_i^2,\;\; "
    r"x_0 = \sum_i c_i v_i,\; c_1 \ne 0",
)

l2 = sp.Symbol("lambda_2", positive=True)
l1 = l2 + gap
k = sp.Symbol("k", integer=True, nonnegative=True)
Lam = sp.diag(l1, l2)
Mat = (V * Lam * V.T).applyfunc(sp.cancel)


def mpow(exponent: sp.Expr) -> sp.Matrix:
    """``V diag(l1^exponent, l2^exponent) V^T``, the candidate for ``M^exponent``."""
    return V * sp.diag(l1**exponent, l2**exponent) * V.T


claim(
    "specnorm.power-step",
    sp.Eq(Mat * mpow(k), mpow(k + 1)),
    latex=r"M \Big(\sum_i \lambda_i^k\, v_i v_i^\top\Big) = \sum_i \lambda_i^{k+1}\, v_i v_i^\top "
    r"\quad\Longrightarrow\quad M^k x_0 = \sum_i c_i\, \lambda_i^k\, v_i",
    method=Symbolic(simplify=lambda e: sp.factor(sp.together(sp.powsimp(e, force=True)))),
    wrong={"exponent stays k": sp.Eq(Mat * mpow(k), mpow(k))},
    uses=["specnorm.power"],
    note="Induction step with symbolic k, for a generic symmetric 2 x 2 M (Cayley V, "
    "lambda_1 = lambda_2 + e); with M^0 = I it gives M^k = sum_i lambda_i^k v_i v_i^T.",
)

xk = V * sp.Matrix([c1 * l1**k, c2 * l2**k])  # M^k x_0, by specnorm.power-step
_coords = V.T * xk  # coordinates of x_k in the basis v_1, v_2
rayleigh_k = (xk.T * Mat * xk)[0, 0] / sq(xk)

claim(
    "specnorm.power-ratio",
    sp.Eq(_coords[1] / _coords[0], (l2 / l1) ** k * c2 / c1),
    latex=r"\frac{v_2^\top x_k}{v_1^\top x_k} = \Big(\frac{\lambda_2}{\lambda_1}\Big)^{k} "
    r"\frac{c_2}{c_1}",
    method=POWERS,
    wrong={"rate squared": sp.Eq(_coords[1] / _coords[0], (l2 / l1) ** (2 * k) * c2 / c1)},
    uses=["specnorm.power-step"],
    note="Symbolic k; the direction error shrinks by lambda_2 / lambda_1 = (sigma_2 / sigma_1)^2 "
    "per step. In n dimensions every other component shrinks at least as fast.",
)

claim(
    "specnorm.power-rayleigh",
    sp.Eq(
        l1 - rayleigh_k,
        (l1 - l2) * c2**2 * l2 ** (2 * k) / (c1**2 * l1 ** (2 * k) + c2**2 * l2 ** (2 * k)),
    ),
    latex=r"\lambda_1 - \frac{x_k^\top M x_k}{x_k^\top x_k} = (\lambda_1 - \lambda_2)\, "
    r"\frac{c_2^2 \lambda_2^{2k}}{c_1^2 \lambda_1^{2k} + c_2^2 \lambda_2^{2k}} "
    r"\le (\lambda_1 - \lambda_2) \frac{c_2^2}{c_1^2} \Big(\frac{\lambda_2}{\lambda_1}\Big)^{2k}",
    method=POWERS,
    wrong={
        "error linear in the ratio": sp.Eq(
            l1 - rayleigh_k,
            (l1 - l2) * c2**2 * l2**k / (c1**2 * l1**k + c2**2 * l2**k),
        ),
    },
    uses=["specnorm.power-step"],
    note="Symbolic k, generic symmetric 2 x 2 M. The estimate of lambda_1 = sigma_1^2 converges "
    "at twice the rate of the direction.",
)

# ------------------------------------------------------------------ gradient descent

definition(
    "specnorm.quadratic",
    r"f(x) = \tfrac12 x^\top H x - b^\top x, \quad \mu I \preceq H \preceq L I, \quad "
    r"\kappa = \frac{L}{\mu}, \qquad x_{k+1} = x_k - \eta\, \nabla f(x_k)",
)

h11, h12, h22, b1, b2, eta, y1, y2 = sp.symbols("h_11 h_12 h_22 b_1 b_2 eta y_1 y_2", real=True)
H = sp.Matrix([[h11, h12], [h12, h22]])
bvec = sp.Matrix([b1, b2])
xk_gd = sp.Matrix([y1, y2])
xstar = H.inv() * bvec
grad = H * xk_gd - bvec

claim(
    "specnorm.gd-error",
    sp.Eq(xk_gd - eta * grad - xstar, (sp.eye(2) - eta * H) * (xk_gd - xstar)),
    latex=r"x_{k+1} - x^\star = (I - \eta H)(x_k - x^\star), \qquad x^\star = H^{-1} b",
    method=Symbolic(simplify=sp.cancel),
    wrong={
        "step with the wrong sign": sp.Eq(
            xk_gd + eta * grad - xstar, (sp.eye(2) - eta * H) * (xk_gd - xstar)
        ),
    },
    uses=["specnorm.quadratic", "specnorm.def"],
    note="General symmetric 2 x 2 H and b (the iteration is linear, so the algebra is the same "
    "in any dimension). For symmetric I - eta H the spectral norm is max_i |1 - eta lambda_i|, "
    "at most max(|1 - eta mu|, |1 - eta L|) because |1 - eta lambda| is convex in lambda.",
)

mu = sp.Symbol("mu", positive=True)
L = mu + gap
kappa = L / mu
eta_star = 2 / (L + mu)


def contraction(step: sp.Expr) -> sp.Expr:
    """``max(|1 - step mu|, |1 - step L|)``."""
    return sp.Max(sp.Abs(1 - step * mu), sp.Abs(1 - step * L))


claim(
    "specnorm.gd-rate",
    sp.And(
        sp.Eq(1 - eta_star * mu, (kappa - 1) / (kappa + 1)),
        sp.Eq(1 - eta_star * L, -(kappa - 1) / (kappa + 1)),
        sp.Eq(contraction(eta_star), (kappa - 1) / (kappa + 1)),
    ),
    latex=r"\eta = \frac{2}{L + \mu}:\quad 1 - \eta\mu = \frac{\kappa - 1}{\kappa + 1} "
    r"= -(1 - \eta L), \qquad \max\big(|1 - \eta\mu|,\, |1 - \eta L|\big) "
    r"= \frac{\kappa - 1}{\kappa + 1}",
    method=Symbolic(simplify=sp.cancel),
    wrong={
        "rate (kappa - 1)/kappa": sp.Eq(contraction(eta_star), (kappa - 1) / kappa),
        "step 1/L gives the same rate": sp.Eq(contraction(1 / L), (kappa - 1) / (kappa + 1)),
    },
    uses=["specnorm.gd-error"],
    source=NESTEROV,
    note="L = mu + e with e > 0 so that L > mu; with L = mu the rate is 0 (one step).",
)

claim(
    "specnorm.gd-optimal",
    sp.Eq(
        L / (L + mu) * (1 - eta * mu) + mu / (L + mu) * (eta * L - 1),
        (kappa - 1) / (kappa + 1),
    ),
    latex=r"\frac{L}{L + \mu}\,(1 - \eta\mu) + \frac{\mu}{L + \mu}\,(\eta L - 1) "
    r"= \frac{\kappa - 1}{\kappa + 1} \quad \text{for every } \eta "
    r"\quad\Longrightarrow\quad \max\big(|1 - \eta\mu|,\, |1 - \eta L|\big) "
    r"\ge \frac{\kappa - 1}{\kappa + 1}",
    method=Symbolic(simplify=sp.cancel),
    wrong={
        "equal weights": sp.Eq((1 - eta * mu) / 2 + (eta * L - 1) / 2, (kappa - 1) / (kappa + 1)),
    },
    uses=["specnorm.gd-rate"],
    note="eta symbolic. A weighted average of 1 - eta mu and eta L - 1 (weights summing to 1) "
    "does not depend on eta, and the maximum of the absolute values is at least any such "
    "average: no fixed step beats 2/(L + mu).",
)

kap = sp.Symbol("kappa", positive=True)
claim(
    "specnorm.gd-iterations",
    sp.Eq(sp.Limit(kap * sp.log((kap + 1) / (kap - 1)), kap, sp.oo), 2),
    latex=r"\lim_{\kappa \to \infty} \kappa \log\frac{\kappa + 1}{\kappa - 1} = 2 "
    r"\quad\Longrightarrow\quad k_\varepsilon = \frac{\log(1/\varepsilon)}"
    r"{\log\frac{\kappa+1}{\kappa-1}} \approx \frac{\kappa}{2} \log\frac{1}{\varepsilon}",
    wrong={"limit 1": sp.Eq(sp.Limit(kap * sp.log((kap + 1) / (kap - 1)), kap, sp.oo), 1)},
    uses=["specnorm.gd-rate"],
    note="Iterations to shrink the error by a factor epsilon grow linearly in kappa.",
)

# ------------------------------------------------------------------ spectral normalisation

definition(
    "specnorm.sn",
    r"\bar W = \frac{W}{\sigma(W)}, \qquad \sigma(W) = \lVert W \rVert_2, \qquad "
    r"\tilde u = \frac{W \tilde v}{\lVert W \tilde v \rVert},\;\; "
    r"\tilde v \leftarrow \frac{W^\top \tilde u}{\lVert W^\top \tilde u \rVert},\;\; "
    r"\sigma(W) \approx \tilde u^\top W \tilde v",
)

Wn = (A / s1).applyfunc(sp.cancel)

claim(
    "specnorm.sn-norm",
    sp.Eq(Wn.T * Wn * V, V * sp.diag(1, s2**2 / s1**2)),
    latex=r"\bar W^\top \bar W\, v_i = \frac{\sigma_i^2}{\sigma_1^2}\, v_i "
    r"\quad\Longrightarrow\quad \lVert \bar W \rVert_2 = 1",
    method=FACTOR,
    wrong={
        "divided by sigma_1^2": sp.Eq(
            (A / s1**2).T * (A / s1**2) * V, V * sp.diag(1, s2**2 / s1**2)
        ),
    },
    uses=["specnorm.sn", "specnorm.rayleigh"],
    source=MIYATO,
    note="Generic 2 x 2 W; the largest eigenvalue of the normalised Gram matrix is exactly 1 "
    "since sigma_2 <= sigma_1.",
)

_wv = A * V[:, 0]
_u = _wv / s1  # ||W v_1|| = sigma_1 by specnorm.rayleigh

claim(
    "specnorm.sn-estimate",
    sp.And(
        sp.Eq(sq(_wv), s1**2),
        sp.Eq((_u.T * A * V[:, 0])[0, 0], s1),
    ),
    latex=r"\tilde v = v_1:\quad \tilde u = \frac{W v_1}{\lVert W v_1 \rVert} = u_1, \qquad "
    r"\tilde u^\top W \tilde v = \sigma_1",
    method=FACTOR,
    wrong={"estimate sigma_1^2": sp.Eq((_u.T * A * V[:, 0])[0, 0], s1**2)},
    uses=["specnorm.sn", "specnorm.rayleigh"],
    source=MIYATO,
    note="Generic 2 x 2 W: at the fixed point of the power iteration the bilinear estimate is "
    "exact; away from it, it is a lower bound that power iteration drives up.",
)
