"""Oracle for the tex-linalg sheet (a LaTeX document): every true value with NumPy (products,
determinants, inverses, the least-squares solution) and exact arithmetic for the probabilities, and
for each step after a planted mistake the value the writer's own numbers give.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr)."""

import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hworacle import Oracle  # noqa: E402

o = Oracle()
det, inv = np.linalg.det, np.linalg.inv

# ---- problem 1: matrix products
A = np.array([[2.0, -1.0], [1.0, 3.0]])
B = np.array([[0.0, 4.0], [-2.0, 1.0]])
v = np.array([[1.0], [-2.0]])
P = o.stated("p1.P.entries", "=", "[2, 7; -6, 7]", A @ B)
o.stated("p1.P", "=", "[2, 7; -6, 7]", A @ B)
o.stated("p1.Q.entries", "=", "[4, 12; -3, 5]", B @ A)
# planted: entry (2,1) of BA, (-2)·2 + 1·1 = -3, written 3
Q_w = o.stated("p1.Q", "=", "[4, 12; 3, 5]", B @ A, intent="wrong")
assert not np.allclose(A @ B, B @ A) and not np.allclose(P, Q_w)  # P ≠ Q for the truth and the writer
o.stated("p1.P_minus_Q", "=", "[-2, -5; -9, 2]", A @ B - B @ A, P - Q_w, intent="follows")
o.stated("p1.ABT", "=", "[2, -6; 7, 7]", (A @ B).T)
o.stated("p1.detA", "=", "7", det(A))
o.stated("p1.detB", "=", "8", det(B))
o.stated("p1.detP.product", "=", "56", det(A) * det(B))
# planted: 7 · 8 = 56 written 54
o.stated("p1.detP", "=", "54", det(A @ B), intent="wrong")
o.stated("p1.Av.entries", "=", "[4; -5]", np.array([[2 + 2], [1 - 6]]))
o.stated("p1.Av", "=", "[4; -5]", A @ v)
o.stated("p1.vAv.sum", "=", "14", 1 * 4 + (-2) * (-5))
o.stated("p1.vAv", "=", "14", v.T @ A @ v)
o.stated("p1.A2", "=", "[3, -5; 5, 8]", A @ A)
o.stated("p1.AplusB", "=", "[2, 3; -1, 4]", A + B)
o.stated("p1.2AminusB", "=", "[4, -6; 4, 5]", 2 * A - B)
C = np.array([[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0]])
o.stated("p1.AC", "=", "[3, -3, 3; -2, 9, 5]", A @ C)
o.stated("p1.S.entries", "=", "[5, 1; 1, 11]", np.array([[1 + 0 + 4, -1 + 0 + 2], [-1 + 0 + 2, 1 + 9 + 1]]))
# planted: entry (2,2) of C Cᵀ, 1 + 9 + 1 = 11, written 10
S_w = o.stated("p1.S", "=", "[5, 1; 1, 10]", C @ C.T, intent="wrong")
o.stated("p1.trS", "=", "15", np.trace(C @ C.T), np.trace(S_w), intent="follows")
assert np.allclose(S_w, S_w.T)  # Sᵀ = S holds for the writer's S too

# ---- problem 2: determinants and inverses
M = np.array([[4.0, 7.0], [2.0, 6.0]])
o.stated("p2.detM", "=", "10", det(M))
o.stated("p2.Minv.adj", "=", "[0.6, -0.7; -0.2, 0.4]", np.array([[6, -7], [-2, 4]]) / 10)
o.stated("p2.Minv", "=", "[0.6, -0.7; -0.2, 0.4]", inv(M))
o.stated("p2.MMinv", "=", "[1, 0; 0, 1]", M @ inv(M))
o.stated("p2.detMinv", "=", "0.1", det(inv(M)))
bvec = np.array([[1.0], [2.0]])
o.stated("p2.x.entries", "=", "[-0.8; 0.6]", np.array([[0.6 - 1.4], [-0.2 + 0.8]]))
# planted: -0.2 + 0.8 = 0.6 written 0.4
o.stated("p2.x", "=", "[-0.8; 0.4]", inv(M) @ bvec, intent="wrong")
N = np.array([[3.0, 1.0], [5.0, 2.0]])
o.stated("p2.detN", "=", "1", det(N))
# planted: the off-diagonal entry -1 of the adjugate not negated
o.stated("p2.Ninv", "=", "[2, 1; -5, 3]", inv(N), intent="wrong")
K = np.array([[3.0, 1.0], [2.0, 5.0]])
o.stated("p2.detK", "=", "13", det(K))
o.stated("p2.Kinv", "≈", "[0.3846, -0.0769; -0.1538, 0.2308]", inv(K))
D = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, 2.0], [1.0, 1.0, 2.0]])
o.stated("p2.detD.cofactors", "=", "6", 2 * (3 * 2 - 2 * 1) - 0 * (1 * 2 - 2 * 1) + 1 * (1 * 1 - 3 * 1))
# planted: the last cofactor 1·1 - 3·1 = -2 taken as +2
o.link("p2.detD.link", det(D), 2 * 4 - 0 + 1 * 2, intent="wrong")
o.stated("p2.detD", "=", "10", det(D), 2 * 4 - 0 + 1 * 2, intent="follows")

# ---- problem 3: least squares by the normal equations
X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
y = np.array([[1.0], [3.0], [4.0], [4.0]])
G = X.T @ X
o.stated("p3.G", "=", "[4, 6; 6, 14]", G)
o.stated("p3.h.entries", "=", "[12; 23]", np.array([[1 + 3 + 4 + 4], [0 + 3 + 8 + 12]]))
# planted: 0 + 3 + 8 + 12 = 23 written 25
h_w = o.stated("p3.h", "=", "[12; 25]", X.T @ y, intent="wrong")
o.stated("p3.detG", "=", "20", det(G))
Ginv_w = o.stated("p3.Ginv", "=", "[0.7, -0.3; -0.3, 0.2]", inv(G))
o.stated("p3.GinvG", "=", "[1, 0; 0, 1]", inv(G) @ G)
c = np.linalg.lstsq(X, y, rcond=None)[0]
assert np.allclose(c, inv(G) @ (X.T @ y))
c_w = o.stated("p3.c", "=", "[0.9; 1.4]", c, Ginv_w @ h_w, intent="follows")
yhat_w = o.stated("p3.yhat", "=", "[0.9; 2.3; 3.7; 5.1]", X @ c, X @ c_w, intent="follows")
r = y - X @ c
r_w = o.stated("p3.r", "=", "[0.1; 0.7; 0.3; -1.1]", r, y - yhat_w, intent="follows")
o.stated("p3.rss", "=", "1.8", r.T @ r, r_w.T @ r_w, intent="follows")
o.stated("p3.Xtr", "=", "[0; -2]", X.T @ r, X.T @ r_w, intent="follows")
o.stated("p3.pred4", "=", "6.5", np.array([[1.0, 4.0]]) @ c, np.array([[1.0, 4.0]]) @ c_w, intent="follows")

# ---- problem 4: probability
prevalence, sensitivity, false_positive = 0.02, 0.9, 0.05
evidence = sensitivity * prevalence + false_positive * (1 - prevalence)
o.stated("p4.evidence", "=", "0.067", evidence)
posterior = sensitivity * prevalence / evidence
o.stated("p4.posterior", "≈", "0.2687", posterior)
o.stated("p4.not_posterior", "=", "0.7313", 1 - 0.2687)
o.stated("p4.odds", "≈", "0.3674", 0.2687 / 0.7313)
a_true = 0.9 * 0.2687
a_w = float(o.stated("p4.a", "≈", "0.2418", a_true))
# planted: a + 0.05 · 0.7313 = 0.2784 written 0.2684
b_w = float(o.stated("p4.b", "≈", "0.2684", a_true + 0.05 * 0.7313, intent="wrong"))
o.stated("p4.p2", "≈", "0.9009", a_true / (a_true + 0.05 * 0.7313), a_w / b_w, intent="follows")
n, p = 5, 0.3
o.stated("p4.binom52", "=", "10", math.comb(5, 2))
o.stated("p4.X2.product", "=", "0.3087", 10 * 0.09 * 0.343)
o.stated("p4.X2", "=", "0.3087", math.comb(5, 2) * p**2 * (1 - p) ** 3)
o.stated("p4.X3.product", "=", "0.1323", 10 * 0.027 * 0.49)
o.stated("p4.X3", "=", "0.1323", math.comb(5, 3) * p**3 * (1 - p) ** 2)
o.stated("p4.X0", "=", "0.16807", (1 - p) ** 5)
o.stated("p4.X_ge_1", "=", "0.83193", 1 - (1 - p) ** 5)
o.stated("p4.X1", "=", "0.36015", 5 * 0.3 * 0.7**4)
o.stated("p4.X_le_1", "=", "0.52822", (1 - p) ** 5 + n * p * (1 - p) ** 4)
o.stated("p4.mean", "=", "1.5", n * p)
# planted: 5 · 0.3 · 0.7 = 1.05 written 1.15
v_w = float(o.stated("p4.var", "=", "1.15", n * p * (1 - p), intent="wrong"))
o.stated("p4.sd", "≈", "1.072", math.sqrt(n * p * (1 - p)), math.sqrt(v_w), intent="follows")

o.dump()
