"""Oracle for the md-backprop sheet (Markdown with LaTeX math): every true value with NumPy (forward)
and PyTorch autograd (gradients), and for each step after a planted mistake the value the writer's
own numbers give. Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr)."""

import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hworacle import Oracle  # noqa: E402

torch.set_default_dtype(torch.float64)
o = Oracle()


def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


# ---- problem 1: the forward pass (x of class 2)
x = np.array([[1.0], [2.0]])
y = np.array([[0.0], [1.0], [0.0]])
W1 = np.array([[0.5, -0.4], [0.3, 0.8]])
b1 = np.array([[0.1], [-0.2]])
W2 = np.array([[1.0, -0.5], [0.2, 0.6], [-0.7, 0.4]])
b2 = np.array([[0.0], [0.1], [-0.1]])

o.stated("p1.xT", "=", "[1, 2]", x.T)
o.stated("p1.params", "=", "15", W1.size + b1.size + W2.size + b2.size)
o.stated("p1.W1x", "=", "[-0.3; 1.9]", W1 @ x)
z1 = W1 @ x + b1
o.stated("p1.z1", "=", "[-0.2; 1.7]", z1)
a1 = sigmoid(z1)
o.stated("p1.a1", "≈", "[0.4502; 0.8455]", a1)
o.stated("p1.one_plus_exp_0.2", "≈", "2.2214", 1 + np.exp(0.2))
o.stated("p1.sigma_-0.2", "≈", "0.4502", sigmoid(-0.2))
o.stated("p1.one_plus_exp_-1.7", "≈", "1.1827", 1 + np.exp(-1.7))
o.stated("p1.sigma_1.7", "≈", "0.8455", sigmoid(1.7))
z2 = W2 @ a1 + b2
o.stated("p1.z2", "≈", "[0.0274; 0.6974; -0.0769]", z2)
o.stated("p1.exp1", "≈", "1.0278", np.exp(0.0274))
o.stated("p1.exp2", "≈", "2.0085", np.exp(0.6974))
# planted: exp(-0.0769) = 0.92598 written 0.9620 (digits swapped)
o.stated("p1.exp3", "≈", "0.9620", np.exp(-0.0769), intent="wrong")
# the normaliser adds the three numbers as written: right arithmetic on the literals
o.stated("p1.normaliser", "=", "3.9983", 1.0278 + 2.0085 + 0.9620)
yhat = softmax(z2)
o.stated("p1.yhat", "≈", "[0.2594; 0.5069; 0.2337]", yhat)
o.stated("p1.yhat_sum", "=", "1", 0.2594 + 0.5069 + 0.2337)
L = float(-(y.T @ np.log(yhat)))
assert abs(-np.log(0.5069) - L) < 1e-3 * L  # -log(0.5069): ≈ between two expressions allows 1e-3
o.stated("p1.L", "≈", "0.6794", L)
L2 = L / np.log(2)
o.stated("p1.ln2", "≈", "0.6931", np.log(2))
# planted: 0.9802 written 0.9082 (digits swapped)
L2_w = o.stated("p1.L2", "≈", "0.9082", L2, intent="wrong")
o.stated("p1.perplexity", "≈", "1.877", 2**L2, 2 ** float(L2_w), intent="follows")

# ---- problem 2: the backward pass, with PyTorch autograd for the true gradients
tW1, tb1 = torch.tensor(W1, requires_grad=True), torch.tensor(b1, requires_grad=True)
tW2, tb2 = torch.tensor(W2, requires_grad=True), torch.tensor(b2, requires_grad=True)
tx = torch.tensor(x, requires_grad=True)
tz1 = tW1 @ tx + tb1
ta1 = torch.sigmoid(tz1)
tz2 = tW2 @ ta1 + tb2
tz1.retain_grad(), ta1.retain_grad(), tz2.retain_grad()
tL = -(torch.tensor(y).T @ torch.log_softmax(tz2, dim=0)).sum()
tL.backward()
assert abs(tL.item() - L) < 1e-12
dz2, dW2, db2 = tz2.grad.numpy(), tW2.grad.numpy(), tb2.grad.numpy()
da1, dz1, dW1, db1, dx = ta1.grad.numpy(), tz1.grad.numpy(), tW1.grad.numpy(), tb1.grad.numpy(), tx.grad.numpy()
assert np.allclose(dz2, yhat - y) and np.allclose(dW2, dz2 @ a1.T) and np.allclose(dz1, (W2.T @ dz2) * a1 * (1 - a1))

delta2_w = o.stated("p2.delta2", "≈", "[0.2594; -0.4931; 0.2337]", dz2)
# planted: entry (3,2) 0.2336 × 0.8455 = 0.1976 written with a minus sign
dW2_w = o.stated(
    "p2.dW2", "≈", "[0.1168, 0.2193; -0.2220, -0.4169; 0.1052, -0.1976]", dW2, dz2 @ a1.T, intent="wrong"
)
o.stated("p2.db2", "≈", "[0.2594; -0.4931; 0.2337]", db2)
da1_w = o.stated("p2.da1", "≈", "[-0.0028; -0.3321]", da1)
sigma_prime_w = o.stated("p2.sigma_prime", "≈", "[0.2475; 0.1306]", a1 * (1 - a1))
# planted: the sigmoid's derivative replaced by a^(1) itself
a1_w = np.array([[0.4502], [0.8455]])
o.link("p2.delta1.link", dz1, da1_w * a1_w, intent="wrong")
delta1_w = o.stated("p2.delta1", "≈", "[-0.0013; -0.2808]", dz1, da1_w * a1_w, intent="follows")
dW1_w = o.stated("p2.dW1", "≈", "[-0.0013, -0.0026; -0.2808, -0.5616]", dW1, delta1_w @ x.T, intent="follows")
db1_w = o.stated("p2.db1", "≈", "[-0.0013; -0.2808]", db1, delta1_w, intent="follows")
o.stated("p2.dx", "≈", "[-0.0849; -0.2241]", dx, W1.T @ delta1_w, intent="follows")

# ---- problem 3: one SGD step with eta = 0.5, then the same example again
eta = 0.5
W2n, b2n, W1n, b1n = W2 - eta * dW2, b2 - eta * db2, W1 - eta * dW1, b1 - eta * db1
W2n_w = o.stated(
    "p3.W2new", "≈", "[0.9416, -0.6097; 0.3110, 0.8085; -0.7526, 0.4988]", W2n, W2 - eta * dW2_w, intent="follows"
)
# planted: the step taken with + instead of -
o.link("p3.b2new.link", b2n, b2 + eta * delta2_w, intent="wrong")
b2n_w = o.stated("p3.b2new", "≈", "[0.1297; -0.14655; 0.01685]", b2n, b2 + eta * delta2_w, intent="follows")
W1n_w = o.stated("p3.W1new", "≈", "[0.50065, -0.3987; 0.4404, 1.0808]", W1n, W1 - eta * dW1_w, intent="follows")
b1n_w = o.stated("p3.b1new", "≈", "[0.10065; -0.0596]", b1n, b1 - eta * db1_w, intent="follows")
z1n = W1n @ x + b1n
z1n_w = o.stated("p3.z1new", "≈", "[-0.1961; 2.5424]", z1n, W1n_w @ x + b1n_w, intent="follows")
a1n = sigmoid(z1n)
a1n_w = o.stated("p3.a1new", "≈", "[0.4511; 0.9271]", a1n, sigmoid(z1n_w), intent="follows")
z2n = W2n @ a1n + b2n
z2n_w = o.stated("p3.z2new", "≈", "[-0.0108; 0.7433; 0.1398]", z2n, W2n_w @ a1n_w + b2n_w, intent="follows")
Ln = float(-(y.T @ np.log(softmax(z2n))))
Ln_w = float(-(y.T @ np.log(softmax(z2n_w))))
o.stated("p3.Lnew", "≈", "0.7018", Ln, Ln_w, intent="follows")
assert Ln < L < Ln_w, "the loss goes down, but up for the writer (who says so in prose)"

o.stated("p3.steps", "=", "600", 60000 / 100)
o.stated("p3.epoch_seconds", "=", "3", 600 * 5e-3)  # 600 × 5 ms in seconds

# ---- problem 4: sigmoid and softmax by numbers
o.stated("p4.sigma0", "=", "0.5", sigmoid(0))
o.stated("p4.sigma_prime0", "=", "0.25", sigmoid(0) * (1 - sigmoid(0)))
o.stated("p4.sigma2", "≈", "0.8808", sigmoid(2))
o.stated("p4.sigma_-2", "≈", "0.1192", sigmoid(-2))
assert abs(0.8808 * 0.1192 - sigmoid(2) * (1 - sigmoid(2))) < 1e-3 * 0.105  # ≈ between expressions: 1e-3
# planted: 0.1050 written 0.1005
o.stated("p4.sigma_prime2", "≈", "0.1005", sigmoid(2) * (1 - sigmoid(2)), intent="wrong")
s = np.array([[1.0], [2.0], [3.0]])
o.stated("p4.softmax123", "≈", "[0.0900; 0.2447; 0.6652]", softmax(s))
assert np.allclose(softmax(s + 10), softmax(s), rtol=1e-12)
# planted: 0.5065 written 0.5605 (digits swapped)
o.stated("p4.softmax_T2", "≈", "[0.1863; 0.3072; 0.5605]", softmax(s / 2), intent="wrong")
o.stated("p4.ln3", "≈", "1.0986", np.log(3))
# planted: the base-10 logarithm, -log10(0.7) = 0.1549, instead of -ln(0.7) = 0.3567
o.stated("p4.ce_07", "≈", "0.1549", -np.log(0.7), intent="wrong")
o.stated("p4.ce_01", "≈", "2.303", -np.log(0.1))

# ---- problem 5: logistic regression on one example, learning rate 0.1
xs, ys, w, b = 2.0, 1.0, -0.5, 0.3
z = w * xs + b
o.link("p5.z.link", z, -0.5 * 2 + 0.3, intent="right")
# planted: -0.5 · 2 + 0.3 = -0.7 written -1.3
z_w = float(o.stated("p5.z", "=", "-1.3", z, intent="wrong"))
p = sigmoid(z)
p_w = float(o.stated("p5.p", "≈", "0.2142", p, sigmoid(z_w), intent="follows"))
ell = -np.log(p)
o.stated("p5.ell", "≈", "1.541", ell, -np.log(p_w), intent="follows")
tw, tb = torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)
tz = tw * xs + tb
tz.retain_grad()
tell = -(ys * torch.log(torch.sigmoid(tz)) + (1 - ys) * torch.log(1 - torch.sigmoid(tz)))
tell.backward()
dz, dw, db = tz.grad.item(), tw.grad.item(), tb.grad.item()
dz_w = float(o.stated("p5.dz", "≈", "-0.7858", dz, p_w - ys, intent="follows"))
dw_w = float(o.stated("p5.dw", "≈", "-1.572", dw, (p_w - ys) * xs, intent="follows"))
db_w = float(o.stated("p5.db", "≈", "-0.7858", db, p_w - ys, intent="follows"))
wn, bn = w - 0.1 * dw, b - 0.1 * db
wn_w = float(o.stated("p5.wnew", "≈", "-0.3428", wn, w - 0.1 * dw_w, intent="follows"))
bn_w = float(o.stated("p5.bnew", "≈", "0.3786", bn, b - 0.1 * db_w, intent="follows"))
o.stated("p5.pnew", "≈", "0.4238", sigmoid(wn * xs + bn), sigmoid(wn_w * xs + bn_w), intent="follows")

o.dump()
