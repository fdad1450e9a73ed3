"""nnlib: the helper library of "Learning by backpropagation".

Each module is one concern and is introduced by the lesson that first needs it:

- ``nnlib.activations``  sigmoid, tanh, ReLU and their derivatives
- ``nnlib.losses``       mean squared error and cross-entropy
- ``nnlib.gradcheck``    numerical gradients by central differences
- ``nnlib.data``         the 8x8 handwritten digits and small synthetic sets
- ``nnlib.plotting``     matplotlib figures used across lessons
- ``nnlib.widgets``      ipywidgets interactives built on the plotting helpers

Conventions (every lesson): float64; examples are columns, ``X`` is ``(n_0, m)`` and
``Y`` is ``(n_L, m)``; parameters live in a dict with keys ``"W1", "b1", ...``.
"""
__version__ = "0.1.0"
