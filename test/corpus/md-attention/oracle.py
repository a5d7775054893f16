"""Oracle for the md-attention sheet (Markdown with LaTeX math): scaled dot-product attention with a causal
mask, a layer norm, a sinusoidal positional encoding and a cross-entropy, every true value from PyTorch
(torch.softmax along the keys, F.layer_norm, autograd for the gradient) or NumPy, and for each step after a
planted mistake the value the writer's own numbers give.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr)."""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hworacle import Oracle  # noqa: E402

torch.set_default_dtype(torch.float64)
o = Oracle()



def attention(q, k, v, is_causal=False):
    """softmax(q k^T / sqrt(d_k)) v with the softmax over the keys, a causal mask as -inf above the diagonal
    (torch.nn.functional.scaled_dot_product_attention, written out for this PyTorch)."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if is_causal:
        n = scores.shape[-1]
        scores = scores.masked_fill(torch.ones(n, n).tril() == 0, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def row_softmax(scores):
    """Softmax along each row (over the keys), as attention uses it."""
    return torch.softmax(torch.tensor(np.asarray(scores, dtype=float)), dim=-1).numpy()


# ---- problem 1: scaled dot-product attention, three tokens, d_k = 2
Q = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
K = np.array([[1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
V = np.array([[1.0, 2.0], [3.0, 0.0], [0.0, 1.0]])
d_k = 2
S = Q @ K.T
causal = np.tril(np.ones((3, 3)))
tQ, tK, tV = (torch.tensor(m) for m in (Q, K, V))
# The textbook definition is a definition, not a claim (the docs: a built-in's definition with its
# arguments on the right is not checked); it holds for these matrices anyway.
unmasked = attention(tQ, tK, tV).numpy()
assert np.allclose(unmasked, row_softmax(S / math.sqrt(d_k)) @ V)
o.value("p1.attention", unmasked)

# planted: entry (2,3) of Q K^T, q_2 · k_3 = 0, written 1 (the entry (3,2) copied across the diagonal)
S_w = o.stated("p1.S", "=", "[1, 0, 1; 1, 1, 1; 2, 1, 1]", S, intent="wrong")
o.stated("p1.sqrt_dk", "≈", "1.4142", math.sqrt(d_k))
o.stated("p1.S_scaled", "≈", "[0.7071, 0, 0.7071; 0.7071, 0.7071, 0.7071; 1.4142, 0.7071, 0.7071]",
         S / math.sqrt(d_k), S_w / math.sqrt(d_k), intent="follows")
# Without the mask: row 2 is the softmax of three equal scores for the writer (their wrong S).
o.stated("p1.P", "≈", "[0.4011, 0.1978, 0.4011; 0.3333, 0.3333, 0.3333; 0.5035, 0.2483, 0.2483]",
         row_softmax(S / math.sqrt(d_k)), row_softmax(S_w / math.sqrt(d_k)), intent="follows")

# With the causal mask: the attention weights of PyTorch, row by row as the sheet works them out.
masked = attention(tQ, tK, tV, is_causal=True).numpy()
scores = S / math.sqrt(d_k)
weights = row_softmax(np.where(causal == 1, scores, -np.inf))
assert np.allclose(weights @ V, masked)
# Entry (2,3) is masked away: the writer's wrong score there changes nothing from here on.
assert np.allclose(row_softmax(np.where(causal == 1, S_w / math.sqrt(d_k), -np.inf)), weights)
o.stated("p1.a2", "=", "[0.5, 0.5]", row_softmax([[0.7071, 0.7071]]))
assert np.allclose(weights[1, :2], [0.5, 0.5]) and weights[1, 2] == 0 and np.allclose(weights[0], [1, 0, 0])
o.stated("p1.exp_1.4142", "≈", "4.1132", math.exp(1.4142))
o.stated("p1.exp_0.7071", "≈", "2.0281", math.exp(0.7071))
o.stated("p1.normaliser", "=", "8.1694", 4.1132 + 2 * 2.0281)
a3_written = np.array([[4.1132, 2.0281, 2.0281]]) / 8.1694
assert np.allclose(a3_written, weights[2:], atol=5e-5)  # the hand computation agrees with PyTorch to 4 decimals
# planted: 0.2483 written 0.2438 (digits swapped)
o.stated("p1.a3", "≈", "[0.5035, 0.2438, 0.2483]", a3_written, intent="wrong")
o.stated("p1.a3_softmax", "≈", "[0.5035, 0.2483, 0.2483]", row_softmax([[1.4142, 0.7071, 0.7071]]))
o.stated("p1.a3_sum", "=", "1.0001", 0.5035 + 0.2483 + 0.2483)
# A is written as a literal (a definition, no claim): O = A V is right for the A written, wrong entry
# and all, so it is no finding; PyTorch's output differs in row 3.
A_written = np.array([[1, 0, 0], [0.5, 0.5, 0], [0.5035, 0.2438, 0.2483]])
o.stated("p1.O", "≈", "[1, 2; 2, 1; 1.2349, 1.2553]", A_written @ V)
o.value("p1.O.pytorch", masked)
o.stated("p1.o1", "=", "[1, 2]", A_written[0:1] @ V)
o.stated("p1.o2", "=", "[2, 1]", np.array([[0.5, 0.5, 0]]) @ V)

# ---- problem 2: layer norm of one vector, gamma = 2, beta = 0.5, eps = 1e-5
x = np.array([[1.0, 3.0, 4.0, 8.0]])
gamma, beta, eps = 2.0, 0.5, 1e-5
mu = x.mean()
o.stated("p2.mu.sum", "=", "4", (1 + 3 + 4 + 8) / 4)
o.stated("p2.mu", "=", "4", 16 / 4)
o.stated("p2.x_minus_mu", "=", "[-3, -1, 0, 4]", x - mu)
var = x.var()
o.stated("p2.var.sum", "=", "6.5", ((-3) ** 2 + (-1) ** 2 + 0**2 + 4**2) / 4)
o.stated("p2.var.frac", "=", "6.5", 26 / 4)
o.stated("p2.mean_x", "=", "4", mu)
o.stated("p2.Var_x", "=", "6.5", var)
o.stated("p2.sigma", "≈", "2.5495", math.sqrt(6.5))
layer_norm = F.layer_norm(torch.tensor(x), (4,), eps=eps).numpy()
xhat = (x - mu) / math.sqrt(var)
assert np.allclose(xhat, layer_norm, atol=1e-6)  # eps changes nothing at four decimals
# planted: -1 / 2.5495 = -0.3922 written -0.3292 (digits swapped)
xhat_w = o.stated("p2.xhat", "≈", "[-1.1767, -0.3292, 0, 1.5689]", xhat, intent="wrong")
# y = gamma xhat + beta from the writer's xhat as written (entry 4: 2 · 1.5689 + 0.5 = 3.6378, the truth rounds
# to 3.6379): follows
o.stated("p2.y", "≈", "[-1.8534, -0.1584, 0.5, 3.6378]", gamma * layer_norm + beta, gamma * xhat_w + beta,
         intent="follows")
o.stated("p2.LayerNorm", "≈", "[-1.1767, -0.3922, 0, 1.5689]", layer_norm)
o.stated("p2.var_xhat.sum", "=", "1", (9 / 6.5 + 1 / 6.5 + 0 + 16 / 6.5) / 4)
o.stated("p2.Var_xhat", "=", "1", xhat.var())
o.stated("p2.mean_y", "=", "0.5", (gamma * xhat + beta).mean())

# ---- problem 3: the sinusoidal positional encoding, d = 4, PE[pos, 2i] = sin(pos / 10000^(2i/d)), cos for 2i+1
d = 4


def encoding(pos):
    return np.array([[f(pos / 10000 ** (2 * i / d))] for i in range(d // 2) for f in (math.sin, math.cos)])


o.stated("p3.omega0", "=", "1", 1 / 10000**0)
o.stated("p3.10000_half", "=", "100", 10000 ** (2 / 4))
o.stated("p3.omega1", "=", "0.01", 1 / 10000 ** (2 / 4))
o.stated("p3.sin1", "≈", "0.8415", math.sin(1))
o.stated("p3.cos1", "≈", "0.5403", math.cos(1))
o.stated("p3.sin0.01", "≈", "0.0100", math.sin(0.01))
o.stated("p3.cos0.01", "≈", "0.99995", math.cos(0.01))
o.stated("p3.p1", "≈", "[0.8415; 0.5403; 0.0100; 0.99995]", encoding(1))
# planted: cos(2) = -0.4161 written without its minus sign
p2_w = o.stated("p3.p2", "≈", "[0.9093; 0.4161; 0.0200; 0.9998]", encoding(2), intent="wrong")
o.expression("p3.double_angle.link", "=", math.sin(2), 2 * math.sin(1) * math.cos(1), intent="right")
o.expression("p3.double_angle.numbers", "≈", math.sin(2), 2 * 0.8415 * 0.5403, intent="right")
o.stated("p3.double_angle", "≈", "0.9093", math.sin(2))
p1_w = np.array([[0.8415], [0.5403], [0.0100], [0.99995]])
dot_true = float(encoding(1).T @ encoding(2))
dot_writer = float(p1_w.T @ p2_w)
# the four products as written, each rounded to 4 decimals, and their sum
products = [0.7652, 0.2248, 0.0002, 0.9998]
assert all(abs(w - float(a * b)) < 5e-5 for w, a, b in zip(products, p1_w.ravel(), p2_w.ravel()))
o.expression("p3.dot.terms", "≈", dot_true, sum(products), intent="follows")
assert abs(sum(products) - dot_writer) < 1e-3 * dot_writer  # ≈ between two expressions: relative 1e-3
o.stated("p3.dot", "≈", "1.990", dot_true, dot_writer, intent="follows")
assert abs(dot_true - (math.cos(1) + math.cos(0.01))) < 1e-12  # it depends on the offset only
o.stated("p3.offset_identity", "≈", "1.540", math.cos(1 - 2) + math.cos(0.01 - 0.02))
o.stated("p3.sin3", "≈", "0.1411", math.sin(3))
o.stated("p3.cos3", "≈", "-0.9900", math.cos(3))
assert np.allclose(encoding(3)[:2].ravel(), [math.sin(3), math.cos(3)])
# planted: 3 / 100 = 0.03 written 0.3 (the decimal point one place off)
theta = 3 / 10000 ** (2 / 4)
theta_w = float(o.stated("p3.theta", "=", "0.3", theta, intent="wrong"))
o.stated("p3.sin_theta", "≈", "0.2955", math.sin(theta), math.sin(theta_w), intent="follows")
o.stated("p3.cos_theta", "≈", "0.9553", math.cos(theta), math.cos(theta_w), intent="follows")

# ---- problem 4: cross-entropy over three classes, the true class first
z = np.array([[2.0], [1.0], [0.1]])
y = np.array([[1.0], [0.0], [0.0]])
o.stated("p4.exp2", "≈", "7.3891", math.exp(2))
o.stated("p4.exp1", "≈", "2.7183", math.exp(1))
o.stated("p4.exp0.1", "≈", "1.1052", math.exp(0.1))
Z = float(np.exp(z).sum())
o.expression("p4.Z.terms", "≈", Z, 7.3891 + 2.7183 + 1.1052, intent="right")
# The sum of the three rounded exponentials, 11.2126, is what the numbers written before it give: under the
# docs' follow-through under rounding it uses the rounded values (information), not a mistake.
o.stated("p4.Z", "=", "11.2126", Z, 7.3891 + 2.7183 + 1.1052, intent="follows")
tz = torch.tensor(z, requires_grad=True)
tp = torch.softmax(tz, dim=0)
tL = F.cross_entropy(tz.T, torch.tensor([0]))
tL.backward()
p = tp.detach().numpy()
L = tL.item()
p_w = o.stated("p4.p", "≈", "[0.6590; 0.2424; 0.0986]", p)
o.stated("p4.p1.by_hand", "≈", "0.6590", 7.3891 / 11.2126)
# -y^T log(p) = -log(0.6590): p as written, under `=`; the link uses the rounded p (information)
o.expression("p4.L.link", "=", L, -math.log(float(p_w[0, 0])), intent="follows")
# planted: -log(0.6590) = 0.4170 written 0.4710 (digits swapped)
L_w = float(o.stated("p4.L", "≈", "0.4710", L, -math.log(float(p_w[0, 0])), intent="wrong"))
o.stated("p4.lse", "≈", "0.4170", math.log(11.2126) - 2)
assert abs(math.log(Z) - 2 - L) < 1e-12
o.stated("p4.perplexity", "≈", "1.6016", math.exp(L), math.exp(L_w), intent="follows")
dz = tz.grad.numpy()
assert np.allclose(dz, p - y)
# planted: the first entry of p - y, 0.6590 - 1 = -0.3410, written without its minus sign
dz_w = o.stated("p4.dz", "≈", "[0.3410; 0.2424; 0.0986]", dz, intent="wrong")
z_new = z - 0.5 * dz
z_new_w = o.stated("p4.z_new", "≈", "[1.8295; 0.8788; 0.0507]", z_new, z - 0.5 * dz_w, intent="follows")


def loss(logits):
    return F.cross_entropy(torch.tensor(logits).T, torch.tensor([0])).item()


o.stated("p4.L_new", "≈", "0.4417", loss(z_new), loss(z_new_w), intent="follows")
assert loss(z_new) < L < loss(z_new_w), "the step lowers the loss, but raises the writer's"
o.stated("p4.uniform", "≈", "1.0986", -math.log(1 / 3))
y_s = np.array([[0.9], [0.05], [0.05]])
o.stated("p4.L_smooth", "≈", "0.5620", float(-(y_s.T @ np.log(p))))
o.stated("p4.nlog_0.2424", "≈", "1.4172", -math.log(0.2424))
o.stated("p4.nlog_0.0986", "≈", "2.3167", -math.log(0.0986))
o.stated("p4.L_smooth.by_hand", "≈", "0.5620", 0.9 * 0.4170 + 0.05 * 1.4172 + 0.05 * 2.3167)

o.dump()
