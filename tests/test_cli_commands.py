"""The `consortia` command: each subcommand works, and bad input exits non-zero with one line."""

import json

from consortia.accounts.models import ApiToken, User
from consortia.accounts.tokens import user_for_token
from consortia.cli import main


def test_users_json_lists_role_and_tenant(world, capsys):
    assert main(["users", "--json"]) == 0
    rows = {row["email"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["admin@alpha.example"]["role"] == "consortium_admin"
    assert rows["admin@alpha.example"]["tenant"] == "Alpha Consortium"
    assert rows["regional@orcid.example"]["tenant"] == "Asia Pacific"
    assert len(rows) == User.objects.count()


def test_token_create_prints_a_working_token(world, capsys):
    assert main(["token", "create", "admin@alpha.example"]) == 0
    key = capsys.readouterr().out.strip()
    assert user_for_token(key) == world.alpha_admin
    assert not ApiToken.objects.filter(key_hash=key).exists()  # only the hash is kept


def test_token_for_an_unknown_user_fails_with_one_line(world, capsys):
    assert main(["token", "create", "nobody@example.org"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "consortia: no active user with e-mail nobody@example.org"


def test_import_with_a_missing_file_fails_with_a_reason(world, capsys):
    code = main(
        ["import", "--consortium", "alpha", "--user", "admin@alpha.example", "/nonexistent/members.csv"]
    )
    assert code != 0
    assert capsys.readouterr().err.startswith("consortia: ")


def test_unknown_option_exits_non_zero(capsys):
    assert main(["users", "--bogus"]) != 0
