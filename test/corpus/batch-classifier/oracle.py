"""Oracle for the batch-classifier sheet (issue 10: tensors): a linear softmax classifier on a mini-batch of
three (rows are samples, a bias row broadcast over the rows), per-axis statistics, a causal attention mask
with -inf, and a ReLU layer written with `where` and a comparison. Forward values from PyTorch
(F.softmax/F.log_softmax over dim 1, F.cross_entropy with class indices, torch.logsumexp, torch.var with
`unbiased`, F.batch_norm, torch.argmax); every gradient by autograd; for each step after a planted mistake the
value the writer's own numbers give. Two worlds: T holds the true values, W the writer's.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr; --fill writes drafts for `?`,
--expected rewrites expected.json)."""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import hworacle  # noqa: E402
from hworacle import parse  # noqa: E402
from hwsheet import RELATION, Sheet, Worlds, to_matrix as m  # noqa: E402

torch.set_default_dtype(torch.float64)


def four_significant(x, relation):
    """Drafts as a student rounds: 4 significant digits under `≈`, trailing zeros kept (0.2470)."""
    if relation == "=" or abs(x - round(x, 4)) < 1e-12:
        return f"{x:.12g}"
    return f"{x:#.4g}".rstrip(".")


hworacle.draft_number = four_significant


def code_of(text):
    return text.split("#")[0].rstrip()


class MultiLineSheet(Sheet):
    """A stated matrix may span lines (one row per line, as a student lays out a 5×4 gradient): the literal
    is read up to its closing bracket, and a wrong entry's finding sits on the line of its row."""

    def span(self, line):
        text, last = code_of(self.lines[line - 1]), line
        while text.count("[") > text.count("]"):
            last += 1
            text += " " + code_of(self.lines[last - 1]).strip()
        return text, last

    def literal(self, line):
        text, _ = self.span(line)
        parts = RELATION.split(text)
        relation = "≈" if parts[-2] in ("≈", "~=") else "="
        return relation, parts[-1].strip()

    def entry_line(self, line, row, rows):
        _, last = self.span(line)
        if last == line:
            return line
        assert last - line + 1 == rows, f"line {line}: a multi-line literal must have one row per line"
        return line + row - 1

    def _edge_check(self, key, relation, written, truth, writer, intent):
        """As the shared check, naming the entries near the edge (write a digit more there)."""
        if relation != "≈" or intent == "wrong":
            return
        stated_value, halves = parse(written)
        truth2 = m(truth)
        writer2 = truth2 if writer is None else m(writer)
        if truth2.shape != stated_value.shape:
            return
        # Each entry against the value it matches: the truth where it is right, else the writer's value.
        right = np.abs(stated_value - truth2) <= halves
        target = np.where(right, truth2, writer2)
        ratio = np.abs(stated_value - target) / halves
        for i, j in zip(*np.nonzero((ratio > 0.98) & (ratio <= 1))):
            self.oracle.problems.append(
                f"{key}: entry ({i + 1},{j + 1}) written {stated_value[i, j]!r} is within 2 % of the rounding edge"
                f" (value {target[i, j]!r})"
            )

    def wrong_shape(self, key, marker, truth, why):
        """A planted value of the wrong shape: value.shape, whose expected value is the truth."""
        line = self.find(marker)
        _, written = self.literal(line)
        stated_value, _ = parse(written)
        truth2 = m(truth)
        intended = stated_value.shape != truth2.shape
        note = f"wrong shape {key}: written {stated_value.shape}, truth {truth2.shape}"
        print(("         " if intended else "MISMATCH ") + note + "  (intended value.shape)", file=sys.stderr)
        if not intended:
            self.oracle.problems.append(f"{key}: the shape is right, intended value.shape")
        self.oracle.value(key, truth2)
        self.findings.append({"line": line, "code": "value.shape", "why": why, "truth": key})


sheet = MultiLineSheet(os.path.join(HERE, "sheet.hw"), os.path.join(HERE, "expected.json"))


def t(x, grad=False):
    return torch.tensor(np.array(x, dtype=float), requires_grad=grad)


def softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def one_hot(labels, classes):
    return np.eye(classes)[np.array(labels, dtype=int).reshape(-1) - 1]


def ce_labels(p, labels, reduction="mean"):
    rows = -np.log(p[np.arange(p.shape[0]), np.array(labels, dtype=int).reshape(-1) - 1])
    return rows.mean() if reduction == "mean" else rows.sum()


X = [[0.5, -1.2, 0.3, 0.8, -0.4], [1.1, 0.2, -0.7, -0.5, 0.9], [-0.6, 0.4, 1.5, 0.1, -1.0]]
labels = [[1], [3], [2]]
index = torch.tensor([1, 3, 2]) - 1

# ---- problem 1: a linear softmax classifier, rows are samples, b broadcast over the rows
p = p1_worlds = Worlds(sheet)
W = [[0.3, -0.2, 0.5, -0.1], [-0.4, 0.6, 0.1, 0.2], [0.2, 0.1, -0.3, 0.7], [0.5, -0.3, 0.2, 0.4]]
W += [[-0.1, 0.4, -0.6, 0.3]]
b = [[0.1, -0.2, 0.05, 0.15]]
p.given(X=X, W=W, b=b, y=labels)

X_t, W_t, b_t = t(X, True), t(W, True), t(b, True)
Z_t = X_t @ W_t + b_t  # b (1×4) broadcast over the three rows, as in the sheet
Z_t.retain_grad()
P_t = F.softmax(Z_t, dim=1)
L_t = F.cross_entropy(Z_t, index)  # the mean over the batch of −ln P[i, yᵢ]
L_t.backward()

p.claim("p1.shapeXW", "shape(X W)", lambda v: [list((v["X"] @ v["W"]).shape)])
p.define("Z", lambda v: v["X"] @ v["W"] + v["b"], "Z = X W + b", key="p1.Z", truth=Z_t)
p.claim(
    "p1.Z23",
    "Z[2,3] =",
    lambda v: v["Z"][1, 2],
    "wrong",
    "planted: counted from 0, Z[2,3] read as the entry in row 3, column 4 (1.08); Z[2,3] is 0.19",
)
p.claim("p1.Zrows23", "X[2:3,:] W + b", lambda v: v["X"][1:3, :] @ v["W"] + v["b"], truth=Z_t[1:3])
p.claim("p1.Zrow1", "X[1,:] W + b", lambda v: v["X"][0:1, :] @ v["W"] + v["b"], truth=Z_t[0:1])
p.claim("p1.Zcol4", "Z[:,4] =", lambda v: v["Z"][:, 3:4], truth=Z_t[:, 3:4])

p.define("m", lambda v: v["Z"].max(axis=1, keepdims=True), "m = max(Z, axis=2)", key="p1.m")
p.define("E", lambda v: np.exp(v["Z"] - v["m"]), "E = exp(Z - m)", key="p1.E")
p.define(
    "s",
    lambda v: v["E"].sum(axis=1, keepdims=True),
    "s = sum(E, axis=2)",
    "wrong",
    "planted: row 2 added up wrong (0.72615 + 0.9512 + 1 + 0.5886 = 3.266, written 3.366)",
    key="p1.s",
)
FOLLOWS_S = f"follows from the wrong row sum s of line {sheet.find('s = sum(E, axis=2)')}"
p.define("lse", lambda v: v["m"] + np.log(v["s"]), "lse = m + ln(s)", "follows", FOLLOWS_S, key="p1.lse")
lse_true = torch.logsumexp(Z_t, dim=1, keepdim=True)
p.claim("p1.logsumexp", "logsumexp(Z, axis=2) ≈", lambda v: lse_true)
p.define("P", lambda v: softmax_rows(v["Z"]), "P = softmax(Z, axis=2)", key="p1.P", truth=P_t)
p.claim("p1.P_last_axis", "softmax(Z, axis=-1)", lambda v: P_t)  # the link P: its true value
p.claim("p1.Prowsum", "sum(P, axis=2) =", lambda v: v["P"].sum(axis=1, keepdims=True), truth=P_t.sum(dim=1))
p.claim("p1.Prowsum_keep", "sum(P, axis=2, keepdims=1)", lambda v: np.ones((3, 1)), truth=P_t.sum(dim=1))
p.claim("p1.Pcol1", "P[:,1]", lambda v: v["P"][:, 0:1], truth=P_t[:, 0:1])
p.claim("p1.Pmax", "max(P, axis=2)", lambda v: v["P"].max(axis=1, keepdims=True), truth=P_t.max(dim=1).values)
P_colmean = P_t.mean(dim=0, keepdim=True)
p.claim("p1.Pmean", "mean(P, axis=1)", lambda v: v["P"].mean(axis=0, keepdims=True), truth=P_colmean)
p.claim("p1.log_softmax", "log_softmax(Z, axis=2) =", lambda v: F.log_softmax(Z_t, dim=1))

picked = lambda v: v["P"][np.arange(3), np.array(v["y"], dtype=int).reshape(-1) - 1].reshape(-1, 1)  # noqa: E731
p.define("ell", lambda v: -np.log(picked(v)), "ℓ = -ln(", key="p1.ell")
picked_Z = lambda v: v["Z"][np.arange(3), np.array(v["y"], dtype=int).reshape(-1) - 1].reshape(-1, 1)  # noqa: E731
p.claim("p1.ell_lse", "logsumexp(Z, axis=2) - [Z[1,1]", lambda v: lse_true.detach().numpy() - picked_Z(v))
p.define("L", lambda v: ce_labels(v["P"], v["y"]), "L = cross_entropy(P, y)", key="p1.L", truth=L_t)
p.claim("p1.L_sum", "cross_entropy(P, y, reduction=sum)", lambda v: F.cross_entropy(Z_t, index, reduction="sum"))
p.define("Y", lambda v: one_hot(v["y"], 4), "Y = one_hot(y, 4)", key="p1.Y")
log_P = np.log(P_t.detach().numpy())
p.claim("p1.L_onehot_mean", "cross_entropy(P, Y, reduction=mean)", lambda v: -np.sum(v["Y"] * log_P) / 3)
p.claim(
    "p1.L_onehot",
    "cross_entropy(P, Y) ≈",
    lambda v: -np.sum(v["Y"] * log_P),
    "wrong",
    "planted: with one-hot targets cross_entropy sums over the batch unless reduction=mean; the mean L was written",
)
log_softmax_Z = F.log_softmax(Z_t, dim=1).detach().numpy()
p.claim("p1.L_logsoftmax", "-sum(Y ⊙ log_softmax", lambda v: -np.sum(v["Y"] * log_softmax_Z) / 3)
p.claim(
    "p1.ell_keepdims",
    "logsumexp(Z, axis=2) - sum(Y ⊙ Z",
    lambda v: lse_true.detach().numpy() - (v["Y"] * v["Z"]).sum(axis=1, keepdims=True),
)

p.define("pred", lambda v: v["Z"].argmax(axis=1).reshape(-1, 1) + 1, "pred = argmax(Z, axis=2)", key="p1.pred")
p.claim("p1.predP", "argmax(P, axis=2) = pred", lambda v: torch.argmax(P_t, dim=1).reshape(-1, 1) + 1)
p.claim("p1.correct", "(pred == y) =", lambda v: (v["pred"] == v["y"]).astype(float))
p.claim("p1.acc_mean", "mean(pred == y)", lambda v: (v["pred"] == v["y"]).mean())
true_accuracy = (torch.argmax(Z_t, dim=1) == index).double().mean()
p.claim("p1.accuracy_Z", "accuracy(Z, y)", lambda v: true_accuracy)
p.claim("p1.accuracy_P", "accuracy(P, Y)", lambda v: true_accuracy)

p.define("dZ", lambda v: (v["P"] - v["Y"]) / 3, "∂L/∂Z = (P - Y) / 3", key="p1.dZ", truth=Z_t.grad)
dZ_rowsum = Z_t.grad.sum(dim=1)
p.claim("p1.dZ_rowsum", "sum(∂L/∂Z, axis=2)", lambda v: v["dZ"].sum(axis=1, keepdims=True), truth=dZ_rowsum)
p.define(
    "dW",
    lambda v: v["X"].T @ v["dZ"],
    "∂L/∂W = Xᵀ ∂L/∂Z",
    "wrong",
    "planted: entry (4,2) of ∂L/∂W written with the wrong sign",
    key="p1.dW",
    truth=W_t.grad,
)
p.claim("p1.dW23", "∂L/∂W[2,3]", lambda v: v["dW"][1, 2], truth=W_t.grad[1, 2])
p.define("db", lambda v: v["dZ"].sum(axis=0, keepdims=True), "∂L/∂b = sum(", key="p1.db", truth=b_t.grad)
p.claim("p1.db14", "∂L/∂b[1,4]", lambda v: v["db"][0, 3], truth=b_t.grad[0, 3])
p.claim("p1.dX2", "∂L/∂X[2,:]", lambda v: (v["dZ"] @ v["W"].T)[1:2, :], truth=X_t.grad[1:2, :])

FOLLOWS_DW = f"follows from the wrong entry (4,2) of ∂L/∂W on line {sheet.find('-0.1589, 0.06693')}"
p.define("W_new", lambda v: v["W"] - 0.5 * v["dW"], "W_new = W - 0.5", "follows", FOLLOWS_DW, key="p1.W_new")
p.define("b_new", lambda v: v["b"] - 0.5 * v["db"], "b_new = b - 0.5", key="p1.b_new")
p.define("Z_new", lambda v: v["X"] @ v["W_new"] + v["b_new"], "Z_new = X W_new", "follows", FOLLOWS_DW, key="p1.Z_new")
p.define(
    "L_new",
    lambda v: ce_labels(softmax_rows(v["Z_new"]), v["y"]),
    "L_new = cross_entropy(",
    "follows",
    FOLLOWS_DW,
    key="p1.L_new",
)
print(f"  p1 L_new < L: true {p.T['L_new'] < p.T['L']}, writer {p.W['L_new'] < p.W['L']}", file=sys.stderr)

# ---- problem 2: per-feature (axis 1) and per-sample (axis 2) statistics, NumPy's ddof and PyTorch's unbiased
p = Worlds(sheet)
p.given(X=X)
Xa = np.array(X)
p.claim("p2.rowsum", "sum(X, axis=2)", lambda v: v["X"].sum(axis=1, keepdims=True))
sheet.wrong_shape(
    "p2.colsum",
    "sum(X, axis=1)",
    Xa.sum(axis=0, keepdims=True),
    "planted: axis 1 taken as one value per row; sum(X, axis=1) is the 1×5 row of column sums",
)
p.claim("p2.rowmean", "mean(X, axis=2)", lambda v: v["X"].mean(axis=1, keepdims=True))
p.claim("p2.rowmax", "max(X, axis=2, keepdims=1)", lambda v: v["X"].max(axis=1, keepdims=True))
p.claim("p2.colmin", "min(X, axis=1)", lambda v: v["X"].min(axis=0, keepdims=True))
p.claim("p2.colargmin", "argmin(X, axis=1)", lambda v: v["X"].argmin(axis=0).reshape(1, -1) + 1)
p.claim("p2.argmax_all", "argmax(X) =", lambda v: v["X"].argmax() + 1)  # row-major, 1-based
X2_t = t(X)
p.define("mu", lambda v: v["X"].mean(axis=0, keepdims=True), "mu = mean(X, axis=1)", key="p2.mu")
var_pop = torch.var(X2_t, dim=0, keepdim=True, unbiased=False)
p.define("v", lambda v: v["X"].var(axis=0, keepdims=True), "v = var(X, axis=1)", key="p2.v", truth=var_pop)
var_sample = torch.var(X2_t, dim=0, keepdim=True)  # unbiased: ddof=1
p.claim("p2.var1", "var(X, axis=1, ddof=1)", lambda v: v["X"].var(axis=0, ddof=1, keepdims=True), truth=var_sample)
std_sample = torch.std(X2_t, dim=0, keepdim=True)
p.claim("p2.std1", "std(X, axis=1, ddof=1)", lambda v: v["X"].std(axis=0, ddof=1, keepdims=True), truth=std_sample)
p.define(
    "v1",
    lambda v: v["X"][:, 0].var(ddof=1),
    "v1 = var(X[:,1], ddof=1)",
    "wrong",
    "planted: divided by N = 3 instead of N − 1 = 2 (the population variance) although ddof=1",
    key="p2.v1",
)
FOLLOWS_V1 = f"follows from the wrong v1 of line {sheet.find('v1 = var(X[:,1], ddof=1)')}"
p.claim("p2.sd1", "sqrt(v1)", lambda v: np.sqrt(v["v1"]), "follows", FOLLOWS_V1)
p.claim("p2.std_pop1", "std(X[:,1])", lambda v: v["X"][:, 0].std())
p.define("Xc", lambda v: v["X"] - v["mu"], "Xc = X - mu", key="p2.Xc")
p.claim("p2.Xc_colsum", "sum(Xc, axis=1)", lambda v: (v["X"] - v["X"].mean(axis=0)).sum(axis=0, keepdims=True))
bn = F.batch_norm(X2_t, None, None, training=True, eps=1e-5)
p.define("Xn", lambda v: v["Xc"] / np.sqrt(v["v"] + 1e-5), "Xn = Xc / sqrt", key="p2.Xn", truth=bn)
p.claim("p2.bn", "batchnorm(X) = Xn", lambda v: bn)
p.claim("p2.Xn_std", "std(Xn, axis=1)", lambda v: torch.std(bn, dim=0, keepdim=True, unbiased=False))

# ---- problem 3: causal self-attention, -inf above the diagonal
p = Worlds(sheet)
Q = [[0.9, -0.3], [0.2, 0.8], [-0.5, 0.4]]
K = [[0.6, 0.1], [-0.2, 0.7], [0.4, -0.9]]
V = [[1.5, -0.5], [0.2, 0.9], [-0.8, 0.3]]
Mask = np.triu(np.full((3, 3), -np.inf), k=1)
p.given(Q=Q, K=K, V=V, M=Mask)
S_t = t(Q) @ t(K).T / math.sqrt(2)
A_t = F.softmax(S_t.masked_fill(torch.triu(torch.ones(3, 3, dtype=torch.bool), diagonal=1), float("-inf")), dim=1)
p.define("S", lambda v: v["Q"] @ v["K"].T / np.sqrt(2), "S = Q Kᵀ", key="p3.S", truth=S_t)
p.claim("p3.exp_neg_inf", "exp(-inf)", lambda v: np.exp(-np.inf))
p.define("A", lambda v: softmax_rows(v["S"] + v["M"]), "A = softmax(S + M", key="p3.A", truth=A_t)
p.claim("p3.A1", "A[1,:] =", lambda v: v["A"][0:1, :], truth=A_t[0:1])
p.claim("p3.A_rowsum", "sum(A, axis=2)", lambda v: v["A"].sum(axis=1, keepdims=True))


def a2_writer(v):
    """The writer's row: the masked key's exp(S[2,3]) left in the denominator."""
    e = np.exp(v["S"][1, :])
    return np.array([[e[0] / e.sum(), e[1] / e.sum(), 0.0]])


p.define(
    "a2",
    lambda v: softmax_rows(v["S"][1:2, :] + v["M"][1:2, :]),
    "a2 = softmax(S[2,:]",
    "wrong",
    "planted: exp(S[2,3]) of the masked key left in the denominator",
    key="p3.a2",
    truth=A_t[1:2],
)
sheet.oracle.suggest("p3.a2 as the writer computes it", a2_writer(p.T))
FOLLOWS_A2 = f"follows from the wrong a2 of line {sheet.find('a2 = softmax(S[2,:]')}"
p.define("o2", lambda v: v["a2"] @ v["V"], "o2 = a2 V", "follows", FOLLOWS_A2, key="p3.o2", truth=(A_t @ t(V))[1:2])
p.define("O", lambda v: v["A"] @ v["V"], "O = A V", key="p3.O", truth=A_t @ t(V))
p.claim("p3.attention", "attention(Q, K, V", lambda v: A_t @ t(V))

# ---- problem 4: a hidden ReLU layer written with where and a comparison, the mask in the backward pass
p = Worlds(sheet)
W1 = [[0.4, -0.3, 0.2], [0.1, 0.5, -0.4], [-0.2, 0.3, 0.6], [0.3, -0.1, 0.1], [-0.5, 0.2, 0.3]]
b1 = [[0.1, -0.1, 0.2]]
W2 = [[0.5, -0.4, 0.2, 0.1], [-0.3, 0.6, 0.1, -0.2], [0.2, 0.1, -0.5, 0.4]]
b2 = [[0.05, 0.1, -0.1, 0]]
p.given(X=X, W1=W1, b1=b1, W2=W2, b2=b2, y=labels)
W1_t, b1_t, W2_t, b2_t = t(W1, True), t(b1, True), t(W2, True), t(b2, True)
H1_t = t(X) @ W1_t + b1_t
H1_t.retain_grad()
H_t = torch.where(H1_t > 0, H1_t, torch.zeros_like(H1_t))
H_t.retain_grad()
Z2_t = H_t @ W2_t + b2_t
Z2_t.retain_grad()
P2_t = F.softmax(Z2_t, dim=1)
L2_t = F.cross_entropy(Z2_t, index)
L2_t.backward()

p.define("H1", lambda v: v["X"] @ v["W1"] + v["b1"], "H1 = X W1 + b1", key="p4.H1", truth=H1_t)
p.define("mask", lambda v: (v["H1"] > 0).astype(float), "mask = (H1 > 0)", key="p4.mask")
p.define("H", lambda v: np.where(v["H1"] > 0, v["H1"], 0), "H = where(H1 > 0", key="p4.H", truth=H_t)
p.claim("p4.relu", "relu(H1) = H1 ⊙ mask = H", lambda v: F.relu(H1_t))
p.claim(
    "p4.leaky",
    "leaky_relu(H1, 0.1)",
    lambda v: F.leaky_relu(H1_t, 0.1),
    "wrong",
    "planted: 0.1 × (−0.92) written as +0.092",
)
p.define("Z2", lambda v: v["H"] @ v["W2"] + v["b2"], "Z2 = H W2 + b2", key="p4.Z2", truth=Z2_t)
p.define("P2", lambda v: softmax_rows(v["Z2"]), "P2 = softmax(Z2, axis=2)", key="p4.P2", truth=P2_t)
p.define("L2", lambda v: ce_labels(v["P2"], v["y"]), "L2 = cross_entropy(P2, y)", key="p4.L2", truth=L2_t)
p.define(
    "pred2",
    lambda v: v["Z2"].argmax(axis=1).reshape(-1, 1) + 1,
    "pred2 = argmax(Z2, axis=2)",
    "wrong",
    "planted: row 1 read as class 4 (score 0.424) although class 1 scores 0.514",
    key="p4.pred2",
    truth=torch.argmax(Z2_t, dim=1).reshape(-1, 1) + 1,
)
FOLLOWS_PRED2 = f"follows from the wrong pred2 of line {sheet.find('pred2 = argmax(Z2, axis=2)')}"
p.claim("p4.correct", "(pred2 == y)", lambda v: (v["pred2"] == v["y"]).astype(float), "follows", FOLLOWS_PRED2)
p.claim("p4.acc", "mean(pred2 == y)", lambda v: (v["pred2"] == v["y"]).mean(), "follows", FOLLOWS_PRED2)

p.define("dZ2", lambda v: (v["P2"] - one_hot(v["y"], 4)) / 3, "∂L2/∂Z2 = (P2", key="p4.dZ2", truth=Z2_t.grad)
p.define("dW2", lambda v: v["H"].T @ v["dZ2"], "∂L2/∂W2 = Hᵀ", key="p4.dW2", truth=W2_t.grad)
p.define("db2", lambda v: v["dZ2"].sum(axis=0, keepdims=True), "∂L2/∂b2 = sum(", key="p4.db2", truth=b2_t.grad)
p.define("dH", lambda v: v["dZ2"] @ v["W2"].T, "∂L2/∂H = ∂L2/∂Z2 W2ᵀ", key="p4.dH", truth=H_t.grad)
p.define(
    "dH1",
    lambda v: v["dH"],
    "∂L2/∂H1 = ∂L2/∂H",
    "link",
    "planted: the ReLU mask left out, ∂L2/∂H1 taken equal to ∂L2/∂H (it is ∂L2/∂H ⊙ (H1 > 0))",
    key="p4.dH1",
    truth=H1_t.grad,
)
FOLLOWS_DH1 = f"follows from the wrong ∂L2/∂H1 of line {sheet.find('∂L2/∂H1 = ∂L2/∂H')}"


def as_written_or_unrounded(name, fn, marker):
    """The docs let a step follow for any value between the one from the writer's literals and the one from
    their unrounded values (here ∂L2/∂H1 as its link ∂L2/∂H gives it): per entry, the end nearer the digits
    written (a subset of the interval, so no verdict is wider than the checker's)."""
    as_written = m(fn(p.W))
    unrounded = m(fn({**p.W, name: p.T["dH"]}))
    stated, _ = parse(sheet.literal(sheet.find(marker))[1])
    nearer = np.abs(stated - as_written) <= np.abs(stated - unrounded)
    return lambda v: np.where(nearer, as_written, unrounded) if v is p.W else fn(v)


dW1_of = as_written_or_unrounded("dH1", lambda v: v["X"].T @ v["dH1"], "∂L2/∂W1 = Xᵀ")
p.define("dW1", dW1_of, "∂L2/∂W1 = Xᵀ", "follows", FOLLOWS_DH1, key="p4.dW1", truth=W1_t.grad)
db1_of = as_written_or_unrounded("dH1", lambda v: v["dH1"].sum(axis=0, keepdims=True), "∂L2/∂b1 = sum(")
p.define("db1", db1_of, "∂L2/∂b1 = sum(", "follows", FOLLOWS_DH1, key="p4.db1", truth=b1_t.grad)
p.claim("p4.dW2_34", "∂L2/∂W2[3,4]", lambda v: v["dW2"][2, 3], truth=W2_t.grad[2, 3])

# The middle links of chains (expressions, not literals) are right in the true world, as the sheet means them.
T1, T4 = p1_worlds.T, p.T
middle_links = {
    "E / sum(E, axis=2) = softmax(Z, axis=2)": (T1["E"] / T1["E"].sum(axis=1, keepdims=True), T1["P"]),
    "Z - logsumexp(Z, axis=2) = log_softmax(Z, axis=2)": (T1["Z"] - lse_true.detach().numpy(), log_softmax_Z),
    "mean(ℓ) = cross_entropy(P, y)": (T1["ell"].mean(), T1["L"]),
    "(∂L/∂Z Wᵀ)[2,:] = ∂L/∂X[2,:]": ((Z_t.grad @ W_t.T)[1:2].detach().numpy(), X_t.grad[1:2].numpy()),
    "H1 ⊙ mask = relu(H1)": (T4["H1"] * T4["mask"], F.relu(H1_t).detach().numpy()),
    "where(H1 > 0, H1, 0.1 H1) = leaky_relu(H1, 0.1)": (
        np.where(T4["H1"] > 0, T4["H1"], 0.1 * T4["H1"]),
        F.leaky_relu(H1_t, 0.1).detach().numpy(),
    ),
}
for link, (value, reference) in middle_links.items():
    if not np.allclose(value, reference, rtol=1e-9, atol=1e-12):
        sheet.oracle.problems.append(f"middle link {link} does not hold")
print(f"  {len(middle_links)} middle links hold", file=sys.stderr)

sheet.finish()
