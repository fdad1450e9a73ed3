"""Hidden-test checks, one module per lesson (``lesson01`` ... ``lesson09``).

Each ``check_<function>(student_function, rng=None)`` draws fresh cases, computes the
answer with the reference code in the module (never the student's), and raises
``StudentMistake`` naming the mistake when the student's answer is wrong.
"""
