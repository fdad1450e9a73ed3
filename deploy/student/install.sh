#!/bin/sh
# The student's environment: run from the repository root, with the environment's
# `python` and `jupyter` first on PATH. The student image (deploy/student/Dockerfile)
# runs it, and tests/test_deploy.py runs it the same way in a plain venv and checks the
# result: no grader, no hidden check, no solution; the lessons and self-checks run.
set -eu

# The student's distribution (nnlib, its data and public self-check fixtures), not
# editable: the image keeps no copy of the repository. JupyterLab comes with its `lab`
# extra; nbgrader for the student's extensions (the same range as the grader's).
python -m pip install './course[lab]' 'nbgrader>=0.9.6,<0.10'

# nbgrader installs every extension enabled. Students keep Assignment List (fetch,
# submit) and Validate; the instructor's Formgrader, Create Assignment and Course List
# are switched off for this environment (lab plugins and server extensions).
jupyter labextension disable --level=sys_prefix \
    @jupyter/nbgrader:formgrader @jupyter/nbgrader:create-assignment @jupyter/nbgrader:course-list
jupyter server extension disable --sys-prefix \
    nbgrader.server_extensions.formgrader nbgrader.server_extensions.course_list

# The students' nbgrader config: the course id and the hub's shared exchange.
prefix=$(python -c 'import sys; print(sys.prefix)')
mkdir -p "$prefix/etc/jupyter"
cp deploy/student/nbgrader_config.py "$prefix/etc/jupyter/nbgrader_config.py"
