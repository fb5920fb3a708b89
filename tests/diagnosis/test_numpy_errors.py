"""Are numpy's own shape errors explained with the student's shapes and the product that fits?

The messages are produced here by running the wrong code, so a numpy that words them
differently fails these tests instead of silently losing the hints.
"""

import numpy as np
import pytest

from autograder.judge.diagnosis.numpy_errors import (explain_numpy_error, is_shape_error,
                                                     parse_shapes)


def numpy_message(operation, *arrays):
    with pytest.raises(ValueError) as raised:
        operation(*arrays)
    return str(raised.value)


DW_OPERANDS = {"dZ": (4, 5), "A_prev": (3, 5)}


@pytest.mark.parametrize("operation", [np.dot, np.matmul, lambda a, b: a @ b],
                         ids=["np.dot", "np.matmul", "@"])
def test_missing_transpose_in_dw_names_shapes_operands_and_the_fitting_product(operation):
    message = numpy_message(operation, np.zeros((4, 5)), np.zeros((3, 5)))
    hint = explain_numpy_error("compute_dW", "ValueError", message, DW_OPERANDS, (4, 3), "dW1")
    assert "(4, 5)" in hint and "(3, 5)" in hint
    assert "A_prev" in hint and "dZ" in hint
    assert "(4, 5) times (5, 3)" in hint
    assert "np.dot(" not in hint and ".T" not in hint


def test_matrix_product_of_two_arrays_of_one_shape_points_to_element_wise():
    message = numpy_message(np.dot, np.zeros((4, 5)), np.zeros((4, 5)))
    operands = {"dZ2": (1, 5), "W2": (1, 4), "Z1": (4, 5), "A1": (4, 5)}
    hint = explain_numpy_error("compute_dZ1", "ValueError", message, operands, (4, 5), "dZ1")
    assert "element-wise" in hint and "Z1 or A1" in hint


def test_broadcast_error_where_a_matrix_product_belongs():
    message = numpy_message(np.multiply, np.zeros((5, 2)), np.zeros((2, 7)))
    operands = {"dZ2": (2, 7), "W2": (2, 5), "Z1": (5, 7), "A1": (5, 7)}
    hint = explain_numpy_error("compute_dZ1", "ValueError", message, operands, (5, 7), "dZ1")
    assert "(5, 2)" in hint and "W2 transposed" in hint and "dZ2" in hint
    assert "matrix product: (5, 2) times (2, 7)" in hint


def test_parse_shapes_reads_numpys_three_wordings():
    assert parse_shapes(numpy_message(np.dot, np.zeros((4, 5)), np.zeros((3, 5)))) == \
        [(4, 5), (3, 5)]
    assert parse_shapes(numpy_message(np.matmul, np.zeros((4, 5)), np.zeros((3, 5)))) == [(5, 3)]
    assert parse_shapes(numpy_message(np.add, np.zeros((4, 5)), np.zeros((3, 1)))) == \
        [(4, 5), (3, 1)]


@pytest.mark.parametrize("error_type, message", [("ZeroDivisionError", "division by zero"),
                                                 ("KeyError", "'W1'"),
                                                 ("ValueError", "math domain error")])
def test_other_errors_are_left_to_the_generic_message(error_type, message):
    assert not is_shape_error(error_type, message)
    assert explain_numpy_error("compute_dW", error_type, message, DW_OPERANDS, (4, 3), "dW1") \
        is None
