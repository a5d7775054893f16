#!/usr/bin/env python3
"""Oracle for test/corpus/linalg-probability/sheet.hw: every value of the sheet from NumPy (and PyTorch
autograd where a derivative is asked), and, for each step that follows from a planted mistake, the value
the writer's own numbers give. It also checks the sheet's written digits: correct lines match the truth
(within half a unit of the last written digit under ≈), planted mistakes are wrong beyond rounding,
follow-through steps match the writer's values and not the truth.
Run: /usr/bin/python3 oracle.py > oracle.json"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hwclaims import FAILURES, VALUES, close, finish, follows, holds, ok, wrong, wrong_entry  # noqa: E402

# --- the sheet ---
from math import comb, log, pi

import torch

col = lambda *v: np.array(v, dtype=float).reshape(-1, 1)
row = lambda *v: np.array(v, dtype=float).reshape(1, -1)

# Problem 1: products and transposes
A = np.array([[2, -1, 0.5], [1, 3, -2]])
B = np.array([[1, 0.5], [-2, 1], [0, 4]])
x = col(0.5, -1, 2)
AB, BA = A @ B, B @ A
ok('p1.AB', AB, '[4, 2; -5, -4.5]')
wrong_entry('p1.BA', BA, '[2.5, 0.5, -0.5; -3, 5, -1; 4, 12, -8]', (2, 3))  # planted: -1 - 2 written -1
BA_w = np.array([[2.5, 0.5, -0.5], [-3, 5, -1], [4, 12, -8]])
ok('p1.trace_AB', np.trace(AB), '-0.5')
ok('p1.shape_BA', row(*BA.shape), '[3, 3]')
ok('p1.ABT', AB.T, '[4, -5; 2, -4.5]')
ok('p1.BTAT', B.T @ A.T, '[4, -5; 2, -4.5]')
Ax = A @ x
ok('p1.Ax', Ax, '[3; -6.5]')
ok('p1.Ax.terms', col(1 + 1 + 1, 0.5 - 3 - 4), '[3; -6.5]')
ok('p1.AxT', Ax.T, '[3, -6.5]')
ok('p1.xTAT', x.T @ A.T, '[3, -6.5]')
# planted: xᵀ A written for xᵀ Aᵀ; a 1×3 times a 2×3 has no product
try:
    x.T @ A
    FAILURES.append('p1.xTA: xᵀ A should have no product')
except ValueError:
    VALUES['p1.xTA.shapes'] = [list(x.T.shape), list(A.shape)]
follows('p1.BAx', BA @ x, BA_w @ x, '[-0.25; -8.5; -26]')
ok('p1.B_Ax', B @ Ax, '[-0.25; -12.5; -26]')
ok('p1.xTx', (x.T @ x).item(), '5.25')
ok('p1.norm_x', np.linalg.norm(x), '2.2913', '≈')
G = A @ A.T
ok('p1.G', G, '[5.25, -2; -2, 14]')
ok('p1.det_G', np.linalg.det(G), '69.5')
ok('p1.norm_A', np.linalg.norm(A, 'fro'), '4.3875', '≈')
ok('p1.norm_A.trace', np.sqrt(np.trace(G)), '4.3875', '≈')

# Problem 2: determinants, inverses, a linear system
M = np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
c = col(1, 2, 3)
detM = np.linalg.det(M)
ok('p2.detM.cofactors', 2 * (3 * 4 - 1 * 1) - 1 * (1 * 4 - 1 * 0) + 0, '18')
wrong('p2.detM', detM, '26')  # planted: the cofactor sign of the (1,2) term, + instead of -
VALUES['p2.detM.step'] = 2 * (3 * 4 - 1 * 1) + 1 * (1 * 4 - 1 * 0) + 0
detM_w = 26
follows('p2.detM.sum', detM, 22 + 4, '26')
follows('p2.det2M', np.linalg.det(2 * M), 2**3 * detM_w, '208')
follows('p2.detMinv', np.linalg.det(np.linalg.inv(M)), 1 / detM_w, '0.03846', '≈')
follows('p2.det_MTM', np.linalg.det(M.T @ M), detM_w**2, '676')
Minv = np.linalg.inv(M)
ok('p2.Minv', Minv, None)
ok('p2.M_adj', M @ np.array([[11, -4, 1], [-4, 8, -2], [1, -2, 5]]), '[18, 0, 0; 0, 18, 0; 0, 0, 18]')
ok('p2.Minv.adjugate', np.array([[11, -4, 1], [-4, 8, -2], [1, -2, 5]]) / 18 - Minv, '[0, 0, 0; 0, 0, 0; 0, 0, 0]')
ok('p2.Minv.rounded', Minv, '[0.6111, -0.2222, 0.0556; -0.2222, 0.4444, -0.1111; 0.0556, -0.1111, 0.2778]', '≈')
xs = np.linalg.solve(M, c)
ok('p2.xs', xs, '[0.3333; 0.3333; 0.6667]', '≈')
ok('p2.M_xs', M @ xs, '[1; 2; 3]')
ok('p2.x1.cramer', np.linalg.det(np.hstack([c, M[:, 1:]])) / 18, '0.3333', '≈')
ok('p2.x3.cramer', np.linalg.det(np.hstack([M[:, :2], c])) / 18, '0.6667', '≈')
C = np.array([[0.6, 0.2], [0.4, 0.9]])
ok('p2.det_C', np.linalg.det(C), '0.46')
ok('p2.det_C.terms', 0.54 - 0.08, '0.46')
Cinv = np.linalg.inv(C)
wrong_entry('p2.Cinv', Cinv, '[1.9565, 0.4348; -0.8696, 1.3043]', (1, 2))  # planted: the sign of -0.2/0.46 lost
Cinv_w = np.array([[1.9565, 0.4348], [-0.8696, 1.3043]])
ok('p2.Cinv_e1', Cinv @ col(1, 0), '[1.9565; -0.8696]', '≈')
follows('p2.Cinv_e2', Cinv @ col(0, 1), Cinv_w @ col(0, 1), '[0.4348; 1.3043]', '≈')
follows('p2.Cinv_ones', Cinv @ col(1, 1), Cinv_w @ col(1, 1), '[2.3913; 0.4347]', '≈')
ok('p2.Cinv_C', Cinv @ C, '[1, 0; 0, 1]')
ok('p2.inv_CT', np.linalg.inv(C.T) - Cinv.T, '[0, 0; 0, 0]')

# Problem 3: norms, angles, projections
u, v = col(1, 2, 2), col(3, 0, 4)
ok('p3.dot', (u.T @ v).item(), '11')
ok('p3.norm_u', np.linalg.norm(u), '3')
ok('p3.norm_v', np.linalg.norm(v), '5')
ok('p3.cos', (u.T @ v).item() / 15, '0.7333', '≈')
holds('p3.cauchy_schwarz', abs((u.T @ v).item()) <= 15)
ok('p3.norm_u_plus_v', np.linalg.norm(u + v), '7.4833', '≈')
holds('p3.triangle', np.linalg.norm(u + v) <= 8)
ok('p3.l1_v', np.abs(v).sum(), '7')
ok('p3.linf_v', np.abs(v).max(), '4')
pr = (u.T @ v) / (u.T @ u) * u
ok('p3.p', pr, '[1.2222; 2.4444; 2.4444]', '≈')
r = v - pr
ok('p3.r', r, '[1.7778; -2.4444; 1.5556]', '≈')
ok('p3.uTr', (u.T @ r).item(), '0')
ok('p3.norm_r', np.linalg.norm(r), '3.3993', '≈')
ok('p3.pythagoras', np.linalg.norm(pr) ** 2 + np.linalg.norm(r) ** 2, '25')
Q = np.array([[1, 0], [1, 1], [0, 1]])
QtQ = Q.T @ Q
ok('p3.QtQ', QtQ, '[2, 1; 1, 2]')
ok('p3.inv_QtQ', np.linalg.inv(QtQ) - np.array([[2, -1], [-1, 2]]) / 3, '[0, 0; 0, 0]')
Pq = Q @ np.linalg.inv(QtQ) @ Q.T
ok('p3.Pq', Pq, '[0.6667, 0.3333, -0.3333; 0.3333, 0.6667, 0.3333; -0.3333, 0.3333, 0.6667]', '≈')
ok('p3.Pq_idempotent', Pq @ Pq - Pq, '[0, 0, 0; 0, 0, 0; 0, 0, 0]')
wrong('p3.trace_Pq', np.trace(Pq), '3')  # planted: the trace of a projection is its rank, 2, not n = 3
Pv = Pq @ v
ok('p3.Pv', Pv, '[0.6667; 2.3333; 1.6667]', '≈')
ok('p3.QT_residual', Q.T @ (v - Pv), '[0; 0]')
ok('p3.dist', np.linalg.norm(v - Pv), '4.0415', '≈')

# Problem 4: eigenvalues of a symmetric matrix, power iteration
S = np.array([[4, 1], [1, 3]])
ok('p4.tr', np.trace(S), '7')
ok('p4.dt', np.linalg.det(S), '11')
lam2, lam1 = np.linalg.eigvalsh(S)
ok('p4.lam1', lam1, '4.6180', '≈')
ok('p4.lam2', lam2, '2.3820', '≈')
# squared from the rounded 4.6180 as written: right for the writer's digits, not for the unrounded eigenvalue
follows('p4.lam1_squared', lam1**2, 4.6180**2, '21.3259', '≈')
close('p4.lam_sum', lam1 + lam2, 7)
close('p4.lam_prod', lam1 * lam2, 11)
q1 = col(1, lam1 - 4)
ok('p4.q1', q1, '[1; 0.6180]', '≈')
close('p4.Sq1', S @ q1, lam1 * q1)
ok('p4.q1_unit', q1 / np.linalg.norm(q1), '[0.8507; 0.5257]', '≈')
ok('p4.q1_unit.eigh', np.abs(np.linalg.eigh(S)[1][:, [1]]), '[0.8507; 0.5257]', '≈')
y1 = S @ col(1, 0)
ok('p4.y1', y1, '[4; 1]')
y2 = S @ y1
ok('p4.y2', y2, '[17; 7]')
y3 = S @ y2
ok('p4.y3.terms', col(68 + 7, 17 + 21), '[75; 38]')
wrong_entry('p4.y3', y3, '[75; 28]', (2, 1))  # planted: 17 + 21 written 28
y3_w = col(75, 28)
follows('p4.y3_unit', y3 / np.linalg.norm(y3), y3_w / np.linalg.norm(y3_w), '[0.9368; 0.3498]', '≈')
follows('p4.rq', (y3.T @ S @ y3).item() / (y3.T @ y3).item(), (y3_w.T @ S @ y3_w).item() / (y3_w.T @ y3_w).item(),
        '4.5330', '≈')
ok('p4.ratio_cubed', (lam2 / lam1) ** 3, '0.1372', '≈')

# Problem 5: Bayes' rule
prev, sens, spec = 0.01, 0.95, 0.90
p_pos = sens * prev + (1 - spec) * (1 - prev)
ok('p5.p_pos.terms', 0.0095 + 0.099, '0.1085')
wrong('p5.p_pos', p_pos, '0.1058')  # planted: 0.1085 written 0.1058
p_pos_w = 0.1058
post = sens * prev / p_pos
post_w = sens * prev / p_pos_w
follows('p5.post', post, post_w, '0.0898', '≈')
holds('p5.post_lt', post < 0.1)
follows('p5.p_neg', 1 - p_pos, 1 - p_pos_w, '0.8942')
follows('p5.npv', spec * (1 - prev) / (1 - p_pos), spec * (1 - prev) / (1 - p_pos_w), '0.9964', '≈')
LR = sens / (1 - spec)
ok('p5.LR', LR, '9.5')
prior_odds = prev / (1 - prev)
ok('p5.prior_odds', prior_odds, '0.010101', '≈')
ok('p5.post_odds', LR * prior_odds, '0.09596', '≈')
ok('p5.post_from_odds', LR * prior_odds / (1 + LR * prior_odds), '0.08756', '≈')
post2 = lambda pp: sens * pp / (sens * pp + (1 - spec) * (1 - pp))
follows('p5.post2', post2(post), [post2(0.0898), post2(post_w)], '0.4838', '≈')
holds('p5.post2_gt_post', post2(post) > post)

# Problem 6: expectation, variance, covariance
xv, pv = col(0, 1, 2, 5), row(0.1, 0.4, 0.3, 0.2)
ok('p6.sum_ps', pv.sum(), '1')
EX = (pv @ xv).item()
ok('p6.EX', EX, '2')
ok('p6.EX.terms', 0 + 0.4 + 0.6 + 1, '2')
EX2 = (pv @ (xv * xv)).item()
ok('p6.EX2', EX2, '6.6')
ok('p6.EX2.terms', 0 + 0.4 + 1.2 + 5, '6.6')
VarX = EX2 - EX**2
ok('p6.VarX.terms', 6.6 - 4, '2.6')
wrong('p6.VarX', VarX, '2.4')  # planted: 6.6 - 4 written 2.4
follows('p6.sdX', np.sqrt(VarX), np.sqrt(2.4), '1.5492', '≈')
ok('p6.E_3X_plus_2', 3 * EX + 2, '8')
follows('p6.VarY', 9 * VarX, 9 * 2.4, '21.6')
Z = np.array([[1.0, 2.1], [2.0, 3.9], [3.0, 6.2], [4.0, 7.8]])
mu = Z.mean(axis=0, keepdims=True)
ok('p6.mu', mu, '[2.5, 5]')
Zc = Z - mu
ok('p6.Zc', Zc, '[-1.5, -2.9; -0.5, -1.1; 0.5, 1.2; 1.5, 2.8]')
Cov = np.cov(Z.T)
ok('p6.Cov', Cov, '[1.6667, 3.2333; 3.2333, 6.3]', '≈')
ok('p6.Cov.formula', Zc.T @ Zc / 3, '[1.6667, 3.2333; 3.2333, 6.3]', '≈')
ok('p6.cov12', Cov[0, 1], '3.2333', '≈')
ok('p6.rho', np.corrcoef(Z.T)[0, 1])  # 0.99781
VALUES['p6.rho.formula'] = Cov[0, 1] / np.sqrt(5 / 3 * 6.3)
VALUES['p6.rho.step'] = 3.2333 / 3.4404
# planted: sqrt(10.5) = 3.2404 copied as 3.4404; the step is wrong beyond ≈'s 10^-3 between expressions
if abs(3.2333 / 3.4404 - VALUES['p6.rho']) <= 1e-3 * abs(VALUES['p6.rho']):
    FAILURES.append('p6.rho.step: the planted step 3.2333 / 3.4404 is not wrong')
follows('p6.rho.written', Cov[0, 1] / np.sqrt(5 / 3 * 6.3), 3.2333 / 3.4404, '0.9398', '≈')

# Problem 7: binomial and geometric laws
n, p = 10, 0.3
q = 1 - p
ok('p7.q', q, '0.7')
ok('p7.comb', comb(10, 3), '120')
ok('p7.comb.formula', 10 * 9 * 8 / 6, '120')
wrong('p7.q7', q**7, '0.0834', '≈')  # planted: 0.08235 written 0.0834
binom = lambda k: comb(n, k) * p**k * q ** (n - k)
follows('p7.P3', binom(3), comb(10, 3) * p**3 * 0.0834, '0.2702', '≈')
ok('p7.P0', binom(0), '0.02825', '≈')
ok('p7.P1', binom(1), '0.1211', '≈')
ok('p7.P_le1', binom(0) + binom(1), '0.1493', '≈')
ok('p7.P_ge2', 1 - binom(0) - binom(1), '0.8507', '≈')
ok('p7.P_ge2.sum', sum(binom(k) for k in range(2, 11)), '0.8507', '≈')
ok('p7.mean', n * p, '3')
ok('p7.var', n * p * q, '2.1')
ok('p7.P_ge1', 1 - q**n, '0.9718', '≈')
ok('p7.mode', np.floor((n + 1) * p), '3')
ok('p7.mode.argmax', max(range(11), key=binom), '3')
s = 0.2
geo = lambda k: (1 - s) ** (k - 1) * s
ok('p7.geo4', geo(4), '0.1024')
ok('p7.EN', 1 / s, '5')
ok('p7.EN.sum', sum(k * geo(k) for k in range(1, 2000)), '5')
VarN = (1 - s) / s**2
ok('p7.VarN.terms', 0.8 / 0.04, '20')
wrong('p7.VarN', VarN, '2')  # planted: 0.8 / 0.04 written 2
ok('p7.VarN.sum', sum(k * k * geo(k) for k in range(1, 2000)) - 25, '20')
follows('p7.sdN', np.sqrt(VarN), np.sqrt(2), '1.414', '≈')
ok('p7.P_gt5', (1 - s) ** 5, '0.32768')
ok('p7.memoryless', (1 - s) ** 8 / (1 - s) ** 3, '0.32768')
ok('p7.trials_real', log(1 - 0.9) / log(1 - s), '10.32', '≈')
ok('p7.min_trials', next(N for N in range(1, 100) if 1 - (1 - s) ** N >= 0.9), '11')

# Problem 8: entropy, KL divergence, mutual information
pp, qq = row(0.5, 0.25, 0.125, 0.125), row(0.25, 0.25, 0.25, 0.25)
Hp = -(pp * np.log2(pp)).sum()
ok('p8.Hp', Hp, '1.75')
ok('p8.Hp.terms', 0.5 + 0.5 + 0.375 + 0.375, '1.75')
ok('p8.Hq', -(qq * np.log2(qq)).sum(), '2')
Hpq = -(pp * np.log2(qq)).sum()
ok('p8.Hpq', Hpq, '2')
ok('p8.KL', (pp * np.log2(pp / qq)).sum(), '0.25')
ok('p8.KL.difference', Hpq - Hp, '0.25')
kl_nats = torch.nn.functional.kl_div(torch.tensor(np.log(qq)), torch.tensor(pp), reduction='sum').item()
ok('p8.KL.torch', kl_nats / log(2), '0.25')
ok('p8.Hp_nats', -(pp * np.log(pp)).sum(), '1.2130', '≈')
ok('p8.Hp_nats_to_bits', -(pp * np.log(pp)).sum() / log(2), '1.75')
ok('p8.binary_entropy', -0.1 * np.log2(0.1) - 0.9 * np.log2(0.9), '0.4690', '≈')
ok('p8.cross_entropy', -log(0.7), '0.3567', '≈')
Pj = np.array([[0.3, 0.1], [0.2, 0.4]])
px, py = Pj.sum(axis=1, keepdims=True), Pj.sum(axis=0, keepdims=True)
ok('p8.px', px, '[0.4; 0.6]')
ok('p8.py', py, '[0.5, 0.5]')
HX = -(px * np.log2(px)).sum()
ok('p8.HX', HX, '0.9710', '≈')
ok('p8.HY', -(py * np.log2(py)).sum(), '1')
HXY = -(Pj * np.log2(Pj)).sum()
wrong('p8.HXY', HXY, '1.8646', '≈')  # planted: 1.8464 written 1.8646
follows('p8.I', HX + 1 - HXY, [0.9710 + 1 - 1.8646, HX + 1 - 1.8646], '0.106', '≈')
follows('p8.HY_given_X', HXY - HX, [1.8646 - 0.9710, 1.8646 - HX], '0.894', '≈')
ok('p8.I.direct', (Pj * np.log2(Pj / (px @ py))).sum(), None)
close('p8.I.check', (Pj * np.log2(Pj / (px @ py))).sum(), HX + 1 - HXY, 1e-12)
ok('p8.p_y_given_x1', Pj[[0], :] / px[0, 0], '[0.75, 0.25]')
ok('p8.phi0', 1 / np.sqrt(2 * pi), '0.3989', '≈')
ok('p8.phi1_5', np.exp(-(1.5**2) / 2) / np.sqrt(2 * pi), '0.1295', '≈')

finish()
