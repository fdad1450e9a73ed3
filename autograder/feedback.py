"""nbgrader preprocessors for the feedback students receive."""
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader import utils


class ShortenTestTracebacks(NbGraderPreprocessor):
    """Keep only the final ``Error: message`` line of errors raised in test cells.

    IPython's tracebacks quote the lines around each frame: in a test cell that is the
    hidden test code, and inside ``autograder`` it is the reference solution. The message
    (what the student needs) stays; plots and printed output of every cell stay too.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: "
                                           f"{output.get('evalue', '')}"]
        return cell, resources
