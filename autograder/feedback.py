"""nbgrader's feedback, as the grader writes it: a preprocessor, and the page's exporter."""
import re

import jinja2
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

#: what nbconvert writes for an image without a description
NO_ALT = "No description has been provided for this image"
# [^<>]: the look-ahead stops at the next tag, so a student's HTML output of many
# unclosed "<img" costs linear time, not quadratic
IMG_WITHOUT_ALT = re.compile(r"<img(?![^<>]*\salt=)(?=[\s/>])", re.I)


class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in this process's memory, for every exporter it makes
    (Jinja checks each template's source checksum before reusing its code)."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = _SharedBytecode()


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter for nbgrader's feedback page, minus two costs per page.

    - Templates compile once per process: nbgrader makes a new exporter, so a new
      Jinja environment, for each page, and every one of them shares ``TEMPLATE_CODE``.
    - No second parse of the whole page. ``HTMLExporter`` re-reads the rendered page
      with BeautifulSoup (tens of thousands of tags, most of them pygments' spans) for
      two edits: a description on images without one, and ``tabindex`` on JupyterLab's
      cell wrappers. nbgrader's feedback template is the classic one, which has no such
      wrappers; the images get their description here, from a regular expression.

    The worker sets it as ``GenerateFeedback.exporter_class``; stock ``nbgrader
    generate_feedback`` keeps ``HTMLExporter``.
    """

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = TEMPLATE_CODE
        return environment

    def from_notebook_node(self, nb, resources=None, **kw):
        # HTMLExporter.from_notebook_node's filters, then its template, without the soup
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', html), resources


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
