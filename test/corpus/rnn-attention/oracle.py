"""Oracle for the rnn-attention sheet: forward passes with NumPy, BPTT and attention gradients with
PyTorch autograd, and for each step after a planted mistake the value the writer's numbers give.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr)."""

import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hworacle import Oracle  # noqa: E402

torch.set_default_dtype(torch.float64)
o = Oracle()


def t(x):
    return torch.tensor(np.array(x, dtype=float))


def softmax_cols(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ---- problem 1: a scalar RNN over four steps, h_t = tanh(w h_{t-1} + u x_t + b)
w, u, b, v = 0.9, 0.5, -0.1, 1.5
xs = [1.0, -0.5, 2.0, 0.3]
h_true, h_writer = [0.0], [0.0]
written = {1: "0.37995", 2: "-0.00805", 3: "0.7163", 4: "0.6010"}
intent = {1: "right", 2: "right", 3: "wrong", 4: "follows"}
for step in range(1, 5):
    true_value = np.tanh(w * h_true[-1] + u * xs[step - 1] + b)
    writer_value = np.tanh(w * h_writer[-1] + u * xs[step - 1] + b)
    if step == 3:
        writer_value = None  # planted: the w h2 term dropped, tanh(u x3 + b) = tanh(0.9) written
    stated = o.stated(f"p1.h{step}", "≈", written[step], true_value, writer_value, intent=intent[step])
    h_true.append(true_value)
    h_writer.append(float(stated[0, 0]))
o.stated("p1.y", "≈", "0.9015", v * h_true[4], v * h_writer[4], intent="follows")
o.stated("p1.dh4dh3", "≈", "0.5749", w * (1 - h_true[4] ** 2), w * (1 - h_writer[4] ** 2), intent="follows")
o.stated("p1.dy_dh4", "=", "1.5", v)
o.stated("p1.dy_dh3", "≈", "0.862", v * w * (1 - h_true[4] ** 2), v * w * (1 - h_writer[4] ** 2), intent="follows")
o.stated("p1.vanish", "≈", "0.005154", 0.9**50)
o.stated("p1.explode", "≈", "117.4", 1.1**50)
# planted: 43.71 written with two digits swapped
o.stated("p1.steps", "≈", "43.17", np.log(0.01) / np.log(0.9), intent="wrong")

# ---- problem 2: backpropagation through time, a 2-unit RNN over three steps
Wx = np.array([[0.5], [-0.3]])
Wh = np.array([[0.2, -0.4], [0.6, 0.1]])
bb = np.array([[0.1], [0.05]])
Wy = np.array([[1.2, -0.7]])
x = [1.0, 0.5, -1.0]
target = 0.4


def forward(Wx_, Wh_, b_, Wy_, lib):
    tanh = torch.tanh if lib is torch else np.tanh
    h = [lib.zeros((2, 1))]
    a = []
    for step in range(3):
        a.append(Wx_ * x[step] + Wh_ @ h[-1] + b_)
        h.append(tanh(a[-1]))
    y_ = Wy_ @ h[-1]
    return a, h, y_, 0.5 * (y_ - target) ** 2


a, h, y, L = forward(Wx, Wh, bb, Wy, np)
o.stated("p2.a1", "=", "[0.6; -0.25]", a[0])
h1_w = o.stated("p2.h1", "≈", "[0.5370; -0.2449]", h[1])
a2_w = o.stated("p2.a2", "≈", "[0.5554; 0.1977]", a[1], Wx * x[1] + Wh @ h1_w + bb)
h2_w = o.stated("p2.h2", "≈", "[0.5045; 0.1952]", h[2], np.tanh(a2_w))
a3_w = o.stated("p2.a3", "≈", "[-0.3772; 0.6722]", a[2], Wx * x[2] + Wh @ h2_w + bb)
h3_w = o.stated("p2.h3", "≈", "[-0.3602; 0.5865]", h[3], np.tanh(a3_w))
y_w = o.stated("p2.y", "≈", "-0.8428", y, Wy @ h3_w)
o.stated("p2.L", "≈", "0.7723", L, 0.5 * (y_w - target) ** 2)
leaves = [t(Wx).requires_grad_(), t(Wh).requires_grad_(), t(bb).requires_grad_(), t(Wy).requires_grad_()]
a_t, h_t, y_t, L_t = forward(*leaves, torch)
for node in a_t + h_t[1:]:
    node.retain_grad()
L_t.sum().backward()
dWx, dWh, db, dWy = [leaf.grad.numpy() for leaf in leaves]
da = [node.grad.numpy() for node in a_t]
dh = [node.grad.numpy() for node in h_t[1:]]
dy = y - target
dy_w = o.stated("p2.dy", "≈", "-1.2428", dy, y_w - target)
dh3_w = o.stated("p2.dh3", "≈", "[-1.4914; 0.8700]", dh[2], Wy.T @ dy_w)
da3_w = o.stated("p2.da3", "≈", "[-1.2978; 0.5708]", da[2], dh3_w * (1 - h3_w**2))
dh2_w = o.stated("p2.dh2", "≈", "[0.0829; 0.5762]", dh[1], Wh.T @ da3_w)
da2_w = o.stated("p2.da2", "≈", "[0.0618; 0.5543]", da[1], dh2_w * (1 - h2_w**2))
dh1_w = o.stated("p2.dh1", "≈", "[0.3449; 0.0307]", dh[0], Wh.T @ da2_w)
# planted: tanh' left out at the first step
o.link("p2.da1.link", da[0], dh1_w, intent="wrong")
da1_w = o.stated("p2.da1", "≈", "[0.3449; 0.0307]", da[0], dh1_w, intent="follows")
o.stated("p2.dWy", "≈", "[0.4477, -0.7289]", dWy, dy_w * h3_w.T)
# planted: the step-2 term of the sum over time dropped
o.link("p2.dWh.link", dWh, da3_w @ h2_w.T, intent="wrong")
dWh_w = o.stated("p2.dWh", "≈", "[-0.6547, -0.2533; 0.2880, 0.1114]", dWh, da3_w @ h2_w.T, intent="follows")
o.stated("p2.dWx", "≈", "[1.6736; -0.26295]", dWx, da3_w * x[2] + da2_w * x[1] + da1_w * x[0], intent="follows")
o.stated("p2.db", "≈", "[-0.8911; 1.1558]", db, da3_w + da2_w + da1_w, intent="follows")
o.stated("p2.dx1", "≈", "0.1632", Wx.T @ da[0], Wx.T @ da1_w, intent="follows")
o.stated("p2.dx3", "≈", "-0.8201", Wx.T @ da[2], Wx.T @ da3_w)
o.stated("p2.dh0", "≈", "[0.0874; -0.1349]", Wh.T @ da[0], Wh.T @ da1_w, intent="follows")
o.stated("p2.Wh_new", "≈", "[0.3309, -0.3493; 0.5424, 0.0777]", Wh - 0.2 * dWh, Wh - 0.2 * dWh_w, intent="follows")

# ---- problem 3: scaled dot-product attention, three tokens, d_k = 2 (rows are tokens)
Q = np.array([[1.0, 0.5], [-0.5, 1.0], [0.2, -0.3]])
K = np.array([[0.8, -0.2], [0.1, 0.9], [-0.6, 0.4]])
V = np.array([[1.0, 0.0], [0.5, -1.0], [-0.5, 2.0]])
QK = Q @ K.T
o.stated("p3.QK", "=", "[0.7, 0.55, -0.4; -0.6, 0.85, 0.7; 0.22, -0.25, -0.24]", QK)
S = QK / np.sqrt(2)
S_w = o.stated("p3.S", "≈", "[0.4950, 0.3889, -0.2828; -0.4243, 0.6010, 0.4950; 0.1556, -0.1768, -0.1697]", S)
A = softmax_cols(S.T).T
# planted: one weight of the second row miscomputed
A_w = o.stated(
    "p3.A",
    "≈",
    "[0.4239, 0.3813, 0.1948; 0.1588, 0.4492, 0.3983; 0.4099, 0.2940, 0.2961]",
    A,
    intent="wrong",
)
o.stated("p3.Arows", "=", "[1; 1; 1]", A @ np.ones((3, 1)))
O = A @ V
O_w = o.stated("p3.O", "≈", "[0.517, 0.008; 0.18425, 0.3474; 0.409, 0.2982]", O, A_w @ V, intent="follows")
mask = np.array([[0, -1e9, -1e9], [0, 0, -1e9], [0, 0, 0]])
Ac = softmax_cols((S + mask).T).T
# planted: 0.2640 written 0.2460
Ac_w = o.stated("p3.Ac", "≈", "[1, 0, 0; 0.2460, 0.7360, 0; 0.4099, 0.2940, 0.2961]", Ac, intent="wrong")
o.stated("p3.Oc", "≈", "[1, 0; 0.6140, -0.7360; 0.409, 0.2982]", Ac @ V, Ac_w @ V, intent="follows")
o.stated("p3.sumA", "=", "3", A.sum())
o.stated("p3.shapeO", "=", "[3, 2]", [[3, 2]])
o.stated("p3.scale64", "=", "0.125", 1 / np.sqrt(64))
G = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]])
A_leaf = t(A).requires_grad_()
V_leaf = t(V).requires_grad_()
torch.sum(t(G) * (A_leaf @ V_leaf)).backward()
o.stated(
    "p3.dV",
    "≈",
    "[0.8338, -0.2511; 0.6753, 0.1552; 0.4909, 0.1022]",
    V_leaf.grad.numpy(),
    A_w.T @ G,
    intent="follows",
)

# ---- problem 4: one query, the gradient through the softmax
q = np.array([[1.0], [0.5]])
g = np.array([[1.0], [-2.0]])
s = K @ q / np.sqrt(2)
s_w = o.stated("p4.s", "≈", "[0.4950; 0.3889; -0.2828]", s)
a = softmax_cols(s)
a_w = o.stated("p4.a", "≈", "[0.4239; 0.3813; 0.1948]", a, softmax_cols(s_w))
# planted: the sign of the second entry
o_w = o.stated("p4.o", "≈", "[0.5172; -0.0082]", V.T @ a, intent="wrong")
q_leaf = t(q).requires_grad_()
s_t = t(K) @ q_leaf / np.sqrt(2)
s_t.retain_grad()
a_t = torch.softmax(s_t, dim=0)
a_t.retain_grad()
L_t = (t(g).T @ (t(V).T @ a_t)).sum()
L_t.backward()
o.stated("p4.L", "≈", "0.5336", L_t.item(), g.T @ o_w, intent="follows")
o.stated("p4.sum_a", "=", "1", a.sum())
da_w = o.stated("p4.da", "=", "[1; 2.5; -4.5]", a_t.grad.numpy(), V @ g)
ds_true = s_t.grad.numpy()
o.stated("p4.a_da", "≈", "0.5007", a.T @ (V @ g))
# planted: the sign of the mean term in the softmax backward
o.link("p4.ds.link", ds_true, a_w * (da_w + a_w.T @ da_w), intent="wrong")
ds_w = o.stated("p4.ds", "≈", "[0.6361; 1.1441; -0.7791]", ds_true, a_w * (da_w + a_w.T @ da_w), intent="follows")
o.stated("p4.dq", "≈", "[0.7713; 0.4178]", q_leaf.grad.numpy(), K.T @ ds_w / np.sqrt(2), intent="follows")

# ---- problem 5: one step of an LSTM cell with one unit
xt, h_prev, c_prev = 0.8, 0.3, -0.5
Wf, Uf, bf = 0.6, -0.4, 0.2
Wi, Ui, bi = 0.9, 0.3, -0.1
Wo, Uo, bo = -0.3, 0.8, 0.4
Wg, Ug, bg = 1.1, -0.7, 0.0
f = sigmoid(Wf * xt + Uf * h_prev + bf)
f_w = o.stated("p5.f", "≈", "0.6365", f)[0, 0]
i = sigmoid(Wi * xt + Ui * h_prev + bi)
i_w = o.stated("p5.i", "≈", "0.6704", i)[0, 0]
og = sigmoid(Wo * xt + Uo * h_prev + bo)
og_w = o.stated("p5.o", "≈", "0.5987", og)[0, 0]
gg = np.tanh(Wg * xt + Ug * h_prev + bg)
g_w = o.stated("p5.g", "≈", "0.5850", gg)[0, 0]
o.stated("p5.fc", "≈", "-0.3182", f * c_prev)
o.stated("p5.ig", "≈", "0.3922", i * gg)
c = f * c_prev + i * gg
# planted: the forget term added with the wrong sign
c_w = o.stated("p5.c", "≈", "0.7104", c, intent="wrong")[0, 0]
o.stated("p5.h", "≈", "0.3658", og * np.tanh(c), og_w * np.tanh(c_w), intent="follows")
o.stated("p5.tanh_c", "≈", "0.6109", np.tanh(c), np.tanh(c_w), intent="follows")
o.stated("p5.dc_dcprev", "≈", "0.6365", f, f_w)
o.stated("p5.f10", "≈", "0.0109", f**10, f_w**10)

dump = o.dump
if __name__ == "__main__":
    dump()
