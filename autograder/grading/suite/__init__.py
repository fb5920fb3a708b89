"""The hidden pytest suite: one thin test per graded function, in the order students write them.

The checks and the diagnosis live in autograder.judge.checks and autograder.judge.diagnosis; these
tests only hand each exercise to the grader and fail with its hints.
"""
