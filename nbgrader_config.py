"""nbgrader's configuration: the repository's root is the course directory.

source (the master notebook, with solutions and hidden tests) is solutions/, and the student
release goes to assignments/. Run the nbgrader commands from this folder; see the README.
"""

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)

c.CourseDirectory.course_id = "backprop-kit"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", ".*"]

# The same stub as assignments/two_layer_net.py, so both releases look alike.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Each hidden test hands the notebook's code to the sandboxed grader (about half a second).
c.Execute.timeout = 120
