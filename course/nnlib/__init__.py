"""nnlib: the helper library of "Learning by backpropagation".

Each module is one concern and is introduced by the lesson that first needs it:

- ``nnlib.activations``  sigmoid, tanh, ReLU and their derivatives
- ``nnlib.losses``       mean squared error and cross-entropy
- ``nnlib.gradcheck``    numerical gradients by central differences
- ``nnlib.data``         the 8x8 handwritten digits and small synthetic sets
- ``nnlib.layers``       dense and activation layers as forward/backward pairs
- ``nnlib.mlp``          a fully connected network, for the lessons that use backprop (05-08)
- ``nnlib.plotting``     matplotlib figures used across lessons
- ``nnlib.fonts``        a Thai font for figures (the Thai edition)
- ``nnlib.widgets``      ipywidgets interactives built on the plotting helpers
- ``nnlib.selfcheck``    one-line checks of your graded functions, for self-learners, on
                         the public cases of ``nnlib/fixtures`` (``fixture_values``:
                         reading and comparing them; ``selfcheck_probes``: random functions)

and one module of figures and interactives per lesson topic: ``graphs`` (02),
``deltas`` (03), ``gradcheck_plots`` (04), ``init_plots`` (05), ``optim_plots`` (06),
``regularization_plots`` (07), ``conv_plots`` (08).

Conventions (every lesson): float64; examples are columns, ``X`` is ``(n_0, m)`` and
``Y`` is ``(n_L, m)``; parameters live in a dict with keys ``"W1", "b1", ...``.
"""
__version__ = "0.1.0"
