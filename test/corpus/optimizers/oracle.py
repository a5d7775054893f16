#!/usr/bin/env python3
"""Oracle for test/corpus/optimizers/sheet.hw: every value of the sheet from NumPy and PyTorch autograd,
and, for each step that follows from a planted mistake, the value the writer's own numbers give.
It also checks the sheet's written digits: correct lines match the truth (within half a unit of the
last written digit under ≈), planted mistakes are wrong beyond rounding, follow-through steps match
the writer's values and not the truth. Run: /usr/bin/python3 oracle.py > oracle.json"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hwclaims import (  # noqa: E402
    VALUES,
    close,
    finish,
    follows,
    follows_relation,
    holds,
    jsonable,
    ok,
    wrong,
    wrong_entry,
)

# --- the sheet ---
import torch

torch.set_default_dtype(torch.float64)


def t(x):
    return torch.tensor(np.asarray(x, dtype=float))


def grad(fn, x):
    """Gradient of the scalar fn(x) with respect to x, by PyTorch autograd."""
    xt = t(x).clone().requires_grad_(True)
    fn(xt).backward()
    return xt.grad.numpy()


col = lambda *v: np.array(v, dtype=float).reshape(-1, 1)

# Problem 1: gradient descent on f(w) = 1/2 wᵀ A w - bᵀ w
A = np.array([[3, 0.5], [0.5, 1]])
b = col(1, -2)
w0 = col(0.8, -0.5)
lr = 0.1
At, bt = t(A), t(b)
f = lambda w: (0.5 * w.T @ A @ w - b.T @ w).item()
ft = lambda w: (0.5 * w.T @ At @ w - bt.T @ w).sum()
ok('p1.f0', f(w0), '-0.915')
ok('p1.w0TAw0', (w0.T @ A @ w0).item(), '1.77')
ok('p1.bTw0', (b.T @ w0).item(), '1.8')
ok('p1.Aw0', A @ w0, '[2.15; -0.1]')
g0 = grad(ft, w0)
ok('p1.g0', A @ w0 - b, '[1.15; 1.9]')
ok('p1.df0_dw0', g0, '[1.15; 1.9]')
wrong('p1.g0g0T', g0 @ g0.T, '4.9325')  # planted: the outer product written as the squared norm
follows('p1.norm0', np.sqrt(g0 @ g0.T), np.sqrt(4.9325), '2.221', '≈')
ok('p1.norm_g0', np.linalg.norm(g0), '2.221', '≈')
w1 = w0 - lr * g0
ok('p1.lr_g0', lr * g0, '[0.115; 0.19]')
ok('p1.w1', w1, '[0.685; -0.69]')
ok('p1.f1', f(w1), '-1.3594', '≈')
ok('p1.f1_minus_f0', f(w1) - f(w0), '-0.4444', '≈')
holds('p1.f1_lt_f0', f(w1) < f(w0))
df1_dw0 = grad(lambda w: ft(w - lr * (At @ w - bt)), w0)  # f1 through w1 = w0 - lr (A w0 - b)
ok('p1.df1_dw0', df1_dw0, '[0.414375; 1.45175]')
ok('p1.df1_dw0.formula', (np.eye(2) - lr * A) @ (A @ w1 - b), '[0.414375; 1.45175]')
g1 = A @ w1 - b
wrong_entry('p1.g1', g1, '[0.71; 1.6255]', (2, 1))  # planted: digits swapped, 1.6525 -> 1.6255
g1_w = col(0.71, 1.6255)
w2, w2_w = w1 - lr * g1, w1 - lr * g1_w
follows('p1.w2', w2, w2_w, '[0.614; -0.85255]')
follows('p1.f2', f(w2), f(w2_w), '-1.6519', '≈')
g2, g2_w = A @ w2 - b, A @ w2_w - b
follows('p1.g2', g2, g2_w, '[0.415725; 1.45445]')
follows('p1.w3', w2 - lr * g2, w2_w - lr * g2_w, '[0.5724; -0.9980]', '≈')
D = np.linalg.det(A)
ok('p1.det_by_hand', 3 * 1 - 0.5 * 0.5, None)
wrong('p1.D', D, '2.5')  # planted: 3 - 0.25 written 2.5
D_w = 2.5
Ainv, Ainv_w = np.linalg.inv(A), 1 / D_w * np.array([[1, -0.5], [-0.5, 3]])
follows('p1.Ainv', Ainv, Ainv_w, '[0.4, -0.2; -0.2, 1.2]')
ws, ws_w = Ainv @ b, Ainv_w @ b
follows('p1.w_star', ws, ws_w, '[0.8; -2.6]')
# -3 is within half a unit of the true -2.727..: rounded and following at once; the teacher's verdict is follows
follows('p1.f_star', (-0.5 * b.T @ ws).item(), (-0.5 * b.T @ ws_w).item(), '-3', rounded_too=True)
tr = np.trace(A)
ok('p1.tr', tr, '4')
disc = tr**2 - 4 * D
ok('p1.disc', disc, '5')
ok('p1.disc_by_hand', 16 - 11, '5')
eig = np.linalg.eigvalsh(A)
lam_max, lam_min = eig[1], eig[0]
ok('p1.lam_max', (tr + np.sqrt(disc)) / 2, '3.1180', '≈')
ok('p1.lam_max.eig', lam_max, '3.1180', '≈')
ok('p1.lam_min', lam_min, '0.8820', '≈')
close('p1.lam_product', lam_max * lam_min, D)
kappa = lam_max / lam_min
wrong('p1.kappa', kappa, '3.353', '≈')  # planted: 3.535 written 3.353
kappa_w = 3.353
follows('p1.rate', (kappa - 1) / (kappa + 1), (kappa_w - 1) / (kappa_w + 1), '0.5405', '≈')
ok('p1.rate_check', (lam_max - lam_min) / (lam_max + lam_min), '0.5590', '≈')
ok('p1.lr_max', 2 / lam_max, '0.6414', '≈')
holds('p1.lr_lt_lr_max', lr < 2 / lam_max)
ok('p1.lr_opt', 2 / (lam_max + lam_min), '0.5')
contraction = 1 - lr * lam_min
ok('p1.contraction', contraction, '0.9118', '≈')
ok('p1.iters', np.ceil(np.log(1e-3) / np.log(contraction)), '75')
ok('p1.iters.check', np.ceil(np.log(1e-3) / np.log(0.9118)), '75')  # also with the rounded contraction
# the power from the rounded 0.9118 as written: right for the writer's digits only (documented as follows)
follows('p1.contraction_75', contraction**75, 0.9118**75, '9.828e-4', '≈')
holds('p1.contraction_75_lt', contraction**75 < 1e-3 and 0.9118**75 < 1e-3)

# Problem 2: heavy-ball and Nesterov momentum on f(w) = 1/2 wᵀ H w
H = np.diag([5, 0.5])
w0, v0, lr, beta = col(1, 2), col(0, 0), 0.15, 0.8
fq = lambda w: (0.5 * w.T @ H @ w).item()
ok('p2.f0', fq(w0), '3.5')
ok('p2.g0', grad(lambda w: 0.5 * (w.T @ t(H) @ w).sum(), w0), '[5; 1]')
g0 = H @ w0
v1 = beta * v0 - lr * g0
ok('p2.v1', v1, '[-0.75; -0.15]')
w1 = w0 + v1
ok('p2.w1', w1, '[0.25; 1.85]')
ok('p2.f1', fq(w1), '1.0119', '≈')
g1 = H @ w1
ok('p2.g1', g1, '[1.25; 0.925]')
ok('p2.v2.terms', np.array([[-0.6 - 0.1875], [-0.12 - 0.13875]]), '[-0.7875; -0.25875]')
v2 = beta * v1 - lr * g1
wrong_entry('p2.v2', v2, '[-0.4125; -0.25875]', (1, 1))  # planted: -0.6 - 0.1875 written -0.4125
v2_w = col(-0.4125, -0.25875)
w2, w2_w = w1 + v2, w1 + v2_w
follows('p2.w2', w2, w2_w, '[-0.1625; 1.59125]')
follows('p2.f2', fq(w2), fq(w2_w), '0.6990', '≈')
g2, g2_w = H @ w2, H @ w2_w
follows('p2.g2', g2, g2_w, '[-0.8125; 0.795625]')
follows('p2.v3', beta * v2 - lr * g2, beta * v2_w - lr * g2_w, '[-0.208125; -0.32634375]')
w_look = w1 + beta * v1
ok('p2.w_look', w_look, '[-0.35; 1.73]')
g_look = H @ w_look
ok('p2.g_look', g_look, '[-1.75; 0.865]')
v2n = beta * v1 - lr * g_look
ok('p2.v2n', v2n, '[-0.3375; -0.24975]')
w2n = w1 + v2n
ok('p2.w2n', w2n, '[-0.0875; 1.60025]')
ok('p2.f2n', fq(w2n), '0.6593', '≈')
holds('p2.f2n_lt_f1', fq(w2n) < fq(w1))
ok('p2.lr_eff', lr / (1 - beta), '0.75')
holds('p2.lr_eff_gt', lr / (1 - beta) > 2 / 5)
ok('p2.hb_bound', 2 * (1 + beta) / 5, '0.72')
holds('p2.lr_lt_bound', lr < 2 * (1 + beta) / 5)
kappa = 5 / 0.5
ok('p2.kappa', kappa, '10')
beta_opt = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
wrong('p2.beta_opt', beta_opt, '0.2698', '≈')  # planted: 0.26987 truncated, not rounded
follows('p2.rate_hb', np.sqrt(beta_opt), np.sqrt(0.2698), '0.5194', '≈')
ok('p2.lr_opt', 4 / (np.sqrt(5) + np.sqrt(0.5)) ** 2, '0.4618', '≈')
rate_gd = (kappa - 1) / (kappa + 1)
ok('p2.rate_gd', rate_gd, '0.8182', '≈')
holds('p2.rate_hb_lt_gd', (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1) < rate_gd)

# Problem 3: Adam on f(w) = (w - c)ᵀ D (w - c)
Dm = np.diag([1, 10.0])
c = col(2, -1)
w0, m0, v0 = col(0.5, 0.3), col(0, 0), col(0, 0)
lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
fa = lambda w: ((w - c).T @ Dm @ (w - c)).item()
fat = lambda w: ((w - t(c)).T @ t(Dm) @ (w - t(c))).sum()
ok('p3.f0', fa(w0), '19.15')
ok('p3.f0.terms', (0.5 - 2) ** 2 + 10 * (0.3 + 1) ** 2, '19.15')
g0 = grad(fat, w0)
ok('p3.g0', 2 * Dm @ (w0 - c), '[-3; 26]')
ok('p3.df0_dw0', g0, '[-3; 26]')


def torch_adam(w_init, steps):
    """torch.optim.Adam on f from w_init: the weights after each step."""
    w = t(w_init).clone().requires_grad_(True)
    o = torch.optim.Adam([w], lr=lr, betas=(beta1, beta2), eps=eps)
    out = []
    for _ in range(steps):
        o.zero_grad()
        fat(w).backward()
        o.step()
        out.append(w.detach().numpy().copy())
    return out


m1 = beta1 * m0 + (1 - beta1) * g0
v1 = beta2 * v0 + (1 - beta2) * g0 * g0
ok('p3.m1', m1, '[-0.3; 2.6]')
ok('p3.v1', v1, '[0.009; 0.676]')
mh1, vh1 = m1 / (1 - beta1), v1 / (1 - beta2)
ok('p3.mhat1', mh1, '[-3; 26]')
ok('p3.vhat1', vh1, '[9; 676]')
w1 = w0 - lr * mh1 / (np.sqrt(vh1) + eps)
torch_w = torch_adam(w0, 2)
ok('p3.w1', w1, '[0.6000; 0.2000]', '≈')
ok('p3.w1.torch', torch_w[0], '[0.6000; 0.2000]', '≈')
g1 = 2 * Dm @ (w1 - c)
ok('p3.g1', g1, '[-2.800; 24.00]', '≈')
m2 = beta1 * m1 + (1 - beta1) * g1
v2 = beta2 * v1 + (1 - beta2) * g1 * g1
ok('p3.m2', m2, '[-0.5500; 4.740]', '≈')
ok('p3.v2', v2, '[0.016831; 1.251324]', '≈')
mh2 = m2 / (1 - beta1**2)
wrong('p3.mhat2', mh2, '[-5.5; 47.4]', '≈')  # planted: bias correction with 1 - beta1, not 1 - beta1^2
VALUES['p3.mhat2.step'] = jsonable(m2 / 0.1)  # the wrong link m2 / 0.1
mh2_w = col(-5.5, 47.4)
vh2 = v2 / (1 - beta2**2)
ok('p3.vhat2', vh2, '[8.4197; 625.97]', '≈')
w2 = w1 - lr * mh2 / (np.sqrt(vh2) + eps)
w1_w, vh2_w = col(0.6, 0.2), col(8.4197, 625.97)
w2_w = w1_w - lr * mh2_w / (np.sqrt(vh2_w) + eps)
w2_w_unrounded = w1 - lr * mh2_w / (np.sqrt(vh2) + eps)
follows('p3.w2', w2, [w2_w, w2_w_unrounded], '[0.78955; 0.01055]', '≈')
f2_writers = [fa(col(0.78955, 0.01055)), fa(w2_w), fa(w2_w_unrounded)]  # w2 as written, and as computed
follows('p3.f2', fa(w2), f2_writers, '11.677', '≈')
ok('p3.w2.adam_step', w2, '[0.6998; 0.1003]', '≈')
ok('p3.w2.torch', torch_w[1], '[0.6998; 0.1003]', '≈')
ok('p3.step1', np.abs(w1 - w0), '[0.1000; 0.1000]', '≈')
w_sgd = w0 - lr * g0
wrong_entry('p3.w_sgd', w_sgd, '[0.2; -2.3]', (1, 1))  # planted: w0 - lr g0 with the sign of the step flipped
w_sgd_w = col(0.2, -2.3)
follows('p3.f_sgd.terms', fa(w_sgd), (0.2 - 2) ** 2 + 10 * (-2.3 + 1) ** 2, '20.14')
follows('p3.f_sgd', fa(w_sgd), fa(w_sgd_w), '20.14')
follows_relation('p3.f_sgd_gt_f0', fa(w_sgd) > fa(w0), fa(w_sgd_w) > fa(w0))

# Problem 4: AdaGrad and RMSProp on f(w) = 1/2 wᵀ P w
P = np.diag([4, 0.25])
w0, eps, lr = col(1, -1), 1e-8, 0.5
g0 = P @ w0
ok('p4.g0', g0, '[4; -0.25]')
G1 = g0 * g0
ok('p4.G1', G1, '[16; 0.0625]')
w1 = w0 - lr * g0 / np.sqrt(G1 + eps)
ok('p4.w1', w1, '[0.5000; -0.5000]', '≈')
g1 = P @ w1
ok('p4.g1', g1, '[2.000; -0.1250]', '≈')
G2 = G1 + g1 * g1
ok('p4.G2', G2, '[20.00; 0.078125]', '≈')
w2 = w1 - lr * g1 / np.sqrt(G2 + eps)
ok('p4.w2', w2, '[0.2764; -0.2764]', '≈')
# torch's Adagrad (eps added outside the root) agrees to the digits written
wt = t(w0).clone().requires_grad_(True)
o = torch.optim.Adagrad([wt], lr=lr, eps=0)
for _ in range(2):
    o.zero_grad()
    (0.5 * (wt.T @ t(P) @ wt)).sum().backward()
    o.step()
ok('p4.w2.torch', wt.detach().numpy(), '[0.2764; -0.2764]', '≈')
eta1 = lr / np.sqrt(20)
ok('p4.eta1', eta1, '0.1118', '≈')
eta2 = lr / np.sqrt(0.078125)
wrong('p4.eta2', eta2, '1.7678', '≈')  # planted: 0.5 / 0.2795 slipped to 0.5 / 0.2828
follows('p4.eta_ratio', eta2 / eta1, [1.7678 / 0.1118, 1.7678 / eta1], '15.81', '≈')
rho, lr2 = 0.9, 0.01
s1 = (1 - rho) * g0 * g0
ok('p4.s1', s1, '[1.6; 0.00625]')
w1r = w0 - lr2 * g0 / np.sqrt(s1 + eps)
ok('p4.w1r', w1r, '[0.9684; -0.9684]', '≈')
first = lr2 / np.sqrt(1 - rho)
wrong('p4.first_step', first, '0.1', '≈')  # planted: the square root forgotten, 0.01 / 0.1
follows('p4.ten_steps', 10 * first, 10 * 0.1, '1')
g1r = P @ w1r
ok('p4.g1r', g1r, '[3.8735; -0.2421]', '≈')
s2 = rho * s1 + (1 - rho) * g1r * g1r
ok('p4.s2', s2, '[2.9404; 0.011486]', '≈')
w2r = w1r - lr2 * g1r / np.sqrt(s2 + eps)
ok('p4.w2r', w2r, '[0.9458; -0.9458]', '≈')
wt = t(w0).clone().requires_grad_(True)
o = torch.optim.RMSprop([wt], lr=lr2, alpha=rho, eps=0)
for _ in range(2):
    o.zero_grad()
    (0.5 * (wt.T @ t(P) @ wt)).sum().backward()
    o.step()
ok('p4.w2r.torch', wt.detach().numpy(), '[0.9458; -0.9458]', '≈')

# Problem 5: learning-rate schedules
lr0 = 0.1
lr_step = lambda e: lr0 * 0.5 ** np.floor(e / 10)
sched = torch.optim.lr_scheduler
ok('p5.lr_step9', lr_step(9), '0.1')
wrong('p5.lr25', lr_step(25), '0.05')  # planted: 25 / 10 read as one halving
follows('p5.lr25_ratio', lr_step(25) / lr0, 0.05 / lr0, '0.5')
ok('p5.lr_step30', lr_step(30), '0.0125')
p = torch.nn.Parameter(torch.zeros(1))
o = torch.optim.SGD([p], lr=lr0)
s = sched.StepLR(o, step_size=10, gamma=0.5)
lrs = []
for _ in range(31):
    lrs.append(o.param_groups[0]['lr'])
    o.step()
    s.step()
ok('p5.steplr_torch_25', lrs[25], '0.025')
ok('p5.lr_step_sum30', sum(lrs[:30]), '1.75')
ok('p5.lr_step_sum30.formula', 10 * lr0 * (1 + 0.5 + 0.25), '1.75')
lr_exp = lambda k: lr0 * np.exp(-0.05 * k)
ok('p5.lr_exp20', lr_exp(20), '0.03679', '≈')
ok('p5.lr_exp50', lr_exp(50), '0.008208', '≈')
ok('p5.epochs_below', np.ceil(np.log(1e-4 / lr0) / (-0.05)), '139')
ok('p5.sum_exp', np.sum(lr_exp(np.arange(100))), '2.0366', '≈')
ok('p5.sum_exp.closed', lr0 * (1 - np.exp(-5)) / (1 - np.exp(-0.05)), '2.0366', '≈')
lr_inv = lambda k: lr0 / (1 + 0.5 * k)
ok('p5.lr_inv3', lr_inv(3), '0.04')
ok('p5.lr_inv10', lr_inv(10), '0.01667', '≈')
lr_tf = lambda step: 512**-0.5 * min(step**-0.5, step * 4000**-1.5)
wrong('p5.lr_tf1000', lr_tf(1000), '1.747e-3', '≈')  # planted: a factor 10 slipped (1.747e-4)
ok('p5.lr_tf4000', lr_tf(4000), '6.988e-4', '≈')
ok('p5.lr_tf16000', lr_tf(16000), '3.494e-4', '≈')
ok('p5.lr_tf_ratio', lr_tf(4000) / lr_tf(16000), '2')
lr_lin = lambda k: 0.05 * min(k / 500, (10000 - k) / (10000 - 500))
ok('p5.lr_lin100', lr_lin(100), '0.01')
ok('p5.lr_lin500', lr_lin(500), '0.05')
ok('p5.lr_lin5000', lr_lin(5000), '0.02632', '≈')
lr_poly = lambda k: (lr0 - 0.001) * (1 - k / 10000) ** 2 + 0.001
ok('p5.lr_poly2500', lr_poly(2500), '0.05669', '≈')
ok('p5.lr_poly5000', lr_poly(5000), '0.02575')

# Problem 6: mini-batch SGD for least squares
X = np.array([[1, 0.5], [1, -1.2], [1, 2.0], [1, 0.3]])
y = col(1.1, -0.4, 2.9, 0.8)
w, lr, lam = col(0.2, 0.9), 0.05, 0.01
mse_t = lambda X_, y_: (lambda w_: torch.mean((t(X_) @ w_ - t(y_)) ** 2))
r = X @ w - y
ok('p6.r', r, '[-0.45; -0.48; -0.9; -0.33]')
L = np.mean(r**2)
ok('p6.L', L, '0.33795')
ok('p6.L.terms', (0.2025 + 0.2304 + 0.81 + 0.1089) / 4, '0.33795')
gL = grad(mse_t(X, y), w)
wrong('p6.gw', gL, '[-0.54; -0.387]')  # planted: the factor 2 of the square dropped
VALUES['p6.gw.step'] = jsonable(1 / 4 * X.T @ r)
gw_w = col(-0.54, -0.387)
follows('p6.gw.literal', gL, gw_w, '[-0.54; -0.387]')
follows('p6.w1', w - lr * gL, w - lr * gw_w, '[0.227; 0.91935]')
e = 1e-4
fd = (np.mean((X @ (w + col(e, 0)) - y) ** 2) - np.mean((X @ (w - col(e, 0)) - y) ** 2)) / (2 * e)
ok('p6.finite_difference', fd, '-1.080', '≈')
ok('p6.finite_difference.autograd', gL[0, 0], '-1.080', '≈')
Xb, yb = X[[0, 2]], y[[0, 2]]
ok('p6.Lb', np.mean((Xb @ w - yb) ** 2), '0.50625')
ok('p6.dLb_dw', grad(mse_t(Xb, yb), w), '[-1.35; -2.025]')
Lreg = lambda w_: mse_t(X, y)(w_) + lam / 2 * (w_.T @ w_).sum()
ok('p6.Lreg', Lreg(t(w)).item(), '0.3422')
follows('p6.dLreg_dw', grad(Lreg, w), gw_w + lam * w, '[-0.538; -0.378]')
XtX = X.T @ X
ok('p6.XtX', XtX, '[4, 1.6; 1.6, 5.78]')
ok('p6.det_XtX', np.linalg.det(XtX), '20.56')
ok('p6.det_XtX.terms', 4 * 5.78 - 1.6**2, '20.56')
w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
ok('p6.w_ls', w_ls, '[0.6868; 1.0331]', '≈')
ok('p6.w_ls.normal_equations', np.linalg.inv(XtX) @ X.T @ y, '[0.6868; 1.0331]', '≈')
L_ls = np.mean((X @ w_ls - y) ** 2)
ok('p6.L_ls', L_ls, '0.02359', '≈')
holds('p6.L_ls_lt_L', L_ls < L)

finish()
