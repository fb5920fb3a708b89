"""Is the gradient check a trustworthy oracle: the reference passes, a wrong gradient fails?"""

import numpy as np
import pytest

from autograder.answers.cases import make_calls
from autograder.answers.gradient_check import numerical_gradient, relative_error
from autograder.answers.reference import reference
from autograder.judge.settings import Settings

SETTINGS = Settings()


@pytest.mark.parametrize("call", make_calls("backward_propagation", 11),
                         ids=lambda call: call.design.name)
def test_reference_gradients_agree_with_centered_differences(call):
    parameters, cache, X, Y = call.args
    numeric = numerical_gradient(parameters, X, Y, SETTINGS.grad_check_epsilon)
    for key, analytic in call.expected.items():
        assert relative_error(analytic, numeric[key]) < SETTINGS.grad_check_max_rel_error / 100


def test_a_gradient_scaled_by_two_fails_the_check():
    call = make_calls("backward_propagation", 11)[0]
    parameters, _, X, Y = call.args
    numeric = numerical_gradient(parameters, X, Y, SETTINGS.grad_check_epsilon)
    error = relative_error(2 * call.expected["dW1"], numeric["dW1"])
    assert error == pytest.approx(1 / 3, rel=1e-3)
    assert error > SETTINGS.grad_check_max_rel_error


def test_numerical_gradient_leaves_parameters_as_they_were():
    call = make_calls("backward_propagation", 5)[0]
    parameters, _, X, Y = call.args
    before = {key: value.copy() for key, value in parameters.items()}
    numerical_gradient(parameters, X, Y, 1e-5)
    assert all(np.array_equal(before[key], parameters[key]) for key in before)


def test_one_example_worked_by_hand():
    """One example, one hidden unit, one output: dW2 = (a2 - y) * a1, checked without the kit."""
    x, w1, b1, w2, b2, y = 0.5, 0.8, -0.1, 1.5, 0.2, 1.0
    a1 = np.tanh(w1 * x + b1)
    a2 = 1 / (1 + np.exp(-(w2 * a1 + b2)))
    parameters = {"W1": np.array([[w1]]), "b1": np.array([[b1]]),
                  "W2": np.array([[w2]]), "b2": np.array([[b2]])}
    A2, cache = reference.forward_propagation(np.array([[x]]), parameters)
    grads = reference.backward_propagation(parameters, cache, np.array([[x]]), np.array([[y]]))
    assert A2[0, 0] == pytest.approx(a2)
    assert grads["dW2"][0, 0] == pytest.approx((a2 - y) * a1)
    assert grads["db2"][0, 0] == pytest.approx(a2 - y)
    assert grads["dW1"][0, 0] == pytest.approx((a2 - y) * w2 * (1 - a1 ** 2) * x)
    assert reference.compute_cost(A2, np.array([[y]])) == pytest.approx(-np.log(a2))
