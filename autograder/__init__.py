"""autograder: the instructor's side of "Learning by backpropagation".

The parts, the side of the trust boundary each runs on and the allowed imports are in
docs/ARCHITECTURE.md. In short:

- kernel:   ``kernel_shim`` (the only code sent to the student's kernel), ``limits``
- checking: ``cases``, ``compare``, ``mistakes``, ``remote``, ``shortcuts``,
            ``source_scan``, ``wire``
- content:  ``lessons`` (each lesson's checks), ``variants``, ``samples``
- grading:  ``hidden_tests``, ``execute``, ``structure``, ``sandbox``, ``worker``,
            ``grading``, ``intake``, ``report``, ``demo``, ``build`` and helpers
- command line: ``cli``
"""
from .startup import skip_iri_grammar

skip_iri_grammar()  # before anything imports nbformat: see autograder.startup
__version__ = "0.1.0"
