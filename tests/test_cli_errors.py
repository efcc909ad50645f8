"""Bad input gets a clear message, a documented exit code, and no traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.errors import EXIT_CODES


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_unknown_query_names_the_known_ones(seed_store: Path):
    result = invoke("query", "no-such-query", "--store", str(seed_store))
    assert result.exit_code == EXIT_CODES["query"]
    assert "no query named 'no-such-query'" in result.output and "missions-depending-on" in result.output
    assert "Traceback" not in result.output


def test_cli_unknown_parameter(seed_store: Path):
    result = invoke("query", "missions-depending-on", "country=US", "--store", str(seed_store))
    assert result.exit_code == EXIT_CODES["query"] and "provider" in result.output


def test_cli_parameter_without_equals_sign(seed_store: Path):
    result = invoke("query", "missions-depending-on", "US", "--store", str(seed_store))
    assert result.exit_code == EXIT_CODES["usage"] and "key=value" in result.output


def test_cli_query_without_store(tmp_path: Path):
    result = invoke("query", "entities", "--store", str(tmp_path / "nothing"))
    assert result.exit_code == EXIT_CODES["store"] and "kg build" in result.output


def test_cli_build_missing_folder(tmp_path: Path):
    result = invoke("build", str(tmp_path / "absent"), "--store", str(tmp_path / "store"))
    assert result.exit_code == EXIT_CODES["input"] and "no such file or folder" in result.output


def test_cli_build_reports_a_bad_file_and_goes_on(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "good.txt").write_text("De VS leveren enablers aan Resolute Support.\n", encoding="utf-8")
    result = invoke("build", str(folder), "--store", str(tmp_path / "store"))
    assert result.exit_code == EXIT_CODES["input"]
    assert "1 built" in result.output and "1 skipped" in result.output
    assert "empty.txt" in result.output and "Traceback" not in result.output


def test_cli_every_command_has_help():
    for command in main.commands.values():
        result = invoke(command.name, "--help")
        assert result.exit_code == 0 and command.help and len(result.output) > 50
