"""Oracle for the cnn-tensors sheet: a two-channel CNN forward and backward pass written with rank-3 and
rank-4 values (`;;` and `;;;` literals), indexing, axis reductions and multi-channel conv2d. Every value comes
from PyTorch (torch.nn.functional, autograd for every gradient) or exact integer arithmetic, and for each step
after a planted mistake the value the writer's own numbers give.

The stated literal of each line is read from the sheet by a marker (a literal may run over several lines, and a
wrong entry is expected on the line it is written on), so the oracle never copies the sheet's digits.
Rank-3/4 values are compared as the (C·H)×W matrix of their rows, the way a `;;` literal reads row by row.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr; --expected rewrites expected.json,
--fill writes a draft for each `?`)."""

import math
import os
import re
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from hwsheet import Sheet  # noqa: E402

torch.set_default_dtype(torch.float64)
RELATIONS = ("≈", "~=", "=")


def rows_of(value):
    """A value as the matrix of its rows: a scalar 1×1, a vector a column, a C×H×W or N×C×H×W value (C·H)×W."""
    if hasattr(value, "detach"):
        value = value.detach().numpy()
    array = np.array(value, dtype=float)
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        return array.reshape(-1, 1)
    return array.reshape(-1, array.shape[-1])


def draft(x, relation):
    if relation == "=" or abs(x - round(x, 4)) < 1e-12:
        text = f"{round(x, 10):.12g}"
    else:
        # four significant digits, trailing zeros kept (0.3630, not 0.363)
        exponent = math.floor(math.log10(abs(x)))
        if abs(float(f"{x:.{max(3 - exponent, 0)}f}")) >= 10 ** (exponent + 1):
            exponent += 1
        text = f"{x:.{max(3 - exponent, 0)}f}"
    return "0" if text in ("-0", "-0.0") else text


def draft_literal(value, shape, relation):
    """A `;`/`;;`/`;;;` literal of a value of the given shape."""
    array = np.array(value, dtype=float).reshape(shape)
    if array.size == 1:
        return draft(float(array.ravel()[0]), relation)

    def matrix(m):
        return "; ".join(", ".join(draft(x, relation) for x in row) for row in m)

    if array.ndim <= 2:
        return "[" + matrix(array.reshape(shape[0], -1) if array.ndim == 2 else array.reshape(-1, 1)) + "]"
    if array.ndim == 3:
        return "[" + ";; ".join(matrix(ch) for ch in array) + "]"
    return "[" + ";;; ".join(";; ".join(matrix(ch) for ch in item) for item in array) + "]"


class TensorSheet(Sheet):
    """hwsheet's Sheet, with statements over several lines and entries named by their full index."""

    def _edge_check(self, key, relation, written, truth, writer, intent):
        """As hwsheet's, but an entry of a step that follows may be right for the truth instead: only an
        entry near the edge of both is at risk."""
        if relation != "≈" or intent == "wrong":
            return
        stated_value, halves = __import__("hworacle").parse(written)
        near = np.abs(stated_value - rows_of(truth)) / halves > 0.98
        if intent == "follows" and writer is not None:
            near &= np.abs(stated_value - rows_of(writer)) / halves > 0.98
        if near.any():
            self.oracle.problems.append(f"{key}: written {written} is within 2 % of the rounding edge")

    def statement(self, line):
        """(numbers of the lines of the statement that starts on `line`, code of each line)."""
        numbers, depth = [], 0
        number = line
        while number <= len(self.lines):
            code = self.lines[number - 1].split("#")[0]
            if numbers and depth == 0 and not code.strip().startswith(RELATIONS):
                break
            numbers.append(number)
            depth += code.count("[") + code.count("(") - code.count("]") - code.count(")")
            number += 1
        return numbers

    def written(self, line):
        """(relation, literal text, [(entry text, line number)]) of the last link of the statement."""
        numbers = self.statement(line)
        pieces = [(n, self.lines[n - 1].split("#")[0]) for n in numbers]
        text = "\n".join(code for _, code in pieces)
        depth, cut, relation = 0, None, None
        i = 0
        while i < len(text):
            ch = text[i]
            depth += ch in "[("
            depth -= ch in "])"
            if depth == 0:
                for rel in RELATIONS:
                    if text.startswith(rel, i):
                        cut, relation = i + len(rel), rel
                        i += len(rel) - 1
                        break
            i += 1
        literal = text[cut:].strip()
        start = cut + (len(text[cut:]) - len(text[cut:].lstrip()))
        entries = []
        for match in re.finditer(r"-?[0-9.]+([eE][-+]?[0-9]+)?|\?", text[start:]):
            entries.append((match.group(0), numbers[0] + text[: start + match.start()].count("\n")))
        return ("≈" if relation in ("≈", "~=") else "="), literal, entries

    def tensor(self, key, marker, truth, writer=None, intent="right", why=None, shape=None):
        """The stated literal on the marker's statement against the truth (and the writer's value)."""
        line = self.find(marker)
        relation, literal, entries = self.written(line)
        truth2 = rows_of(truth)
        writer2 = None if writer is None else rows_of(writer)
        shape = shape or np.shape(truth.detach().numpy() if hasattr(truth, "detach") else truth) or (1, 1)
        if literal == "?":
            source = writer2 if intent == "follows" and writer2 is not None else truth2
            text = draft_literal(source, shape, relation)
            self.fills[[n for _, n in entries if _ == "?"][-1]] = text
            self.oracle.problems.append(f"{key}: nothing written yet; draft {text}")
            print(f"  DRAFT {key}: {text}", file=sys.stderr)
            return truth2
        if not re.match(r"^\[?[-0-9.eE,;\s]+\]?$", literal):
            self.oracle.link(key, truth2, truth2 if writer2 is None else writer2, intent)
            if intent == "follows":
                self.findings.append({"line": entries[0][1] if entries else line, "code": "value.follows", "why": why})
            return truth2 if writer2 is None else writer2
        flat = literal.replace("\n", " ")
        value = self.oracle.stated(key, relation, flat, truth2, writer2, intent)
        self._edge_check(key, relation, flat, truth2, writer2, intent)
        first_line = entries[0][1]
        if intent == "follows":
            self.findings.append({"line": first_line, "code": "value.follows", "why": why})
        if intent == "wrong":
            stated, halves = __import__("hworacle").parse(flat)
            tolerance = halves if relation == "≈" else 1e-9 * np.abs(truth2) + 1e-12
            bad = np.abs(stated - truth2) > tolerance
            if writer2 is not None:
                bad &= np.abs(stated - writer2) > tolerance
            if literal.startswith("[") and truth2.size > 1:
                flat_index = np.flatnonzero(bad.ravel())
                for k in flat_index:
                    index = np.unravel_index(k, shape)
                    name = f"{key}[{','.join(str(i + 1) for i in index)}]"
                    self.oracle.value(name, truth2.ravel()[k])
                    self.findings.append(
                        {"line": entries[k][1], "code": "value.wrong-entry", "why": why, "truth": name}
                    )
            else:
                self.findings.append({"line": first_line, "code": "value.wrong", "why": why, "truth": key})
        return value


sheet = TensorSheet(os.path.join(HERE, "sheet.hw"), os.path.join(HERE, "expected.json"))
st = sheet.tensor


def t(x):
    return torch.tensor(np.array(x, dtype=float))


def conv_out(n, k, padding=0, stride=1, dilation=1):
    return (n + 2 * padding - dilation * (k - 1) - 1) // stride + 1


def conv_transpose_out(n, k, stride=1, padding=0, output_padding=0, dilation=1):
    return (n - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1


def conv2d_params(cin, cout, k, bias=1):
    return cout * cin * k * k + (cout if bias else 0)


def conv2d_macs(cin, cout, k, out_h, out_w):
    return out_h * out_w * cout * cin * k * k


def receptive_field(kernels, strides, dilations=None):
    dilations = dilations or [1] * len(kernels)
    r, jump = 1, 1
    for k, s, d in zip(kernels, strides, dilations):
        r += d * (k - 1) * jump
        jump *= s
    return r


# ---- problem 1: sizes, parameters and cost (exact integers; each size checked against PyTorch's layers)
H1 = conv_out(5, 3, padding=1, stride=2)
assert F.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(2, 2, 3, 3), stride=2, padding=1).shape[-1] == H1
st("p1.H1", "H1 = conv_out(n, k", H1)
st("p1.H1_formula", "floor((n + 2P - k) / S) + 1", math.floor((5 + 2 - 3) / 2) + 1)
H2 = conv_out(H1, 2)
assert F.max_pool2d(torch.zeros(1, 2, 3, 3), 2, 1).shape[-1] == H2
st("p1.H2", "H2 = conv_out(H1, 2)", H2)
st("p1.features", "features = 2 H2 H2", 2 * H2 * H2)
for marker, args, kw in [
    ("conv_out(32, 3, dilation=2)", (32, 3), dict(dilation=2)),
    ("conv_out(32, 3, padding=2, dilation=2)", (32, 3), dict(padding=2, dilation=2)),
    ("conv_out(28, 5, padding=1, stride=3)", (28, 5), dict(padding=1, stride=3)),
]:
    size = conv_out(*args, **kw)
    assert F.conv2d(torch.zeros(1, 1, args[0], args[0]), torch.zeros(1, 1, args[1], args[1]), **kw).shape[-1] == size
    st("p1." + marker, marker, size)
st("p1.ratio_28", "(28 + 2 - 5) / 3", 25 / 3)


def transposed(n, k, **kw):
    size = conv_transpose_out(n, k, **kw)
    out = F.conv_transpose2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), **kw)
    assert out.shape[-1] == size
    return size


st("p1.ct5", "conv_transpose_out(3, 3, stride=2, padding=1) =", transposed(3, 3, stride=2, padding=1))
st("p1.ct6", "output_padding=1) = 6", transposed(3, 3, stride=2, padding=1, output_padding=1))
T1 = transposed(4, 4, stride=2, padding=1)
why_t1 = "planted: the −2P of the transposed size left out ((4−1)·2 + 4)"
T1_w = st("p1.T1", "T1 = ", T1, intent="wrong", why=why_t1)
T1_w = int(T1_w[0, 0])
T2, T2_w = transposed(T1, 4, stride=2, padding=1), conv_transpose_out(T1_w, 4, stride=2, padding=1)
T2_w = int(st("p1.T2", "T2 = ", T2, T2_w, "follows", "conv_transpose_out of the wrong 10 from T1")[0, 0])
st("p1.T2sq", "T2 T2 =", T2 * T2, T2_w * T2_w, "follows", "20 × 20 from the T2 that follows from T1")

conv_layer = torch.nn.Conv2d(2, 2, 3)
linear_layer = torch.nn.Linear(8, 3)
n_conv = sum(q.numel() for q in conv_layer.parameters())
n_lin = sum(q.numel() for q in linear_layer.parameters())
st("p1.conv_params", "conv2d_params(2, 2, 3) = 38", n_conv)
st("p1.conv_params_hand", "2 × 2 × 3 × 3 + 2", 2 * 2 * 3 * 3 + 2)
st("p1.lin_params", "linear_params(8, 3)", n_lin)
st("p1.params", "params = ", n_conv + n_lin)
st("p1.conv_macs", "conv2d_macs(2, 2, 3, 3, 3) = 324", conv2d_macs(2, 2, 3, 3, 3))
st("p1.conv_macs_hand", "3 × 3 × 2 × 2 × 3^2", 3 * 3 * 2 * 2 * 9)
st("p1.lin_macs", "linear_macs(8, 3) = 24", 8 * 3)
macs = conv2d_macs(2, 2, 3, 3, 3) + 8 * 3
st("p1.macs", "macs = ", macs)
st("p1.macs_per_param", "macs / params", macs / (n_conv + n_lin))
big = sum(q.numel() for q in torch.nn.Conv2d(64, 64, 3).parameters())
big_w = st("p1.big_params", "w64 = conv2d_params(64, 64, 3)", big, intent="wrong", why="planted: the 64 biases left out")
big_w = int(big_w[0, 0])
st("p1.big_params2", "2 w64 =", 2 * big, 2 * big_w, "follows", "twice the 36864 without biases")
G = conv2d_macs(64, 64, 3, 56, 56)
G_w = st("p1.G", "G = conv2d_macs", G, intent="wrong", why="planted: the 64 input channels left out (56·56·64·9)")
G_w = float(G_w[0, 0])
st("p1.gflops", "2 G / 10^9", 2 * G / 1e9, 2 * G_w / 1e9, "follows", "2 × 1806336 / 10^9 from the wrong G")

st("p1.rf_net", "receptive_field([3, 2], [2, 1])", receptive_field([3, 2], [2, 1]))
st("p1.rf_net_hand", "1 + (3 - 1) + (2 - 1) × 2", 1 + 2 + 1 * 2)
st("p1.rf_333", "receptive_field([3, 3, 3], [1, 1, 1]) = 7", receptive_field([3, 3, 3], [1, 1, 1]))
st("p1.rf_spec", "receptive_field([3, 3, 3], [1, 2, 1])", receptive_field([3, 3, 3], [1, 2, 1]))
st("p1.rf_s2", "receptive_field([3, 3, 3], [2, 2, 2])", receptive_field([3, 3, 3], [2, 2, 2]))
r7 = receptive_field([7, 3, 3, 3], [2, 2, 1, 1])
why_r7 = "planted: each (k − 1) times the previous stride only, not the product of the strides before"
r7_w = st("p1.r7", "r7 = ", r7, intent="wrong", why=why_r7)
st("p1.r7_frac", "r7 / 32", r7 / 32, float(r7_w[0, 0]) / 32, "follows", "17 / 32 from the wrong r7")
st("p1.rf_dil", "dilations=[1, 2, 4]", receptive_field([3, 3, 3], [1, 1, 1], [1, 2, 4]))

# ---- problem 2: the two-channel CNN
X = np.array(
    [
        [
            [0.5, 0.9, -0.2, 0, -0.2],
            [0.1, -0.2, 0.5, 0.6, -0.4],
            [-0.1, 0.6, -0.2, 0.5, 0.6],
            [0.3, -0.4, -0.6, -0.2, -0.3],
            [-0.7, 0.2, 0.6, -0.3, -0.5],
        ],
        [
            [-0.9, 0.6, -0.3, 0.2, 0.5],
            [0.8, -0.8, -0.2, -0.4, -0.8],
            [-0.1, -0.8, -0.8, -0.7, 0.3],
            [-0.7, -0.5, -0.4, -0.8, 0.3],
            [0, 0.4, -0.6, 0.8, -0.3],
        ],
    ]
)
K = np.array(
    [
        [
            [[0.1, -0.1, -0.3], [0.5, -0.4, 0.1], [-0.4, 0.1, 0.5]],
            [[0.1, -0.1, 0.4], [-0.3, -0.4, -0.4], [-0.5, 0, -0.2]],
        ],
        [
            [[-0.2, 0.3, -0.3], [-0.3, -0.4, 0], [-0.2, 0.2, 0]],
            [[0.5, 0.3, -0.5], [0.5, 0.2, -0.3], [-0.3, -0.2, -0.5]],
        ],
    ]
)
b = np.array([0.1, -0.2])
W = np.array(
    [
        [-0.2, -0.4, 0, 0.4, 0.1, -0.4, -0.5, 0.6],
        [-0.3, 0.6, -0.4, 0.4, -0.2, -0.1, 0.2, -0.6],
        [0.6, -0.3, -0.1, -0.2, 0.4, -0.4, 0.4, -0.4],
    ]
)
c = np.array([0.3, -0.1, -0.3])
y = np.array([0.0, 0.0, 1.0])

st("p2.shapeX", "shape(X) =", [list(X.shape)])
st("p2.shapeK", "shape(K) =", [list(K.shape)])
st("p2.numelKb", "numel(K) + numel(b)", K.size + b.size)

# The whole network on the autograd tape; every gradient below is autograd's.
Xt, Kt, bt, Wt, ct = (t(v).requires_grad_() for v in (X, K, b, W, c))
Yt = F.conv2d(Xt[None], Kt, bt, stride=2, padding=1)[0]
Rt = torch.relu(Yt)
Mt = F.max_pool2d(Rt[None], 2, 1)[0]
ft = Mt.flatten()
zt = Wt @ ft + ct
pt = torch.softmax(zt, 0)
Lt = -(t(y) * torch.log(pt)).sum()
for node in (Yt, Rt, Mt, ft, zt, pt):
    node.retain_grad()
Lt.backward()
Y, R, M, f, z, p, L = (v.detach().numpy() for v in (Yt, Rt, Mt, ft, zt, pt, Lt))

Y_w = st(
    "p2.Y",
    "Y = conv2d(X, K, bias=b",
    Y,
    intent="wrong",
    why="planted: entry (2,3,2) of Y is -0.67, written -0.76 (digits swapped; ReLU gives 0 either way)",
    shape=Y.shape,
).reshape(Y.shape)
Xp = np.pad(X, ((0, 0), (1, 1), (1, 1)))
st(
    "p2.Y111",
    "Y[1,1,1] = sum(",
    Y[0, 0, 0],
)
assert np.isclose(
    (X[0, 0:2, 0:2] * K[0, 0, 1:3, 1:3]).sum() + (X[1, 0:2, 0:2] * K[0, 1, 1:3, 1:3]).sum() + b[0], Y[0, 0, 0]
)
assert np.isclose((X[:, 1:4, 1:4] * K[1]).sum() + b[1], Y[1, 1, 1])
st("p2.Y222", "Y[2,2,2] = sum(", Y[1, 1, 1])
st("p2.Y123", "Y[1,2,3] =", Y[0, 1, 2])
st("p2.Y211", "Y[2,1,1] =", Y[1, 0, 0])
assert np.allclose(F.conv2d(t(X)[None], t(K[0])[None], t(b[:1]), stride=2, padding=1)[0, 0].numpy(), Y[0])
R_w = st("p2.R", "R = relu(Y)", R, np.maximum(Y_w, 0), shape=R.shape)
st("p2.npos", "sum(Y > 0)", (Y > 0).sum(), (Y_w > 0).sum())
# Claims without a number (where = relu, relu' = the 0/1 mask, stack, the batch's sign) hold:
assert np.array_equal(np.where(Y > 0, Y, 0), R) and np.array_equal(np.stack([R[0], R[1]]), R)
st("p2.permute", "permute(X, 2, 3, 1)[3,4,2]", np.transpose(X, (1, 2, 0))[2, 3, 1])
assert np.transpose(X, (1, 2, 0))[2, 3, 1] == X[1, 2, 3]
XB = np.stack([X, -X])
YB = F.conv2d(t(XB), t(K), stride=2, padding=1).numpy()
assert np.allclose(YB[1], -YB[0])
st("p2.shapeXB", "shape(XB) =", [list(XB.shape)])
st("p2.shapeYB", "shape(YB) =", [list(YB.shape)])
st("p2.YB2111", "YB[2,1,1,1] =", YB[1, 0, 0, 0])
st("p2.M", "M = maxpool(R, 2, 1)", M, shape=M.shape)
st("p2.shapeM", "shape(M) =", [list(M.shape)])
st("p2.M212", "M[2,1,2] =", M[1, 0, 1])
st("p2.f", "f = flatten(M)", f)
assert np.array_equal(f.reshape(2, 2, 2), M)
st("p2.z", "z = W f + c", z)
p_w = st("p2.p", "p = softmax(z)", p)
st("p2.p2", "p[2] ≈", p[1])
st("p2.argmax", "argmax(p)", np.argmax(p) + 1)
L_w = st("p2.L", "L = cross_entropy(p, y)", L, intent="wrong", why="planted: log10 for ln (−log10 p₃)")
st("p2.L_ln", "-ln(p[3])", -np.log(p[2]), -np.log(p_w[2, 0]))
st("p2.L_label", "cross_entropy(pᵀ, 3)", F.nll_loss(torch.log(t(p))[None], torch.tensor([2])).item())
st("p2.L_lse", "logsumexp(z) - z[3]", (torch.logsumexp(t(z), 0) - z[2]).item())
st("p2.L_logsoftmax", "-log_softmax(z, axis=1)[3]", -torch.log_softmax(t(z), 0)[2].item())
assert np.array_equal(F.one_hot(torch.tensor([2]), 3).numpy().ravel(), y) and np.argmax(z) == 2
st("p2.L_bits", "L / ln(2)", L / np.log(2), L_w[0, 0] / np.log(2), "follows", "the wrong L of the line before / ln 2")

dz = zt.grad.numpy()
assert np.allclose(dz, p - y)
dz_w = st("p2.dz", "∂L/∂z = p - y", dz, p_w.ravel() - y)
dW = Wt.grad.numpy()
assert np.allclose(dW, np.outer(dz, f))
dW_w = st(
    "p2.dW",
    "∂L/∂W = ∂L/∂z fᵀ",
    dW,
    np.outer(dz_w.ravel(), f),
    intent="wrong",
    why="planted: entry (1,3) of ∂L/∂W: 0.1990 written 0.1909 (digits swapped)",
)
why_w_new = "SGD step with the wrong entry (1,3) of ∂L/∂W"
st("p2.W_new", "W_new = W - 0.1", W - 0.1 * dW, W - 0.1 * dW_w, "follows", why_w_new)
df = ft.grad.numpy()
assert np.allclose(df, W.T @ dz)
df_w = st("p2.df", "∂L/∂f = Wᵀ ∂L/∂z", df, W.T @ dz_w.ravel())
dM = Mt.grad.numpy()
st("p2.dM", "∂L/∂M = reshape(", dM, df_w.reshape(dM.shape), shape=dM.shape)
dR = Rt.grad.numpy()
dR_w = st("p2.dR", "∂L/∂R ≈", dR, shape=dR.shape).reshape(dR.shape)
dY = Yt.grad.numpy()
assert np.allclose(dY, dR * (Y > 0))
dY_w = st("p2.dY", "∂L/∂Y = ∂L/∂R", dY, dR_w * (Y_w > 0), shape=dY.shape).reshape(dY.shape)
db = bt.grad.numpy()
db_w = st(
    "p2.db",
    "∂L/∂b = [sum(",
    db,
    dY_w.sum(axis=(1, 2)),
    intent="wrong",
    why="planted: 0.1089 − 0.4727 + 0.07932 misadded as −0.2448 (true −0.2845)",
)
st("p2.b_new", "b_new = b - 0.1", b - 0.1 * db, b - 0.1 * db_w.ravel(), "follows", "SGD step with the wrong ∂L/∂b")
dK = Kt.grad.numpy()
dK11 = F.conv2d(t(X[0])[None, None], t(dY[0])[None, None], padding=1, dilation=2)[0, 0].numpy()
assert np.allclose(dK11, dK[0, 0])
dK11_w = F.conv2d(t(X[0])[None, None], t(dY_w[0])[None, None], padding=1, dilation=2)[0, 0].numpy()
st("p2.dK11", "∂L/∂K[1,1] = conv2d(", dK[0, 0], dK11_w)
st("p2.dK", "∂L/∂K ≈", dK, shape=dK.shape)
st(
    "p2.dK1213",
    "∂L/∂K[1,2,1,3]",
    dK[0, 1, 0, 2],
    intent="wrong",
    why="planted: the sign of entry (1,2,1,3) of ∂L/∂K dropped",
)
st("p2.dK2133", "∂L/∂K[2,1,3,3]", dK[1, 0, 2, 2])
st("p2.K_new12", "K_new[1,2]", K[0, 1] - 0.1 * dK[0, 1])
dX = Xt.grad.numpy()
st("p2.dX122", "∂L/∂X[1,2,2]", dX[0, 1, 1])
st("p2.dX224", "∂L/∂X[2,2,4]", dX[1, 1, 3])
st("p2.dX2_col1", "∂L/∂X[2,:,1]", dX[1, :, 0])
st("p2.dX2", "∂L/∂X[2] ≈", dX[1])
st("p2.dX_sum", "sum(∂L/∂X)", dX.sum())

# ---- problem 3: pooling on its own
A = np.array(
    [
        [[0, 0.7, -0.5, -0.5], [-0.1, 0.8, 0.7, -0.7], [-0.2, -0.3, 0.9, 0.1], [0, 0.8, -0.2, -0.2]],
        [[-0.1, -0.2, -0.7, -0.8], [-0.2, -0.3, -0.2, 0.6], [0, -0.4, -0.5, -0.8], [-0.2, -0.8, -0.4, 0.4]],
    ]
)
Gp = np.array([[[1, -0.5], [2, 0.25]], [[-1, 0.5], [1.5, 3]]])
At = t(A).requires_grad_()
pooled = F.max_pool2d(At[None], 2)[0]
L3 = (t(Gp) * pooled).sum()
L3.backward()
st("p3.max", "maxpool(A) =", pooled.detach().numpy(), shape=(2, 2, 2))
Q = F.avg_pool2d(t(A)[None], 2)[0].numpy()
why_q = "planted: the window −0.5 − 0.8 − 0.4 + 0.4 summed as −1.5 (true −1.3), so −0.375 for −0.325"
Q_w = st("p3.Q", "Q = avgpool(A)", Q, intent="wrong", why=why_q, shape=Q.shape).reshape(Q.shape)
why_sum = "channel sum of the Q written on the line before (its entry (2,2) from the wrong −0.375)"
st("p3.Q_sum", "sum(Q, axis=1)", Q.sum(axis=0), Q_w.sum(axis=0), "follows", why_sum)
st("p3.Q_mean", "mean(Q) =", Q.mean(), Q_w.mean(), "follows", "mean of the wrong Q")
st("p3.max_pad", "maxpool(A, 2, 2, padding=1) =", F.max_pool2d(t(A)[None], 2, 2, padding=1)[0], shape=(2, 3, 3))
avg_pad = F.avg_pool2d(t(A)[None], 2, 2, padding=1)[0].numpy()
st("p3.avg_pad", "avgpool(A, 2, 2, padding=1) =", avg_pad, shape=(2, 3, 3))
st(
    "p3.avg_pad211",
    "avgpool(A, 2, 2, padding=1)[2,1,1]",
    avg_pad[1, 0, 0],
    intent="wrong",
    why="planted: the corner window's mean over its one real entry (padding not counted, PyTorch counts it)",
)
st("p3.maxA", "max(A) = 0.9", A.max())
st("p3.sum_axis1", "sum(A, axis=1)", A.sum(axis=0))
st("p3.mean_axis1_22", "mean(A, axis=1)[2,2]", A.mean(axis=0)[1, 1])
st("p3.keepdims", "shape(sum(A, axis=1, keepdims=1))", [list(t(A).sum(0, keepdim=True).shape)])
st("p3.max_axis1", "max(A, axis=1) =", A.max(axis=0))
st("p3.L3", "L3 = sum(G", L3.item())
dA = At.grad.numpy()
dA_w = st(
    "p3.dA",
    "∂L3/∂A =",
    dA,
    intent="wrong",
    why="planted: the gradient of window (1,1,1) sent to its first entry A[1,1,1], not to its largest A[1,2,2]",
    shape=dA.shape,
).reshape(dA.shape)
st("p3.dA_sum", "sum(∂L3/∂A) = sum(G)", dA.sum(), dA_w.sum())
why_dot = "Σ ∂L3/∂A ⊙ A with the misrouted gradient"
st("p3.dA_dot", "sum(∂L3/∂A ⊙ A)", (dA * A).sum(), (dA_w * A).sum(), "follows", why_dot)
B = np.stack([A, -A])
st("p3.shapeB", "shape(B) =", [list(B.shape)])
st("p3.maxB", "maxpool(B)[2,1,2,1]", F.max_pool2d(t(B), 2)[1, 0, 1, 0].item())
st("p3.flatB", "shape(flatten(B, 2))", [[2, 32]])

sheet.finish()
