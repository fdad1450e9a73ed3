"""autograder: the instructor's side of "Learning by backpropagation".

- ``autograder.compare``    tamper-resistant comparison of a student's answer (hidden tests)
- ``autograder.mistakes``   the mistake catalogue: named, explained wrong answers
- ``autograder.shortcuts``  refuses graded functions that call the library's own answer
- ``autograder.lessons``    one module of hidden-test checks per lesson
- ``autograder.variants``   sample submissions per lesson: correct alternatives and mistakes
- ``autograder.build``      jupytext sources -> source notebooks -> nbgrader release
- ``autograder.worker``     grades one submission in a scratch course (process pool or Dask)
- ``autograder.sandbox``    the kernel's sandbox (bubblewrap, user, rlimit) and limits
- ``autograder.guard``      loaded into the kernel: undoes tampering, signs passed checks
- ``autograder.integrity``  outside the kernel: test-cell structure, receipts, static scan
- ``autograder.intake``     LMS downloads (folders, zips) mapped to student ids
- ``autograder.grading``    autograde, feedback, grades.csv and the class table
- ``autograder.report``     the HTML class report
- ``autograder.cli``        the ``autograder`` command
- ``autograder.startup``    two start-up costs of the Jupyter stack, removed
"""
from .startup import skip_iri_grammar

skip_iri_grammar()  # before anything imports nbformat: see autograder.startup
__version__ = "0.1.0"
