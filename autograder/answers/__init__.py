"""The answers: never shipped to students.

The reference (solutions/two_layer_net.py, loaded by reference.py), the cases whose expected
outputs it computes (cases.py), the numerical gradient of its cost (gradient_check.py), and
everything that computes a graded function's output or one of its steps from arbitrary inputs:
the catalogue's wrong implementations (mutants.py), the formulas of their combinations
(forms.py) and the right steps that follow a student's own values (flow.py). The student bundle
carries their values on its fixed inputs (release/fixture_writer.py), never this code.
"""
