"""(d) Scaling curves as PNG plots (matplotlib, no screen needed)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def grading_scaling(points, path):
    """Wall seconds of ``autograder grade`` against the number of submissions.

    points: {workers: [(submissions, seconds), ...]}; one line per worker count.
    """
    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    for workers, pairs in sorted(points.items()):
        pairs = sorted(pairs)
        ax.plot([n for n, _ in pairs], [s for _, s in pairs], "o-",
                label=f"{workers} worker{'s' if workers > 1 else ''}")
    ax.set(xlabel="submissions graded", ylabel="wall time (s)", xlim=(0, None), ylim=(0, None),
           title="autograder grade: wall time against class size")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def gradcheck_cost(curve, path):
    """Seconds of one numerical gradient and of one backprop against the parameter count
    (log-log), with the ratio numerical / backprop written at each point."""
    n, numerical, backprop = curve["parameters"], curve["numerical"], curve["backprop"]
    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    ax.loglog(n, numerical, "o-", color="tab:red", label="numerical gradient (2 costs per parameter)")
    ax.loglog(n, backprop, "o-", color="tab:blue", label="backprop (one forward + backward)")
    for x, a, b in zip(n, numerical, backprop):
        ax.annotate(f"{a / b:.0f}×", (x, a), textcoords="offset points", xytext=(0, 6),
                    ha="center", fontsize="small")
    ax.set(xlabel="parameters (8-h-1 network, 16 examples)", ylabel="seconds per gradient",
           title="Numerical gradient against backprop")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize="small")
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
