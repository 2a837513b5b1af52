"""Every setting in config.SETTINGS is documented in docs/configuration.md."""

from pathlib import Path

from memstack.config import SETTINGS

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_every_setting_is_documented() -> None:
    text = DOC.read_text("utf-8")
    missing = [s.name for s in SETTINGS if f"| `{s.name}` |" not in text]
    assert not missing, f"docs/configuration.md lacks rows for: {', '.join(missing)}"
