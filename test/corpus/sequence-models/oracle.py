"""Oracle for the sequence-models sheet: forward values from PyTorch's own layers (nn.RNNCell, nn.LSTMCell,
causal attention by masked_fill and torch.softmax (this torch has no
F.scaled_dot_product_attention), F.layer_norm, F.gelu(approximate='tanh'), F.silu, the layers'
parameter counts), gradients by autograd, and for each step after a planted mistake the value the writer's own
numbers give. Two worlds: T holds the true values, W the writer's (the literal as written once a name is stated).
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr; --expected rewrites expected.json)."""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from hwsheet import Sheet, Worlds, to_matrix as m  # noqa: E402

sheet = Sheet(os.path.join(HERE, "sheet.hw"), os.path.join(HERE, "expected.json"))
torch.set_default_dtype(torch.float64)


def t(x):
    return torch.tensor(np.array(x, dtype=float))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ---- problem 1: an RNN over three steps (nn.RNNCell with tanh, rows are samples), BPTT by autograd
p = Worlds(sheet)
Wx, Wh = [[0.4], [-0.6]], [[0.3, -0.2], [0.5, 0.1]]
b, Wy, by = [[0.05, -0.1]], [[0.8, -1.1]], 0.2
xs, target = [0.5, -1.2, 0.9], 0.3
p.given(Wx=Wx, Wh=Wh, b=b, Wy=Wy, by=by, x1=xs[0], x2=xs[1], x3=xs[2], h0=[[0, 0]], target=target)


def rnn_forward():
    """The recurrence with every pre-activation kept for its gradient, checked against nn.RNNCell."""
    cell = nn.RNNCell(1, 2)
    with torch.no_grad():
        cell.weight_ih.copy_(t(Wx))
        cell.weight_hh.copy_(t(Wh))
        cell.bias_ih.copy_(t(b).reshape(-1))
        cell.bias_hh.zero_()
    inputs = [torch.tensor([[value]], requires_grad=True) for value in xs]
    hidden, pre = [torch.zeros(1, 2)], []
    for step in range(3):
        a = F.linear(inputs[step], cell.weight_ih, cell.bias_ih) + F.linear(hidden[-1], cell.weight_hh)
        a.retain_grad()
        pre.append(a)
        h = torch.tanh(a)
        assert torch.allclose(h, cell(inputs[step], hidden[-1]))
        h.retain_grad()
        hidden.append(h)
    return cell, inputs, hidden, pre


cell, inputs, hidden, pre = rnn_forward()
Wy_t = t(Wy).requires_grad_()
by_t = torch.tensor(by, requires_grad=True)
yhat_t = hidden[3] @ Wy_t.T + by_t
yhat_t.retain_grad()
L_t = 0.5 * (yhat_t - target) ** 2
L_t.backward()


def row(tensor):
    return tensor.detach().numpy().reshape(1, -1)


def col(tensor):
    return tensor.detach().numpy().reshape(-1, 1)


tanh_prime = lambda a: 1 - np.tanh(a) ** 2  # noqa: E731
p.define("a1", lambda v: v["x1"] * v["Wx"].T + v["h0"] @ v["Wh"].T + v["b"], "a1 = x1", key="p1.a1", truth=row(pre[0]))
p.define("h1", lambda v: np.tanh(v["a1"]), "h1 = tanh(a1)", key="p1.h1", truth=row(hidden[1]))
p.define("a2", lambda v: v["x2"] * v["Wx"].T + v["h1"] @ v["Wh"].T + v["b"], "a2 = x2", key="p1.a2", truth=row(pre[1]))
p.define("h2", lambda v: np.tanh(v["a2"]), "h2 = tanh(a2)", key="p1.h2", truth=row(hidden[2]))
p.define("a3", lambda v: v["x3"] * v["Wx"].T + v["h2"] @ v["Wh"].T + v["b"], "a3 = x3", key="p1.a3", truth=row(pre[2]))
p.define("h3", lambda v: np.tanh(v["a3"]), "h3 = tanh(a3)", key="p1.h3", truth=row(hidden[3]))
p.define("yhat", lambda v: v["h3"] @ v["Wy"].T + v["by"], "yhat = h3", key="p1.yhat", truth=yhat_t)
p.define("L", lambda v: 0.5 * (v["yhat"] - v["target"]) ** 2, "L = 0.5", key="p1.L", truth=L_t)
p.define("dyhat", lambda v: v["yhat"] - v["target"], "∂L/∂yhat = yhat", key="p1.dyhat", truth=yhat_t.grad)
p.define("dh3", lambda v: v["dyhat"] @ v["Wy"], "∂L/∂h3 =", key="p1.dh3", truth=row(hidden[3].grad))
p.define("da3", lambda v: v["dh3"] * tanh_prime(v["a3"]), "∂L/∂a3 =", key="p1.da3", truth=row(pre[2].grad))
p.define("dh2", lambda v: v["da3"] @ v["Wh"], "∂L/∂h2 =", key="p1.dh2", truth=row(hidden[2].grad))
p.define(
    "da2",
    lambda v: v["dh2"],
    "∂L/∂a2 =",
    "link",
    "planted: the factor tanh'(a2) left out, ∂L/∂a2 taken equal to ∂L/∂h2",
    key="p1.da2",
    truth=row(pre[1].grad),
)
FOLLOWS_DA2 = f"follows from the wrong ∂L/∂a2 of line {sheet.find('∂L/∂a2 =')}"
p.define(
    "dh1",
    lambda v: v["da2"] @ v["Wh"],
    "∂L/∂h1 =",
    "follows",
    FOLLOWS_DA2,
    key="p1.dh1",
    truth=row(hidden[1].grad),
)
p.define(
    "da1",
    lambda v: v["dh1"] * (1 - v["h1"] * v["h1"]),
    "∂L/∂a1 =",
    "follows",
    FOLLOWS_DA2,
    key="p1.da1",
    truth=row(pre[0].grad),
)
p.claim("p1.dx2", "∂L/∂x2 =", lambda v: v["da2"] @ v["Wx"], "follows", FOLLOWS_DA2, truth=inputs[1].grad)
p.define("dWy", lambda v: v["dyhat"] * v["h3"], "∂L/∂Wy =", key="p1.dWy", truth=Wy_t.grad)
p.define("dby", lambda v: v["dyhat"], "∂L/∂by =", key="p1.dby", truth=by_t.grad)
dWh = sum(pre[k].grad.T @ hidden[k] for k in range(3))
dWx = sum(pre[k].grad.T * xs[k] for k in range(3))
db = sum(pre[k].grad for k in range(3))
p.claim(
    "p1.dWh",
    "∂L/∂Wh =",
    lambda v: v["da3"].T @ v["h2"] + v["da2"].T @ v["h1"] + v["da1"].T @ v["h0"],
    "follows",
    FOLLOWS_DA2,
    truth=dWh,
)
p.claim(
    "p1.dWx",
    "∂L/∂Wx =",
    lambda v: v["da3"].T * v["x3"] + v["da2"].T * v["x2"] + v["da1"].T * v["x1"],
    "follows",
    FOLLOWS_DA2,
    truth=dWx,
)
p.claim("p1.db", "∂L/∂b =", lambda v: v["da3"] + v["da2"] + v["da1"], "follows", FOLLOWS_DA2, truth=db)
p.claim(
    "p1.Wy_new",
    "Wy_new =",
    lambda v: v["Wy"] - 0.5 * v["dWy"],
    "wrong",
    "planted: a sign slip in one entry of the update",
)
p.claim("p1.by_new", "by_new =", lambda v: v["by"] - 0.5 * v["dby"])

# The same recurrence through nn.RNNCell itself, its gradients by autograd through the three cells.
cell, inputs, hidden, pre = rnn_forward()
Lc_t = 0.5 * (hidden[3] @ t(Wy).T + by - target) ** 2
Lc_t.backward()
p.claim("p1.g3", "g3 = rnn_cell(", lambda v: row(hidden[3]))
p.claim("p1.Lc", "Lc = 0.5", lambda v: Lc_t.item())
p.claim("p1.dLc_Wh", "∂Lc/∂Wh", lambda v: cell.weight_hh.grad)
p.claim("p1.dLc_Wx", "∂Lc/∂Wx", lambda v: cell.weight_ih.grad)
p.claim("p1.dLc_b", "∂Lc/∂b", lambda v: row(cell.bias_ih.grad))
p.claim("p1.dLc_x2", "∂Lc/∂x2", lambda v: inputs[1].grad)

# ---- problem 2: one LSTM step (nn.LSTMCell, gate order i, f, g, o)
p = Worlds(sheet)
x, h0, c0 = 0.8, [[0.1], [-0.3]], [[0.5], [-0.2]]
gates = {
    "f": ([[0.2, -0.1, 0.4], [0.3, 0.2, -0.5]], [[1], [1]]),
    "i": ([[-0.3, 0.4, 0.6], [0.1, -0.2, 0.3]], [[0], [0.1]]),
    "g": ([[0.5, 0.2, -0.7], [-0.4, 0.3, 0.9]], [[0.1], [-0.1]]),
    "o": ([[0.1, 0.1, 0.2], [-0.2, 0.5, 0.4]], [[0], [0]]),
}
p.given(x=x, h0=h0, c0=c0)
for name, (weight, bias) in gates.items():
    p.given(**{"W" + name: weight, "b" + name: bias})
lstm = nn.LSTMCell(1, 2)
with torch.no_grad():
    order = ["i", "f", "g", "o"]
    lstm.weight_hh.copy_(torch.cat([t(gates[k][0])[:, :2] for k in order]))
    lstm.weight_ih.copy_(torch.cat([t(gates[k][0])[:, 2:] for k in order]))
    lstm.bias_ih.copy_(torch.cat([t(gates[k][1]).reshape(-1) for k in order]))
    lstm.bias_hh.zero_()
h0_t, c0_t = t(h0).T.clone(), t(c0).T.clone().requires_grad_()
h1_t, c1_t = lstm(torch.tensor([[x]]), (h0_t, c0_t))
c1_t.retain_grad()
h1_t.sum().backward()
p.define("z", lambda v: np.vstack([v["h0"], v["x"]]))
for name, squash in [("f", sigmoid), ("i", sigmoid), ("g", np.tanh), ("o", sigmoid)]:
    fn = (lambda n, s: lambda v: s(v["W" + n] @ v["z"] + v["b" + n]))(name, squash)
    func = "sigmoid" if squash is sigmoid else "tanh"
    p.define(name, fn, f"{name} = {func}(W{name} z", key=f"p2.{name}")
p.define(
    "c1",
    lambda v: v["f"] * v["c0"] + v["i"] * v["g"],
    "c1 = f ⊙ c0",
    "wrong",
    "planted: 0.3987 − 0.2549 taken as 0.3987 + 0.2549 = 0.6536 in entry 1",
    key="p2.c1",
    truth=col(c1_t),
)
FOLLOWS_C1 = f"follows from the wrong c1 of line {sheet.find('c1 = f ⊙ c0')}"
p.define(
    "h1",
    lambda v: v["o"] * np.tanh(v["c1"]),
    "h1 = o ⊙ tanh(c1)",
    "follows",
    FOLLOWS_C1,
    key="p2.h1",
    truth=col(h1_t),
)
p.define(
    "dc1",
    lambda v: v["o"] * tanh_prime(v["c1"]),
    "∂L/∂c1 =",
    "follows",
    FOLLOWS_C1,
    key="p2.dc1",
    truth=col(c1_t.grad),
)
p.define("dc0", lambda v: v["dc1"] * v["f"], "∂L/∂c0 =", "follows", FOLLOWS_C1, key="p2.dc0", truth=col(c0_t.grad))
p.define("do", lambda v: np.tanh(v["c1"]), "∂L/∂o =", "follows", FOLLOWS_C1, key="p2.do")
p.claim("p2.lstm_cell", "lstm_cell(", lambda v: np.hstack([row(h1_t), row(c1_t)]))

# ---- problem 3: causal scaled dot-product attention (masked_fill with -inf above the diagonal, torch.softmax)
p = Worlds(sheet)
Q = [[0.9, -0.3], [0.2, 0.8], [-0.5, 0.4]]
K = [[0.6, 0.1], [-0.2, 0.7], [0.4, -0.9]]
V = [[1.5, -0.5], [0.2, 0.9], [-0.8, 0.3]]
G = [[1, 0], [0, 1], [1, 1]]
mask = np.triu(np.full((3, 3), -1e9), 1)
p.given(Q=Q, K=K, V=V, Mask=mask, G=G)
V_t = t(V).requires_grad_()
causal = torch.triu(torch.ones(3, 3, dtype=torch.bool), 1)
weights_t = torch.softmax((t(Q) @ t(K).T / math.sqrt(2)).masked_fill(causal, float("-inf")), dim=-1)
out_t = weights_t @ V_t
(t(G) * out_t).sum().backward()
A_true = weights_t.detach().numpy()
p.define("S", lambda v: v["Q"] @ v["K"].T / math.sqrt(2), "S = Q Kᵀ", key="p3.S")
p.define("Sm", lambda v: v["S"] + v["Mask"])
p.define(
    "A",
    lambda v: torch.softmax(torch.tensor(v["Sm"]), dim=1).numpy(),
    "A = softmax(",
    "wrong",
    "planted: 0.4650 copied as 0.4560",
    key="p3.A",
    truth=A_true,
)
FOLLOWS_A = f"follows from the wrong attention weight of line {sheet.find('A = softmax(')}"
p.claim("p3.rowsums", "A ones(3, 1)", lambda v: v["A"] @ np.ones((3, 1)), "follows", FOLLOWS_A)
p.define("Out", lambda v: v["A"] @ v["V"], "Out = A V", "follows", FOLLOWS_A, key="p3.Out", truth=out_t)
p.claim("p3.attention", "attention(Q, K, V, mask=Causal)", lambda v: out_t)
p.claim("p3.dOut", "∂L/∂Out = G", lambda v: v["G"])
p.claim("p3.dV", "∂L/∂V =", lambda v: v["A"].T @ v["G"], "follows", FOLLOWS_A, truth=V_t.grad)
p.claim("p3.dA", "∂L/∂A =", lambda v: v["G"] @ v["V"].T)


# ---- problem 4: sinusoidal positional encodings (the formula of "Attention is all you need", d = 4)
def positional(positions, d):
    table = np.zeros((positions, d))
    for pos in range(positions):
        for i in range(d // 2):
            table[pos, 2 * i] = math.sin(pos / 10000 ** (2 * i / d))
            table[pos, 2 * i + 1] = math.cos(pos / 10000 ** (2 * i / d))
    return table


p = Worlds(sheet)
PE = positional(4, 4)
p.given(d=4)
p.define("w1", lambda v: 1 / 10000 ** (2 / 4), "w1 = 1", key="p4.w1")
p.define("PE0", lambda v: PE[0:1], "PE0 =", key="p4.PE0")
p.define("PE1", lambda v: PE[1:2], "PE1 =", key="p4.PE1")
p.define("PE2", lambda v: PE[2:3], "PE2 =", "wrong", "planted: sin(2) = 0.9093 written 0.9039", key="p4.PE2")
p.define("PE3", lambda v: PE[3:4], "PE3 =", key="p4.PE3")
p.claim("p4.builtin", "positional_encoding(4, 4)", lambda v: PE)
FOLLOWS_PE2 = f"follows from the wrong PE2 of line {sheet.find('PE2 =')}"
p.claim("p4.11", "PE1 PE1ᵀ", lambda v: v["PE1"] @ v["PE1"].T)
p.claim("p4.12", "PE1 PE2ᵀ", lambda v: v["PE1"] @ v["PE2"].T, "follows", FOLLOWS_PE2)
p.claim("p4.23", "PE2 PE3ᵀ", lambda v: v["PE2"] @ v["PE3"].T, "follows", FOLLOWS_PE2)
p.claim("p4.offset1", "cos(1) + cos(w1)", lambda v: math.cos(1) + math.cos(v["w1"].item()))
p.claim("p4.13", "PE1 PE3ᵀ", lambda v: v["PE1"] @ v["PE3"].T)

# ---- problem 5: layer norm (F.layer_norm), and the gradients of its affine part
p = Worlds(sheet)
xv, gamma, beta, gy = [[1.2, -0.4, 2.5, 0.7]], [[1.5, 0.8, 1, 1.2]], [[0.1, 0, -0.2, 0.3]], [[0.5, -1, 0.25, 2]]
p.given(x=xv, gamma=gamma, beta=beta, eps=1e-5, gy=gy)
gamma_t, beta_t = t(gamma[0]).requires_grad_(), t(beta[0]).requires_grad_()
y_t = F.layer_norm(t(xv), (4,), gamma_t, beta_t, eps=1e-5)
(t(gy) * y_t).sum().backward()
p.define("mu", lambda v: np.mean(v["x"]), "mu = mean(x)", key="p5.mu")
p.define("dev", lambda v: v["x"] - v["mu"], "dev = x - mu", key="p5.dev")
p.define(
    "s2",
    lambda v: torch.var(t(v["x"]), unbiased=False).item(),
    "s2 = var(x)",
    "wrong",
    "planted: 1.085 written 1.058",
    key="p5.s2",
)
FOLLOWS_S2 = f"follows from the wrong variance of line {sheet.find('s2 = var(x)')}"
p.define("xhat", lambda v: v["dev"] / np.sqrt(v["s2"] + v["eps"]), "xhat = dev", "follows", FOLLOWS_S2, key="p5.xhat")
p.define(
    "y",
    lambda v: v["gamma"] * v["xhat"] + v["beta"],
    "y = gamma ⊙ xhat",
    "follows",
    FOLLOWS_S2,
    key="p5.y",
    truth=y_t,
)
p.claim("p5.layernorm", "layernorm(x, gamma=gamma, beta=beta)", lambda v: y_t)
p.claim("p5.mean_xhat", "mean(xhat) ≈", lambda v: np.mean(v["xhat"]))
p.claim("p5.mean_xhat2", "mean(xhat ⊙ xhat)", lambda v: np.mean(v["xhat"] * v["xhat"]), "follows", FOLLOWS_S2)
p.claim("p5.dbeta", "∂L/∂beta = gy", lambda v: v["gy"], truth=beta_t.grad.numpy().reshape(1, -1))
p.claim(
    "p5.dgamma",
    "∂L/∂gamma =",
    lambda v: v["gy"] * v["xhat"],
    "follows",
    FOLLOWS_S2,
    truth=gamma_t.grad.numpy().reshape(1, -1),
)

# ---- problem 6: GELU (tanh form) and SiLU, with their gradients by autograd
p = Worlds(sheet)
zz = [[-1.5], [-0.3], [0.4], [2.1]]
p.given(zz=zz)
z_gelu, z_silu = t(zz).requires_grad_(), t(zz).requires_grad_()
gelu_t = F.gelu(z_gelu, approximate="tanh")
gelu_t.sum().backward()
silu_t = F.silu(z_silu)
silu_t.sum().backward()
p.define("gz", lambda v: gelu_t, "gz = gelu_t(zz)", "wrong", "planted: -0.1004 written -0.1040", key="p6.gz")
p.claim("p6.gelu_sigmoid", "zz ⊙ sigmoid(1.702 zz)", lambda v: v["zz"] * sigmoid(1.702 * v["zz"]))
z_exact = t(zz).requires_grad_()
gelu_exact = F.gelu(z_exact)
gelu_exact.sum().backward()
p.claim("p6.gelu", "gelu(zz)", lambda v: gelu_exact)
p.claim("p6.gelu_prime", "gelu'(zz)", lambda v: z_exact.grad)
p.define("sz", lambda v: silu_t, "sz = silu(zz)", key="p6.sz")
p.claim("p6.dgelu", "∂Lg/∂zz", lambda v: z_gelu.grad)
p.claim("p6.dsilu", "∂Ls/∂zz", lambda v: z_silu.grad, "wrong", "planted: the sign of the first entry dropped")
p.claim("p6.silu_prime", "silu'(zz)", lambda v: z_silu.grad)

# ---- problem 7: parameter counts of PyTorch's layers
p = Worlds(sheet)
p.given(n_in=10, n_h=20)


def count(layer):
    return sum(parameter.numel() for parameter in layer.parameters())


p.define("n_linear", lambda v: count(nn.Linear(512, 256)), "n_linear =", key="p7.linear")
p.define("n_rnn", lambda v: count(nn.RNN(10, 20)), "n_rnn =", key="p7.rnn")
p.define(
    "n_lstm",
    lambda v: count(nn.LSTM(10, 20)),
    "n_lstm =",
    "wrong",
    "planted: 4 × 640 written 2460",
    key="p7.lstm",
)
p.define("n_gru", lambda v: count(nn.GRU(10, 20)), "n_gru =", key="p7.gru")
p.claim("p7.ratio", "n_gru / n_lstm", lambda v: count(nn.GRU(10, 20)) / count(nn.LSTM(10, 20)))
p.define(
    "n_conv",
    lambda v: 16 * 3 * 3 * 3,
    "n_conv =",
    "link",
    "planted: the 16 biases left out of the count",
    key="p7.conv",
    truth=count(nn.Conv2d(3, 16, 3)),
)
p.claim("p7.mha", "n_mha =", lambda v: count(nn.MultiheadAttention(64, 4)))
p.claim("p7.embedding", "n_embedding =", lambda v: count(nn.Embedding(1000, 64)))
p.claim(
    "p7.sum",
    "n_linear + n_lstm",
    lambda v: v["n_linear"] + v["n_lstm"],
    "follows",
    f"follows from the wrong LSTM count of line {sheet.find('n_lstm =')}",
)

sheet.finish()
