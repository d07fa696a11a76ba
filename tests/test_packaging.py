"""Packaging: the wheel carries rubrics and resources, paths work frozen, icons and desktop files are sound."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from workshop_app import __version__, paths

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _load_packaging_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped_files(folder: str) -> list[str]:
    """Every file a wheel must carry from a top-level data folder, as paths inside the package."""
    base = ROOT / folder
    return sorted(
        f"workshop_app/{folder}/{p.relative_to(base).as_posix()}"
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    )


def _can_build_without_isolation() -> bool:
    """setuptools builds wheels itself from 70.1 on; before that it needs the `wheel` package."""
    import setuptools

    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


# --------------------------------------------------------------------------- (a) the wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from a copy of the checkout, exactly what `pip install .` installs."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("workshop_app", "rubrics", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)]
    if _can_build_without_isolation():
        command.insert(4, "--no-build-isolation")
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"building the wheel failed:\n{proc.stdout}\n{proc.stderr}"
    (built,) = out.glob("*.whl")
    assert built.name.startswith(f"maturity_workshop-{__version__}-py3-none-any")
    with zipfile.ZipFile(built) as zf:
        yield zf


def test_wheel_carries_every_rubric(wheel: zipfile.ZipFile) -> None:
    expected = _shipped_files("rubrics")
    assert any(name.endswith(".toml") for name in expected)
    missing = sorted(set(expected) - set(wheel.namelist()))
    assert not missing, f"not in the wheel: {missing}"


def test_wheel_carries_every_resource(wheel: zipfile.ZipFile) -> None:
    expected = _shipped_files("resources")
    assert "workshop_app/resources/icons/workshop-app.svg" in expected
    assert "workshop_app/resources/icons/hicolor/16x16/apps/workshop-app.png" in expected
    missing = sorted(set(expected) - set(wheel.namelist()))
    assert not missing, f"not in the wheel: {missing}"


def test_wheel_carries_every_module(wheel: zipfile.ZipFile) -> None:
    """A sub-package missing from pyproject's package list would install an app that cannot start."""
    expected = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "workshop_app").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    missing = sorted(set(expected) - set(wheel.namelist()))
    assert not missing, (
        f"not in the wheel (add the package to [tool.setuptools] packages, data to package-data): {missing}"
    )


def test_wheel_declares_the_command(wheel: zipfile.ZipFile) -> None:
    entry_points = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(entry_points).decode())
    assert parser["console_scripts"]["workshop-app"] == "workshop_app.cli:main"


# --------------------------------------------------------------------------- (b) paths.py


def _fake_layout(root: Path, rubric_files: list[Path]) -> Path:
    (root / "rubrics").mkdir(parents=True)
    for rubric in rubric_files:
        shutil.copy2(rubric, root / "rubrics" / rubric.name)
    (root / "resources" / "icons").mkdir(parents=True)
    (root / "resources" / "icons" / "workshop-app.svg").write_text("<svg/>", encoding="utf-8")
    return root


def test_frozen_build_reads_its_own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop_app.core.rubric import shipped_rubrics

    one_rubric = sorted((ROOT / "rubrics").glob("*.toml"))[:1]
    frozen = _fake_layout(tmp_path / "dist" / "workshop-app" / "_internal", one_rubric)
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)

    assert paths.rubrics_dir() == frozen / "rubrics"
    assert paths.data_dir("resources") == frozen / "resources"
    assert paths.resource_path("icons", "workshop-app.svg") == frozen / "resources" / "icons" / "workshop-app.svg"
    rubrics = shipped_rubrics()
    assert [r.id for r in rubrics] == [one_rubric[0].stem]
    assert all(Path(r.source).parent == frozen / "rubrics" for r in rubrics)
    with pytest.raises(FileNotFoundError, match="icons/nothing.png"):
        paths.resource_path("icons", "nothing.png")


def test_frozen_build_without_a_folder_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "empty"), raising=False)
    assert paths.rubrics_dir() == ROOT / "rubrics"


def test_installed_wheel_prefers_the_package_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "workshop_app"
    _fake_layout(package, sorted((ROOT / "rubrics").glob("*.toml")))
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert paths.rubrics_dir() == package / "rubrics"
    assert paths.resource_path("icons", "workshop-app.svg").is_relative_to(package)


def test_missing_folder_names_every_place_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "frozen"), raising=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", tmp_path / "pkg" / "workshop_app")
    with pytest.raises(FileNotFoundError) as info:
        paths.rubrics_dir()
    message = str(info.value)
    assert "'rubrics' folder is missing" in message
    for place in (tmp_path / "frozen", tmp_path / "pkg" / "workshop_app", tmp_path / "pkg"):
        assert str(place / "rubrics") in message


# --------------------------------------------------------------------------- icons and desktop files


def _make_icons(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the icon script in its own process, so no Qt application lingers in this one."""
    return subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_committed_pngs_match_the_svg() -> None:
    proc = _make_icons("--check")
    assert proc.returncode == 0, proc.stderr


def test_icon_check_notices_an_edited_svg(tmp_path: Path) -> None:
    """The check above must be able to fail: recolour the SVG and every PNG is reported stale."""
    edited = tmp_path / "edited.svg"
    svg = (ROOT / "resources" / "icons" / "workshop-app.svg").read_text(encoding="utf-8")
    assert "#F59A2F" in svg
    edited.write_text(svg.replace("#F59A2F", "#2FA84F"), encoding="utf-8")
    proc = _make_icons("--check", "--svg", str(edited))
    assert proc.returncode == 1
    assert proc.stderr.count("differs from the SVG") == 7, proc.stderr


def test_platform_icons_hold_every_size(tmp_path: Path) -> None:
    from PIL import Image

    proc = _make_icons("--platform-icons", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    with Image.open(tmp_path / "workshop-app.ico") as image:
        assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= set(image.info["sizes"])
    with Image.open(tmp_path / "workshop-app.icns") as image:
        assert (512, 512, 2) in image.info["sizes"]  # the 1024-pixel retina entry
        assert (16, 16, 1) in image.info["sizes"] or (16, 16, 2) in image.info["sizes"]


def test_desktop_entry_matches_the_mime_definition() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "workshop-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "Maturity Workshop"
    assert desktop["Exec"] == "workshop-app %f"
    assert desktop["Icon"] == "workshop-app"
    assert "Office" in desktop["Categories"].split(";")

    mime = ET.parse(PACKAGING / "workshop-app-mime.xml").getroot()
    (mime_type,) = mime.findall(f"{MIME_NS}mime-type")
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.workshop"]
    assert mime_type.get("type") in desktop["MimeType"].split(";")
    assert (ROOT / "resources" / "icons" / "workshop-app.svg").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_validates() -> None:
    proc = subprocess.run(["desktop-file-validate", str(PACKAGING / "workshop-app.desktop")],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="a Linux desktop script")
def test_install_desktop_puts_entry_icons_and_file_type_in_place(tmp_path: Path) -> None:
    exe = tmp_path / "my apps" / "workshop-app"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = str(PACKAGING / "install-desktop.sh")

    subprocess.run(["bash", script, str(exe)], env=env, check=True, capture_output=True, text=True)
    desktop = (data / "applications" / "workshop-app.desktop").read_text(encoding="utf-8")
    assert f'Exec="{exe}" %f' in desktop
    assert (data / "mime" / "packages" / "workshop-app-mime.xml").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "workshop-app.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "workshop-app.png").is_file()

    subprocess.run(["bash", script, "--uninstall"], env=env, check=True, capture_output=True, text=True)
    assert not list(data.rglob("workshop-app*"))


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="a Linux desktop script")
def test_install_desktop_refuses_a_missing_program(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    proc = subprocess.run(["bash", str(PACKAGING / "install-desktop.sh"), str(tmp_path / "nope")],
                          env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "is not an executable file" in proc.stderr
    assert not (tmp_path / "share" / "applications").exists()


# --------------------------------------------------------------------------- (c) the frozen build

FROZEN = os.environ.get("CI") == "true" or os.environ.get("WORKSHOP_FROZEN_BUILD") == "1"


@pytest.mark.skipif(not FROZEN, reason="builds the frozen app (minutes): set WORKSHOP_FROZEN_BUILD=1 (CI=true does)")
@pytest.mark.skipif(sys.platform == "win32", reason="packaging/build.sh is for Linux and macOS; see build.ps1")
def test_frozen_build_runs_headless(tmp_path: Path) -> None:
    from pypdf import PdfReader

    dist, work = tmp_path / "dist", tmp_path / "work"
    started = time.perf_counter()
    proc = subprocess.run(
        ["bash", str(PACKAGING / "build.sh"), "--python", sys.executable, "--dist", str(dist), "--work", str(work)],
        capture_output=True, text=True, timeout=20 * 60,
    )
    took = time.perf_counter() - started
    assert proc.returncode == 0, f"build failed after {took:.0f} s:\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}"
    assert "smoke test passed" in proc.stdout
    print(proc.stdout.strip().splitlines()[-1])

    # Run it again here, from a folder outside the checkout, and read what it wrote.
    smoke = _load_packaging_module("smoke_test")
    cli, _window = smoke.executables(dist / "workshop-app")
    env = smoke.clean_env(tmp_path / "home")
    assert f"Maturity Workshop {__version__}" in smoke.run([str(cli), "--version"], tmp_path, env)
    smoke.run([str(cli), "demo", "x.workshop"], tmp_path, env)
    smoke.run([str(cli), "export", "x.workshop", "x.pdf", "--anonymous"], tmp_path, env)
    assert len(PdfReader(tmp_path / "x.pdf").pages) >= 2
    listed = smoke.run([str(cli), "rubrics"], tmp_path, env)
    for rubric in (ROOT / "rubrics").glob("*.toml"):
        assert f"_internal/rubrics/{rubric.name}" in listed.replace(os.sep, "/")
    if sys.platform.startswith("linux"):
        assert (dist / "workshop-app" / "linux" / "install-desktop.sh").is_file()
