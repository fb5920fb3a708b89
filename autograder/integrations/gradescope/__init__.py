"""Gradescope: build.py makes the autograder zip on the instructor's machine; run.py grades
inside Gradescope's container. Split by where the code runs, so what each may import shows."""
