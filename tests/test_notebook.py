"""notebooks/explore.ipynb is stored without outputs and runs top to bottom."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_browser import extractor_missing

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")


def test_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def text_of(cell) -> str:
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/html", "") + output.data.get("text/plain", ""))
    return "\n".join(parts)


def test_notebook_runs_top_to_bottom():
    if extractor_missing():
        pytest.skip(extractor_missing())
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error

    cells = {tag: cell for cell in notebook.cells for tag in cell.metadata.get("tags", [])}
    assert "loaded 0 articles" not in text_of(cells["build"])
    partners = text_of(cells["partners"])
    for name in ("Uzbekistan", "Australia", "Mongolia"):
        assert name in partners
    assert "pagerank" in text_of(cells["centrality"])
    assert "<iframe srcdoc=" in text_of(cells["map"])
