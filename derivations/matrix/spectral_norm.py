"""Claims of ``docs/posts/mathematics/matrix/spectral-norm.md``.

The spectral norm as the largest singular value, power iteration and its rate, the rate of
gradient descent on a quadratic at step 2/(L + mu), and spectral normalisation. Identities that
use only the algebra of the factors (the Gram matrix, the error recursion of gradient descent)
are proved for every size with matrix symbols. Statements about norms and eigenvalues are proved
for a generic 2 x 2 matrix ``A = U diag(s_1, s_2) V^T`` whose orthogonal factors are Cayley
rotations with one symbolic parameter each (every entry a rational function), with
``s_1 = s_2 + e`` and ``e > 0`` encoding the ordering; each claim's scope says why the step
carries over to n dimensions. The scalar facts about the step size are proved in general.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, claim, definition
from derivations.helpers import cayley_orthogonal, eq, ge, le, lt

MIYATO = (
    "Miyato, Kataoka, Koyama, Yoshida, 'Spectral Normalization for Generative Adversarial "
    "Networks', https://arxiv.org/abs/1802.05957"
)
NESTEROV = (
    "Nesterov, 'Lectures on Convex Optimization', 2nd ed., Springer 2018, section 2.1 "
    "(gradient method on strongly convex smooth functions), "
    "https://doi.org/10.1007/978-3-319-91578-4"
)


def power_simplify(expr: sp.Expr) -> sp.Expr:
    """Combine powers with a symbolic exponent (``l^k l = l^(k+1)``), then cancel."""
    return sp.cancel(sp.powsimp(sp.expand_power_base(sp.together(expr), force=True), force=True))


POWERS = Symbolic(simplify=power_simplify)

tu, tv = sp.symbols("t_u t_v", real=True)
s2 = sp.Symbol("sigma_2", positive=True)
gap = sp.Symbol("e", positive=True)
s1 = s2 + gap
U = cayley_orthogonal([tu], 2)
V = cayley_orthogonal([tv], 2)
A = (U * sp.diag(s1, s2) * V.T).applyfunc(sp.cancel)  # entries as single fractions
TWO = "2 x 2, U and V generic rotations (Cayley, one parameter each), sigma_1 > sigma_2 > 0"


def sq(v: sp.Matrix) -> sp.Expr:
    """Squared Euclidean norm of a column vector."""
    return (v.T * v)[0, 0]


# The SVD of any size, as matrix symbols (as on the SVD page): A = U Sigma V^T.
m, n = sp.symbols("m n", integer=True, positive=True)
U_ = sp.MatrixSymbol("U", m, m)
S_ = sp.MatrixSymbol("Sigma", m, n)
V_ = sp.MatrixSymbol("V", n, n)
A_svd = U_ * S_ * V_.T
NO_ENTRIES = "matrix identities; the parser reads the letters as scalars"

# ------------------------------------------------------------------ the spectral norm

definition(
    "specnorm.def",
    r"\lVert A \rVert_2 = \max_{x \ne 0} \frac{\lVert A x \rVert}{\lVert x \rVert}, \qquad "
    r"A = U \Sigma V^\top = \sum_i \sigma_i\, u_i v_i^\top,\;\; "
    r"\sigma_1 \ge \sigma_2 \ge \dots \ge 0",
    note="The SVD exists for every real matrix (see svd.svd).",
)

c1, c2 = sp.symbols("c_1 c_2", real=True)
xc = (V * sp.Matrix([c1, c2])).applyfunc(sp.cancel)  # any x, in the basis of the v_i

claim(
    "specnorm.rayleigh",
    sp.And(
        eq(sq(A * xc), s1**2 * c1**2 + s2**2 * c2**2),
        le(sq(A * xc), s1**2 * sq(xc)),
        eq(sq(A * V[:, 0]), s1**2),
        eq(A.T * A * V, V * sp.diag(s1**2, s2**2)),
    ),
    scope=Instance(
        f"{TWO}: for x = V c, ||A x||^2 = sigma_1^2 c_1^2 + sigma_2^2 c_2^2 <= sigma_1^2 "
        "||x||^2, ||A v_1|| = sigma_1, and A^T A V = V diag(sigma_1^2, sigma_2^2), whose larger "
        "eigenvalue is sigma_1^2",
        "in n dimensions ||A x||^2 = sum_i sigma_i^2 c_i^2, the difference to sigma_1^2 ||x||^2 "
        "is sum_i (sigma_1^2 - sigma_i^2) c_i^2 >= 0, and A^T A v_i = sigma_i^2 v_i for every "
        "shape (svd.gram-eigen)",
    ),
    latex=r"x = \sum_i c_i v_i:\quad \lVert A x \rVert^2 = \sum_i \sigma_i^2 c_i^2 "
    r"\le \sigma_1^2\, \lVert x \rVert^2, \qquad \lVert A v_1 \rVert = \sigma_1 "
    r"\quad\Longrightarrow\quad \lVert A \rVert_2 = \sigma_1 "
    r"= \sqrt{\lambda_{\max}(A^\top A)}",
    wrong={
        "bound by sigma_2": le(sq(A * xc), s2**2 * sq(xc)),
        "singular values not squared": eq(sq(A * xc), s1 * c1**2 + s2 * c2**2),
        "eigenvalues of A^T A are the sigma_i": eq(A.T * A * V, V * sp.diag(s1, s2)),
    },
    uses=["specnorm.def", "svd.gram-eigen"],
    compare="sums over i, norms, lambda_max and an implication",
)

a, b, c, d = sp.symbols("a b c d", real=True)
lam = sp.Symbol("lambda")
A22 = sp.Matrix([[a, b], [c, d]])
fro2_22 = a**2 + b**2 + c**2 + d**2
# For the generic A: ||A||_F^2 and det A from its entries.
fro2_A = sum(entry**2 for entry in A)
det_A = A.det()
lam_minus_A = (fro2_A - sp.sqrt(fro2_A**2 - 4 * det_A**2)) / 2

claim(
    "specnorm.two-by-two",
    sp.And(
        eq((A22.T * A22).charpoly(lam).as_expr(), lam**2 - fro2_22 * lam + A22.det() ** 2),
        eq(s1**4 - fro2_A * s1**2 + det_A**2, 0),
        ge(2 * s1**2 - fro2_A, 0),
    ),
    scope=Instance(
        "the characteristic polynomial for all four entries symbolic; for A = U diag(sigma_1, "
        "sigma_2) V^T with U, V generic rotations and sigma_1 > sigma_2 > 0, sigma_1^2 = "
        "||A||_2^2 is a root of it and at least ||A||_F^2 / 2, the midpoint of the two roots, "
        "so it is the root with the plus sign",
        "every real 2 x 2 matrix is such a product, up to a reflection (which changes neither "
        "||A||_F, (det A)^2 nor ||A||_2) and the limit sigma_1 = sigma_2 (both sides continuous)",
    ),
    latex=r"A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}:\quad "
    r"\det(\lambda I - A^\top A) = \lambda^2 - \lVert A \rVert_F^2\, \lambda + (\det A)^2, "
    r"\quad \lVert A \rVert_2^2 = \tfrac{1}{2}\Big(\lVert A \rVert_F^2 + "
    r"\sqrt{\lVert A \rVert_F^4 - 4 (\det A)^2}\,\Big)",
    wrong={
        "the smaller root, minus sign before the square root": eq(lam_minus_A, s1**2),
        "det(A) not squared": eq(
            (A22.T * A22).charpoly(lam).as_expr(), lam**2 - fro2_22 * lam + A22.det()
        ),
        "plus sign under the root": eq(((fro2_A + sp.sqrt(fro2_A**2 + 4 * det_A**2)) / 2), s1**2),
    },
    uses=["specnorm.rayleigh"],
    note="The roots of lambda^2 - F lambda + D^2 are F/2 +- sqrt(F^2 - 4 D^2)/2: a root at "
    "least F/2 is the one with the plus sign.",
    compare="a matrix, a determinant and norms",
)

# ------------------------------------------------------------------ power iteration

definition(
    "specnorm.power",
    r"x_{k+1} = \frac{M x_k}{\lVert M x_k \rVert}, \qquad M = A^\top A, \qquad "
    r"x_0 = \sum_i c_i v_i,\; c_1 \ne 0",
)

claim(
    "specnorm.gram",
    eq(
        A_svd.T * A_svd - V_ * S_.T * S_ * V_.T,
        V_ * S_.T * (U_.T * U_ - sp.Identity(m)) * S_ * V_.T,
    ),
    scope=GENERAL,
    latex=r"M = A^\top A = V \Sigma^\top \Sigma V^\top = \sum_i \lambda_i\, v_i v_i^\top, "
    r"\qquad \lambda_i = \sigma_i^2",
    wrong={
        "M = V Sigma V^T (not squared)": eq(A.T * A, V * sp.diag(s1, s2) * V.T),
        "M = U Sigma^2 U^T (left vectors)": eq(A.T * A, U * sp.diag(s1**2, s2**2) * U.T),
    },
    uses=["specnorm.def", "svd.gram-eigen"],
    note="Every shape: A^T A - V Sigma^T Sigma V^T = V Sigma^T (U^T U - I) Sigma V^T = 0; "
    "Sigma^T Sigma = diag(sigma_i^2). The wrong variants are refuted on the generic 2 x 2 A.",
    compare=NO_ENTRIES,
)

l2 = sp.Symbol("lambda_2", positive=True)
l1 = l2 + gap
k = sp.Symbol("k", integer=True, nonnegative=True)
Lam = sp.diag(l1, l2)
Mat = (V * Lam * V.T).applyfunc(sp.cancel)
c0 = sp.Matrix([c1, c2])
SYM2 = (
    "n = 2: M = V diag(lambda_1, lambda_2) V^T with V a generic rotation, lambda_1 > lambda_2 > 0"
)


def mpow(exponent: sp.Expr) -> sp.Matrix:
    """``V diag(l1^exponent, l2^exponent) V^T``, the candidate for ``M^exponent``."""
    return V * sp.diag(l1**exponent, l2**exponent) * V.T


claim(
    "specnorm.power-step",
    sp.And(
        eq(mpow(0), sp.eye(2)),
        eq(Mat * mpow(k), mpow(k + 1)),
        eq(mpow(k) * V * c0, V * sp.Matrix([c1 * l1**k, c2 * l2**k])),
    ),
    scope=Instance(
        f"{SYM2}, k symbolic: M^0 = I, the induction step, and M^k x_0 in the basis v_i",
        "V diag(lambda^k) V^T V diag(lambda) V^T = V diag(lambda^(k+1)) V^T uses only "
        "V^T V = I, in every dimension",
    ),
    latex=r"M \Big(\sum_i \lambda_i^k\, v_i v_i^\top\Big) = \sum_i \lambda_i^{k+1}\, v_i v_i^\top "
    r"\quad\Longrightarrow\quad M^k x_0 = \sum_i c_i\, \lambda_i^k\, v_i",
    method=Symbolic(simplify=lambda e: sp.factor(sp.together(sp.powsimp(e, force=True)))),
    wrong={
        "exponent stays k": eq(Mat * mpow(k), mpow(k)),
        "M^k x_0 with the coefficients not raised": eq(
            mpow(k) * V * c0, V * sp.Matrix([c1 * l1, c2 * l2])
        ),
    },
    uses=["specnorm.power", "specnorm.gram"],
    compare="sums over i with a symbolic power; the statement has 2 x 2 matrices",
)

xk = V * sp.Matrix([c1 * l1**k, c2 * l2**k])  # M^k x_0, by specnorm.power-step
_coords = V.T * xk  # coordinates of x_k in the basis v_1, v_2

claim(
    "specnorm.power-ratio",
    eq(_coords[1] / _coords[0], (l2 / l1) ** k * c2 / c1),
    scope=Instance(
        f"{SYM2}, k symbolic, with M^k x_0 from specnorm.power-step (normalising x_k does not "
        "change the ratio)",
        "v_i^T M^k x_0 = c_i lambda_i^k in every dimension, so the same ratio holds for every "
        "i against i = 1",
    ),
    latex=r"\frac{v_2^\top x_k}{v_1^\top x_k} = \Big(\frac{\lambda_2}{\lambda_1}\Big)^{k} "
    r"\frac{c_2}{c_1}",
    method=POWERS,
    wrong={"rate squared": eq(_coords[1] / _coords[0], (l2 / l1) ** (2 * k) * c2 / c1)},
    uses=["specnorm.power-step"],
    note="The direction error shrinks by lambda_2 / lambda_1 = (sigma_2 / sigma_1)^2 per step.",
    compare="inner products with the v_i; the statement has their 2 x 2 coordinates",
)

c1nz = sp.Symbol("c_1", real=True, nonzero=True)  # c_1 != 0 (specnorm.power)
xk_nz = xk.subs(c1, c1nz)
rayleigh_k = (xk_nz.T * Mat * xk_nz)[0, 0] / sq(xk_nz)
rayleigh_error = (
    (l1 - l2) * c2**2 * l2 ** (2 * k) / (c1nz**2 * l1 ** (2 * k) + c2**2 * l2 ** (2 * k))
)

claim(
    "specnorm.power-rayleigh",
    sp.And(
        eq(l1 - rayleigh_k, rayleigh_error),
        le(rayleigh_error, (l1 - l2) * c2**2 / c1nz**2 * (l2 / l1) ** (2 * k)),
    ),
    scope=Instance(
        f"{SYM2}, k symbolic, c_1 != 0",
        "with more eigen-directions each adds a term (lambda_1 - lambda_i) c_i^2 lambda_i^(2k) "
        "to the numerator, and each decays at least as fast as (lambda_2/lambda_1)^(2k)",
    ),
    latex=r"n = 2:\quad \lambda_1 - \frac{x_k^\top M x_k}{x_k^\top x_k} = (\lambda_1 - \lambda_2)"
    r"\, \frac{c_2^2 \lambda_2^{2k}}{c_1^2 \lambda_1^{2k} + c_2^2 \lambda_2^{2k}} "
    r"\le (\lambda_1 - \lambda_2) \frac{c_2^2}{c_1^2} \Big(\frac{\lambda_2}{\lambda_1}\Big)^{2k}",
    method=POWERS,
    wrong={
        "error linear in the ratio": eq(
            l1 - rayleigh_k,
            (l1 - l2) * c2**2 * l2**k / (c1nz**2 * l1**k + c2**2 * l2**k),
        ),
        "bound with the ratio to the power k": le(
            rayleigh_error, (l1 - l2) * c2**2 / c1nz**2 * (l2 / l1) ** (4 * k)
        ),
    },
    uses=["specnorm.power-step"],
    note="The two-component formula. An earlier version showed it for x_0 = sum_i c_i v_i in "
    "any dimension, where it is false: with lambda = (3, 2, 1), c = (1, 0, 1) and k = 1 the "
    "left side is 1/5 and both right sides are 0. The estimate of lambda_1 = sigma_1^2 "
    "converges at twice the rate of the direction.",
    compare="Rayleigh quotients of vectors; the statement has 2 x 2 coordinates",
)

# ------------------------------------------------------------------ gradient descent

definition(
    "specnorm.quadratic",
    r"f(x) = \tfrac12 x^\top H x - b^\top x, \quad \mu I \preceq H \preceq L I, \quad "
    r"\kappa = \frac{L}{\mu}, \qquad x_{k+1} = x_k - \eta\, \nabla f(x_k)",
)

# Every dimension: H (n x n, invertible), b and x_k (n x 1) as matrix symbols.
H_ = sp.MatrixSymbol("H", n, n)
b_ = sp.MatrixSymbol("b", n, 1)
xk_ = sp.MatrixSymbol("x_k", n, 1)
eta = sp.Symbol("eta", real=True)
# A symmetric 2 x 2 instance for the wrong variants.
h11, h12, h22, b1, b2, y1, y2 = sp.symbols("h_11 h_12 h_22 b_1 b_2 y_1 y_2", real=True)
H = sp.Matrix([[h11, h12], [h12, h22]])
bvec = sp.Matrix([b1, b2])
xk_gd = sp.Matrix([y1, y2])
xstar = H.inv() * bvec
grad = H * xk_gd - bvec

claim(
    "specnorm.gd-error",
    eq(
        xk_ - eta * (H_ * xk_ - b_) - H_.I * b_,
        (sp.Identity(n) - eta * H_) * (xk_ - H_.I * b_),
    ),
    scope=GENERAL,
    latex=r"x_{k+1} - x^\star = (I - \eta H)(x_k - x^\star), \qquad x^\star = H^{-1} b",
    wrong={
        "step with the wrong sign": eq(
            xk_gd + eta * grad - xstar, (sp.eye(2) - eta * H) * (xk_gd - xstar)
        ),
        "x* = H b": eq(xk_gd - eta * grad - H * bvec, (sp.eye(2) - eta * H) * (xk_gd - H * bvec)),
    },
    uses=["specnorm.quadratic", "specnorm.def"],
    note="Every dimension (matrix symbols; grad f(x_k) = H x_k - b). For symmetric I - eta H "
    "the spectral norm is max_i |1 - eta lambda_i|, at most max(|1 - eta mu|, |1 - eta L|) "
    "because |1 - eta lambda| is convex in lambda. The wrong variants are refuted on a "
    "symmetric 2 x 2 H.",
    compare=NO_ENTRIES,
)

mu = sp.Symbol("mu", positive=True)
spread = sp.Symbol("e", nonnegative=True)  # L - mu >= 0
L = mu + spread
kappa = L / mu
eta_star = 2 / (L + mu)


def contraction(step: sp.Expr, low: sp.Expr, high: sp.Expr) -> sp.Expr:
    """``max(|1 - step low|, |1 - step high|)``."""
    return sp.Max(sp.Abs(1 - step * low), sp.Abs(1 - step * high))


claim(
    "specnorm.gd-rate",
    sp.And(
        eq(1 - eta_star * mu, (kappa - 1) / (kappa + 1)),
        eq(1 - eta_star * L, -(kappa - 1) / (kappa + 1)),
        eq(contraction(eta_star, mu, L), (kappa - 1) / (kappa + 1)),
    ),
    scope=GENERAL,
    latex=r"\eta = \frac{2}{L + \mu}:\quad 1 - \eta\mu = \frac{\kappa - 1}{\kappa + 1} "
    r"= -(1 - \eta L), \qquad \max\big(|1 - \eta\mu|,\, |1 - \eta L|\big) "
    r"= \frac{\kappa - 1}{\kappa + 1}",
    wrong={
        "rate (kappa - 1)/kappa": eq(contraction(eta_star, mu, L), (kappa - 1) / kappa),
        "step 1/L gives the same rate": eq(contraction(1 / L, mu, L), (kappa - 1) / (kappa + 1)),
    },
    uses=["specnorm.gd-error"],
    source=NESTEROV,
    note="L = mu + e with e >= 0, so every L >= mu > 0 (with L = mu the rate is 0: one step).",
    compare="eta and kappa are named in the display; the statement writes L = mu + e",
)

# No fixed step beats 2/(L + mu): for eta = eta* - t one factor, for eta = eta* + t the other,
# is at least the rate (t >= 0 covers every real eta); here L > mu strictly.
gap_l = sp.Symbol("e", positive=True)
L_s = mu + gap_l
kappa_s = L_s / mu
rate_s = (kappa_s - 1) / (kappa_s + 1)
eta_s = 2 / (L_s + mu)
t_off = sp.Symbol("t", nonnegative=True)

claim(
    "specnorm.gd-optimal",
    sp.And(
        eq(
            L_s / (L_s + mu) * (1 - eta * mu) + mu / (L_s + mu) * (eta * L_s - 1),
            rate_s,
        ),
        ge(1 - (eta_s - t_off) * mu, rate_s),
        ge((eta_s + t_off) * L_s - 1, rate_s),
    ),
    scope=GENERAL,
    latex=r"\frac{L}{L + \mu}\,(1 - \eta\mu) + \frac{\mu}{L + \mu}\,(\eta L - 1) "
    r"= \frac{\kappa - 1}{\kappa + 1} \quad \text{for every } \eta "
    r"\quad\Longrightarrow\quad \max\big(|1 - \eta\mu|,\, |1 - \eta L|\big) "
    r"\ge \frac{\kappa - 1}{\kappa + 1}",
    wrong={
        "equal weights": eq((1 - eta * mu) / 2 + (eta * L_s - 1) / 2, rate_s),
        "no step beats the rate (kappa - 1)/kappa of 1/L": ge(
            1 - (eta_s - t_off) * mu, (kappa_s - 1) / kappa_s
        ),
    },
    uses=["specnorm.gd-rate"],
    note="The weighted average (weights summing to 1) does not depend on eta, and a maximum of "
    "absolute values is at least any such average. The conclusion is checked directly for "
    "every eta: for eta = 2/(L + mu) - t (t >= 0), 1 - eta mu is at least the rate, and for "
    "eta = 2/(L + mu) + t, eta L - 1 is; L > mu > 0.",
    compare="for every eta and an implication",
)

kap = sp.Symbol("kappa", positive=True)
above_one = sp.Symbol("f", positive=True)  # kappa = 1 + f > 1
eps = sp.Symbol("varepsilon", positive=True)
kap_f = 1 + above_one
k_eps = sp.log(1 / eps) / sp.log((kap_f + 1) / (kap_f - 1))

claim(
    "specnorm.gd-iterations",
    sp.And(
        eq(sp.Limit(kap * sp.log((kap + 1) / (kap - 1)), kap, sp.oo), 2),
        eq(k_eps * sp.log((kap_f - 1) / (kap_f + 1)), sp.log(eps)),
    ),
    scope=GENERAL,
    latex=r"\lim_{\kappa \to \infty} \kappa \log\frac{\kappa + 1}{\kappa - 1} = 2 "
    r"\quad\Longrightarrow\quad k_\varepsilon = \frac{\log(1/\varepsilon)}"
    r"{\log\frac{\kappa+1}{\kappa-1}} \approx \frac{\kappa}{2} \log\frac{1}{\varepsilon}",
    wrong={
        "limit 1": eq(sp.Limit(kap * sp.log((kap + 1) / (kap - 1)), kap, sp.oo), 1),
        "k_eps with log(kappa) in the denominator": eq(
            sp.log(1 / eps) / sp.log(kap_f) * sp.log((kap_f - 1) / (kap_f + 1)), sp.log(eps)
        ),
    },
    uses=["specnorm.gd-rate"],
    note="k_eps solves ((kappa - 1)/(kappa + 1))^k = epsilon (checked in logarithms, for "
    "kappa > 1); by the limit its denominator is 2/kappa + o(1/kappa), so the iterations grow "
    "linearly in kappa.",
    compare="an implication and an approximation",
)

# ------------------------------------------------------------------ spectral normalisation

definition(
    "specnorm.sn",
    r"\bar W = \frac{W}{\sigma(W)}, \qquad \sigma(W) = \lVert W \rVert_2, \qquad "
    r"\tilde u = \frac{W \tilde v}{\lVert W \tilde v \rVert},\;\; "
    r"\tilde v \leftarrow \frac{W^\top \tilde u}{\lVert W^\top \tilde u \rVert},\;\; "
    r"\sigma(W) \approx \tilde u^\top W \tilde v",
    note="The last relation names the estimate of sigma(W) that the method uses.",
)

Wn = (A / s1).applyfunc(sp.cancel)

claim(
    "specnorm.sn-norm",
    sp.And(
        eq(Wn.T * Wn * V, V * sp.diag(1, s2**2 / s1**2)),
        lt(s2**2 / s1**2, 1),
    ),
    scope=Instance(
        f"{TWO}: the normalised Gram matrix has eigenvalues 1 and sigma_2^2 / sigma_1^2 < 1",
        "W / sigma_1 = U diag(1, sigma_2/sigma_1, ...) V^T in every size, so its largest "
        "singular value, its spectral norm (specnorm.rayleigh), is 1",
    ),
    latex=r"\bar W^\top \bar W\, v_i = \frac{\sigma_i^2}{\sigma_1^2}\, v_i "
    r"\quad\Longrightarrow\quad \lVert \bar W \rVert_2 = 1",
    wrong={
        "divided by sigma_1^2": eq((A / s1**2).T * (A / s1**2) * V, V * sp.diag(1, s2**2 / s1**2)),
        "normalised by sigma_2": eq((A / s2).T * (A / s2) * V, V * sp.diag(1, s2**2 / s1**2)),
    },
    uses=["specnorm.sn", "specnorm.rayleigh"],
    source=MIYATO,
    compare="per-column eigen relations, an implication and a norm",
)

_wv = A * V[:, 0]
_u = _wv / s1  # ||W v_1|| = sigma_1 (checked below)

claim(
    "specnorm.sn-estimate",
    sp.And(
        eq(sq(_wv), s1**2),
        eq(_u, U[:, 0]),
        eq(A.T * U[:, 0] / s1, V[:, 0]),
        eq((_u.T * A * V[:, 0])[0, 0], s1),
    ),
    scope=Instance(
        f"{TWO}: ||W v_1|| = sigma_1, u~ = W v_1 / sigma_1 = u_1, W^T u_1 / sigma_1 = v_1 "
        "(so v~ = v_1 is a fixed point of the iteration) and u~^T W v~ = sigma_1",
        "W v_1 = sigma_1 u_1 and W^T u_1 = sigma_1 v_1 in every size (svd.singular-pairs)",
    ),
    latex=r"\tilde v = v_1:\quad \tilde u = \frac{W v_1}{\lVert W v_1 \rVert} = u_1, \qquad "
    r"\tilde u^\top W \tilde v = \sigma_1",
    wrong={
        "estimate sigma_1^2": eq((_u.T * A * V[:, 0])[0, 0], s1**2),
        "u~ = v_1": eq(_u, V[:, 0]),
    },
    uses=["specnorm.sn", "specnorm.rayleigh", "svd.singular-pairs"],
    source=MIYATO,
    note="At the fixed point of the power iteration the bilinear estimate is exact; away from "
    "it, it is a lower bound that power iteration drives up.",
    compare="vectors and norms; the statement has 2 x 2 coordinates",
)
