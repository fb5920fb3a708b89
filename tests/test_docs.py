"""Does the documentation say what the kit does, and can a reader follow every pointer in it?

The README is a page, the details live in docs/, the catalogue page is generated from the
catalogue, and nothing in the repository points at a file that is not in it.
"""

import re
import subprocess

import pytest

from autograder.paths import CATALOGUE_PAGE, KIT_ROOT
from autograder.reporters.catalogue_page import catalogue_page

README = KIT_ROOT / "README.md"
DOCS = KIT_ROOT / "docs"
PAGES = ("students.md", "instructors.md", "catalogue.md", "course-catalogues.md", "security.md",
         "architecture.md", "speed.md")
MAX_README_LINES = 150


def repository_files() -> list:
    """Every file git knows in the repository (committed or added), as paths."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=KIT_ROOT, capture_output=True, text=True, check=True)
    return [KIT_ROOT / name for name in listed.stdout.splitlines() if (KIT_ROOT / name).is_file()]


def markdown_files() -> list:
    return [README, *sorted(DOCS.glob("*.md"))]


def test_the_catalogue_page_is_what_the_catalogue_says():
    assert CATALOGUE_PAGE.read_text() == catalogue_page(), \
        "docs/catalogue.md is stale: run python -m autograder catalogue page"


def test_the_catalogue_page_names_every_mistake_with_its_hint_and_section():
    from autograder.judge.diagnosis.catalogue import MISTAKES

    page = CATALOGUE_PAGE.read_text()
    for mistake in MISTAKES:
        assert f"### {mistake.id}: " in page
        assert f"backprop.ipynb#{mistake.anchor}" in page
    assert page.count("\n> ") >= len(MISTAKES)


def test_the_readme_is_a_page_and_docs_hold_the_rest():
    assert len(README.read_text().splitlines()) <= MAX_README_LINES
    assert sorted(path.name for path in DOCS.glob("*.md")) == sorted(PAGES)


def anchors(page) -> set:
    """The anchors of a Markdown page's headings, as GitHub makes them (code blocks skipped)."""
    found, fenced = set(), False
    for line in page.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            slug = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
            while slug in found:
                slug += "-1"
            found.add(slug)
    return found


@pytest.mark.parametrize("page", markdown_files(), ids=lambda path: path.name)
def test_every_relative_link_and_module_path_in_a_page_exists(page):
    text = page.read_text()
    missing = []
    for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        linked = page.parent / target if target else page
        if not linked.exists():
            missing.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            missing.append(f"{target}#{anchor}")
    for path in re.findall(r"\bautograder/[\w/]+\.py\b", text):
        if not (KIT_ROOT / path).exists():
            missing.append(path)
    assert missing == []


def test_nothing_in_the_repository_points_outside_it():
    """The design notes the kit was built from are not in the repository: whatever the code and
    docs took from them is written in docs/, and nothing names them."""
    outside = [".." + "/shared", "STYLE" + ".md", "research" + "/mistakes"]
    found = []
    for path in repository_files():
        try:
            text = path.read_text()
        except (UnicodeDecodeError, OSError):
            continue
        found += [f"{path.relative_to(KIT_ROOT)}: {name}" for name in outside if name in text]
    assert found == []
