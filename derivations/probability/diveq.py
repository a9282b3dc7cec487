"""Claims of ``docs/posts/mathematics/probability/diveq.md`` (prefix ``diveq``).

DiVeQ (Vali, Backstrom, Solin 2025) trains vector quantization without auxiliary losses by
writing the quantized vector as ``z + ||c - z|| sg[d / ||d||]``: the stopped unit direction
``d / ||d||`` points (up to a little noise) from the encoder output ``z`` to its nearest
codeword ``c``, and the length ``||c - z||`` stays differentiable. The page shows that the
forward value is the codeword (exactly, without the noise), that the Jacobians with respect to
``z`` and to ``c`` are the orthogonal projections ``I - u u^T`` and ``u u^T`` (``u`` the unit
direction from ``z`` to ``c``), what they do to a gradient, that with noise the Jacobian is
only an oblique projection, and that for an identity encoder the codebook gradient is the
VQ-VAE codebook-loss gradient (online k-means). The straight-through estimator is the
comparison.

The forward value and both Jacobians are proved in a symbolic dimension ``D``: vectors are
``IndexedBase`` objects, inner products are ``Sum``s over ``1..D``, and a Jacobian is checked
through its action on an arbitrary direction ``h`` (the derivative of ``z_q(z + eps h)`` at
``eps = 0``), so no coordinate is singled out. Stop-gradient is modelled exactly: the stopped
direction is evaluated at the base point and so does not depend on ``eps``. The wrong variants
of these claims are refuted in a concrete case (``D = 2``). What the projections do to a
gradient, the k-means reading and the noisy variant are matrix identities, proved for ``D = 3``
with every coordinate symbolic (they use only bilinearity and ``u^T u = 1``).

Sources: Vali, Backstrom, Solin, "DiVeQ: Differentiable Vector Quantization Using the
Reparameterization Trick", arXiv:2509.26469; Su, "DiVeQ: a very concise VQ training scheme"
(kexue.fm, 2025), https://kexue.fm/archives/11328; van den Oord, Vinyals, Kavukcuoglu, "Neural
Discrete Representation Learning", arXiv:1711.00937.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, claim, definition
from derivations.helpers import eq

DIVEQ = (
    "Vali, Backstrom, Solin, 'DiVeQ: Differentiable Vector Quantization Using the "
    "Reparameterization Trick', https://arxiv.org/abs/2509.26469"
)
SU = (
    "Su, 'DiVeQ: a very concise VQ training scheme' (kexue.fm, 2025-10-08), "
    "https://kexue.fm/archives/11328"
)
VQVAE = (
    "van den Oord, Vinyals, Kavukcuoglu, 'Neural Discrete Representation Learning', "
    "https://arxiv.org/abs/1711.00937"
)
BENGIO = (
    "Bengio, Leonard, Courville, 'Estimating or Propagating Gradients Through Stochastic "
    "Neurons for Conditional Computation', https://arxiv.org/abs/1308.3432"
)

# ------------------------------------------------------------------ symbolic vectors

D = sp.Symbol("D", integer=True, positive=True)  # the dimension, symbolic
i = sp.Symbol("i", integer=True, positive=True)  # a free coordinate index
_l = sp.Symbol("l", integer=True, positive=True)  # summation index
_K = sp.Dummy("k", integer=True, positive=True)  # canonical summation index after reduction
eps = sp.Symbol("epsilon", real=True)
z, c, h = (sp.IndexedBase(name, real=True) for name in ("z", "c", "h"))

Vec = Callable[[sp.Expr], sp.Expr]


def dot(a: Vec, b: Vec) -> sp.Sum:
    """``a^T b = sum_{l=1}^{D} a_l b_l`` for vectors given as functions of the index."""
    return sp.Sum(a(_l) * b(_l), (_l, 1, D))


def norm(a: Vec) -> sp.Expr:
    """Euclidean norm ``sqrt(a^T a)``."""
    return sp.sqrt(dot(a, a))


def at_zero(expr: sp.Expr) -> sp.Subs:
    """``d/d eps expr`` at ``eps = 0``, unevaluated (a directional derivative)."""
    return sp.Subs(sp.Derivative(expr, eps), eps, 0)


def err(idx: sp.Expr) -> sp.Expr:
    """The quantization error ``c - z``, coordinate ``idx``."""
    return c[idx] - z[idx]


r = norm(err)  # ||c - z||


def unit(idx: sp.Expr) -> sp.Expr:
    """``u = (c - z)/||c - z||``: the unit direction from the encoder output to its codeword."""
    return err(idx) / r


# ------------------------------------------------------------------ definitions

definition(
    "diveq.vq",
    r"k^\star = \arg\min_{k} \lVert z - c_k \rVert, \qquad q(z) = c_{k^\star}, \qquad "
    r"\mathcal{L}_{\text{VQ-VAE}} = \lVert x - \hat x \rVert^2 "
    r"+ \lVert \mathrm{sg}[z] - c \rVert^2 + \beta\, \lVert z - \mathrm{sg}[c] \rVert^2",
    note="The codebook loss and the commitment loss of VQ-VAE (van den Oord et al. 2017).",
)

definition(
    "diveq.sg",
    r"\mathrm{sg}[y] = y \text{ in the forward pass}, \quad "
    r"\frac{\partial\, \mathrm{sg}[y]}{\partial y} = 0, \qquad "
    r"z_q^{\text{STE}} = z + \mathrm{sg}[c - z]",
)

definition(
    "diveq.def",
    r"z_q = z + \lVert c - z \rVert\, \mathrm{sg}\Big[\frac{d}{\lVert d \rVert}\Big], \qquad "
    r"d = c - z + \xi, \quad \xi \sim \mathcal{N}(0, \sigma^2 I), \qquad c = q(z)",
    note="sigma is small in the paper; sigma = 0 gives d = c - z.",
)

definition(
    "diveq.u",
    r"r = \lVert c - z \rVert, \qquad u = \frac{c - z}{r} \qquad (z \ne c)",
)

# ------------------------------------------------------------------ the straight-through estimator

claim(
    "diveq.ste",
    sp.And(
        eq(sp.Add(z[i], err(i), evaluate=False), c[i]),
        eq(at_zero(z[i] + eps * h[i] + err(i)), h[i]),
        eq(at_zero(z[i] + err(i)), 0),
    ),
    scope=GENERAL,
    latex=r"z_q^{\text{STE}} = c, \qquad "
    r"\frac{\partial z_q^{\text{STE}}}{\partial z} = I, \qquad "
    r"\frac{\partial z_q^{\text{STE}}}{\partial c} = 0",
    method=Symbolic(doit=True),
    wrong={
        "codebook Jacobian I": eq(at_zero(z[i] + err(i)), h[i]),
        "encoder Jacobian 0": eq(at_zero(z[i] + eps * h[i] + err(i)), 0),
    },
    uses=["diveq.sg"],
    source=BENGIO,
    note="Coordinate i in dimension D, direction h arbitrary: the stopped difference c - z is a "
    "constant of the backward pass. The codebook gets no gradient from the reconstruction "
    "loss, hence the codebook loss of diveq.vq.",
    compare="Jacobians of a stop-gradient expression are not parsed",
)

# ------------------------------------------------------------------ DiVeQ without noise

#: A concrete case in which the wrong variants of the symbolic-dimension claims are evaluated:
#: D = 2, coordinate 1, z = 0, c = (3, 4) (so r = 5 and u = (3/5, 4/5)), h = (1, 2).
CASE = {z[1]: 0, z[2]: 0, c[1]: 3, c[2]: 4, h[1]: 1, h[2]: 2}


def concrete(statement: sp.Eq) -> sp.Eq:
    """``statement`` in the case ``CASE`` (D = 2, i = 1): sums written out, vectors filled in.

    Derivatives stay unevaluated, so the variant still shows the step that is wrong; the
    refuter evaluates it (with ``doit``) to two different numbers.
    """

    def fill(side: sp.Expr) -> sp.Expr:
        expr = side.xreplace({D: 2, i: 1})
        expr = expr.replace(lambda e: isinstance(e, sp.Sum), lambda e: e.doit(deep=False))
        return expr.xreplace(CASE)

    return eq(fill(statement.lhs), fill(statement.rhs))


claim(
    "diveq.forward",
    eq(sp.Add(z[i], sp.Mul(r, unit(i), evaluate=False), evaluate=False), c[i]),
    scope=GENERAL,
    latex=r"z_q = z + \lVert c - z \rVert\, \frac{c - z}{\lVert c - z \rVert} = c",
    wrong={
        "direction not normalised (case D = 2, z = 0, c = (3, 4))": concrete(
            eq(z[i] + r * err(i), c[i])
        ),
        "direction from c to z (same case)": concrete(eq(z[i] - r * unit(i), c[i])),
    },
    uses=["diveq.def", "diveq.u"],
    source=DIVEQ,
    note="Coordinate i in symbolic dimension D, sigma = 0: the forward pass outputs the "
    "nearest codeword exactly, as a hard quantizer does. The wrong variants are refuted in a "
    "concrete case (D = 2, z = 0, c = (3, 4)).",
    compare="norms of indexed vectors are not parsed",
)

# z_q along z + eps h (codeword fixed) and along c + eps h (encoder output fixed); the stopped
# direction u is evaluated at the base point, so it does not depend on eps.
r_z = sp.sqrt(sp.Sum((c[_l] - z[_l] - eps * h[_l]) ** 2, (_l, 1, D)))
r_c = sp.sqrt(sp.Sum((c[_l] + eps * h[_l] - z[_l]) ** 2, (_l, 1, D)))
u_dot_h = dot(unit, lambda j: h[j])
# u (u^T h) written as (c - z) ((c - z)^T h) / ||c - z||^2: the same vector, with the sums
# outside, which is the form the derivative of the length takes.
u_uh = err(i) * dot(err, lambda j: h[j]) / dot(err, err)
jvp_z = at_zero(z[i] + eps * h[i] + r_z * unit(i))
jvp_c = at_zero(z[i] + r_c * unit(i))

claim(
    "diveq.jacobian-z",
    eq(jvp_z, h[i] - u_uh),
    scope=GENERAL,
    latex=r"\frac{d}{d\varepsilon}\, z_q(z + \varepsilon h)\Big|_{\varepsilon = 0} "
    r"= h - u\, (u^\top h) \quad\Longrightarrow\quad "
    r"\frac{\partial z_q}{\partial z} = I - u u^\top",
    wrong={
        "no stop-gradient: the output is the constant c, Jacobian 0 (case D = 2)": concrete(
            eq(at_zero(z[i] + eps * h[i] + (c[i] - z[i] - eps * h[i])), h[i] - unit(i) * u_dot_h)
        ),
        "sign: I + u u^T (case D = 2)": concrete(eq(jvp_z, h[i] + unit(i) * u_dot_h)),
    },
    uses=["diveq.def", "diveq.u"],
    source=SU,
    note="Symbolic dimension D, coordinate i, arbitrary direction h: the Jacobian applied to "
    "h. Differentiating r = ||c - z|| gives -u^T h; the stopped direction contributes "
    "nothing. Without the stop-gradient, z + r (c - z)/r is the constant c, with Jacobian 0. "
    "Variants refuted in the case D = 2, z = 0, c = (3, 4), h = (1, 2).",
    compare="a directional derivative of indexed vectors is not parsed",
)

claim(
    "diveq.jacobian-c",
    eq(jvp_c, u_uh),
    scope=GENERAL,
    latex=r"\frac{d}{d\varepsilon}\, z_q(c + \varepsilon h)\Big|_{\varepsilon = 0} "
    r"= u\, (u^\top h) \quad\Longrightarrow\quad \frac{\partial z_q}{\partial c} = u u^\top",
    wrong={
        "identity, as if straight-through (case D = 2)": concrete(eq(jvp_c, h[i])),
        "minus sign (case D = 2)": concrete(eq(jvp_c, -unit(i) * u_dot_h)),
    },
    uses=["diveq.def", "diveq.u"],
    source=SU,
    note="Symbolic dimension D, coordinate i, arbitrary h: only the length ||c - z|| depends "
    "on c in the backward pass. Variants refuted in the case D = 2, z = 0, c = (3, 4), "
    "h = (1, 2).",
    compare="a directional derivative of indexed vectors is not parsed",
)

# ------------------------------------------------------------------ what the projections do (D = 3)

W3 = sp.Matrix(sp.symbols("w_1:4", real=True))  # w = c - z
H3 = sp.Matrix(sp.symbols("h_1:4", real=True))
G3 = sp.Matrix(sp.symbols("g_1:4", real=True))
XI3 = sp.Matrix(sp.symbols("xi_1:4", real=True))
Z3 = sp.Matrix(sp.symbols("z_1:4", real=True))
R3 = sp.sqrt((W3.T * W3)[0])
U3 = W3 / R3
P3 = sp.eye(3) - U3 * U3.T
PI3 = U3 * U3.T


def _inner(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    return (a.T * b)[0]


D3 = Instance(
    "D = 3, every coordinate of c - z, h, g and xi symbolic",
    "each identity uses only the bilinearity of the inner product and u^T u = 1, the same in "
    "every dimension (the Jacobians themselves are proved in a symbolic dimension above)",
)

claim(
    "diveq.projection",
    sp.And(
        eq(sp.MatMul(P3, P3, evaluate=False), P3),
        eq(sp.MatMul(PI3, PI3, evaluate=False), PI3),
        eq(sp.MatMul(P3, U3, evaluate=False), sp.zeros(3, 1)),
        eq(sp.MatMul(P3, PI3, evaluate=False), sp.zeros(3, 3)),
    ),
    scope=D3,
    latex=r"P = I - u u^\top, \;\; \Pi = u u^\top: \quad P^2 = P, \quad \Pi^2 = \Pi, \quad "
    r"P u = 0, \quad P\, \Pi = 0, \quad P + \Pi = I",
    wrong={
        "u not normalised: (I - w w^T)^2 = I - w w^T": eq(
            sp.MatMul(sp.eye(3) - W3 * W3.T, sp.eye(3) - W3 * W3.T, evaluate=False),
            sp.eye(3) - W3 * W3.T,
        ),
        "P^2 = 0": Wrong(
            eq(sp.MatMul(P3, P3, evaluate=False), sp.zeros(3, 3)),
            at=({W3[0]: 1, W3[1]: 2, W3[2]: 2},),
        ),
    },
    uses=["diveq.jacobian-z", "diveq.jacobian-c"],
    note="P + Pi = I holds by definition. The two Jacobians are the orthogonal projections onto "
    "the complement of u and onto u.",
    compare="matrix identities written with operator names are not parsed",
)

claim(
    "diveq.backward",
    sp.And(
        eq(sp.MatMul(P3.T, G3, evaluate=False), G3 - U3 * _inner(U3, G3)),
        eq(sp.MatMul(PI3.T, G3, evaluate=False), U3 * _inner(U3, G3)),
        eq(
            _inner(P3 * G3, P3 * G3) + _inner(PI3 * G3, PI3 * G3),
            _inner(G3, G3),
        ),
    ),
    scope=D3,
    latex=r"g = \frac{\partial \mathcal{L}}{\partial z_q}: \quad "
    r"\frac{\partial \mathcal{L}}{\partial z} = P^\top g = g - (u^\top g)\, u, \quad "
    r"\frac{\partial \mathcal{L}}{\partial c} = \Pi^\top g = (u^\top g)\, u, \quad "
    r"\lVert g \rVert^2 = \Big\lVert \frac{\partial \mathcal{L}}{\partial z} \Big\rVert^2 "
    r"+ \Big\lVert \frac{\partial \mathcal{L}}{\partial c} \Big\rVert^2",
    wrong={
        "encoder gets the whole gradient": eq(sp.MatMul(P3.T, G3, evaluate=False), G3),
        "the norms add without squares": eq(
            sp.sqrt(_inner(P3 * G3, P3 * G3)) + sp.sqrt(_inner(PI3 * G3, PI3 * G3)),
            sp.sqrt(_inner(G3, G3)),
        ),
    },
    uses=["diveq.projection"],
    source=SU,
    note="The backward pass multiplies g by the transposed Jacobians, which are symmetric: the "
    "gradient is split between encoder and codebook, orthogonally.",
    compare="gradients written with operator names are not parsed",
)

# identity encoder: z = x; L = 1/2 ||z_q - x||^2; perturb c (z fixed) or z (c fixed)
_w_c = W3 + eps * H3  # c + eps h - z
_w_z = W3 - eps * H3  # c - (z + eps h)
_zq_c = sp.sqrt((_w_c.T * _w_c)[0]) * U3  # z_q - x with the codeword moved
_zq_z = eps * H3 + sp.sqrt((_w_z.T * _w_z)[0]) * U3  # z_q - x with the encoder output moved
loss_c = sp.Subs(sp.Derivative(_inner(_zq_c, _zq_c) / 2, eps), eps, 0)
loss_z = sp.Subs(sp.Derivative(_inner(_zq_z, _zq_z) / 2, eps), eps, 0)

claim(
    "diveq.kmeans",
    sp.And(eq(loss_c, _inner(H3, W3)), eq(loss_z, 0)),
    scope=D3,
    latex=r"\mathcal{L} = \tfrac12 \lVert z_q - x \rVert^2,\;\; z = x: \quad "
    r"\frac{\partial \mathcal{L}}{\partial c} = c - x "
    r"= \frac{\partial}{\partial c}\, \tfrac12 \lVert \mathrm{sg}[x] - c \rVert^2, \quad "
    r"\frac{\partial \mathcal{L}}{\partial z} = 0",
    wrong={
        "codebook gradient x - c": eq(loss_c, -_inner(H3, W3)),
        "encoder gradient c - x": eq(loss_z, _inner(H3, W3)),
    },
    uses=["diveq.backward", "diveq.vq"],
    source=VQVAE,
    note="Directional derivatives along an arbitrary h, with w = c - x symbolic. Gradient "
    "descent on the codebook is then online k-means, exactly the update of VQ-VAE's codebook "
    "loss; the encoder feels no pull.",
    compare="gradients written with operator names are not parsed",
)

# ------------------------------------------------------------------ with noise

D3N = W3 + XI3  # d = c - z + xi
DN = sp.sqrt((D3N.T * D3N)[0])
DHAT = D3N / DN
# The stopped direction is a constant of the backward pass, so the Jacobian is the same for
# any stopped vector: A stands for dhat = d/||d|| (and for u when xi = 0).
A3 = sp.Matrix(sp.symbols("a_1:4", real=True))
JN = sp.eye(3) - A3 * U3.T
_w_zn = W3 - eps * H3
noisy_jvp = sp.Matrix(
    [
        sp.Subs(sp.Derivative(entry, eps), eps, 0)
        for entry in eps * H3 + sp.sqrt((_w_zn.T * _w_zn)[0]) * A3
    ]
)
B3 = sp.Matrix(sp.symbols("b_1:4", real=True))
JB = sp.eye(3) - A3 * B3.T


claim(
    "diveq.noise-gap",
    eq(sp.Add(Z3, R3 * DHAT, -(Z3 + W3), evaluate=False), (R3 / DN - 1) * D3N + XI3),
    scope=D3,
    latex=r"z_q - c = \Big(\frac{\lVert c - z \rVert}{\lVert d \rVert} - 1\Big)\, d + \xi",
    wrong={
        "noise term dropped": eq(
            sp.Add(Z3, R3 * DHAT, -(Z3 + W3), evaluate=False), (R3 / DN - 1) * D3N
        ),
        "ratio inverted": eq(
            sp.Add(Z3, R3 * DHAT, -(Z3 + W3), evaluate=False), (DN / R3 - 1) * D3N + XI3
        ),
    },
    uses=["diveq.def"],
    source=DIVEQ,
    note="Since | ||d|| - ||c - z|| | <= ||xi||, the forward value is within 2 ||xi|| of the "
    "codeword, and equals it as sigma -> 0.",
    compare="norms of vectors are not parsed",
)

claim(
    "diveq.noise-jacobian",
    sp.And(
        eq(noisy_jvp, JN * H3),
        eq(
            sp.Add(sp.MatMul(JB, JB, evaluate=False), -JB, evaluate=False),
            (_inner(B3, A3) - 1) * A3 * B3.T,
        ),
    ),
    scope=D3,
    latex=r"J = \frac{\partial z_q}{\partial z} = I - \hat d\, u^\top, \quad "
    r"\hat d = \frac{d}{\lVert d \rVert}: \qquad J^2 - J = (u^\top \hat d - 1)\, \hat d\, u^\top",
    wrong={
        "still the orthogonal projection I - u u^T": eq(noisy_jvp, P3 * H3),
        "J^2 = J": eq(sp.MatMul(JB, JB, evaluate=False), JB),
    },
    uses=["diveq.jacobian-z", "diveq.projection"],
    source=DIVEQ,
    note="The first identity holds for any stopped direction a (here dhat); the second for any "
    "vectors a, b (here dhat, u). J is a projection only when u^T dhat = 1, i.e. when the noise "
    "does not tilt the direction; for small sigma it is an oblique projection close to "
    "I - u u^T.",
    compare="matrix identities written with operator names are not parsed",
)
