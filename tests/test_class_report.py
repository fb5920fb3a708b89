"""Does the class report show the scores, the pass rates and the most common mistakes?"""

import shutil
import subprocess

import pytest

from tests.conftest import REFERENCE
from tests.diagnosis.test_catalogue import submission_source

CLASS = {"ana": None, "ben": "B19", "cleo": "B19", "dev": "B19", "eli": "B4", "fay": "B4",
         "gus": "B26", "hal": "C1", "ivy": None, "jo": "B17"}
"""Ten students: two right, three without keepdims, two with 1 - Z1², ..."""


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from autograder.cli import main

    folder = tmp_path_factory.mktemp("class")
    for student, mistake in CLASS.items():
        if mistake is None:
            shutil.copy(REFERENCE, folder / f"{student}.py")
        else:
            (folder / f"{student}.py").write_text(submission_source(mistake))
    (folder / "zoe.py").write_text("def broken(:\n")
    out = folder / "results"
    assert main(["batch", str(folder), "--out", str(out), "--seed", "2"]) == 0
    assert main(["report", str(out)]) == 0
    return out


def test_report_page_and_charts_are_written(results):
    page = (results / "report.html").read_text()
    for chart in ("scores", "pass_rates", "mistakes"):
        assert (results / "report" / f"{chart}.png").stat().st_size > 5000
    assert page.count("data:image/png;base64,") == 3, "self-contained"
    assert "11 submissions, 10 graded" in page and "zoe" in page


def test_most_common_mistake_is_listed_first_by_its_catalogue_name(results):
    page = (results / "report.html").read_text()
    rows = page.split("<tr><td>")[1:]
    assert rows[0].startswith("B19: db summed without keepdims</td><td>3")
    assert "B4: tanh&#x27; computed from Z1" in page or "B4: tanh' computed from Z1" in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_report_renders_in_headless_chromium(results, tmp_path):
    screenshot = tmp_path / "report.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,2400",
                    f"--screenshot={screenshot}", (results / "report.html").as_uri()],
                   capture_output=True, timeout=90, check=True)
    from PIL import Image

    image = Image.open(screenshot).convert("RGB")
    colours = image.resize((100, 240)).getcolors(100 * 240)
    assert len(colours) > 50, "the page rendered charts, not a blank or error page"
