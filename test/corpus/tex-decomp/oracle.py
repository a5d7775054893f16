"""Oracle for the tex-decomp sheet (a LaTeX document): eigenvalues and eigenvectors of symmetric 2×2 matrices,
a rank, an inverse and a linear solve, vector and matrix norms, singular values, a binomial distribution and
Bayes' rule. Every true value with NumPy (eigh, svd, matrix_rank, solve, norm) or exact arithmetic, and for
each step after a planted mistake the value the writer's own numbers give.
Run: /usr/bin/python3 oracle.py > oracle.json (verdicts on stderr)."""

import math
import os
import sys
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hworacle import Oracle  # noqa: E402

o = Oracle()
det, inv, norm = np.linalg.det, np.linalg.inv, np.linalg.norm

# ---- problem 1: the symmetric A, its eigenvalues from the trace and the determinant, eigenvectors, spectral sum
A = np.array([[5.0, 2.0], [2.0, 2.0]])
eigenvalues, eigenvectors = np.linalg.eigh(A)  # ascending: 1, 6
o.stated("p1.AT", "=", "[5, 2; 2, 2]", A.T)
o.stated("p1.trA", "=", "7", np.trace(A))
o.stated("p1.detA", "=", "6", det(A))
o.stated("p1.discriminant", "=", "25", np.trace(A) ** 2 - 4 * det(A))
lam1 = o.stated("p1.lambda1", "=", "6", (7 + math.sqrt(25)) / 2)
lam2 = o.stated("p1.lambda2", "=", "1", (7 - math.sqrt(25)) / 2)
assert np.allclose([float(lam2), float(lam1)], eigenvalues)
o.stated("p1.lambda_sum", "=", "7", eigenvalues.sum())
o.stated("p1.lambda_product", "=", "6", eigenvalues.prod())
o.stated("p1.det_inverse", "≈", "0.1667", det(inv(A)))
assert math.isclose(det(inv(A)), 1 / 6)
v1, v2 = np.array([[2.0], [1.0]]), np.array([[1.0], [-2.0]])
# v1 and v2 are the eigenvectors of NumPy up to scale and sign
for v, column in ((v1, eigenvectors[:, 1:]), (v2, eigenvectors[:, :1])):
    assert abs(abs(float(v.T @ column)) - norm(v)) < 1e-12
o.stated("p1.Av1.entries", "=", "[12; 6]", np.array([[5 * 2 + 2 * 1], [2 * 2 + 2 * 1]]))
o.stated("p1.Av1", "=", "[12; 6]", A @ v1)
o.stated("p1.6v1", "=", "[12; 6]", 6 * v1)
o.stated("p1.Av2", "=", "[1; -2]", A @ v2)
o.stated("p1.v1v2.sum", "=", "0", 2 * 1 + 1 * (-2))
o.stated("p1.v1v2", "=", "0", v1.T @ v2)
o.stated("p1.sqrt5", "≈", "2.2361", math.sqrt(float(v1.T @ v1)))
u1, u2 = v1 / math.sqrt(5), v2 / math.sqrt(5)
u1_w = o.stated("p1.u1", "≈", "[0.8944; 0.4472]", u1)
# planted: the minus sign of v_2 = (1, -2) lost in u_2
u2_w = o.stated("p1.u2", "≈", "[0.4472; 0.8944]", u2, intent="wrong")
o.stated("p1.term1", "=", "[4.8, 2.4; 2.4, 1.2]", 6 * u1 @ u1.T)
o.expression("p1.term1.frac", "=", 6 * u1 @ u1.T, Fraction(6, 5) * np.array([[4.0, 2.0], [2.0, 1.0]]), "right")
o.stated("p1.term2", "≈", "[0.2, 0.4; 0.4, 0.8]", 1 * u2 @ u2.T, 1 * u2_w @ u2_w.T, intent="follows")
o.stated("p1.spectral_sum", "≈", "[5, 2.8; 2.8, 2]", 6 * u1 @ u1.T + 1 * u2 @ u2.T,
         6 * u1_w @ u1_w.T + 1 * u2_w @ u2_w.T, intent="follows")
assert np.allclose(6 * u1 @ u1.T + 1 * u2 @ u2.T, A)

# ---- problem 2: B, its eigenvalues, rank, inverse and the solve of B x = b
B = np.array([[3.0, 1.0], [1.0, 1.0]])
b = np.array([[5.0], [3.0]])
o.stated("p2.trB", "=", "4", np.trace(B))
o.stated("p2.detB", "=", "2", det(B))
b_eigenvalues = np.linalg.eigvalsh(B)
assert np.allclose(b_eigenvalues, [2 - math.sqrt(2), 2 + math.sqrt(2)])
lam1_w = float(o.stated("p2.lambda1", "≈", "3.4142", b_eigenvalues[1]))
# planted: 2 - sqrt(2) = 0.5858 written 0.5868
lam2_w = float(o.stated("p2.lambda2", "≈", "0.5868", b_eigenvalues[0], intent="wrong"))
o.expression("p2.product.numbers", "≈", b_eigenvalues.prod(), 3.4142 * 0.5868, "follows")
o.stated("p2.product", "≈", "2.0035", b_eigenvalues.prod(), lam1_w * lam2_w, intent="follows")
o.stated("p2.sum", "≈", "4.001", b_eigenvalues.sum(), lam1_w + lam2_w, intent="follows")
o.stated("p2.rankB", "=", "2", np.linalg.matrix_rank(B))
assert det(B) != 0
C = np.array([[2.0, 4.0], [3.0, 6.0]])
o.stated("p2.detC", "=", "0", 2 * 6 - 4 * 3)
assert abs(det(C)) < 1e-12
o.stated("p2.rankC", "=", "1", np.linalg.matrix_rank(C))
# planted: the 2×2 inverse with the diagonal not swapped, (1/2)[3, -1; -1, 1]
B_inv_w = np.array([[3.0, -1.0], [-1.0, 1.0]]) / det(B)
o.expression("p2.Binv.formula", "=", inv(B), B_inv_w, "wrong")
B_inv_w = o.stated("p2.Binv", "=", "[1.5, -0.5; -0.5, 0.5]", inv(B), B_inv_w, intent="follows")
x = np.linalg.solve(B, b)
assert np.allclose(x, [[1.0], [2.0]])
# x = B^{-1} b worked out with the writer's inverse of line 85: it follows from it
o.expression("p2.x.entries", "=", x, np.array([[1.5 * 5 - 0.5 * 3], [-0.5 * 5 + 0.5 * 3]]), "follows")
x_w = o.stated("p2.x", "=", "[6; -1]", x, B_inv_w @ b, intent="follows")
o.expression("p2.Bx.entries", "=", B @ x, np.array([[3 * 6 + 1 * (-1)], [1 * 6 + 1 * (-1)]]), "follows")
o.stated("p2.Bx", "=", "[17; 5]", B @ x, B @ x_w, intent="follows")
assert np.allclose(B @ x, b)

# ---- problem 3: norms of v, and of M with its singular values
v = np.array([[3.0], [-4.0]])
o.stated("p3.v2.squares", "=", "5", math.sqrt(3**2 + (-4) ** 2))
o.stated("p3.v2", "=", "5", norm(v, 2))
o.stated("p3.v1", "=", "7", norm(v, 1))
o.stated("p3.vinf", "=", "4", norm(v, np.inf))
o.stated("p3.sqrt_vTv", "=", "5", math.sqrt(float(v.T @ v)))
M = np.array([[3.0, 0.0], [4.0, 5.0]])
o.expression("p3.sqrt50", "=", norm(M, "fro"), math.sqrt(50), "right")
# planted: sqrt(50) = 7.0711 written 7.0171 (digits swapped)
o.stated("p3.frobenius", "≈", "7.0171", norm(M, "fro"), intent="wrong")
G = M.T @ M
o.stated("p3.G.entries", "=", "[25, 20; 20, 25]", np.array([[9 + 16, 0 + 20], [0 + 20, 0 + 25]]))
o.stated("p3.G", "=", "[25, 20; 20, 25]", G)
o.stated("p3.trG", "=", "50", np.trace(G))
o.stated("p3.detG", "=", "225", 25**2 - 20**2)
assert math.isclose(det(G), 225)
o.stated("p3.sqrt_discriminant", "=", "40", math.sqrt(50**2 - 4 * 225))
singular_values = np.linalg.svd(M, compute_uv=False)  # descending
g_eigenvalues = np.linalg.eigvalsh(G)[::-1]
assert np.allclose(np.sqrt(g_eigenvalues), singular_values)
# planted: (50 + 40) / 2 = 45 written 54 (digits swapped)
lamG1_w = float(o.stated("p3.lambda1", "=", "54", g_eigenvalues[0], intent="wrong"))
lamG2_w = float(o.stated("p3.lambda2", "=", "5", g_eigenvalues[1]))
s1_w = float(o.stated("p3.sigma1", "≈", "7.3485", singular_values[0], math.sqrt(lamG1_w), intent="follows"))
s2_w = float(o.stated("p3.sigma2", "≈", "2.2361", singular_values[1], math.sqrt(lamG2_w)))
o.stated("p3.spectral_norm", "≈", "7.3485", norm(M, 2), s1_w, intent="follows")
o.stated("p3.kappa", "≈", "3.2863", np.linalg.cond(M), s1_w / s2_w, intent="follows")
o.stated("p3.s1s2", "≈", "16.432", singular_values.prod(), s1_w * s2_w, intent="follows")
o.stated("p3.detM", "=", "15", det(M))
o.stated("p3.s1s1_s2s2", "≈", "59", (singular_values**2).sum(), s1_w**2 + s2_w**2, intent="follows")
assert math.isclose((singular_values**2).sum(), norm(M, "fro") ** 2)

# ---- problem 4: Bin(6, 0.2), exact in fractions, and Bayes' rule for a spam filter
n, p = 6, Fraction(1, 5)


def pmf(k):
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)


o.stated("p4.binom62", "=", "15", math.comb(6, 2))
o.stated("p4.binom62.product", "=", "15", Fraction(6 * 5, 2))
o.stated("p4.P2.numbers", "=", "0.24576", 15 * Fraction(4, 100) * Fraction(4096, 10000))
o.stated("p4.P2", "=", "0.24576", pmf(2))
p0_w = float(o.stated("p4.p0", "=", "0.262144", pmf(0)))
# planted: 6 · 0.2 · 0.8^5 = 0.393216 written 0.39216 (a digit dropped)
p1_w = float(o.stated("p4.p1", "=", "0.39216", pmf(1), intent="wrong"))
o.stated("p4.at_most_1", "=", "0.654304", pmf(0) + pmf(1), p0_w + p1_w, intent="follows")
o.stated("p4.at_least_2", "=", "0.345696", 1 - pmf(0) - pmf(1), 1 - p0_w - p1_w, intent="follows")
o.stated("p4.mean", "=", "1.2", n * p)
o.stated("p4.variance", "=", "0.96", n * p * (1 - p))
o.stated("p4.std", "≈", "0.9798", math.sqrt(n * p * (1 - p)))

spam, word_if_spam, word_if_ham = Fraction(3, 10), Fraction(4, 10), Fraction(5, 100)
p_word = word_if_spam * spam + word_if_ham * (1 - spam)
posterior = word_if_spam * spam / p_word
# planted: 0.05 · 0.7 = 0.035 written 0.35, so 0.12 + 0.35 = 0.47
o.stated("p4.P_word.products", "=", "0.155", Fraction(4, 10) * Fraction(3, 10) + Fraction(5, 100) * Fraction(7, 10))
o.expression("p4.P_word.terms", "=", p_word, 0.12 + 0.35, "wrong")
o.stated("p4.P_word", "=", "0.47", p_word, 0.12 + 0.35, intent="follows")
# the posterior is worked out with the numbers as written: right arithmetic, no finding (the truth is 0.7742)
o.stated("p4.posterior.written", "≈", "0.2553", 0.12 / 0.47)
o.value("p4.posterior", posterior)
o.stated("p4.not_spam", "=", "0.7447", 1 - 0.2553)
odds = spam / (1 - spam) * (word_if_spam / word_if_ham)
o.stated("p4.odds", "≈", "3.429", odds)
o.stated("p4.posterior.odds", "≈", "0.7742", 3.429 / (1 + 3.429))
assert abs(float(odds / (1 + odds)) - float(posterior)) < 1e-12

o.dump()
