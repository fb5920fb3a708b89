"""Grading one submission: read it, run it in the sandbox, judge every function, report.

grader.py holds SubmissionGrader and grade_path (the path of one submission through the kit);
run.py runs the hidden pytest suite (suite/) on it through pytest_plugin.py, as the command
line does. submission.py and notebook.py read a .py or a notebook, parsing.py parses each cell
once, cell_notes.py and provided.py explain a notebook's failed cells and supply the helpers it
uses but does not define, seeds.py draws a run's seed, and judge_slots.py gives the judge what
it may use here but never ships.
"""
