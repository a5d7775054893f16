/** The text of a new homework (the `New Homework` command): every kind of statement once, checking clean. */
export const NEW_HOMEWORK_TEMPLATE = `homework "Homework"

problem 1 "A two-layer network"

question 1 "Forward pass"
given x = [2; 1], y = 10
given W1 = [1, 0; 3, 4; 1, 2], b1 = [0; -2; 5]
given W2 = [2, 6, 1], b2 = -23

a1 = W1 x + b1 = [2; 8; 9]
z1 = relu(a1)
yhat = W2 z1 + b2 = ?

question 2 "Loss and gradient"
L = (y - yhat)^2
∂L/∂W2 = ?

problem 2 "Counting"
unit epoch
question 1
combos = 10 * 6 * 5 = 300
> Write the answer in words on a prose line.
answer epochs = combos * 10 epoch = ?
`;
