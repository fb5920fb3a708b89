"""The mistake catalogue, as data: each common mistake, the function it belongs to, and its hint.

Text only, no formulas: the wrong implementations live in answers/mutants.py (instructor-only,
never shipped to students). Ids say where a mistake belongs (B = backward, C = cost, F =
forward, U = any function) and are never reused; related ids sit together, so the numbers are
not in order (B31 to B37 sit next to their relatives). docs/catalogue.md lists every entry,
generated from this file. Hints are templates whose fields are listed in diagnosis/context.py.
They name the concept, use the student's numbers, point at a section of the notebook, and
never paste the answer (docs/architecture.md, "How a hint is written").
"""

import re
from dataclasses import dataclass

NOTEBOOK = "backprop.ipynb"

SECTIONS = {
    "shapes-table": "The shapes of every array",
    "forward-propagation": "Forward propagation",
    "loss-versus-cost": "Loss L versus cost J",
    "deriving-dz2": "Deriving dZ2",
    "deriving-dz1": "Deriving dZ1",
    "why-transposes": "Where the transposes come from",
    "tanh-derivative": "The derivative of tanh",
    "element-wise-or-matrix": "Element-wise or matrix product?",
    "deriving-dw": "Deriving dW and db",
    "why-db-keeps-its-column": "Why db keeps its column",
    "backward-propagation": "Putting backward propagation together",
    "gradient-check": "Gradient checking",
    "rules-for-every-function": "Rules every function follows",
}
"""Anchor id -> heading title. Each anchor is an explicit id on a heading of the notebook."""


@dataclass(frozen=True)
class Mistake:
    """One catalogued mistake."""

    id: str
    """Stable id, never reused (B19)."""
    slug: str
    """Short name for code and reports (db_without_keepdims)."""
    function: str
    """The graded function it belongs to, or '*' for a mistake any function can make."""
    title: str
    """One line for instructors and the class report."""
    hint: str
    """Template, rendered with diagnosis.context fields."""
    anchor: str
    """Key of SECTIONS: where the notebook explains the concept."""


MISTAKES = (
    # The backward pass (B).
    Mistake(
        "B1", "dz1_elementwise_w2", "compute_dZ1",
        "W2ᵀ and dZ2 multiplied entry by entry in dZ1 (right only when n_y = 1)",
        "Your dZ1 multiplies W2ᵀ and dZ2 entry by entry. With n_y = 1, W2ᵀ is a column and dZ2 "
        "a row, and broadcasting them happens to give the matrix product; with n_y = {n_y} "
        "here, W2ᵀ and dZ2 {shape_dZ2} no longer pair up that way. J adds up the loss of every "
        "output unit, so dZ2 = A2 - Y holds one error per unit, and each hidden unit adds up "
        "the errors of all the units it feeds: a matrix product.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "B31", "dz1_w2_not_transposed", "compute_dZ1",
        "W2 used without its transpose in dZ1",
        "Your dZ1 uses W2 as it is, {shape_W2}, where its transpose belongs. dZ1 must have the "
        "shape of Z1, {shape_Z1}, and the only product of W2 and dZ2 {shape_dZ2} with that shape "
        "takes W2 turned on its side: each hidden unit collects the error of every output unit "
        "it feeds.",
        "why-transposes",
    ),
    Mistake(
        "B2", "dz1_matrix_product_for_derivative", "compute_dZ1",
        "Matrix product used for the tanh' factor in dZ1",
        "Your dZ1 joins W2ᵀ·dZ2 and tanh'(Z1), both {shape_A1}, with a matrix product. The "
        "derivative scales each entry of W2ᵀ·dZ2 by the slope of its own hidden unit on its own "
        "example, so the two arrays are multiplied entry by entry.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "B4", "tanh_derivative_with_z1", "compute_dZ1",
        "tanh' computed from Z1 instead of A1 (1 - Z1²)",
        "The derivative your dZ1 applies matches 1 - Z1², not tanh'(Z1). tanh'(Z1) is "
        "1 - tanh(Z1)², which is 1 - A1²; the two agree only near 0, and here |Z1| reaches "
        "{z1_max}.",
        "tanh-derivative",
    ),
    Mistake(
        "B32", "tanh_derivative_not_squared", "compute_dZ1",
        "tanh' written 1 - A1, without the square",
        "The derivative your dZ1 applies matches 1 - A1, without the square. tanh'(Z1) is "
        "1 - tanh(Z1)², that is 1 - A1²: it lies between 0 and 1, while 1 - A1 goes above 1 "
        "wherever A1 is negative.",
        "tanh-derivative",
    ),
    Mistake(
        "B6", "sigmoid_derivative_on_tanh", "compute_dZ1",
        "Sigmoid derivative A1(1 - A1) used on the tanh layer",
        "The derivative your dZ1 applies matches A1(1 - A1), the sigmoid's derivative. The "
        "hidden layer uses tanh, whose derivative is 1 - A1²; A1(1 - A1) is negative wherever "
        "A1 is negative, and flips the sign of those entries of dZ1.",
        "tanh-derivative",
    ),
    Mistake(
        "B7", "derivative_left_out", "compute_dZ1",
        "tanh' factor left out of dZ1",
        "Your dZ1 matches W2ᵀ·dZ2 with no derivative of the hidden activation. The chain rule "
        "also passes the gradient back through tanh, so each entry is scaled by "
        "tanh'(Z1) = 1 - A1²; that factor is close to 1 only near Z1 = 0, and here |Z1| reaches "
        "{z1_max}.",
        "deriving-dz1",
    ),
    Mistake(
        "B13", "w1_used_for_w2", "backward_propagation",
        "W1 passed where compute_dZ1 needs W2",
        "Your backward_propagation gives compute_dZ1 the weights W1 {shape_W1} where W2 "
        "{shape_W2} belongs. dZ1 carries the error of the output layer back to the hidden layer "
        "through the weights that connect them, and those are W2; W1 connects the input to the "
        "hidden layer.",
        "backward-propagation",
    ),
    Mistake(
        "B14", "a2_used_for_a1_in_dw2", "backward_propagation",
        "A2 used instead of A1 in dW2",
        "Your dW2 has shape {got_shape}, but W2 is {want_shape}: it pairs dZ2 with A2. dW2 is "
        "the gradient of the weights that multiply the input of layer 2, and that input is the "
        "hidden layer's output A1; A2 is what layer 2 produces.",
        "deriving-dw",
    ),
    Mistake(
        "B39", "z1_used_for_a1_in_dw2", "backward_propagation",
        "Z1 used instead of A1 in dW2",
        "Your dW2 pairs dZ2 with Z1 where A1 belongs. The input of layer 2 is what the hidden "
        "layer outputs, A1 = tanh(Z1); Z1 is the weighted sum before tanh, so dW2 built from "
        "it is the gradient of a network without the hidden activation.",
        "deriving-dw",
    ),
    Mistake(
        "B40", "a1_used_for_x_in_dw1", "backward_propagation",
        "A1 used instead of X in dW1",
        "Your dW1 has shape {got_shape}, but W1 is {want_shape}: it pairs dZ1 with A1. The "
        "input of layer 1 is X, the data itself; A1 is what layer 1 outputs, and it belongs "
        "in dW2 only.",
        "deriving-dw",
    ),
    Mistake(
        "B35", "x_used_for_a1_in_dw2", "backward_propagation",
        "X used instead of A1 in dW2",
        "Your dW2 has shape {got_shape}, but W2 is {want_shape}: it pairs dZ2 with X. The input "
        "of layer 2 is the hidden layer's output A1; X is the input of layer 1, and it belongs "
        "in dW1 only.",
        "deriving-dw",
    ),
    Mistake(
        "B36", "gradients_swapped_between_layers", "backward_propagation",
        "Layer 1 and layer 2 gradients stored under each other's keys",
        "Your {name} has shape {got_shape}, not {want_shape}: the two layers' gradients are "
        "swapped. dW1 and db1 have the shapes of W1 {shape_W1} and b1 {shape_b1}, dW2 and db2 "
        "those of W2 {shape_W2} and b2 {shape_b2}, and each sits under the key of its own "
        "layer.",
        "backward-propagation",
    ),
    Mistake(
        "B16", "dw_a_prev_not_transposed", "compute_dW",
        "A_prev not transposed in dW",
        "Your dW{layer} multiplies dZ{layer} {shape_dZ} by {A_prev} {shape_A_prev} as it is "
        "stored. A gradient has the shape of what it differentiates, ({n}, {n_prev}) like "
        "W{layer}, and the product that adds up the {m} examples needs them along the rows of "
        "its second factor.",
        "why-transposes",
    ),
    Mistake(
        "B17", "dw_factors_swapped", "compute_dW",
        "dW factors swapped: the result is dW transposed",
        "Your dW{layer} has shape {got_shape}, but W{layer} is {want_shape}; its entries are the "
        "right ones, transposed. A gradient has the shape of what it differentiates, so the "
        "product that builds dW{layer} must be ({n}, {m}) times ({m}, {n_prev}): check the order "
        "of its two factors.",
        "why-transposes",
    ),
    Mistake(
        "B18", "dw_elementwise_product", "compute_dW",
        "Entry-by-entry product instead of a matrix product in dW",
        "Your dW{layer} multiplies dZ{layer} {shape_dZ} and {A_prev} entry by entry. Each entry "
        "of dW{layer} adds up, over the {m} examples, the error of one unit times one of its "
        "inputs, and a sum of products along an axis is a matrix product.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "B19", "db_without_keepdims", "compute_db",
        "db summed without keepdims",
        "Your {name} has shape {got_shape}, but b{layer} is {want_shape}. Summing over the "
        "examples (axis 1) removes that axis unless you keep it, and a {got_shape} vector "
        "broadcasts differently from a {want_shape} column when b{layer} is updated.",
        "why-db-keeps-its-column",
    ),
    Mistake(
        "B20", "db_summed_over_units", "compute_db",
        "db summed over axis 0 (the units) instead of axis 1 (the examples)",
        "Your {name} has shape {got_shape}, one value per example, but b{layer} is "
        "{want_shape}. The examples run along axis 1 of dZ{layer}; a sum over axis 0 adds up "
        "the units instead, while each unit's bias needs the sum of its own row.",
        "why-db-keeps-its-column",
    ),
    Mistake(
        "B21", "db_summed_over_everything", "compute_db",
        "db summed over every entry: a single number",
        "Your {name} is a single number, the sum of all of dZ{layer}, but b{layer} is "
        "{want_shape}: one bias per unit. Each unit's bias is shared by the {m} examples only, "
        "so its gradient adds up that unit's row of dZ{layer} and no other.",
        "why-db-keeps-its-column",
    ),
    Mistake(
        "B22", "db_not_reduced", "compute_db",
        "db not summed over the examples",
        "Your {name} has shape {got_shape}, the shape of dZ{layer}, but b{layer} is "
        "{want_shape}. One bias serves all {m} examples through broadcasting, so its gradient "
        "adds up what every example contributes, along axis 1.",
        "why-db-keeps-its-column",
    ),
    Mistake(
        "B23", "db_mean_and_one_over_m", "compute_db",
        "db averaged and then divided by m again",
        "Your {name} is exactly {ratio} of the expected value, with m = {m}: 1/m appears twice. "
        "It takes the mean over the examples and divides by m as well, but a mean already holds "
        "the 1/m of the cost J; the second 1/m makes the step m times too small.",
        "loss-versus-cost",
    ),
    Mistake(
        "B24", "dz1_one_over_m", "compute_dZ1",
        "1/m inside dZ1",
        "Your dZ1 is exactly {ratio} of the expected value, with m = {m}: it is divided by m. "
        "dZ1, like dZ2, is a per-example quantity from the loss L; only dW and db, which "
        "come from the cost J, the average of L, carry 1/m.",
        "loss-versus-cost",
    ),
    Mistake(
        "B25", "dz2_one_over_m", "compute_dZ2",
        "1/m inside dZ2",
        "Your dZ2 is exactly {ratio} of the expected value, with m = {m}: it is divided by m. "
        "dZ2 is the derivative of the loss L of each example, so it carries no 1/m; the 1/m "
        "belongs to dW and db, which come from the cost J, the average of L.",
        "loss-versus-cost",
    ),
    Mistake(
        "B26", "dw_missing_one_over_m", "compute_dW",
        "1/m missing in dW",
        "Your {name} is exactly {ratio} times the expected value, and m = {m} here: it adds up "
        "the examples instead of averaging them. J is the average loss over the m examples, so "
        "its gradient is an average too.",
        "loss-versus-cost",
    ),
    Mistake(
        "B33", "dw_one_over_m_twice", "compute_dW",
        "dW divided by m twice",
        "Your {name} is exactly {ratio} of the expected value, with m = {m}: it divides by m "
        "twice. J is the average of the loss L over the m examples, so its gradient carries "
        "one factor 1/m and no more.",
        "loss-versus-cost",
    ),
    Mistake(
        "B34", "db_missing_one_over_m", "compute_db",
        "1/m missing in db",
        "Your {name} is exactly {ratio} times the expected value, with m = {m}: a sum, not an "
        "average. J is the average loss over the m examples, so its gradient with respect to "
        "b{layer} is an average over the examples too.",
        "loss-versus-cost",
    ),
    Mistake(
        "B27", "dw_m_from_wrong_axis", "compute_dW",
        "m taken from axis 0 of A_prev in dW",
        "Your {name} is exactly {ratio} times the expected value: m/{n_prev}, with m = {m}. It "
        "divides by the number of rows of {A_prev} {shape_A_prev}, but the examples run along "
        "axis 1, the columns; axis 0 counts the units or features.",
        "shapes-table",
    ),
    Mistake(
        "B37", "dw_m_from_global", "compute_dW",
        "m hard-coded or global (400, the flower data set's size) in dW",
        "Your {name} is exactly {ratio} of the expected value, with m = {m}: it divides by "
        "400. That is the size of the notebook's flower data set; a graded function takes every "
        "size from its own arguments, so m comes from the {A_prev} it is given.",
        "rules-for-every-function",
    ),
    Mistake(
        "B28", "dz2_sign_flipped", "compute_dZ2",
        "dZ2 with its sign flipped (Y - A2)",
        "Your dZ2 has the right size in every entry but the opposite sign. Differentiate L with "
        "respect to Z2 again and see which of A2 and Y comes first; with the sign flipped, a "
        "gradient-descent step would increase J.",
        "deriving-dz2",
    ),
    Mistake(
        "B29", "dz2_extra_sigmoid_derivative", "compute_dZ2",
        "Extra sigmoid derivative A2(1 - A2) in dZ2",
        "Your dZ2 carries an extra factor A2(1 - A2), the sigmoid's derivative. With the "
        "cross-entropy loss, the derivative of L with respect to A2 cancels that factor, so it "
        "does not appear in dZ2; it belongs with a squared-error loss.",
        "deriving-dz2",
    ),
    Mistake(
        "B30", "upstream_gradient_dropped", "compute_dZ1",
        "dZ1 = tanh'(Z1) alone: W2ᵀ·dZ2 dropped",
        "Your dZ1 matches tanh'(Z1) = 1 - A1² alone: it depends on neither dZ2 nor W2. The "
        "chain rule multiplies the local derivative by the gradient arriving from the layer "
        "above, so the error of the output has to reach the hidden layer.",
        "deriving-dz1",
    ),
    Mistake(
        "B8", "derivative_one_minus_dropped", "compute_dZ1",
        "tanh' written A1², without the 1 -",
        "The derivative your dZ1 applies matches A1², without the 1 -. tanh'(Z1) is "
        "1 - A1²: the slope is largest, 1, where A1 = 0 and falls towards 0 as |A1| nears 1, "
        "while A1² does the opposite; here |Z1| reaches {z1_max}.",
        "tanh-derivative",
    ),
    Mistake(
        "B9", "activation_for_derivative", "compute_dZ1",
        "The activation A1 used where its derivative belongs",
        "Your dZ1 scales W2ᵀ·dZ2 by A1 itself, the hidden layer's activation, where its "
        "derivative belongs. The chain rule multiplies by the slope of tanh at Z1, "
        "tanh'(Z1) = 1 - A1², not by the value tanh(Z1).",
        "tanh-derivative",
    ),
    Mistake(
        "B11", "sigmoid_derivative_of_a1", "compute_dZ1",
        "Sigmoid derivative evaluated at A1 on the tanh layer",
        "The derivative your dZ1 applies matches σ(A1)(1 - σ(A1)), the sigmoid's derivative "
        "taken at A1. The hidden layer uses tanh, and its derivative is taken at Z1: "
        "tanh'(Z1) = 1 - tanh(Z1)², which is 1 - A1² because A1 is already tanh(Z1).",
        "tanh-derivative",
    ),
    Mistake(
        "B12", "tanh_applied_twice", "compute_dZ1",
        "tanh' computed as 1 - tanh(A1)²: tanh applied twice",
        "The derivative your dZ1 applies matches 1 - tanh(A1)²: tanh applied twice. A1 is "
        "already tanh(Z1), so tanh'(Z1) = 1 - tanh(Z1)² is 1 - A1²; taking tanh of A1 again "
        "pulls every slope towards 1, and here |Z1| reaches {z1_max}, where that shows.",
        "tanh-derivative",
    ),
    Mistake(
        "B38", "db_m_from_wrong_axis", "compute_db",
        "m taken from axis 0 of dZ in db",
        "Your {name} is exactly {ratio} times the expected value: it divides by the number of "
        "rows of dZ{layer} {shape_dZ}, not by m = {m}. The examples run along axis 1, the "
        "columns; axis 0 counts the units.",
        "shapes-table",
    ),
    # compute_cost (C).
    Mistake(
        "C1", "cost_minus_missing", "compute_cost",
        "Minus sign missing in the cost",
        "Your cost is negative: the expected cost with its sign flipped. Since A2 lies between "
        "0 and 1, log A2 and log(1 - A2) are negative, and J puts a minus in front of their "
        "average so that the cost is a positive number to make smaller.",
        "loss-versus-cost",
    ),
    Mistake(
        "C2", "cost_one_over_m_missing", "compute_cost",
        "1/m missing in the cost",
        "Your cost is exactly {ratio} times the expected value, with m = {m}: a sum, not an "
        "average. The cost J is the average of the loss L over "
        "the m examples, which keeps it comparable between data sets of different sizes.",
        "loss-versus-cost",
    ),
    Mistake(
        "C3", "cost_one_minus_y_term_missing", "compute_cost",
        "Only the Y log A2 term in the cost",
        "Your cost matches the Y·log A2 term alone. That term counts only the examples with "
        "y = 1; the loss of an example with y = 0 comes from the (1 - Y)·log(1 - A2) term, "
        "and J averages both over all m examples.",
        "loss-versus-cost",
    ),
    Mistake(
        "C4", "cost_dot_without_transpose", "compute_cost",
        "Matrix product of Y and log A2 in the cost",
        "Your cost takes a matrix product of Y and log A2, two {shape_Y} arrays. The loss pairs "
        "each label with the output for its own example; a product entry by entry does that, "
        "while a matrix product pairs a row of one array with a column of the other.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "C5", "cost_outer_product", "compute_cost",
        "Outer product in the cost: every label paired with every output",
        "Your cost matches a sum over every pair of examples, not over matching ones. Yᵀ times "
        "log A2 is a ({m}, {m}) table that pairs each label with the output of every example; "
        "the loss pairs each label only with the output for its own example.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "C7", "cost_not_a_float", "compute_cost",
        "Cost returned as an array, not a float",
        "Your cost has the right value but is a numpy array of shape {got_shape}, not a Python "
        "float. A sum that keeps its axes, or a product of a row and a column, stays a "
        "2-D array; J is a single number, and compute_cost returns it as a float.",
        "loss-versus-cost",
    ),
    Mistake(
        "C9", "cost_log10", "compute_cost",
        "Base-10 logarithm in the cost",
        "Your cost is 0.434 times the expected value, that is 1/ln 10: it uses base-10 "
        "logarithms. Cross-entropy uses the natural logarithm, and the gradients that "
        "backward propagation computes are those of the natural-log cost.",
        "loss-versus-cost",
    ),
    Mistake(
        "C10", "cost_mean_over_output_units", "compute_cost",
        "Cost averaged over the output units too (np.mean of an (n_y, m) array)",
        "Your cost averages the loss over all n_y × m entries, so with n_y = {n_y} here it is "
        "1/{n_y} of J. J adds up the loss of the output units and averages over the m examples "
        "only: dZ2 = A2 - Y is the gradient of that sum, unit by unit. With one output unit "
        "the two agree, which is why it did not show in the course.",
        "loss-versus-cost",
    ),
    Mistake(
        "C11", "cost_dot_form", "compute_cost",
        "Cost as np.dot(Y, log(A2).T): one number only when n_y = 1",
        "Your cost pairs labels and outputs with a matrix product of Y {shape_Y} and log A2 "
        "turned on its side. With n_y = {n_y} output units that gives a table of shape "
        "({n_y}, {n_y}), not one number: it works only when n_y = 1. The loss adds up Y·log A2 entry by entry "
        "over units and examples, since dZ2 = A2 - Y is the gradient of that sum.",
        "loss-versus-cost",
    ),
    Mistake(
        "C13", "cost_dot_form_summed", "compute_cost",
        "Cost as the sum of the whole np.dot(Y, log(A2).T) table: right only when n_y = 1",
        "Your cost adds up the whole ({n_y}, {n_y}) table of a matrix product of Y and log A2 "
        "turned on its side, so each output unit's labels also meet the other units' outputs. "
        "With n_y = 1 the table is one entry and the sum is right; the loss pairs each label "
        "only with its own unit's output on its own example, entry by entry.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "C14", "cost_per_output_unit", "compute_cost",
        "Cost summed over the examples only (axis 1): one value per output unit",
        "Your cost adds up the loss along axis 1 only, the examples, which leaves one value per "
        "output unit, an array of shape ({n_y},), not the one number J. J adds up the loss over "
        "the output units as well: dZ2 = A2 - Y is the gradient of that total, unit by unit. "
        "With one output unit the array holds a single entry, which newer numpy no longer "
        "turns into a float by itself.",
        "loss-versus-cost",
    ),
    Mistake(
        "C12", "cost_y_term_missing", "compute_cost",
        "Only the (1 - Y) log(1 - A2) term in the cost",
        "Your cost matches the (1 - Y)·log(1 - A2) term alone. That term counts only the "
        "examples with y = 0; the loss of an example with y = 1 comes from the Y·log A2 term, "
        "and J averages both over all m examples.",
        "loss-versus-cost",
    ),
    # forward_propagation (F).
    Mistake(
        "F1", "elementwise_weights", "forward_propagation",
        "Weights multiplied by the inputs entry by entry",
        "Your forward pass multiplies W1 {shape_W1} and X {shape_X} entry by entry. Each hidden "
        "unit adds up its weights times the {n_x} input features of an example, and a sum of "
        "products like that is a matrix product, which gives Z1 its shape {shape_Z1}.",
        "element-wise-or-matrix",
    ),
    Mistake(
        "F2", "weight_transposed", "forward_propagation",
        "Weights transposed in the forward pass",
        "Your forward pass multiplies by W1 turned on its side: W1 is {shape_W1} and X is "
        "{shape_X}. W1 has one row per hidden unit and one column per input feature, so it "
        "meets X as both are stored, and Z1 comes out {shape_Z1}.",
        "shapes-table",
    ),
    Mistake(
        "F3", "sigmoid_hidden_layer", "forward_propagation",
        "Sigmoid in the hidden layer instead of tanh",
        "Your hidden layer matches a sigmoid: every entry of A1 lies between 0 and 1. This "
        "network uses tanh in the hidden layer, whose outputs run from -1 to 1, centred on 0, "
        "and keeps the sigmoid for the output layer.",
        "forward-propagation",
    ),
    Mistake(
        "F4", "tanh_output_layer", "forward_propagation",
        "tanh in the output layer instead of the sigmoid",
        "Your A2 matches tanh(Z2), whose values run from -1 to 1. The output layer uses the "
        "sigmoid: A2 is read as the probability that y = 1, which lies between 0 and 1, and the "
        "cost takes its logarithm.",
        "forward-propagation",
    ),
    Mistake(
        "F5", "bias_missing", "forward_propagation",
        "Biases left out of Z1 and Z2",
        "Your Z1 and Z2 match the weighted sums with no bias added. Each unit adds its own bias, "
        "from b1 {shape_b1} and b2 {shape_b2}, to every one of the {m} examples; the biases "
        "here are not zero, so leaving them out changes every entry.",
        "forward-propagation",
    ),
    Mistake(
        "F11", "cache_keys_missing", "forward_propagation",
        "Cache without Z1 and Z2",
        "Your cache holds A1 and A2 but not Z1 and Z2. The cache is what backward propagation "
        "reads instead of recomputing the forward pass, so it keeps each layer's Z as well as "
        "its A, under the keys Z1, A1, Z2 and A2.",
        "forward-propagation",
    ),
    Mistake(
        "F8", "sigmoid_sign_flipped", "forward_propagation",
        "Sigmoid written with the sign of Z flipped: A2 = 1 - σ(Z2)",
        "Your A2 matches 1/(1 + e^Z2), the sigmoid with the sign of Z2 flipped: that is "
        "1 - σ(Z2), the probability of the other class. σ(z) = 1/(1 + e^-z) rises from 0 to 1 "
        "as z grows, so a large Z2 means y = 1 is likely.",
        "forward-propagation",
    ),
    Mistake(
        "F12", "relu_hidden_layer", "forward_propagation",
        "ReLU in the hidden layer instead of tanh",
        "Your hidden layer matches a ReLU: A1 is Z1 with its negative entries set to 0. This "
        "network uses tanh there, and the backward pass's tanh'(Z1) = 1 - A1² is the "
        "derivative of tanh only, so with a ReLU forward pass the gradients would not match.",
        "forward-propagation",
    ),
    Mistake(
        "F13", "no_hidden_activation", "forward_propagation",
        "No activation in the hidden layer: A1 = Z1",
        "Your A1 equals Z1: the hidden layer applies no activation. Without tanh the two layers "
        "together are one linear map followed by a sigmoid, a logistic regression, and the "
        "network can no longer draw a curved boundary.",
        "forward-propagation",
    ),
    Mistake(
        "F14", "z1_fed_forward", "forward_propagation",
        "Z1 fed to the output layer where A1 belongs",
        "Your Z2 is built from Z1 where A1 belongs. The output layer's input is the hidden "
        "layer's activation, A1 = tanh(Z1); Z1 is the weighted sum before tanh, and feeding it "
        "forward leaves the hidden layer's activation out of the network.",
        "forward-propagation",
    ),
    Mistake(
        "F15", "b1_missing", "forward_propagation",
        "b1 left out of Z1",
        "Your Z1 matches W1·X with no bias. b1 {shape_b1} adds one value per hidden unit to "
        "every one of the {m} examples; the biases here are not zero, so leaving b1 out changes "
        "every entry of Z1 and everything computed from it.",
        "forward-propagation",
    ),
    Mistake(
        "F16", "b2_missing", "forward_propagation",
        "b2 left out of Z2",
        "Your Z2 matches W2·A1 with no bias. b2 {shape_b2} adds one value per output unit to "
        "every one of the {m} examples; the biases here are not zero, so leaving b2 out changes "
        "Z2 and A2.",
        "forward-propagation",
    ),
    Mistake(
        "F17", "cache_entries_swapped", "forward_propagation",
        "Cache entries stored under each other's keys",
        "Your cache holds the right arrays under the wrong keys: {detail}. backward_propagation "
        "reads each entry by its name, Z for a weighted sum and A for an activation, so a swap "
        "gives wrong gradients without any error.",
        "forward-propagation",
    ),
    Mistake(
        "F18", "no_output_activation", "forward_propagation",
        "No sigmoid at the output: A2 = Z2",
        "Your A2 equals Z2: the output layer applies no sigmoid. A2 is read as the probability "
        "that y = 1, which the sigmoid keeps between 0 and 1, and the cost takes log A2 and "
        "log(1 - A2), which need exactly that.",
        "forward-propagation",
    ),
    # The API and hygiene (U). U1, U8, U9 and U10 can happen in any function ('*'): checks of
    # their own name them, not a matching mutant.
    Mistake(
        "U1", "modifies_input_in_place", "*",
        "An argument changed in place",
        "{function} changed its argument {argument} in place ({before}, now {after}). Giving "
        "an array a new name does not copy it, so an in-place operation such as -= or /= on the "
        "new name also changes the caller's array, which the caller still needs.",
        "rules-for-every-function",
    ),
    Mistake(
        "U4", "gradient_key_missing", "backward_propagation",
        "Gradient keys misspelt (dw1 for dW1)",
        "Your grads does not have the keys dW1, db1, dW2 and db2, written that way. Keys match "
        "letter for letter, so dw1 and dW1 are different keys, and update_parameters stops "
        "with a KeyError when it looks up the gradient of W1.",
        "backward-propagation",
    ),
    Mistake(
        "U8", "untouched_stub", "*",
        "Function not implemented yet (the stub raises NotImplementedError)",
        "{function} is not implemented yet (it still raises NotImplementedError). Your code "
        "goes in place of the line that raises.",
        "rules-for-every-function",
    ),
    Mistake(
        "U9", "returns_none", "*",
        "Result computed but not returned",
        "Your {name} is None: {function} ends without returning it. A Python function with no "
        "return statement gives back None, so whatever it computed stays inside it and the "
        "caller receives nothing.",
        "rules-for-every-function",
    ),
    Mistake(
        "U10", "returns_list", "*",
        "A Python list returned instead of a numpy array",
        "Your {name} is a Python list, not a numpy array. A list has no shape and no "
        "entry-by-entry arithmetic, so the functions that use {name} next, and the grader, "
        "need the numpy array itself.",
        "rules-for-every-function",
    ),
    Mistake(
        "U11", "template_none_left", "*",
        "A template placeholder (= None) left in",
        "{detail} The course's template writes None where a value is to be computed; until that "
        "line computes it, the name holds None and the first step that uses it stops.",
        "rules-for-every-function",
    ),
    Mistake(
        "U12", "name_never_assigned", "*",
        "A name used before any line assigns it",
        "{detail} A name exists only once a line of the function assigns it (or it is one of "
        "the function's arguments); a step of the template left empty assigns nothing.",
        "rules-for-every-function",
    ),
    Mistake(
        "U13", "template_assert_fails", "*",
        "An assert from the template fails",
        "{detail} An assert states what the code expects to be true, and Python stops the "
        "function when it is not: either the value it checks is not what it should be, or the "
        "assert expects more than the assignment asks.",
        "rules-for-every-function",
    ),
    Mistake(
        "U14", "numpy_removed_function", "*",
        "A function numpy has removed (np.asscalar, np.mat, np.float, ...)",
        "{detail} numpy removed it in a newer version than the one the course's notebooks used; "
        "the grader runs numpy {numpy}. The array's own methods give the same result.",
        "rules-for-every-function",
    ),
    Mistake(
        "U15", "key_misspelt", "*",
        "A dict looked up with a key it does not have (w1 for W1)",
        "{detail} Keys match letter for letter, capitals included, so w1 and W1 are different "
        "keys; the grader, like the notebook's own code, passes the dicts with the keys the "
        "assignment names.",
        "rules-for-every-function",
    ),
    Mistake(
        "U16", "parameters_differ", "*",
        "Parameters not those of the assignment (another number, or another order)",
        "{detail} The grader calls every function with the assignment's arguments, in that "
        "order, by position; a function with other parameters, or the same ones in another "
        "order, receives them in the wrong places.",
        "rules-for-every-function",
    ),
    Mistake(
        "U17", "math_on_arrays", "*",
        "math.exp (or another math function) applied to an array",
        "{detail} The functions of Python's math module take one number at a time; numpy's "
        "functions of the same names work entry by entry on a whole array, which is what a "
        "layer of units needs.",
        "rules-for-every-function",
    ),
)

MISTAKES_BY_ID = {mistake.id: mistake for mistake in MISTAKES}
"""Every catalogued mistake by id: the kit's, then the course catalogue's (add_course_mistakes)."""

COURSE_ID = re.compile(r"[A-Z][A-Z0-9]{1,15}-[A-Za-z0-9][A-Za-z0-9_.]{0,31}")
"""A course catalogue's ids: its own prefix of two or more capitals or digits, a dash, a name
("ML101-3"). The kit's ids are one capital and a number (B19), its signatures "S-" and a word,
so no course id can ever be one of the kit's."""
_course_mistakes = []


def add_course_mistakes(mistakes) -> None:
    """Catalogue a course's own mistakes beside the kit's (see autograder/course/)."""
    for mistake in mistakes:
        if not COURSE_ID.fullmatch(mistake.id) or mistake.id in MISTAKES_BY_ID:
            raise ValueError(f"{mistake.id!r} is not a new course id")
        MISTAKES_BY_ID[mistake.id] = mistake
        _course_mistakes.append(mistake)


def remove_course_mistakes() -> None:
    """Forget every course mistake: the catalogue is the kit's alone again."""
    for mistake in _course_mistakes:
        MISTAKES_BY_ID.pop(mistake.id, None)
    _course_mistakes.clear()


def course_mistakes() -> tuple:
    """The course catalogue's mistakes, in the order they were added."""
    return tuple(_course_mistakes)


def mistakes_for(function: str) -> tuple:
    """The catalogued mistakes of one graded function: the kit's in catalogue order, then the
    course's."""
    return tuple(mistake for mistake in (*MISTAKES, *_course_mistakes)
                 if mistake.function == function)


def pointer(anchor: str) -> str:
    """The closing pointer of a hint: 'See "Deriving dZ2" (backprop.ipynb#deriving-dz2).'"""
    return f'See "{SECTIONS[anchor]}" ({NOTEBOOK}#{anchor}).'


PARTS = {
    # compute_cost, in the order of its axes.
    "C11": "Your cost pairs labels and outputs with a matrix product of Y and log A2 turned on "
           "its side, which is one number only while n_y = 1 (here n_y = {n_y}): the loss "
           "adds up Y·log A2 entry by entry, over units and examples.",
    "C13": "Your cost adds up the whole (n_y, n_y) table of a matrix product of Y and log A2 "
           "turned on its side (n_y = {n_y} here), so each unit's labels also meet the other "
           "units' outputs; the loss pairs them entry by entry.",
    "C14": "Your cost adds up the loss over the examples only (axis 1), which leaves one value "
           "per output unit, shape ({n_y},); J adds up the output units as well.",
    "C7": "It comes back as a numpy array of shape {got_shape}, not a Python float: J is one "
          "number.",
    "C5": "Your cost pairs every label with the output of every example, through a product "
          "of Yᵀ and log A2; the loss pairs each label with its own example's output only.",
    "C3": "Your cost keeps only the Y·log A2 term: examples with y = 0 add nothing to it, "
          "while their loss is the (1 - Y)·log(1 - A2) term.",
    "C12": "Your cost keeps only the (1 - Y)·log(1 - A2) term: examples with y = 1 add "
           "nothing to it, while their loss is the Y·log A2 term.",
    "C1": "It has no minus sign in front, so it comes out negative: log A2 and log(1 - A2) "
          "are negative, and J is the positive number that training makes smaller.",
    "C2": "It adds up the loss over the m = {m} examples without dividing by m: J is the "
          "average of the loss L over the examples.",
    "C10": "It averages over all n_y × m entries (n_y = {n_y} here), where J averages over "
           "the m examples only and adds up the output units.",
    "C9": "It uses base-10 logarithms; cross-entropy uses the natural logarithm.",
    # compute_dZ2.
    "B28": "Your dZ2 has the opposite sign: differentiate L with respect to Z2 again and see "
           "which of A2 and Y comes first.",
    "B29": "Your dZ2 carries an extra factor A2(1 - A2), the sigmoid's derivative, which the "
           "cross-entropy loss cancels.",
    "B25": "It is also divided by m = {m}: dZ2 is a per-example quantity of the loss L, and "
           "1/m belongs to dW and db only.",
    # compute_dZ1.
    "B1": "Your dZ1 multiplies W2ᵀ and dZ2 entry by entry, which equals the matrix product "
          "only while n_y = 1 (here n_y = {n_y}). dZ2 = A2 - Y is the gradient of the loss "
          "summed over the output units, so each hidden unit adds up the errors of all the "
          "units it feeds: a matrix product.",
    "B31": "Your dZ1 uses W2 {shape_W2} without its transpose: each hidden unit collects the "
           "error of every output unit through W2 turned on its side.",
    "B30": "Your dZ1 leaves out W2ᵀ·dZ2, the gradient arriving from the output layer, so it "
           "depends on neither dZ2 nor W2.",
    "B4": "The derivative it applies is 1 - Z1², where tanh'(Z1) = 1 - tanh(Z1)² = 1 - A1² "
          "(here |Z1| reaches {z1_max}).",
    "B32": "The derivative it applies is 1 - A1, without the square: tanh'(Z1) = 1 - A1².",
    "B6": "The derivative it applies is A1(1 - A1), the sigmoid's; tanh's is 1 - A1².",
    "B7": "It applies no derivative of tanh at all: the chain rule scales each entry by "
          "tanh'(Z1) = 1 - A1².",
    "B8": "The derivative it applies is A1², without the 1 -: tanh'(Z1) = 1 - A1².",
    "B12": "The derivative it applies is 1 - tanh(A1)², tanh applied twice: A1 is already "
           "tanh(Z1), so tanh'(Z1) = 1 - A1².",
    "B9": "It scales by A1, the activation itself, where its derivative 1 - A1² belongs.",
    "B11": "The derivative it applies is σ(A1)(1 - σ(A1)), the sigmoid's taken at A1; tanh's "
           "at Z1 is 1 - A1².",
    "B2": "It joins the two factors, both {shape_A1}, with a matrix product where each entry "
          "is scaled by its own slope, entry by entry.",
    "B24": "It is also divided by m = {m}: dZ1 is a per-example quantity of the loss L, and "
           "1/m belongs to dW and db only.",
    # compute_dW.
    "B17": "Your dW{layer} comes out {got_shape} where W{layer} is {want_shape}: the two "
           "factors of its product are in the wrong order, which gives the transpose.",
    "B16": "Your dW{layer} multiplies dZ{layer} by {A_prev} as it is stored; the product that "
           "adds up the examples needs {A_prev} turned on its side.",
    "B18": "Your dW{layer} multiplies dZ{layer} and {A_prev} entry by entry, where a sum of "
           "products over the examples, a matrix product, belongs.",
    "B26": "It adds up the m = {m} examples without dividing by m: J is the average loss, so "
           "its gradient is an average too.",
    "B33": "It divides by m twice (m = {m}): J is the average of L, so its gradient carries "
           "one factor 1/m.",
    "B27": "It divides by the number of rows of {A_prev}, not by m = {m}: the examples run "
           "along axis 1.",
    "B37": "It divides by 400, the flower data set's size, instead of m = {m} from its own "
           "arguments.",
    # compute_db.
    "B20": "Your {name} sums dZ{layer} over axis 0, the units, where the examples run along "
           "axis 1.",
    "B21": "Your {name} sums every entry of dZ{layer} into one number; each unit's bias needs "
           "the sum of its own row.",
    "B22": "Your {name} does not add up the examples at all: one bias serves all m = {m} of "
           "them, so its gradient sums along axis 1.",
    "B19": "The sum drops the summed axis, so {name} comes out {got_shape} where b{layer} is "
           "{want_shape}: a rank-one array broadcasts differently from a column.",
    "B34": "It adds up the m = {m} examples without dividing by m: J is the average loss.",
    "B23": "It divides by m twice (m = {m}): a mean already holds the 1/m of J.",
    "B38": "It divides by the number of rows of dZ{layer}, not by m = {m}: the examples run "
           "along axis 1.",
    # forward_propagation, step by step.
    "F15": "Your Z1 has no b1 added: each hidden unit adds its own bias to every example.",
    "F2": "Your Z1 multiplies by W1 turned on its side: W1 {shape_W1} meets X {shape_X} as "
          "both are stored.",
    "F3": "Your A1 is sigmoid(Z1), where the hidden layer uses tanh.",
    "F12": "Your A1 is a ReLU of Z1, where the hidden layer uses tanh.",
    "F13": "Your A1 is Z1 itself: the hidden layer applies no tanh.",
    "F14": "Your Z2 is built from Z1, where A1 = tanh(Z1), the hidden layer's output, belongs.",
    "F16": "Your Z2 has no b2 added: each output unit adds its own bias to every example.",
    "F4": "Your A2 is tanh(Z2), where the output layer uses the sigmoid.",
    "F18": "Your A2 is Z2 itself: the output layer applies no sigmoid.",
    "F8": "Your A2 is 1/(1 + e^Z2), the sigmoid with the sign of Z2 flipped.",
}
"""One sentence per mistake, for a function with two or more of them: each names its own step
without claiming anything about the whole result (which the other mistake also changes)."""
