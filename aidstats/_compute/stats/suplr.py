"""The sup-likelihood-ratio statistic for one change of level and growth in a line with AR(1) errors.

For a series ``z`` of length ``L`` the null model is a line ``a + b t`` with
AR(1) errors; the alternative at break ``k`` adds a level step and a slope
change from ``k`` on. The statistic is ``2 (max_k l1(k) - l0)`` with both
log-likelihoods profiled over the AR(1) coefficient on a fixed grid
(:data:`RHO_GRID`), so the autocorrelation is re-estimated under each model
and a slow wander of the errors is not mistaken for a break. Computed for
many series at once (data and bootstrap replicates) by Frisch-Waugh: for
each grid value the whitened series is residualised on the whitened line and
the two break columns of every ``k``, all in one numpy pass.

The statistic is invariant to the level, slope and scale of ``z``, so its
null distribution depends on the AR(1) coefficient alone.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["RHO_GRID", "ar1_noise", "sup_lr"]

#: AR(1) coefficients over which both log-likelihoods are profiled.
RHO_GRID = np.linspace(-0.6, 0.98, 33)


@functools.lru_cache(maxsize=64)
def _design(length: int, min_size: int) -> tuple[np.ndarray, ...]:
    """Per grid value: whitening then line-residualising map P, break columns W, (W'W)^-1, log-Jacobian."""
    t = np.arange(length, dtype=float)
    rho = RHO_GRID
    R = len(rho)
    s = np.sqrt(1 - rho**2)
    T = np.zeros((R, length, length))
    T[:, 0, 0] = 1.0
    i = np.arange(1, length)
    T[:, i, i] = 1 / s[:, None]
    T[:, i, i - 1] = -rho[:, None] / s[:, None]
    line = T @ np.stack([np.ones(length), t], axis=1)
    Q, _ = np.linalg.qr(line)
    P = (np.eye(length)[None] - Q @ np.swapaxes(Q, 1, 2)) @ T
    ks = np.arange(min_size, length - min_size + 1)
    step = (t[None, :] >= ks[:, None]).astype(float)
    hinge = np.maximum(t[None, :] - ks[:, None], 0.0)
    W = np.einsum("rab,kbd->rkad", P, np.stack([step, hinge], axis=-1))
    A_inv = np.linalg.inv(np.einsum("rkni,rknj->rkij", W, W))
    log_jacobian = (length - 1) * np.log(s)
    return ks, P, W, A_inv, log_jacobian


def sup_lr(Z: np.ndarray, min_size: int) -> tuple[np.ndarray, np.ndarray]:
    """The statistic and the position of the best break for each row of ``Z`` (``(B, L)``)."""
    B, length = Z.shape
    ks, P, W, A_inv, log_jac = _design(length, min_size)
    e0 = np.einsum("rab,Bb->Bra", P, Z)
    rss0 = (e0**2).sum(axis=-1)
    b = np.einsum("rkni,Brn->Brki", W, e0)
    reduction = np.einsum("Brki,rkij,Brkj->Brk", b, A_inv, b)
    rss1 = np.maximum(rss0[..., None] - reduction, 1e-300 * np.maximum(rss0[..., None], 1e-300))
    with np.errstate(divide="ignore"):
        l0 = (-length / 2 * np.log(rss0) - log_jac[None]).max(axis=1)
        l1 = (-length / 2 * np.log(rss1) - log_jac[None, :, None]).max(axis=1)
    best = l1.argmax(axis=1)
    return 2 * (l1.max(axis=1) - l0), ks[best]


def ar1_noise(rho: float, size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Stationary Gaussian AR(1) series with unit variance, one per row."""
    B, length = size
    rho = float(np.clip(rho, -0.99, 0.99))
    e = rng.standard_normal((B, length))
    u = np.empty((B, length))
    u[:, 0] = e[:, 0]
    scale = np.sqrt(1 - rho**2)
    for i in range(1, length):
        u[:, i] = rho * u[:, i - 1] + scale * e[:, i]
    return u
