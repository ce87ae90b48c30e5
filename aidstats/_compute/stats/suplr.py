"""The sup-likelihood-ratio statistics for one change of growth in a line with AR(1) errors.

For a series ``z`` of length ``L`` the null model is a line ``a + b t`` with
AR(1) errors; the alternative at break ``k`` adds a level step and a slope
change from ``k`` on (:func:`sup_lr`, 2 degrees of freedom) or a slope change
alone, the line bending continuously at ``k`` (a hinge, 1 degree of freedom;
:func:`sup_lr_pair` returns both from the same pass). The statistic is ``2 (max_k l1(k) - l0)`` with both
log-likelihoods profiled over the AR(1) coefficient on a fixed grid
(:data:`RHO_GRID`), so the autocorrelation is re-estimated under each model
and a slow wander of the errors is not mistaken for a break. Computed for
many series at once (data and bootstrap replicates) by Frisch-Waugh: for
each grid value the whitened series is residualised on the whitened line and
the break columns of every ``k``, all in one numpy pass.

The statistic is invariant to the level, slope and scale of ``z``, so its
null distribution depends on the AR(1) coefficient alone.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["RHO_GRID", "ar1_noise", "min_p", "sup_lr", "sup_lr_pair"]

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
    """The statistic and the position of the best break for each row of ``Z`` (``(B, L)``): level and growth."""
    stat, where, _, _ = sup_lr_pair(Z, min_size)
    return stat, where


def sup_lr_pair(
    Z: np.ndarray, min_size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both statistics for each row of ``Z`` (``(B, L)``) and where each puts the break.

    Returns
    -------
    stat, where
        Change of level and growth (2 degrees of freedom), as :func:`sup_lr`.
    hinge_stat, hinge_where
        Change of growth alone, continuous at the break (1 degree of freedom).
    """
    B, length = Z.shape
    ks, P, W, A_inv, log_jac = _design(length, min_size)
    e0 = np.einsum("rab,Bb->Bra", P, Z)
    rss0 = (e0**2).sum(axis=-1)
    b = np.einsum("rkni,Brn->Brki", W, e0)
    reduction = np.einsum("Brki,rkij,Brkj->Brk", b, A_inv, b)
    hinge_reduction = b[..., 1] ** 2 / np.einsum("rkn,rkn->rk", W[..., 1], W[..., 1])[None]
    with np.errstate(divide="ignore"):
        l0 = (-length / 2 * np.log(rss0) - log_jac[None]).max(axis=1)
        out = []
        for red in (reduction, hinge_reduction):
            rss1 = np.maximum(rss0[..., None] - red, 1e-300 * np.maximum(rss0[..., None], 1e-300))
            l1 = (-length / 2 * np.log(rss1) - log_jac[None, :, None]).max(axis=1)
            out += [2 * (l1.max(axis=1) - l0), ks[l1.argmax(axis=1)]]
    return out[0], out[1], out[2], out[3]


def min_p(
    jump: float, hinge: float, null_jump: np.ndarray, null_hinge: np.ndarray
) -> tuple[float, bool]:
    """Bootstrap p-value of the two statistics tested together, and whether the hinge's is the smaller.

    Each statistic gets its bootstrap p-value; the smaller of the two is
    referred to the distribution of the same minimum over the replicates
    (each replicate's p-values from its rank among the others), so testing
    both keeps the level of one test.
    """
    B = len(null_jump)

    def p_of(stat: float, null: np.ndarray) -> float:
        return (1 + int(np.sum(null >= stat))) / (B + 1)

    p_jump, p_hinge = p_of(jump, null_jump), p_of(hinge, null_hinge)
    rank_jump = (1 + (null_jump[None, :] >= null_jump[:, None]).sum(axis=1)) / (B + 1)
    rank_hinge = (1 + (null_hinge[None, :] >= null_hinge[:, None]).sum(axis=1)) / (B + 1)
    smallest = min(p_jump, p_hinge)
    p = (1 + int(np.sum(np.minimum(rank_jump, rank_hinge) <= smallest))) / (B + 1)
    return p, p_hinge <= p_jump


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
