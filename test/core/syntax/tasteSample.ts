/** The "A taste" sample of /work/shared/LANGUAGE.md, verbatim, for the syntax tests. */
export const TASTE_SAMPLE = `
homework "Homework 1"

problem 1 "Backpropagation through a 3-layer ReLU network"

question 1 "Forward pass"
given x = [2; 1], y = 10
given W1 = [1, 0; 3, 4; 1, 2], b1 = [0; -2; 5]
given W2 = [2, 6, 1; 0, 3, 1], b2 = [-23; -11]
given W3 = [-2, 3], b3 = 18

z0 = x = [2; 1]
a1 = W1 z0 + b1 = [2; 10; 4] + [0; -2; 5] = [2; 8; 9]
z1 = relu(a1) = [2; 8; 9]
a2 = W2 z1 + b2 = [61; 33] + [-23; -11] = [38; 22]
z2 = relu(a2)
a3 = W3 z2 + b3 = 8
yhat = relu(a3) = 8

question 2 "The loss and its gradients"
L = (y - yhat)^2
∂L/∂yhat = 2 (yhat - y)
∂L/∂W3 = 2 (yhat - y) relu'(a3) z2ᵀ = [-152, -88]
∂L/∂W2 = (W3ᵀ 2 (yhat - y) relu'(a3)) ⊙ relu'(a2) z1ᵀ
       = [16, 64, 72; -24, -46, -108]        # the checker marks -46: it is -96

problem 2 "Hyperparameter search"
unit epoch
question 1
combos = 10 * 6 * 5 = 300
epochs = combos * 10 epoch = 3000 epoch
time = epochs * 2 min/epoch = 6000 min
question 2
> Each random combination is good with probability 0.05.
ln(1 - 0.95) / ln(0.95) ≈ 58.4
answer N = ceil(ln(1 - 0.95) / ln(0.95)) = 59

problem 4 "Convolutions"
question 2
sum(1:2:39) = 800                              # marked: it is 400
answer conv_out(36, 3, padding=3, stride=2) = 20
question 3
for n, k, P, S: floor((n + 2P - k) / S) + 1 = conv_out(n, k, padding=P, stride=S)
question 4
I = [6, 0, 1; 3, 4, 1; 1, 7, 0]
K = [1, 0; 0, -1]
answer conv2d(I, K) = [2, -1; -4, 4]
`;
