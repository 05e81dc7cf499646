"""inspect.toml: defaults, overrides and bad files."""

import pytest

from inspect_cli.config import Config, load_config
from inspect_cli.exceptions import InputError


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == Config()


def test_values_are_read(tmp_path):
    path = tmp_path / "inspect.toml"
    path.write_text('[notices]\nissuer = "荆门市人民政府法制办公室"\ncode = "荆法督"\ndays = 20\nreply_days = 10\n'
                    '[deadlines]\nsoon_days = 5\nblue_days = 45\n', encoding="utf-8")
    config = load_config(path)
    assert (config.issuer, config.code, config.days, config.reply_days, config.soon_days, config.blue_days) == \
        ("荆门市人民政府法制办公室", "荆法督", 20, 10, 5, 45)


@pytest.mark.parametrize("text, message", [
    ('[notices]\ncolour = "red"\n', "unknown key 'colour'"),
    ('[lights]\nsoon = 3\n', "unknown section [lights]"),
    ('[notices]\ndays = "30"\n', "days must be a whole number"),
    ('[deadlines]\nsoon_days = -1\n', "must not be negative"),
    ('[notices\n', "not a valid config file"),
])
def test_bad_config_is_an_error(tmp_path, text, message):
    path = tmp_path / "inspect.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("[", "\\[").replace("]", "\\]")):
        load_config(path)
