"""Oracle for the linalg-stats sheet: every value from NumPy (eigh, svd, solve, lstsq, pinv, matrix_rank)
and torch.distributions, and for each step after a planted mistake the value the writer's own numbers give.
Two worlds: T holds the true values, W the writer's (the literal as written once a name is stated).
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr; --expected rewrites expected.json)."""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from hwsheet import Sheet, Worlds, to_matrix as m  # noqa: E402

sheet = Sheet(os.path.join(HERE, "sheet.hw"), os.path.join(HERE, "expected.json"))
torch.set_default_dtype(torch.float64)


def eig_desc(a):
    values = np.linalg.eigvals(a)
    assert np.allclose(values.imag, 0)
    return np.sort(values.real)[::-1].reshape(-1, 1)


def sign_fixed(columns):
    """Columns with their largest entry positive: the checker compares eigen/singular vectors up to sign."""
    columns = np.array(columns, dtype=float)
    for j in range(columns.shape[1]):
        if columns[np.argmax(np.abs(columns[:, j])), j] < 0:
            columns[:, j] *= -1
    return columns


def eigvecs_desc(a):
    values, vectors = np.linalg.eigh(a)
    return sign_fixed(vectors[:, np.argsort(values)[::-1]])


# ---- problem 1: a symmetric 2×2
p = Worlds(sheet)
p.given(A=[[2.6, 0.7], [0.7, 1.4]])
p.claim("p1.tA", "tA = trace(A)", lambda v: np.trace(v["A"]))
p.define("tA", lambda v: np.trace(v["A"]))
p.define("dA", lambda v: np.linalg.det(v["A"]), "dA = det(A)")
p.define(
    "disc",
    lambda v: v["tA"] ** 2 - 4 * v["dA"],
    "disc = tA^2",
    intent="wrong",
    why="planted: 16 - 12.6 taken as 3.6",
    key="p1.disc",
)
p.define(
    "lam1",
    lambda v: (v["tA"] + np.sqrt(v["disc"])) / 2,
    "lam1 = (tA",
    intent="follows",
    why=f"(4 + √3.6) / 2 from the wrong disc of line {sheet.find('disc = ')}",
    key="p1.lam1",
)
p.define(
    "lam2",
    lambda v: (v["tA"] - np.sqrt(v["disc"])) / 2,
    "lam2 = (tA",
    intent="follows",
    why=f"(4 − √3.6) / 2 from the wrong disc of line {sheet.find('disc = ')}",
    key="p1.lam2",
)
p.define("lam", lambda v: eig_desc(v["A"]), "lam = eig(A)", key="p1.lam")
p.claim("p1.eig_ascending", "eig(A) ≈", lambda v: eig_desc(v["A"])[::-1])
p.claim("p1.sum_lam", "sum(lam) ≈", lambda v: np.sum(v["lam"]))
p.claim("p1.prod_lam", "prod(lam) ≈", lambda v: np.prod(v["lam"]))
p.define("V", lambda v: eigvecs_desc(v["A"]), "V = eigvecs(A)", key="p1.V")
p.given(v1=[[0.9085], [0.4179]])
p.claim("p1.Av1", "A v1 ≈", lambda v: v["A"] @ v["v1"])
p.claim("p1.VtAV", "Vᵀ A V ≈", lambda v: v["V"].T @ v["A"] @ v["V"])
p.claim("p1.VDVt", "V diag(lam) Vᵀ ≈", lambda v: v["V"] @ np.diag(v["lam"].ravel()) @ v["V"].T)

# ---- problem 2: a symmetric 3×3
p = Worlds(sheet)
p.given(S=[[4, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]])
p.claim("p2.trace", "trace(S) =", lambda v: np.trace(v["S"]))
p.claim("p2.det", "det(S) =", lambda v: np.linalg.det(v["S"]))
p.define(
    "lamS",
    lambda v: eig_desc(v["S"]),
    "lamS = eig(S)",
    "wrong",
    "planted: 2.3983 copied as 2.3893",
    key="p2.lamS",
)
p.claim(
    "p2.sum",
    "sum(lamS) ≈",
    lambda v: np.sum(v["lamS"]),
    "follows",
    f"the sum of the eigenvalues as written on line {sheet.find('lamS = ')}",
)
p.claim(
    "p2.prod",
    "prod(lamS) ≈",
    lambda v: np.prod(v["lamS"]),
    "follows",
    f"the product of the eigenvalues as written on line {sheet.find('lamS = ')}",
)
p.define("VS", lambda v: eigvecs_desc(v["S"]), "VS = eigvecs(S)", key="p2.VS")
p.claim("p2.VtV", "VSᵀ VS ≈", lambda v: v["VS"].T @ v["VS"])
p.claim("p2.norm2", "norm(S, 2) ≈", lambda v: np.linalg.norm(v["S"], 2))
p.define("kappa", lambda v: np.max(v["lamS"]) / np.min(v["lamS"]), "kappa = max(lamS)", key="p2.kappa")

# ---- problem 3: SVD of a 2×2
p = Worlds(sheet)
p.given(M=[[2, 1.2], [0.5, 1.8]])
p.define(
    "MtM",
    lambda v: v["M"].T @ v["M"],
    "MtM = Mᵀ M",
    "wrong",
    "planted: 1.44 + 3.24 = 4.68 written 4.86",
    key="p3.MtM",
)
p.define(
    "mu",
    lambda v: eig_desc(v["MtM"]),
    "mu = eig(MtM)",
    "follows",
    f"eigenvalues of MᵀM as written on line {sheet.find('MtM = ')}",
    key="p3.mu",
)
p.claim(
    "p3.sqrt_mu",
    "sqrt(mu) ≈",
    lambda v: np.sqrt(v["mu"]),
    "follows",
    f"square roots of the eigenvalues of line {sheet.find('mu = ')}",
)
p.define("sig", lambda v: np.linalg.svd(v["M"])[1].reshape(-1, 1), "sig = svd(M)", key="p3.sig")
# The checker compares U and V up to the sign of each column; the sheet writes V with its largest entries
# positive and U's columns as M v / σ, so that U diag(σ) Vᵀ = M holds for the written pair too.
M_given = np.array([[2, 1.2], [0.5, 1.8]])
_, sig_true, Vt_true = np.linalg.svd(M_given)
V_signed = sign_fixed(Vt_true.T)
U_signed = M_given @ V_signed / sig_true
p.define("U", lambda v: U_signed, "U = svd_u(M)", key="p3.U")
p.define("Vm", lambda v: V_signed, "Vm = svd_v(M)", key="p3.Vm")
p.claim("p3.USVt", "U diag(sig) Vmᵀ ≈", lambda v: v["U"] @ np.diag(v["sig"].ravel()) @ v["Vm"].T)
p.claim("p3.absdet", "abs(det(M)) =", lambda v: abs(np.linalg.det(v["M"])))
p.claim("p3.prod_sig", "prod(sig) ≈", lambda v: np.prod(v["sig"]))
p.claim("p3.fro", "norm(M) ≈", lambda v: np.linalg.norm(v["M"]))
p.claim("p3.norm2", "norm(M, 2) ≈", lambda v: np.linalg.norm(v["M"], 2))

# ---- problem 4: rank
p = Worlds(sheet)
p.given(R=[[1, 2, 3], [2, 4.5, 6], [1, 2, 3]], N=[[1, 2], [1.001, 2]])
p.claim("p4.rankR", "rank(R) =", lambda v: np.linalg.matrix_rank(v["R"]))
p.claim("p4.svdR", "svd(R) ≈", lambda v: np.linalg.svd(v["R"])[1])
p.claim(
    "p4.rankN",
    "rank(N) =",
    lambda v: np.linalg.matrix_rank(v["N"]),
    "wrong",
    "planted: the nearly proportional rows taken as dependent",
)
p.claim("p4.svdN", "svd(N) ≈", lambda v: np.linalg.svd(v["N"])[1])
p.claim("p4.rankN_tol", "rank(N, tol=0.01)", lambda v: np.linalg.matrix_rank(v["N"], tol=0.01))

# ---- problem 5: a linear system
p = Worlds(sheet)
p.given(A=[[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], b=[[1.5], [-2], [0.7]])
p.claim("p5.det", "det(A) =", lambda v: np.linalg.det(v["A"]))
p.define(
    "x",
    lambda v: np.linalg.solve(v["A"], v["b"]),
    "x = solve(A, b)",
    "wrong",
    "planted: the sign of x3 dropped",
    key="p5.x",
)
p.claim(
    "p5.Ax",
    "A x =",
    lambda v: v["A"] @ v["x"],
    "follows",
    f"A times the wrong x of line {sheet.find('x = solve')}",
)
p.claim("p5.invAb", "inv(A) b =", lambda v: np.linalg.inv(v["A"]) @ v["b"])

# ---- problem 6: least squares
p = Worlds(sheet)
p.given(X=[[1, 0], [1, 1], [1, 2], [1, 3]], y=[[1.1], [1.9], [3.2], [3.8]])
p.define("XtX", lambda v: v["X"].T @ v["X"], "XtX = Xᵀ X", key="p6.XtX")
p.define(
    "Xty",
    lambda v: v["X"].T @ v["y"],
    "Xty = Xᵀ y",
    "wrong",
    "planted: 1.9 + 6.4 + 11.4 added as 18.7",
    key="p6.Xty",
)
p.define(
    "c",
    lambda v: np.linalg.solve(v["XtX"], v["Xty"]),
    "c = solve(XtX, Xty)",
    "follows",
    f"the normal equations with the wrong Xᵀy of line {sheet.find('Xty = ')}",
    key="p6.c",
)
p.claim("p6.lstsq", "lstsq(X, y) ≈", lambda v: np.linalg.lstsq(v["X"], v["y"], rcond=None)[0])
p.define("P", lambda v: np.linalg.pinv(v["X"]), "P = pinv(X)", key="p6.P")
p.claim("p6.Py", "P y ≈", lambda v: v["P"] @ v["y"])
p.define(
    "r",
    lambda v: v["y"] - v["X"] @ v["c"],
    "r = y - X c",
    "follows",
    f"residuals of the wrong c of line {sheet.find('c = solve')}",
    key="p6.r",
)
p.claim(
    "p6.rss",
    "sum(r ⊙ r) ≈",
    lambda v: np.sum(v["r"] * v["r"]),
    "follows",
    f"the residuals of line {sheet.find('r = y - X c')}",
)
p.claim(
    "p6.Xtr",
    "Xᵀ r ≈",
    lambda v: v["X"].T @ v["r"],
    "follows",
    f"Xᵀ times the residuals of line {sheet.find('r = y - X c')}",
)

# ---- problem 7: a rotation
p = Worlds(sheet)
p.given(theta=0.6, p=[[1.5], [0.5]])
p.define("co", lambda v: np.cos(v["theta"]), "co = cos(theta)", key="p7.co")
p.define("si", lambda v: np.sin(v["theta"]), "si = sin(theta)", "wrong", "planted: 0.5646 written 0.5466", key="p7.si")
p.define("R", lambda v: np.block([[v["co"], -v["si"]], [v["si"], v["co"]]]))
p.define(
    "q",
    lambda v: v["R"] @ v["p"],
    "q = R p",
    "follows",
    f"the rotation built from the wrong sine of line {sheet.find('si = ')}",
    key="p7.q",
)
p.claim("p7.norm_p", "norm(p) ≈", lambda v: np.linalg.norm(v["p"]))
p.claim(
    "p7.norm_q",
    "norm(q) ≈",
    lambda v: np.linalg.norm(v["q"]),
    "follows",
    f"the length of q as written on line {sheet.find('q = R p')}",
)
p.claim("p7.detR", "det(R) ≈", lambda v: np.linalg.det(v["R"]))
p.claim(
    "p7.RR",
    "R R ≈",
    lambda v: v["R"] @ v["R"],
    "follows",
    f"R squared with the wrong sine of line {sheet.find('si = ')}",
)
p.claim("p7.cos2", "cos(2 theta) ≈", lambda v: np.cos(2 * v["theta"]))
p.claim("p7.sin2", "sin(2 theta) ≈", lambda v: np.sin(2 * v["theta"]))
p.define("alpha", lambda v: np.arctan(0.5 / 1.5), "alpha = atan(", key="p7.alpha")
p.claim("p7.angle", "alpha + theta ≈", lambda v: v["alpha"] + v["theta"])
quarter = np.array([[math.cos(math.pi / 2), -math.sin(math.pi / 2)], [math.sin(math.pi / 2), math.cos(math.pi / 2)]])
p.claim("p7.quarter", "sin(pi / 2), cos(pi / 2)] p", lambda v: quarter @ v["p"])

# ---- problem 8: sample statistics (torch.var/std/cov with correction=1 for ddof=1)
p = Worlds(sheet)
p.given(x=[[2.1, 3.4, 1.8, 4.0, 2.7]], y=[[1.2, 2.0, 0.9, 2.6, 1.5]])
xs, ys = torch.tensor([2.1, 3.4, 1.8, 4.0, 2.7]), torch.tensor([1.2, 2.0, 0.9, 2.6, 1.5])
p.claim("p8.n", "n = numel(x)", lambda v: v["x"].size)
p.define("n", lambda v: v["x"].size)
p.define("mx", lambda v: np.mean(v["x"]), "mx = mean(x)", key="p8.mx")
p.define("my", lambda v: np.mean(v["y"]), "my = mean(y)", key="p8.my")
p.define("dx", lambda v: v["x"] - v["mx"], "dx = x - mx", key="p8.dx")
p.define("dy", lambda v: v["y"] - v["my"], "dy = y - my", key="p8.dy")
p.define("sxx", lambda v: torch.var(xs, unbiased=True).item(), "sxx = var(", key="p8.sxx")
p.define("sx", lambda v: torch.std(xs, unbiased=True).item(), "sx = std(", key="p8.sx")
p.claim("p8.var_population", "var(x) =", lambda v: torch.var(xs, unbiased=False).item())
var_y = torch.var(ys, unbiased=True).item()
sheet.link("p8.syy.link", "syy = var(", var_y, np.sum(np.array([[-0.44, 0.36, -0.74, 0.96, -0.14]]) ** 2) / 5,
           "planted: the sample variance divided by n instead of n − 1")
p.T["syy"] = m(var_y)
p.W["syy"] = sheet.stated("p8.syy", "syy = var(", var_y, np.sum(p.W["dy"] ** 2) / 5, "follows",
                          "the literal is the link's value, the sum of squares over n")
FOLLOWS_SYY = f"follows from the wrong variance of y of line {sheet.find('syy = var(')}"
p.define("sy", lambda v: np.sqrt(v["syy"]), "sy = sqrt(syy)", "follows", FOLLOWS_SYY, key="p8.sy")
p.claim("p8.cov", "C = cov(", lambda v: torch.cov(torch.stack([xs, ys])).numpy())
p.define("sxy", lambda v: torch.cov(torch.stack([xs, ys]))[0, 1].item(), "sxy = sum(", "wrong",
         "planted: 0.6075 written 0.6705", key="p8.sxy")
p.define("corr", lambda v: v["sxy"] / (v["sx"] * v["sy"]), "corr = sxy", "follows",
         "the wrong covariance and the wrong sy over each other", key="p8.corr")

# ---- problem 9: the normal distribution (torch.distributions.Normal)
p = Worlds(sheet)
p.given(mu=1.5, sigma=0.8, x0=2.1)
normal = torch.distributions.Normal(torch.tensor(1.5), torch.tensor(0.8))
standard = torch.distributions.Normal(torch.tensor(0.0), torch.tensor(1.0))


def pdf(value):
    return normal.log_prob(torch.tensor(value)).exp().item()


def cdf(value, distribution=normal):
    return distribution.cdf(torch.tensor(value)).item()


p.define("z", lambda v: (v["x0"] - v["mu"]) / v["sigma"], "z = (x0 - mu)", key="p9.z")
p.define("f", lambda v: pdf(2.1), "f = normal_pdf(", "wrong", "planted: 0.3764 written 0.3674", key="p9.f")
p.claim("p9.pdf25", "normal_pdf(2.5", lambda v: pdf(2.5))
p.claim("p9.cdf_x0", "normal_cdf(x0", lambda v: cdf(2.1))
p.define("F1", lambda v: cdf(1.0), "F1 = normal_cdf(", "wrong",
         "planted: Φ(+0.625) written for Φ(−0.625), the sign of z dropped", key="p9.F1")
p.define("F25", lambda v: cdf(2.5), "F25 = normal_cdf(", key="p9.F25")
p.claim("p9.Pab", "F25 - F1", lambda v: v["F25"] - v["F1"], "follows",
        f"P(1 < X < 2.5) from the wrong F1 of line {sheet.find('F1 = normal_cdf(')}")
p.claim("p9.tail196", "1 - normal_cdf(1.96)", lambda v: 1 - cdf(1.96, standard))

# ---- problem 10: binomial and Bernoulli (torch.distributions.Binomial, Bernoulli)
p = Worlds(sheet)
p.given(nb=10, pb=0.3)
binomial = torch.distributions.Binomial(10, torch.tensor(0.3))


def pmf(k):
    return binomial.log_prob(torch.tensor(float(k))).exp().item()


sheet.link("p10.P3.link", "P3 = binomial_pmf(", pmf(3), math.comb(10, 3) * 0.3**3 * 0.7**6,
           "planted: the exponent n − k written 6")
p.T["P3"] = m(pmf(3))
p.W["P3"] = sheet.stated("p10.P3", "P3 = binomial_pmf(", pmf(3), math.comb(10, 3) * 0.3**3 * 0.7**6, "follows",
                         "the literal is the link's value, with (1 − p)^6")
p.define("P0", lambda v: pmf(0), "P0 = binomial_pmf(", key="p10.P0")
p.define("P1", lambda v: pmf(1), "P1 = binomial_pmf(", "wrong", "planted: 0.1211 written 0.1121", key="p10.P1")
p.claim("p10.P0P1", "P0 + P1 ≈", lambda v: v["P0"] + v["P1"], "follows",
        f"P(X ≤ 1) with the wrong P1 of line {sheet.find('P1 = binomial_pmf(')}")
ks = torch.arange(11, dtype=torch.float64)
p.claim("p10.total", "sum(binomial_pmf(0:10", lambda v: binomial.log_prob(ks).exp().sum().item())
p.claim("p10.mean", "sum((0:10)", lambda v: (ks * binomial.log_prob(ks).exp()).sum().item())
p.claim("p10.var", "nb pb (1 - pb) =", lambda v: binomial.variance.item())
bernoulli = torch.distributions.Bernoulli(torch.tensor(0.3))
p.claim("p10.bern_pmf", "bernoulli_pmf(", lambda v: bernoulli.log_prob(torch.tensor([0.0, 1.0])).exp().numpy())
p.claim("p10.bern_entropy", "entropy([1 - pb; pb]) =", lambda v: bernoulli.entropy().item())
p.claim("p10.bern_entropy_bits", "entropy([1 - pb; pb], base=2)", lambda v: bernoulli.entropy().item() / math.log(2))

# ---- problem 11: entropy, KL, likelihoods (torch.distributions, F.binary_cross_entropy, F.nll_loss)
p = Worlds(sheet)
p.given(p=[[0.5], [0.3], [0.2]], q=[[0.4], [0.4], [0.2]])
P_, Q_ = torch.tensor([0.5, 0.3, 0.2]), torch.tensor([0.4, 0.4, 0.2])
cat_p, cat_q = torch.distributions.Categorical(P_), torch.distributions.Categorical(Q_)
p.define("H", lambda v: cat_p.entropy().item(), "H = entropy(p)", key="p11.H")
p.claim("p11.H_bits", "entropy(p, base=2)", lambda v: cat_p.entropy().item() / math.log(2))
p.define("KLpq", lambda v: torch.distributions.kl_divergence(cat_p, cat_q).item(), "KLpq = kl_div(", key="p11.KLpq")
p.define("KLqp", lambda v: torch.distributions.kl_divergence(cat_q, cat_p).item(), "KLqp = kl_div(", "wrong",
         "planted: KL taken as symmetric, KL(q‖p) written as KL(p‖q)", key="p11.KLqp")
p.define("Hpq", lambda v: -(P_ * Q_.log()).sum().item(), "Hpq = cross_entropy(", key="p11.Hpq")
p.claim("p11.H_KL", "H + KLpq ≈", lambda v: v["H"] + v["KLpq"])
p.claim("p11.bce", "binary_cross_entropy(", lambda v: F.binary_cross_entropy(
    torch.tensor([0.8, 0.3, 0.6]), torch.tensor([1.0, 0.0, 1.0])).item())
nll_probabilities = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3]])
p.claim("p11.nll", "nll(", lambda v: F.nll_loss(nll_probabilities.log(), torch.tensor([0, 2])).item())
p.claim("p11.log2_3", "log2(3) ≈", lambda v: math.log2(3))

sheet.finish()
