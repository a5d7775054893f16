"""Oracle for the cnn sheet: output sizes and counts in exact integer arithmetic, convolutions and
pooling with torch.nn.functional (cross-correlation, as in the sheet), the backward pass with
PyTorch autograd, and for each step after a planted mistake the value the writer's numbers give.
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


def t(x):
    return torch.tensor(np.array(x, dtype=float))


def conv2d(image, kernel, stride=1, padding=0):
    out = F.conv2d(t(image)[None, None], t(kernel)[None, None], stride=stride, padding=padding)
    return out[0, 0].numpy()


def maxpool(x, size=2, stride=None):
    return F.max_pool2d(t(x)[None, None], size, stride or size)[0, 0].numpy()


def avgpool(x, size=2, stride=None):
    return F.avg_pool2d(t(x)[None, None], size, stride or size)[0, 0].numpy()


def conv_out(n, k, padding=0, stride=1):
    return (n + 2 * padding - k) // stride + 1


# ---- problem 1: AlexNet's first layers, sizes and parameters
s1 = conv_out(227, 11, stride=4)
o.stated("p1.s1", "=", "55", s1)
o.stated("p1.s1_formula", "=", "55", (227 - 11) / 4 + 1)
p1_ = conv_out(s1, 3, stride=2)
o.stated("p1.p1", "=", "27", p1_)
s2 = conv_out(p1_, 5, padding=2)
o.stated("p1.s2", "=", "27", s2)
p2_ = conv_out(s2, 3, stride=2)
# planted: 24 / 2 + 1 taken as 12 (the + 1 dropped)
p2_w = o.stated("p1.p2", "=", "12", p2_, intent="wrong")[0, 0]
s3 = conv_out(p2_, 3, padding=1)
s3_w = o.stated("p1.s3", "=", "12", s3, conv_out(int(p2_w), 3, padding=1), intent="follows")[0, 0]
flat = s3 * s3 * 256
flat_w = o.stated("p1.flat", "=", "36864", flat, s3_w * s3_w * 256, intent="follows")[0, 0]
fc = flat * 4096 + 4096
o.stated("p1.fc_millions", "≈", "151.0", fc / 1e6, (flat_w * 4096 + 4096) / 1e6, intent="follows")
w1 = 11 * 11 * 3 * 96 + 96
o.stated("p1.w1", "=", "34944", w1)
w2 = 5 * 5 * 96 * 256 + 256
# planted: the 256 biases left out
w2_w = o.stated("p1.w2", "=", "614400", w2, intent="wrong")[0, 0]
o.stated("p1.w12", "=", "649344", w1 + w2, w1 + w2_w, intent="follows")
o.stated("p1.act_MiB", "≈", "1.108", 55 * 55 * 96 * 4 / 2**20)
o.stated("p1.rf_ratio", "=", "0.72", 2 * 9 / 25)
o.stated("p1.resnet_stem", "=", "112", conv_out(224, 7, padding=3, stride=2))
o.stated("p1.resnet_pool", "=", "56", conv_out(112, 3, padding=1, stride=2))
o.stated("p1.vgg_same", "=", "224", conv_out(224, 3, padding=1))
o.stated("p1.vgg_pools", "=", "7", 224 / 2**5)
o.stated("p1.vgg_flat", "=", "25088", 7 * 7 * 512)
o.stated("p1.vgg_fc", "=", "102764544", 25088 * 4096 + 4096)
o.stated("p1.vgg_fc_millions", "≈", "102.8", (25088 * 4096 + 4096) / 1e6)
o.stated("p1.rf3", "=", "7", 1 + 3 * (3 - 1))
o.stated("p1.rf3_ratio", "≈", "0.5510", 27 / 49)
# planted: the floor left out of the stride-2 1×1 shortcut
o.link("p1.shortcut.link", conv_out(56, 1, stride=2), (56 - 1) / 2 + 1, intent="wrong")
o.stated("p1.shortcut", "=", "28.5", conv_out(56, 1, stride=2), (56 - 1) / 2 + 1, intent="follows")

# ---- problem 2: a two-channel convolution by hand
I1 = np.array([[0.2, -0.1, 0.4], [0.5, 0.3, -0.2], [-0.6, 0.1, 0.7]])
I2 = np.array([[1.0, 0.5, -0.3], [-0.4, 0.2, 0.6], [0.3, -0.5, 0.1]])
K1 = np.array([[0.5, -1.0], [0.25, 0.5]])
K2 = np.array([[-0.5, 0.2], [1.0, 0.3]])
c1 = conv2d(I1, K1)
o.stated("p2.c1", "=", "[0.475, -0.475; -0.15, 0.725]", c1)
c2 = conv2d(I2, K2)
o.stated("p2.c2", "=", "[-0.74, 0.07; 0.39, -0.45]", c2)
O = c1 + c2 - 0.05
O_w = o.stated("p2.O", "=", "[0.315, -0.455; 0.19, 0.225]", O, intent="wrong")
o.stated("p2.relu", "=", "[0.315, 0; 0.19, 0.225]", np.maximum(O, 0), np.maximum(O_w, 0), intent="follows")
o.stated(
    "p2.sigmoid_mean",
    "≈",
    "0.5174",
    np.mean(1 / (1 + np.exp(-O))),
    np.mean(1 / (1 + np.exp(-O_w))),
    intent="follows",
)
o.stated("p2.c1_12", "=", "-0.475", (-0.1) * 0.5 + 0.4 * (-1) + 0.3 * 0.25 + (-0.2) * 0.5)
o.stated("p2.c2_11", "=", "-0.74", 1.0 * (-0.5) + 0.5 * 0.2 + (-0.4) * 1.0 + 0.2 * 0.3)
o.stated("p2.relu_prime", "=", "[1, 0; 1, 1]", (O > 0).astype(float), (O_w > 0).astype(float), intent="follows")
o.stated("p2.c1_11", "=", "0.475", 0.2 * 0.5 + (-0.1) * (-1) + 0.5 * 0.25 + 0.3 * 0.5)
print(f"  p2 channels: c1 {c1.tolist()} c2 {c2.tolist()}", file=sys.stderr)

# ---- problem 3: stride and padding
I = np.array(
    [[1, 0, 2, -1, 0.5], [0.5, -1, 1, 0, 2], [0, 1.5, -0.5, 1, -1], [2, 0, 1, 0.5, 0], [-1, 0.5, 0, 1, 1.5]]
)
K = np.array([[0, 1, 0], [1, -2, 1], [0, 1, 0]])
o.stated("p3.size", "=", "3", conv_out(5, 3, padding=1, stride=2))
O = conv2d(I, K, stride=2, padding=1)
o.value("p3.O", O)
# planted: padding forgotten, the writer gives the 2×2 map of the unpadded input
O_w = conv2d(I, K, stride=2)
print(f"  p3 O true {O.tolist()}\n  p3 O without padding {O_w.tolist()}", file=sys.stderr)
o.stated("p3.O_mean", "=", "3.75", O.mean(), O_w.mean(), intent="follows")
o.stated("p3.unpadded", "=", "[5, 3; 5, 2]", conv2d(I, K, stride=2))
o.stated("p3.stride1", "=", "[5, -1.5, 3; -4.5, 5.5, -3; 5, -2, 2]", conv2d(I, K))
o.stated("p3.same", "=", "[5, 5]", [[5, 5]])

# ---- problem 4: pooling
X = np.array(
    [[0.12, 0.85, -0.30, 0.41], [0.67, -0.24, 0.93, 0.05], [-0.58, 0.36, 0.14, -0.77], [0.29, 0.71, -0.46, 0.88]]
)
o.stated("p4.max", "=", "[0.85, 0.93; 0.71, 0.88]", maxpool(X))
o.stated("p4.avg", "=", "[0.35, 0.2725; 0.195, -0.0525]", avgpool(X))
o.stated("p4.max3", "=", "[0.93, 0.93; 0.93, 0.93]", maxpool(X, 3, 1))
A3 = avgpool(X, 3, 1)
A3_w = o.stated("p4.avg3", "≈", "[0.2167, 0.1588; 0.2022, 0.1778]", A3, intent="wrong")
o.stated("p4.avg3_sum", "≈", "0.7555", A3.sum(), A3_w.sum(), intent="follows")
o.stated("p4.gap", "=", "0.19125", X.mean())
o.stated("p4.avg2_1", "=", "[0.35, 0.31, 0.2725; 0.0525, 0.2975, 0.0875; 0.195, 0.1875, -0.0525]", avgpool(X, 2, 1))
o.stated("p4.max_all", "=", "0.93", X.max())
o.stated("p4.min_all", "=", "-0.77", X.min())
G = np.array([[1.0, -2.0], [0.5, 3.0]])
Xt = t(X).requires_grad_()
(torch.sum(t(G) * F.max_pool2d(Xt[None, None], 2)[0, 0])).backward()
o.stated("p4.dX", "=", "[0, 1, 0, 0; 0, 0, -2, 0; 0, 0, 0, 0; 0, 0.5, 0, 3]", Xt.grad.numpy())

# ---- problem 5: forward and backward through conv → tanh → max pool
I = np.array(
    [
        [0.2, -0.5, 1.0, 0.3, -0.1],
        [0.7, 0.4, -0.8, 0.6, 0.9],
        [-0.3, 0.1, 0.5, -0.6, 0.2],
        [0.8, -0.2, 0.3, 0.4, -0.7],
        [0.0, 0.6, -0.4, 0.1, 0.5],
    ]
)
K = np.array([[0.5, -0.3], [0.2, 0.4]])
c = 0.1
V = np.array([[1.0, -0.5], [0.5, 2.0]])
O = conv2d(I, K) + c
o.stated(
    "p5.O",
    "=",
    "[0.65, -0.69, 0.59, 0.76; 0.31, 0.76, -0.62, 0.09; 0, 0.08, 0.75, -0.46; 0.8, -0.13, 0.09, 0.73]",
    O,
)
T = np.tanh(O)
T_w = o.stated(
    "p5.T",
    "≈",
    "[0.5717, -0.5980, 0.5299, 0.6411; 0.3004, 0.6411, -0.5511, 0.0898; "
    "0, 0.0798, 0.6351, -0.4301; 0.6640, -0.1293, 0.0898, 0.6231]",
    T,
)
M = maxpool(T)
M_w = o.stated("p5.M", "≈", "[0.6411, 0.6411; 0.6640, 0.6351]", M, maxpool(T_w))
o.stated("p5.L", "≈", "1.923", np.sum(V * M), np.sum(V * M_w))


def p5_loss(I_t, K_t, c_t):
    O_t = F.conv2d(I_t[None, None], K_t[None, None])[0, 0] + c_t
    return torch.sum(t(V) * F.max_pool2d(torch.tanh(O_t)[None, None], 2)[0, 0])


leaves = [t(I).requires_grad_(), t(K).requires_grad_(), t(c).requires_grad_()]
p5_loss(*leaves).backward()
dI, dK, dc = [leaf.grad.numpy() for leaf in leaves]
T_leaf = t(T).requires_grad_()
torch.sum(t(V) * F.max_pool2d(T_leaf[None, None], 2)[0, 0]).backward()
dT = T_leaf.grad.numpy()
o.stated("p5.dT", "=", "[0, 0, 0, -0.5; 0, 1, 0, 0; 0, 0, 2, 0; 0.5, 0, 0, 0]", dT)
dO = dT * (1 - T**2)
dO_w = o.stated(
    "p5.dO",
    "≈",
    "[0, 0, 0, -0.2945; 0, 0.5890, 0, 0; 0, 0, 1.193, 0; 0.2795, 0, 0, 0]",
    dO,
    dT * (1 - T_w**2),
)
dK_w = o.stated("p5.dK", "≈", "[0.9675, -1.2316; 0.2401, 0.6744]", dK, conv2d(I, dO_w), intent="wrong")
o.stated("p5.dV", "≈", "[0.6411, 0.6411; 0.6640, 0.6351]", M)
o.stated("p5.dT_sum", "=", "3", dT.sum())
o.stated("p5.dc", "≈", "1.767", dc, dO_w.sum())
K_flip = K[::-1, ::-1]
o.stated("p5.Kflip", "=", "[0.4, 0.2; -0.3, 0.5]", K_flip)
# planted: the kernel is not flipped for the gradient with respect to the input
o.link("p5.dI.link", dI, conv2d(dO_w, K, padding=1), intent="wrong")
o.stated(
    "p5.dI",
    "≈",
    "[0, 0, 0, -0.1178, -0.0589; 0, 0.2356, 0.1178, 0.08835, -0.14725; 0, -0.1767, 0.7717, 0.2386, 0; "
    "0.1118, 0.0559, -0.3579, 0.5965, 0; -0.08385, 0.13975, 0, 0, 0]",
    dI,
    conv2d(dO_w, K, padding=1),
    intent="follows",
)
o.stated("p5.K_new", "≈", "[0.3065, -0.0537; 0.1520, 0.2651]", K - 0.2 * dK, K - 0.2 * dK_w, intent="follows")

# ---- problem 6: the cost of a layer
macs = 224 * 224 * 64 * 3 * 3 * 64
# planted: one factor 3 of the 3×3 kernel dropped
macs_w = o.stated("p6.macs", "=", "616562688", macs, intent="wrong")[0, 0]
o.stated("p6.gmac", "≈", "0.6166", macs / 1e9, macs_w / 1e9, intent="follows")
o.stated("p6.gflops", "≈", "1.233", 2 * macs / 1e9, 2 * macs_w / 1e9, intent="follows")
o.stated("p6.params", "=", "36928", 3 * 3 * 64 * 64 + 64)
o.stated("p6.bottleneck", "=", "51380224", 56 * 56 * 256 * 64)
o.stated("p6.separable", "≈", "0.1267", 1 / 64 + 1 / 9)
o.stated("p6.sep_params", "=", "4672", 3 * 3 * 64 + 64 * 64)
o.stated("p6.bottleneck_params", "=", "16448", 256 * 64 + 64)
dw, pw = 224 * 224 * 64 * 9, 224 * 224 * 64 * 64
o.stated("p6.dw", "=", "28901376", dw)
o.stated("p6.pw", "=", "205520896", pw)
o.stated("p6.sep_macs_ratio", "≈", "0.3802", (dw + pw) / macs, (dw + pw) / macs_w, intent="follows")
o.stated("p6.sep_ratio", "≈", "0.1267", (3 * 3 * 64 + 64 * 64) / (3 * 3 * 64 * 64))

dump = o.dump
if __name__ == "__main__":
    dump()
