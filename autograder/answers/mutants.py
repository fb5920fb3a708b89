"""One small wrong implementation per catalogued mistake: the reference with one thing changed.

Instructor-only: a mutant is a near-solution, so this module is never shipped to students (the
student bundle carries mutant *outputs* instead). The grader runs a failing function's mutants
on the same inputs as the student's call; a mutant whose outputs match names the mistake.

Each mutant has the exact signature of the graded function it imitates and is registered with
@mutant(mistake id, function name). Mutants for backward_propagation are built from the reference
components, so they differ from the reference in one place only. The mistakes any function can
make (function '*' in the catalogue) are registered on one concrete function, so that tests can
run them; the grader names those with checks of their own. The order follows the catalogue.
"""

import numpy as np

from autograder.answers.reference import reference as ref

MUTANTS = {}
"""Mistake id -> (graded function name, wrong implementation)."""


class LiveOutcomes:
    """The mutants' outcomes on one call's arguments, each run the first time it is asked for.

    The grader's Calls carry one of these; the student bundle's carry stored outcomes instead.
    """

    def __init__(self, args, exercise=""):
        self.args = args
        self.exercise = exercise
        self._outcomes = {}

    def get(self, mistake_id):
        """A mutant's outcome by its mistake id, or a form's by 'form:' + its key."""
        from autograder.judge.diagnosis.composition import FORM_PREFIX, STEPS_PREFIX
        from autograder.judge.diagnosis.matching import run_mutant

        if mistake_id not in self._outcomes:
            if mistake_id.startswith(FORM_PREFIX):
                from autograder.answers.forms import run_form

                outcome = run_form(self.exercise, mistake_id[len(FORM_PREFIX):], self.args)
            elif mistake_id.startswith(STEPS_PREFIX):
                from autograder.answers.forms import form_steps

                outcome = form_steps(self.exercise, mistake_id[len(STEPS_PREFIX):], self.args)
            elif mistake_id in MUTANTS:
                outcome = run_mutant(MUTANTS[mistake_id][1], self.args)
            else:
                return None
            self._outcomes[mistake_id] = outcome
        return self._outcomes[mistake_id]


def mutant(mistake_id: str, function: str):
    """Register a wrong implementation of `function` for catalogue entry `mistake_id`."""
    def register(implementation):
        MUTANTS[mistake_id] = (function, implementation)
        return implementation
    return register


# The backward pass (B).

@mutant("B1", "compute_dZ1")
def b1_dz1_elementwise_w2(dZ2, W2, Z1, A1):
    return W2.T * dZ2 * (1 - np.power(A1, 2))


@mutant("B31", "compute_dZ1")
def b31_dz1_w2_not_transposed(dZ2, W2, Z1, A1):
    return np.dot(W2, dZ2) * (1 - np.power(A1, 2))


@mutant("B2", "compute_dZ1")
def b2_dz1_matrix_product_for_derivative(dZ2, W2, Z1, A1):
    return np.dot(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))


@mutant("B4", "compute_dZ1")
def b4_tanh_derivative_with_z1(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - np.power(Z1, 2))


@mutant("B32", "compute_dZ1")
def b32_tanh_derivative_not_squared(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - A1)


@mutant("B6", "compute_dZ1")
def b6_sigmoid_derivative_on_tanh(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (A1 * (1 - A1))


@mutant("B7", "compute_dZ1")
def b7_derivative_left_out(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2)


@mutant("B13", "backward_propagation")
def b13_w1_used_for_w2(parameters, cache, X, Y):
    W1 = parameters["W1"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW2 = ref.compute_dW(dZ2, A1)
    db2 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W1, Z1, A1)
    dW1 = ref.compute_dW(dZ1, X)
    db1 = ref.compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@mutant("B14", "backward_propagation")
def b14_a2_used_for_a1_in_dw2(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW2 = ref.compute_dW(dZ2, A2)
    db2 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = ref.compute_dW(dZ1, X)
    db1 = ref.compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@mutant("B39", "backward_propagation")
def b39_z1_used_for_a1_in_dw2(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW2 = ref.compute_dW(dZ2, Z1)
    db2 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = ref.compute_dW(dZ1, X)
    db1 = ref.compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@mutant("B40", "backward_propagation")
def b40_a1_used_for_x_in_dw1(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW2 = ref.compute_dW(dZ2, A1)
    db2 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = ref.compute_dW(dZ1, A1)
    db1 = ref.compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@mutant("B35", "backward_propagation")
def b35_x_used_for_a1_in_dw2(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW2 = ref.compute_dW(dZ2, X)
    db2 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = ref.compute_dW(dZ1, X)
    db1 = ref.compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@mutant("B36", "backward_propagation")
def b36_gradients_swapped_between_layers(parameters, cache, X, Y):
    # Layers numbered in the order backward propagation meets them: the output layer first.
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW1 = ref.compute_dW(dZ2, A1)
    db1 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W2, Z1, A1)
    dW2 = ref.compute_dW(dZ1, X)
    db2 = ref.compute_db(dZ1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


@mutant("B16", "compute_dW")
def b16_dw_a_prev_not_transposed(dZ, A_prev):
    m = A_prev.shape[1]
    return np.dot(dZ, A_prev) / m


@mutant("B17", "compute_dW")
def b17_dw_factors_swapped(dZ, A_prev):
    m = A_prev.shape[1]
    return np.dot(A_prev, dZ.T) / m


@mutant("B18", "compute_dW")
def b18_dw_elementwise_product(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ * A_prev.T / m


@mutant("B19", "compute_db")
def b19_db_without_keepdims(dZ):
    return np.sum(dZ, axis=1) / dZ.shape[1]


@mutant("B20", "compute_db")
def b20_db_summed_over_units(dZ):
    m = dZ.shape[1]
    return np.sum(dZ, axis=0, keepdims=True) / m


@mutant("B21", "compute_db")
def b21_db_summed_over_everything(dZ):
    m = dZ.shape[1]
    return np.sum(dZ) / m


@mutant("B22", "compute_db")
def b22_db_not_reduced(dZ):
    m = dZ.shape[1]
    return dZ / m


@mutant("B23", "compute_db")
def b23_db_mean_and_one_over_m(dZ):
    m = dZ.shape[1]
    return np.mean(dZ, axis=1, keepdims=True) / m


@mutant("B24", "compute_dZ1")
def b24_dz1_one_over_m(dZ2, W2, Z1, A1):
    m = A1.shape[1]
    return np.dot(W2.T, dZ2) * (1 - np.power(A1, 2)) / m


@mutant("B25", "compute_dZ2")
def b25_dz2_one_over_m(A2, Y):
    m = Y.shape[1]
    return (A2 - Y) / m


@mutant("B26", "compute_dW")
def b26_dw_missing_one_over_m(dZ, A_prev):
    return np.dot(dZ, A_prev.T)


@mutant("B33", "compute_dW")
def b33_dw_one_over_m_twice(dZ, A_prev):
    m = A_prev.shape[1]
    return (1 / m) * np.dot(dZ, A_prev.T) / m


@mutant("B34", "compute_db")
def b34_db_missing_one_over_m(dZ):
    return np.sum(dZ, axis=1, keepdims=True)


@mutant("B27", "compute_dW")
def b27_dw_m_from_wrong_axis(dZ, A_prev):
    m = A_prev.shape[0]
    return np.dot(dZ, A_prev.T) / m


@mutant("B37", "compute_dW")
def b37_dw_m_from_global(dZ, A_prev):
    m = 400  # as the notebook's global m: the flower data set has 400 examples
    return np.dot(dZ, A_prev.T) / m


@mutant("B28", "compute_dZ2")
def b28_dz2_sign_flipped(A2, Y):
    return Y - A2


@mutant("B29", "compute_dZ2")
def b29_dz2_extra_sigmoid_derivative(A2, Y):
    return (A2 - Y) * A2 * (1 - A2)


@mutant("B30", "compute_dZ1")
def b30_upstream_gradient_dropped(dZ2, W2, Z1, A1):
    return 1 - np.power(A1, 2)


@mutant("B8", "compute_dZ1")
def b8_derivative_one_minus_dropped(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * np.power(A1, 2)


@mutant("B9", "compute_dZ1")
def b9_activation_for_derivative(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * A1


@mutant("B11", "compute_dZ1")
def b11_sigmoid_derivative_of_a1(dZ2, W2, Z1, A1):
    s = 1 / (1 + np.exp(-A1))
    return np.dot(W2.T, dZ2) * s * (1 - s)


@mutant("B12", "compute_dZ1")
def b12_tanh_applied_twice(dZ2, W2, Z1, A1):
    return np.dot(W2.T, dZ2) * (1 - np.power(np.tanh(A1), 2))


@mutant("B38", "compute_db")
def b38_db_m_from_wrong_axis(dZ):
    m = dZ.shape[0]
    return np.sum(dZ, axis=1, keepdims=True) / m


# compute_cost (C).

@mutant("C1", "compute_cost")
def c1_cost_minus_missing(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return float(np.sum(logprobs) / m)


@mutant("C2", "compute_cost")
def c2_cost_one_over_m_missing(A2, Y):
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return float(-np.sum(logprobs))


@mutant("C3", "compute_cost")
def c3_cost_one_minus_y_term_missing(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2))
    return float(-np.sum(logprobs) / m)


@mutant("C4", "compute_cost")
def c4_cost_dot_without_transpose(A2, Y):
    m = Y.shape[1]
    logprobs = np.dot(Y, np.log(A2)) + np.dot(1 - Y, np.log(1 - A2))
    return float(-np.sum(logprobs) / m)


@mutant("C5", "compute_cost")
def c5_cost_outer_product(A2, Y):
    m = Y.shape[1]
    logprobs = np.dot(Y.T, np.log(A2)) + np.dot((1 - Y).T, np.log(1 - A2))
    return float(-np.sum(logprobs) / m)


@mutant("C7", "compute_cost")
def c7_cost_not_a_float(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return -np.sum(logprobs, keepdims=True) / m


@mutant("C9", "compute_cost")
def c9_cost_log10(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log10(A2)) + np.multiply(1 - Y, np.log10(1 - A2))
    return float(-np.sum(logprobs) / m)


@mutant("C10", "compute_cost")
def c10_cost_mean_over_output_units(A2, Y):
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


@mutant("C11", "compute_cost")
def c11_cost_dot_form(A2, Y):
    m = Y.shape[1]
    cost = -(1 / m) * (np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))
    return float(np.squeeze(cost))


@mutant("C12", "compute_cost")
def c12_cost_y_term_missing(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(1 - Y, np.log(1 - A2))
    return float(-np.sum(logprobs) / m)


@mutant("C14", "compute_cost")
def c14_cost_per_output_unit(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    cost = -np.sum(logprobs, axis=1) / m
    return float(cost)


@mutant("C13", "compute_cost")
def c13_cost_dot_form_summed(A2, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))
    return float(cost)


# forward_propagation (F).

@mutant("F1", "forward_propagation")
def f1_elementwise_weights(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = W1 * X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 * A1 + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F2", "forward_propagation")
def f2_weight_transposed(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1.T, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2.T, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F3", "forward_propagation")
def f3_sigmoid_hidden_layer(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = ref.sigmoid(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F4", "forward_propagation")
def f4_tanh_output_layer(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = np.tanh(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F5", "forward_propagation")
def f5_bias_missing(X, parameters):
    W1, W2 = parameters["W1"], parameters["W2"]
    Z1 = np.dot(W1, X)
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1)
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F11", "forward_propagation")
def f11_cache_keys_missing(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    A1 = np.tanh(np.dot(W1, X) + b1)
    A2 = ref.sigmoid(np.dot(W2, A1) + b2)
    return A2, {"A1": A1, "A2": A2}


@mutant("F8", "forward_propagation")
def f8_sigmoid_sign_flipped(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F12", "forward_propagation")
def f12_relu_hidden_layer(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(Z1, 0)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F13", "forward_propagation")
def f13_no_hidden_activation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = Z1
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F14", "forward_propagation")
def f14_z1_fed_forward(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, Z1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F15", "forward_propagation")
def f15_b1_missing(X, parameters):
    W1 = parameters["W1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X)
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F16", "forward_propagation")
def f16_b2_missing(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2 = parameters["W2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1)
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("F17", "forward_propagation")
def f17_cache_entries_swapped(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": A1, "A1": Z1, "Z2": Z2, "A2": A2}


@mutant("F18", "forward_propagation")
def f18_no_output_activation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = Z2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


# The API and hygiene (U).

@mutant("U1", "compute_dZ2")
def u1_modifies_input_in_place(A2, Y):
    dZ2 = A2  # a second name for the caller's array, not a copy
    dZ2 -= Y
    return dZ2


@mutant("U4", "backward_propagation")
def u4_gradient_key_missing(parameters, cache, X, Y):
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = ref.compute_dZ2(A2, Y)
    dW2 = ref.compute_dW(dZ2, A1)
    db2 = ref.compute_db(dZ2)
    dZ1 = ref.compute_dZ1(dZ2, W2, Z1, A1)
    dW1 = ref.compute_dW(dZ1, X)
    db1 = ref.compute_db(dZ1)
    return {"dw1": dW1, "db1": db1, "dw2": dW2, "db2": db2}


@mutant("U8", "compute_dW")
def u8_untouched_stub(dZ, A_prev):
    # YOUR CODE HERE
    raise NotImplementedError()


@mutant("U9", "compute_db")
def u9_returns_none(dZ):
    m = dZ.shape[1]
    db = np.sum(dZ, axis=1, keepdims=True) / m  # noqa: F841 (computed, never returned)


@mutant("U10", "compute_dZ2")
def u10_returns_list(A2, Y):
    dZ2 = A2 - Y
    return dZ2.tolist()


@mutant("U11", "forward_propagation")
def u11_template_none_left(X, parameters):
    W1 = None
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("U12", "compute_dZ2")
def u12_name_never_assigned(A2, Y):
    dZ = A2 - Y  # noqa: F841 (the template's name is dZ2, never assigned)
    return dZ2  # noqa: F821


@mutant("U13", "forward_propagation")
def u13_template_assert_fails(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    assert(A2.shape == (1, X.shape[1]))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("U14", "compute_cost")
def u14_numpy_removed_function(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply(1 - Y, np.log(1 - A2))
    return np.asscalar(-np.sum(logprobs) / m)


@mutant("U15", "forward_propagation")
def u15_key_misspelt(X, parameters):
    W1, b1 = parameters["w1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ref.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@mutant("U16", "backward_propagation")
def u16_parameters_differ(parameters, cache, Y):
    # X left out of the parameters (the course's notebook had a global X to lean on)
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y
    return {"dW2": np.dot(dZ2, cache["A1"].T) / m,
            "db2": np.sum(dZ2, axis=1, keepdims=True) / m}


@mutant("U17", "forward_propagation")
def u17_math_on_arrays(X, parameters):
    import math

    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + math.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
