"""The variational bound of a linear-Gaussian model, maximised with reparameterised gradients.

The page ``posts/mathematics/probability/vae-elbo`` runs these:

* :func:`gaussian_kl_standard` -- ``D(N(mu, diag sigma^2) || N(0, I))`` from the mean and the
  log-variance, summed over the last axis (the VAE's closed-form KL term);
* :class:`LinearGaussian` -- ``z ~ N(0, 1)``, ``x | z ~ N(w z + b, s^2)``, with its exact log
  evidence, posterior and bound for a Gaussian ``q`` (plain floats);
* :func:`elbo_estimate` -- the Monte Carlo bound with ``z = mu + sigma eps`` and the KL term in
  closed form (torch, differentiable in the encoder's outputs);
* :func:`fit_encoder` -- an affine encoder ``mu(x) = a x + c``, ``ln sigma = e`` trained by Adam
  on the reparameterised bound of a data set (the exact posterior lies in this family);
* :func:`gradient_samples` and :func:`exact_gradient_variances` -- single-sample estimators of
  ``d/dmu E[(z - c)^2]``: pathwise, score-function, and score-function with the exact baseline.

References:
    D. P. Kingma, M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014,
    https://arxiv.org/abs/1312.6114.
    D. J. Rezende, S. Mohamed, D. Wierstra, "Stochastic Backpropagation and Approximate
    Inference in Deep Generative Models", ICML 2014, https://arxiv.org/abs/1401.4082.
    R. J. Williams, "Simple Statistical Gradient-Following Algorithms for Connectionist
    Reinforcement Learning", Machine Learning 8 (1992).
    S. Mohamed, M. Rosca, M. Figurnov, A. Mnih, "Monte Carlo Gradient Estimation in Machine
    Learning", JMLR 21 (2020), https://arxiv.org/abs/1906.10652.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

_LOG_2PI = math.log(2 * math.pi)


def gaussian_kl_standard(mu: Tensor, log_var: Tensor) -> Tensor:
    """``D(N(mu, diag exp(log_var)) || N(0, I))``, summed over the last axis.

    Examples:
        >>> gaussian_kl_standard(torch.zeros(3), torch.zeros(3)).item()
        0.0
        >>> gaussian_kl_standard(torch.tensor([1.0]), torch.tensor([0.0])).item()
        0.5
    """
    return 0.5 * (mu**2 + log_var.exp() - 1 - log_var).sum(-1)


@dataclass(frozen=True)
class LinearGaussian:
    """``z ~ N(0, 1)``, ``x | z ~ N(w z + b, s^2)``: every quantity of the bound in closed form."""

    w: float
    b: float
    s: float

    def log_evidence(self, x: float) -> float:
        """``ln p(x) = ln N(x; b, w^2 + s^2)``.

        Examples:
            >>> round(LinearGaussian(0.0, 0.0, 1.0).log_evidence(0.0), 6)
            -0.918939
        """
        var = self.w**2 + self.s**2
        return -0.5 * (_LOG_2PI + math.log(var)) - (x - self.b) ** 2 / (2 * var)

    def posterior(self, x: float) -> tuple[float, float]:
        """Mean and standard deviation of ``p(z | x)``.

        Examples:
            >>> [round(v, 6) for v in LinearGaussian(1.0, 0.0, 1.0).posterior(2.0)]
            [1.0, 0.707107]
        """
        var = self.w**2 + self.s**2
        return self.w * (x - self.b) / var, self.s / math.sqrt(var)

    def elbo(self, x: float, mu: float, sigma: float) -> float:
        """The bound ``L(mu, sigma)`` for ``q = N(mu, sigma^2)``, exactly.

        Examples:
            >>> m = LinearGaussian(1.5, -0.5, 0.8)
            >>> abs(m.elbo(1.0, *m.posterior(1.0)) - m.log_evidence(1.0)) < 1e-12
            True
        """
        recon = -0.5 * (_LOG_2PI + math.log(self.s**2)) - (
            (x - self.b - self.w * mu) ** 2 + self.w**2 * sigma**2
        ) / (2 * self.s**2)
        return recon - 0.5 * (mu**2 + sigma**2 - 1 - math.log(sigma**2))


def elbo_estimate(
    model: LinearGaussian, x: Tensor, mu: Tensor, log_sigma: Tensor, eps: Tensor
) -> Tensor:
    """Monte Carlo bound per data point: reconstruction at ``z = mu + sigma eps``, exact KL.

    Args:
        model: The decoder (fixed).
        x: Observations, shape ``[n]``.
        mu: Encoder means, shape ``[n]``.
        log_sigma: Encoder log standard deviations, shape ``[n]``.
        eps: Standard normal noise, shape ``[k, n]`` (``k`` samples per point).

    Returns:
        Shape ``[n]``: the average over the ``k`` samples of ``ln p(x | z)``, minus the KL term.

    Examples:
        >>> m = LinearGaussian(1.0, 0.0, 1.0)
        >>> x = torch.tensor([2.0], dtype=torch.float64)
        >>> mu, ls = torch.tensor([1.0], dtype=torch.float64), torch.tensor([0.0])
        >>> est = elbo_estimate(m, x, mu, ls.double(), torch.zeros(1, 1, dtype=torch.float64))
        >>> round(est.item(), 6)  # eps = 0: reconstruction at the mean, no spread term
        -1.918939
    """
    z = mu + log_sigma.exp() * eps  # [k, n]: broadcast over the samples
    recon = -0.5 * (_LOG_2PI + 2 * math.log(model.s)) - (x - model.w * z - model.b) ** 2 / (
        2 * model.s**2
    )
    kl = gaussian_kl_standard(mu.unsqueeze(-1), 2 * log_sigma.unsqueeze(-1))  # [n]
    return recon.mean(0) - kl


def fit_encoder(
    model: LinearGaussian,
    x: Tensor,
    steps: int = 400,
    lr: float = 0.05,
    samples: int = 8,
    generator: torch.Generator | None = None,
) -> tuple[Tensor, Tensor]:
    """Train ``mu(x) = a x + c``, ``ln sigma(x) = e`` by Adam on the reparameterised bound.

    Runs on ``x``'s device and dtype; the gradients flow through ``z = mu + sigma eps``.

    Args:
        model: The decoder (fixed).
        x: The data set, shape ``[n]``.
        steps: Adam steps.
        lr: Learning rate.
        samples: Noise samples per data point and step.
        generator: Source of the noise (on ``x``'s device).

    Returns:
        ``history`` of shape ``[steps, 2]`` (the mean estimated bound and the parameters' exact
        mean bound before each step, on the CPU) and the final ``(a, c, e)``, shape ``[3]``.

    Examples:
        >>> m = LinearGaussian(1.0, 0.0, 1.0)
        >>> x = torch.linspace(-2, 2, 5, dtype=torch.float64)
        >>> gen = torch.Generator().manual_seed(0)
        >>> hist, theta = fit_encoder(m, x, steps=300, generator=gen)
        >>> bool(abs(theta[0] - 0.5) < 0.05)  # a -> w / (w^2 + s^2)
        True
    """
    theta = torch.zeros(3, device=x.device, dtype=x.dtype, requires_grad=True)
    opt = torch.optim.Adam([theta], lr=lr)
    var = model.w**2 + model.s**2
    log_ev = (-0.5 * (_LOG_2PI + math.log(var)) - (x - model.b) ** 2 / (2 * var)).mean()
    history = torch.empty(steps, 2, dtype=torch.float64)
    for step in range(steps):
        a, c, e = theta[0], theta[1], theta[2]
        mu = a * x + c
        log_sigma = e.expand_as(x)
        eps = torch.randn(samples, x.numel(), generator=generator, device=x.device, dtype=x.dtype)
        bound = elbo_estimate(model, x, mu, log_sigma, eps).mean()
        with torch.no_grad():
            sig = e.exp()
            exact_gap = (
                0.5
                * (
                    (mu - model.w * (x - model.b) / var) ** 2 * var / model.s**2
                    + sig**2 * var / model.s**2
                    - 1
                    - torch.log(sig**2 * var / model.s**2)
                ).mean()
            )  # D(q || posterior), averaged over the data
            history[step, 0] = bound.item()
            history[step, 1] = (log_ev - exact_gap).item()
        opt.zero_grad()
        (-bound).backward()
        opt.step()
    return history, theta.detach()


def gradient_samples(
    mu: float,
    sigma: float,
    c: float,
    num: int,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
    generator: torch.Generator | None = None,
) -> dict[str, Tensor]:
    """``num`` single-sample estimates of ``d/dmu E_{N(mu, sigma^2)}[(z - c)^2]`` by autograd.

    ``rep``: differentiate ``f(mu + sigma eps)`` through the sample; ``sf``: ``f(z)`` times the
    gradient of ``ln q(z)`` with ``z`` held fixed; ``sf_base``: the same with the exact mean
    ``E_q f = (mu - c)^2 + sigma^2`` subtracted from ``f(z)``.

    Examples:
        >>> g = gradient_samples(1.0, 0.5, 0.0, 200_000, generator=torch.Generator().manual_seed(0))
        >>> [round(v.mean().item(), 1) for v in g.values()]  # all unbiased for 2 (mu - c) = 2
        [2.0, 2.0, 2.0]
    """
    eps = torch.randn(num, generator=generator, device=device, dtype=dtype)
    mus = torch.full((num,), mu, device=device, dtype=dtype, requires_grad=True)  # one per sample
    z = mus + sigma * eps
    (rep,) = torch.autograd.grad(((z - c) ** 2).sum(), mus)
    z_fixed = z.detach()
    f = (z_fixed - c) ** 2
    log_q = -0.5 * ((z_fixed - mus) / sigma) ** 2  # the normalising constant is free of mu
    (score,) = torch.autograd.grad(log_q.sum(), mus)
    baseline = (mu - c) ** 2 + sigma**2
    return {"rep": rep, "sf": f * score, "sf_base": (f - baseline) * score}


def exact_gradient_variances(mu: float, sigma: float, c: float) -> dict[str, float]:
    """The exact variances of the three estimators of :func:`gradient_samples`.

    Examples:
        >>> exact_gradient_variances(0.0, 1.0, 0.0)
        {'rep': 4.0, 'sf': 15.0, 'sf_base': 10.0}
    """
    a = mu - c
    return {
        "rep": 4 * sigma**2,
        "sf": a**4 / sigma**2 + 14 * a**2 + 15 * sigma**2,
        "sf_base": 8 * a**2 + 10 * sigma**2,
    }
