"""A whole class: batch grading and what an instructor reads from it.

batch.py grades a folder in parallel, resumably, into signed reports (signing.py) and a
gradebook; mistake_groups.py gives each failed function an id shared by every student whose
function did the same; wrong_lines.py finds where it went wrong; class_data.py counts the
class's numbers, and titles.py names each mistake, for the reporters.
"""
