"""The kit inside other graders: gradescope/ and nbgrader/."""
