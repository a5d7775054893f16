"""Oracle for the mlp-softmax sheet: every true value with NumPy (forward) and PyTorch autograd
(gradients), and for each step after a planted mistake the value the writer's own numbers give.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr)."""

import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hworacle import Oracle  # noqa: E402

torch.set_default_dtype(torch.float64)
o = Oracle()


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def grad(loss, *inputs):
    leaves = [torch.tensor(np.array(x, dtype=float), requires_grad=True) for x in inputs]
    loss(*leaves).backward()
    return [leaf.grad.numpy() for leaf in leaves]


ones = np.ones

# ---- problem 1: a linear softmax classifier on a mini-batch of three (columns are examples)
X = np.array([[0.5, -1.2, 0.8], [1.5, 0.3, -0.7]])
W = np.array([[0.2, -0.5], [0.4, 0.1], [-0.3, 0.6]])
b = np.array([[0.1], [-0.2], [0.05]])
Y = np.array([[1, 0, 0], [0, 0, 1], [0, 1, 0]], dtype=float)

o.stated("p1.WX", "=", "[-0.65, -0.39, 0.51; 0.35, -0.45, 0.25; 0.75, 0.54, -0.66]", W @ X)
S = W @ X + b @ ones((1, 3))
S_w = o.stated("p1.S", "=", "[-0.55, -0.29, 0.61; 0.15, -0.65, 0.05; 0.8, 0.59, -0.61]", S)
E = np.exp(S)
E_w = o.stated("p1.E", "≈", "[0.5769, 0.7483, 1.840; 1.162, 0.5220, 1.051; 2.226, 1.804, 0.5434]", E)
o.stated("p1.Z", "≈", "[3.965, 3.074, 3.434]", ones((1, 3)) @ E, ones((1, 3)) @ E_w, intent="follows")
P = softmax(S)
P_w = o.stated(
    "p1.P", "≈", "[0.1455, 0.2434, 0.5358; 0.2931, 0.1698, 0.3060; 0.5614, 0.5868, 0.1582]", P, softmax(S_w)
)
o.stated("p1.Pcolsum", "=", "[1, 1, 1]", ones((1, 3)) @ P)


def per_example_loss(p):
    return -ones((1, 3)) @ (Y * np.log(p))


ell = per_example_loss(P)
# planted: for example 2 (class 3) the writer took -ln of P(2,2) instead of P(3,2)
ell_w = o.stated("p1.ell", "≈", "[1.927, 1.773, 1.184]", ell, per_example_loss(P_w), intent="wrong")
L = ell.mean()
L_w = o.stated("p1.L", "≈", "1.628", L, ell_w.mean(), intent="follows")


def p1_loss(S_t):
    P_t = torch.softmax(S_t, dim=0)
    ell_t = -torch.ones(1, 3) @ (torch.tensor(Y) * torch.log(P_t))
    return ell_t.mean()


(dS,) = grad(p1_loss, S)
dS_w = o.stated(
    "p1.dS",
    "≈",
    "[-0.2848, 0.0811, 0.1786; 0.0977, 0.0566, -0.2313; 0.1871, -0.1377, 0.0527]",
    dS,
    (P_w - Y) / 3,
)


def p1_loss_W(W_t, b_t):
    return p1_loss(W_t @ torch.tensor(X) + b_t @ torch.ones(1, 3))


dW, db = grad(p1_loss_W, W, b)
# planted: entry (2,2) with the wrong sign
dW_w = o.stated("p1.dW", "≈", "[-0.0969, -0.5279; -0.2041, -0.3254; 0.3010, 0.2025]", dW, dS_w @ X.T, intent="wrong")
db_w = o.stated("p1.db", "≈", "[-0.0251; -0.0770; 0.1021]", db, dS_w @ ones((3, 1)))
W_new = W - 0.2 * dW
W_new_w = o.stated(
    "p1.W_new", "≈", "[0.2194, -0.3944; 0.4408, 0.1651; -0.3602, 0.5595]", W_new, W - 0.2 * dW_w, intent="follows"
)
b_new = b - 0.2 * db
# planted: the writer expands the SGD step with + instead of -
o.link("p1.b_new.expanded", b_new, b + 0.2 * db_w, intent="wrong")
b_new_w = o.stated("p1.b_new", "≈", "[0.0950; -0.2154; 0.0704]", b_new, b + 0.2 * db_w, intent="follows")
S_new = W_new @ X + b_new @ ones((1, 3))
S_new_w = o.stated(
    "p1.S_new",
    "≈",
    "[-0.387, -0.287, 0.547; 0.253, -0.695, 0.022; 0.730, 0.670, -0.609]",
    S_new,
    W_new_w @ X + b_new_w @ ones((1, 3)),
    intent="follows",
)
L_new = -np.sum(Y * np.log(softmax(S_new))) / 3
L_new_w = o.stated("p1.L_new", "≈", "1.149", L_new, -np.sum(Y * np.log(softmax(S_new_w))) / 3, intent="follows")
print(f"  p1 L_new < L: true {L_new < L}, writer {L_new_w[0,0] < L_w[0,0]}", file=sys.stderr)


# ---- problem 2: softmax by itself
s = np.array([[2.0], [1.0], [0.1]])
o.stated("p2.softmax_s", "≈", "[0.6590; 0.2424; 0.0986]", softmax(s))
o.stated("p2.exp_shift", "≈", "[1; 0.3679; 0.1496]", np.exp(s - 2))
o.stated("p2.sum_exp_shift", "≈", "1.517", np.exp(s - 2).sum())
# planted: 0.8638 written with two digits swapped
o.stated("p2.softmax_T05", "≈", "[0.8683; 0.1169; 0.0193]", softmax(s / 0.5), intent="wrong")
o.stated("p2.softmax_T10", "≈", "[0.3661; 0.3312; 0.3027]", softmax(s / 10))
o.stated("p2.ce", "≈", "0.4170", -np.log(softmax(s)[0, 0]))
o.value("p2.ce_uniform", np.log(10))
o.stated("p2.ce_uniform_lit", "≈", "2.303", np.log(10))
o.stated("p2.two_class", "≈", "[0.8176; 0.1824]", softmax(np.array([[1.2], [-0.3]])))
o.stated("p2.sigmoid", "≈", "0.8176", 1 / (1 + np.exp(-1.5)))
y1 = np.array([[1.0], [0], [0]])
p = softmax(s)
p_w = o.stated("p2.p", "≈", "[0.6590; 0.2424; 0.0986]", p)
o.stated("p2.g", "≈", "[-0.3410; 0.2424; 0.0986]", p - y1)
J = np.diag(p[:, 0]) - p @ p.T
o.stated(
    "p2.J",
    "≈",
    "[0.2247, -0.1598, -0.0650; -0.1598, 0.1837, -0.0239; -0.0650, -0.0239, 0.0889]",
    J,
    np.diag(p_w[:, 0]) - p_w @ p_w.T,
)
(g_logits,) = grad(lambda z: -torch.log(torch.softmax(z, dim=0)[0, 0]), s)
o.stated("p2.g_autograd", "≈", "[-0.3410; 0.2424; 0.0986]", g_logits)

# ---- problem 3: a two-layer ReLU network with a softmax output, mini-batch of two
X = np.array([[1.0, -0.5], [0.2, 0.8], [-1.5, 0.4]])
W1 = np.array([[0.3, -0.2, -0.5], [-0.4, 0.6, 0.1]])
b1 = np.array([[0.1], [-0.1]])
W2 = np.array([[0.7, -0.3], [-0.2, 0.5]])
b2 = np.array([[0.05], [-0.05]])
Y = np.array([[1.0, 0], [0, 1]])
A1 = W1 @ X + b1 @ ones((1, 2))
o.stated("p3.A1", "=", "[1.11, -0.41; -0.53, 0.62]", A1)
H = np.maximum(A1, 0)
o.stated("p3.H", "=", "[1.11, 0; 0, 0.62]", H)
A2 = W2 @ H + b2 @ ones((1, 2))
o.stated("p3.A2", "=", "[0.827, -0.136; -0.272, 0.26]", A2)
P = softmax(A2)
P_w = o.stated("p3.P", "≈", "[0.7501, 0.4023; 0.2499, 0.5977]", P)
L = -np.sum(Y * np.log(P)) / 2
# planted: mis-copied digits
L_w = o.stated("p3.L", "≈", "0.4101", L, intent="wrong")
o.stated("p3.L_bits", "≈", "0.5916", L / np.log(2), L_w / np.log(2), intent="follows")


def p3_loss(W1_t, b1_t, W2_t, b2_t):
    A1_t = W1_t @ torch.tensor(X) + b1_t @ torch.ones(1, 2)
    H_t = torch.relu(A1_t)
    A2_t = W2_t @ H_t + b2_t @ torch.ones(1, 2)
    return -torch.sum(torch.tensor(Y) * torch.log_softmax(A2_t, dim=0)) / 2


dW1, db1, dW2, db2 = grad(p3_loss, W1, b1, W2, b2)
dA2 = (P - Y) / 2
dA2_w = o.stated("p3.dA2", "≈", "[-0.1250, 0.2011; 0.1250, -0.2011]", dA2, (P_w - Y) / 2)
o.stated("p3.dW2", "≈", "[-0.1387, 0.1247; 0.1387, -0.1247]", dW2, dA2_w @ H.T)
o.stated("p3.db2", "≈", "[0.0762; -0.0762]", db2, dA2_w @ ones((2, 1)))
dH = W2.T @ dA2
# planted: the missing transpose, W2 instead of W2ᵀ
o.link("p3.dH.link", dH, W2 @ dA2_w, intent="wrong")
dH_w = o.stated("p3.dH", "≈", "[-0.1250, 0.2011; 0.0875, -0.1408]", dH, W2 @ dA2_w, intent="follows")
relu_p = (A1 > 0).astype(float)
dA1 = dH * relu_p
dA1_w = o.stated("p3.dA1", "≈", "[-0.1250, 0; 0, -0.1408]", dA1, dH_w * relu_p, intent="follows")
o.stated("p3.dW1", "≈", "[-0.1250, -0.0250, 0.1875; 0.0704, -0.1126, -0.0563]", dW1, dA1_w @ X.T, intent="follows")
db1_w = o.stated("p3.db1", "≈", "[-0.1250; -0.1408]", db1, dA1_w @ ones((2, 1)), intent="follows")
o.stated("p3.b1_new", "≈", "[0.1250; -0.0718]", b1 - 0.2 * db1, b1 - 0.2 * db1_w, intent="follows")

# ---- problem 4: one example through a scalar network by hand (tanh, sigmoid, cross-entropy)
x, w1, c1, w2, c2, y = 1.5, 0.8, -0.4, -1.3, 0.2, 1.0


def p4_forward(w1_, c1_, w2_, c2_):
    a1_ = w1_ * x + c1_
    h_ = torch.tanh(a1_)
    a2_ = w2_ * h_ + c2_
    yhat_ = torch.sigmoid(a2_)
    return -(y * torch.log(yhat_) + (1 - y) * torch.log(1 - yhat_))


a1 = w1 * x + c1
o.stated("p4.a1", "=", "0.8", a1)
h = np.tanh(a1)
h_w = o.stated("p4.h", "≈", "0.6640", h)[0, 0]
a2 = w2 * h + c2
a2_w = o.stated("p4.a2", "≈", "-0.6632", a2, w2 * h_w + c2)[0, 0]
yhat = 1 / (1 + np.exp(-a2))
yhat_w = o.stated("p4.yhat", "≈", "0.3400", yhat, 1 / (1 + np.exp(-a2_w)))[0, 0]
L = -np.log(yhat)
o.stated("p4.L", "≈", "1.079", L, -np.log(yhat_w))
gw1, gc1, gw2, gc2 = grad(p4_forward, w1, c1, w2, c2)
da2 = yhat - y
da2_w = o.stated("p4.da2", "≈", "-0.6600", da2, yhat_w - y)[0, 0]
dw2_w = o.stated("p4.dw2", "≈", "-0.4382", gw2, da2_w * h_w, intent="follows")[0, 0]
dh = da2 * w2
dh_w = o.stated("p4.dh", "≈", "0.8580", dh, da2_w * w2)[0, 0]
da1 = dh * (1 - h**2)
# planted: tanh'(a1) taken as 1 - h instead of 1 - h^2
o.link("p4.da1.link", da1, dh_w * (1 - h_w), intent="wrong")
da1_w = o.stated("p4.da1", "≈", "0.2883", da1, dh_w * (1 - h_w), intent="follows")[0, 0]
dw1_w = o.stated("p4.dw1", "≈", "0.432", gw1, da1_w * x, intent="follows")[0, 0]
o.stated("p4.dc1", "≈", "0.2883", gc1, da1_w, intent="follows")
o.stated("p4.tanh_prime", "≈", "0.5591", 1 - np.tanh(a1) ** 2)
o.stated("p4.w1_new", "≈", "0.7568", w1 - 0.1 * gw1, w1 - 0.1 * dw1_w, intent="follows")
o.stated("p4.w2_new", "≈", "-1.256", w2 - 0.1 * gw2, w2 - 0.1 * dw2_w)

# ---- problem 5: parameters and multiply-adds of a 784-256-128-10 MLP
d0, d1, d2, d3 = 784, 256, 128, 10
p1_ = o.stated("p5.p1", "=", "200960", d0 * d1 + d1)[0, 0]
# planted: a digit slip
p2_w = o.stated("p5.p2", "=", "32786", d1 * d2 + d2, intent="wrong")[0, 0]
p3_ = o.stated("p5.p3", "=", "1290", d2 * d3 + d3)[0, 0]
total = d0 * d1 + d1 + d1 * d2 + d2 + d2 * d3 + d3
total_w = o.stated("p5.total", "=", "235036", total, p1_ + p2_w + p3_, intent="follows")[0, 0]
o.stated("p5.MiB", "≈", "0.8966", total * 4 / 1024**2, total_w * 4 / 1024**2, intent="follows")
o.stated("p5.macs", "=", "15024128", 64 * (d0 * d1 + d1 * d2 + d2 * d3))
o.stated("p5.weights_share", "≈", "0.8539", d0 * d1 / total, d0 * d1 / total_w, intent="follows")

# ---- problem 6: batch normalisation of one feature over a mini-batch of four
z = np.array([[1.2, -0.4, 2.0, 0.6]])
mu = z.mean()
o.stated("p6.mu", "=", "0.85", mu)
o.stated("p6.centred", "=", "[0.35, -1.25, 1.15, -0.25]", z - mu)
var = np.mean((z - mu) ** 2)
# planted: divided by N - 1 = 3 instead of N = 4
var_w = o.stated("p6.var", "≈", "1.023", var, intent="wrong")[0, 0]
zhat = (z - mu) / np.sqrt(var + 1e-5)
zhat_w = o.stated(
    "p6.zhat",
    "≈",
    "[0.3460, -1.236, 1.137, -0.2472]",
    zhat,
    (z - mu) / np.sqrt(var_w + 1e-5),
    intent="follows",
)
o.stated("p6.zhat_sum", "=", "0", zhat.sum())
gamma, beta = 1.5, 0.1
o.stated(
    "p6.out",
    "≈",
    "[0.6190, -1.754, 1.8055, -0.2708]",
    gamma * zhat + beta,
    gamma * zhat_w + beta,
    intent="follows",
)
o.stated("p6.out_mean", "=", "0.1", np.mean(gamma * zhat + beta))

dump = o.dump
if __name__ == "__main__":
    dump()
