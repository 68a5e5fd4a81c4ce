"""The documentation matches the code: commands, options, settings, data files, the error shape.

Why a test: the CLI, the settings and the data tables are changed by several people, and
docs that drift are worse than none.  Each check reads the real parser / Settings / data
folder, so adding an option or a table without documenting it fails here, naming what is
missing and where it should go.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventscope.cli import build_parser, main
from eventscope.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGE = ROOT / "src" / "eventscope"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every (command path, parser) below `parser`, depth first: ("gazetteer", "build") ..."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _subcommands(sub, (*prefix, name))


def _leaf_commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Commands that run something (a parser with subcommands of its own is only a group)."""
    return [(path, sub) for path, sub in _subcommands(build_parser())
            if not any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)]


def _cli_sections() -> dict[str, str]:
    """docs/cli.md cut at its headings; key: the command a heading names ("gazetteer build")."""
    sections: dict[str, str] = {}
    current = None
    for line in _read(DOCS / "cli.md").splitlines():
        heading = re.match(r"#{2,4} `eventscope ([a-z0-9 -]+)`", line)
        if heading:
            current = heading.group(1).strip()
            sections[current] = ""
        elif line.startswith("## "):
            current = None
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def _mentions_option(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


# ---------------------------------------------------------------- commands and options

def test_every_command_has_a_section_in_cli_md() -> None:
    sections = _cli_sections()
    missing = [" ".join(path) for path, _ in _subcommands(build_parser()) if " ".join(path) not in sections
               and not any(key.startswith(" ".join(path) + " ") for key in sections)]
    assert not missing, f"docs/cli.md has no '## `eventscope COMMAND`' heading for: {missing}"


def test_every_command_is_in_the_readme() -> None:
    readme = _read(ROOT / "README.md")
    missing = [" ".join(path) for path, _ in _subcommands(build_parser())
               if f"eventscope {' '.join(path)}" not in readme]
    assert not missing, f"README.md's commands table lacks: {missing}"


def test_every_option_and_choice_is_documented_under_its_command() -> None:
    """Each long option has a row in its command's option table, and each choice is named there."""
    sections = _cli_sections()
    missing: list[str] = []
    for path, parser in _leaf_commands():
        name = " ".join(path)
        text = "\n".join(line for line in sections.get(name, "").splitlines() if line.startswith("|"))
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            long_options = [o for o in action.option_strings if o.startswith("--")]
            if long_options and not any(_mentions_option(text, o) for o in long_options):
                missing.append(f"{name}: {long_options[0]}")
            for choice in action.choices or ():
                if not re.search(rf"(?<![\w-]){re.escape(str(choice))}(?![\w-])", text):
                    missing.append(f"{name}: {'/'.join(action.option_strings) or action.dest} choice {choice}")
    assert not missing, f"docs/cli.md's option tables do not document: {missing}"


def test_cli_md_documents_no_option_the_parser_lacks() -> None:
    """The reverse direction: an option removed from the code must leave the docs too."""
    stale: list[str] = []
    sections = _cli_sections()
    for path, parser in _leaf_commands():
        name = " ".join(path)
        known = {o for a in parser._actions for o in a.option_strings}
        options_table = "\n".join(line for line in sections.get(name, "").splitlines() if line.startswith("|"))
        for option in re.findall(r"`(--[a-z][a-z0-9-]*)", options_table):
            if option not in known:
                stale.append(f"{name}: {option}")
    assert not stale, f"docs/cli.md's option tables name options the parser does not have: {stale}"


def _example_commands(text: str) -> list[list[str]]:
    """`eventscope ...` lines of the ```sh blocks, as argv (env assignments and redirections dropped)."""
    import shlex

    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            while words and re.match(r"[A-Z_]+=", words[0]):
                words.pop(0)
            if words[:1] == ["nice"]:
                words.pop(0)
            if words[:1] != ["eventscope"]:
                continue
            argv = []
            for word in words[1:]:
                if word in (">", "|", "2>"):
                    break
                argv.append(word)
            commands.append(argv)
    return commands


@pytest.mark.parametrize("doc", ["docs/cli.md", "docs/evaluation.md", "docs/settings.md"])
def test_every_example_command_parses(doc: str, capsys: pytest.CaptureFixture[str]) -> None:
    examples = _example_commands(_read(ROOT / doc))
    assert examples, f"{doc} has no example commands"
    parser = build_parser()
    for argv in examples:
        try:
            parser.parse_args(argv)
        except SystemExit:
            pytest.fail(f"{doc}: example 'eventscope {' '.join(argv)}' does not parse: "
                        f"{capsys.readouterr().err.strip()}")


def test_every_command_has_an_example_in_cli_md() -> None:
    examples = _example_commands(_read(DOCS / "cli.md"))
    missing = [" ".join(path) for path, _ in _leaf_commands()
               if not any(tuple(argv[:len(path)]) == path for argv in examples)]
    assert not missing, f"docs/cli.md has no example for: {missing}"


def test_cli_md_states_the_exit_codes_and_error_format() -> None:
    text = _read(DOCS / "cli.md")
    assert "eventscope: <message>" in text
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"\|\s*`?{code}`?\s*\|", text), f"exit code {code} is not in docs/cli.md's table"


# ---------------------------------------------------------------- settings

def _settings_rows(text: str) -> dict[str, str]:
    """Table rows of a markdown file, keyed by the first `name` in backticks of the row."""
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\|\s*`([a-z_0-9]+)`", line)
        if match:
            rows.setdefault(match.group(1), line)
    return rows


def _default_text(field: dataclasses.Field) -> str | None:
    """The default as the docs write it; None when it depends on the environment."""
    if field.default is dataclasses.MISSING:
        return None
    if field.default is None:
        return "unset"
    if isinstance(field.default, bool):
        return str(field.default).lower()
    return str(field.default)


@pytest.mark.parametrize("doc", ["docs/settings.md", "README.md"])
def test_every_setting_is_in_the_settings_table_with_its_default(doc: str) -> None:
    rows = _settings_rows(_read(ROOT / doc))
    problems = []
    for field in dataclasses.fields(Settings):
        row = rows.get(field.name)
        if row is None:
            problems.append(f"{field.name}: no table row")
            continue
        default = _default_text(field)
        if default is not None and f"`{default}`" not in row and f"| {default} |" not in row:
            problems.append(f"{field.name}: default {default!r} not in its row")
    assert not problems, f"{doc}: {problems}"


def test_settings_md_names_every_environment_variable() -> None:
    text = _read(DOCS / "settings.md")
    missing = [f"EVENTSCOPE_{f.name.upper()}" for f in dataclasses.fields(Settings)
               if f"EVENTSCOPE_{f.name.upper()}" not in text]
    assert not missing, f"docs/settings.md lacks {missing}"


def test_settings_md_toml_example_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The eventscope.toml example in the docs is a file load_settings accepts."""
    from eventscope.config import load_settings

    blocks = re.findall(r"```toml\n(.*?)```", _read(DOCS / "settings.md"), flags=re.S)
    assert blocks, "docs/settings.md has no ```toml example"
    for name in [f.name for f in dataclasses.fields(Settings)]:
        monkeypatch.delenv(f"EVENTSCOPE_{name.upper()}", raising=False)
    config = tmp_path / "eventscope.toml"
    config.write_text(blocks[0], encoding="utf-8")
    settings = load_settings(config)
    assert settings != Settings(data_dir=settings.data_dir), "the example changes no setting"


# ---------------------------------------------------------------- architecture

def test_every_stage_module_is_in_architecture_md() -> None:
    text = _read(DOCS / "architecture.md")
    missing = [p.name for p in sorted((PACKAGE / "stages").glob("*.py"))
               if p.name != "__init__.py" and p.name not in text]
    assert not missing, f"docs/architecture.md does not place the stage modules {missing}"


def test_every_exception_is_in_architecture_md() -> None:
    import eventscope.errors as errors

    text = _read(DOCS / "architecture.md")
    names = [name for name, value in vars(errors).items()
             if isinstance(value, type) and issubclass(value, errors.EventscopeError)]
    missing = [name for name in names if name not in text]
    assert not missing, f"docs/architecture.md's error tree lacks {missing}"


# ---------------------------------------------------------------- evaluation

def _metric_names() -> set[str]:
    """Metric names the scorers write literally (f-string names such as argument_f1_{role} aside)."""
    names: set[str] = set()
    for path in (PACKAGE / "evaluate").glob("*.py"):
        source = _read(path)
        names.update(re.findall(r'score\.metrics\["([a-z_0-9]+)"\]\s*=', source))
        names.update(re.findall(r'\b(?:check|tally\.add)\("([a-z_0-9]+)"', source))
        for arguments in re.findall(r"score\.metrics\.update\((.*?)\)\n", source, flags=re.S):
            names.update(re.findall(r"\b([a-z_0-9]+)=", arguments))
    return names


def test_every_metric_is_explained_in_evaluation_md() -> None:
    text = _read(DOCS / "evaluation.md")
    names = _metric_names()
    assert {"event_f1", "plover_macro_f1", "event_location_accuracy"} <= names  # the scan still finds them
    missing = sorted(n for n in names if f"`{n}`" not in text)
    assert not missing, f"docs/evaluation.md does not explain the metrics {missing}"


def test_every_dataset_is_in_evaluation_md() -> None:
    from eventscope.evaluate.runner import LOADERS

    text = _read(DOCS / "evaluation.md")
    missing = [name for name in LOADERS if f"| `{name}` |" not in text]
    assert not missing, f"docs/evaluation.md's dataset table lacks {missing}"


# ---------------------------------------------------------------- data files

def test_every_data_file_is_described_in_data_sources_md() -> None:
    text = _read(DOCS / "data-sources.md")
    roots = [(PACKAGE / "data", ""), (PACKAGE / "evaluate" / "labels", "")]
    missing = []
    for root, _ in roots:
        for path in sorted(root.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(root).as_posix()
            if f"`{relative}`" not in text and relative not in text:
                missing.append(str(path.relative_to(PACKAGE)))
    assert not missing, f"docs/data-sources.md does not describe: {missing}"


def test_every_vendored_front_end_library_is_described() -> None:
    text = _read(DOCS / "data-sources.md")
    vendor = PACKAGE / "web" / "static" / "vendor"
    missing = [d.name for d in vendor.iterdir() if d.is_dir() and d.name not in text]
    assert not missing, f"docs/data-sources.md does not describe vendored {missing}"


def test_readme_links_point_at_existing_docs() -> None:
    links = re.findall(r"\]\((docs/[^)#]+)", _read(ROOT / "README.md"))
    assert {"docs/cli.md", "docs/settings.md", "docs/architecture.md", "docs/evaluation.md",
            "docs/data-sources.md"} <= set(links)
    assert all((ROOT / link).is_file() for link in links), links


def test_readme_keeps_the_two_quick_start_commands() -> None:
    readme = _read(ROOT / "README.md")
    assert "make demo" in readme and "make test" in readme


# ---------------------------------------------------------------- the error shape

def _assert_one_error_line(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("eventscope: "), lines
    assert "Traceback" not in stderr


def test_a_missing_dataset_gives_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "--dataset", "plv", "--quiet", str(tmp_path / "missing.tsv")])
    captured = capsys.readouterr()
    assert code == 2
    _assert_one_error_line(captured.err)
    assert "missing.tsv" in captured.err
    assert captured.out == ""


def test_an_unopenable_database_gives_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["events", "--db", str(tmp_path / "no" / "such" / "dir" / "x.db")])
    captured = capsys.readouterr()
    assert code == 2
    _assert_one_error_line(captured.err)


def test_a_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "no-such-format", "-o", "x"])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.slow
def test_extract_on_a_missing_file_gives_one_error_line(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # run_extract looks sys.stdout/sys.stderr up per call, so capsys sees what a terminal would.
    missing = tmp_path / "missing.txt"
    code = main(["extract", str(missing)])
    captured = capsys.readouterr()
    assert code in (1, 2)
    _assert_one_error_line(captured.err)
    assert str(missing) in captured.err
