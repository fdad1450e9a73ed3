"""nbgrader configuration for students on the course's JupyterHub (the student image).

deploy/student/install.sh puts it in the environment's etc/jupyter/, where nbgrader's
commands and JupyterLab's Assignment List and Validate find it. It names the course and
the exchange the hub shares with the instructor, and nothing else: no gradebook, no
grader, no path of the instructor's.
"""
c = get_config()  # noqa: F821 (injected by traitlets when this file is loaded)

# The course id of the instructor's nbgrader_config.py (course/course.toml).
c.CourseDirectory.course_id = "backprop"

# The exchange the hub mounts in every student's server and in the instructor's: the
# instructor points c.Exchange.root at the same folder (README, "Running it for a
# department"). Fetched lessons land in ~/backprop/NN_name/, as on one machine.
c.Exchange.root = "/srv/nbgrader/exchange"
c.Exchange.path_includes_course = True

# Validate runs the notebook as the grader will: the same time limit per cell.
c.Execute.timeout = 60
