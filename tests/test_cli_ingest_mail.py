# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""`consortia ingest-mail --desk SLUG` reads one raw message on standard input (a mail server's
pipe) or every message of a maildir or an mbox file (--from), prints what became of each and a
total, and exits 0 even when messages were kept aside (they are stored, not lost); an unknown
desk exits 2."""

import io
import mailbox
from types import SimpleNamespace

from consortia.cli import main
from consortia.support.models import InboundMail, Ticket
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)

NAMES = ("plain_new.eml", "duplicate_message_id.eml", "unknown_sender.eml", "missing_from.eml")


def stdin_with(monkeypatch, raw: bytes):
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=io.BytesIO(raw)))


def test_one_message_on_standard_input_opens_a_ticket(world, ana, desk, media, monkeypatch, capsys):
    stdin_with(monkeypatch, load("plain_new.eml"))

    assert main(["ingest-mail", "--desk", desk.slug]) == 0

    ticket = Ticket.objects.get()
    assert capsys.readouterr().out == (
        f"1: opened #{ticket.pk}\n1 message for alpha: 1 opened, 0 joined, 0 duplicate, 0 held, 0 failed\n"
    )


def test_a_message_kept_aside_still_exits_0(world, desk, monkeypatch, capsys):
    stdin_with(monkeypatch, load("garbage.eml"))

    assert main(["ingest-mail", "--desk", desk.slug]) == 0

    assert "1: failed: Not a readable e-mail message" in capsys.readouterr().out
    assert InboundMail.objects.get().state == "failed"


def test_a_maildir_is_read_message_by_message(world, ana, desk, media, tmp_path, capsys):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for name in NAMES:
        box.add(load(name))

    assert main(["ingest-mail", "--desk", desk.slug, "--from", str(tmp_path / "Maildir")]) == 0

    out = capsys.readouterr().out
    assert out.endswith("4 messages for alpha: 1 opened, 0 joined, 1 duplicate, 1 held, 1 failed\n")
    assert Ticket.objects.count() == 1
    assert InboundMail.objects.count() == 2


def test_an_mbox_file_is_read_and_reading_it_again_stores_nothing_twice(
    world, ana, desk, media, tmp_path, capsys
):
    box = mailbox.mbox(tmp_path / "support.mbox", create=True)
    for name in ("plain_new.eml", "multipart_alternative.eml", "html_only.eml"):
        box.add(load(name))
    box.flush()
    argv = ["ingest-mail", "--desk", desk.slug, "--from", str(tmp_path / "support.mbox")]

    assert main(argv) == 0
    assert main(argv) == 0

    out = capsys.readouterr().out
    assert "3 messages for alpha: 3 opened" in out
    assert "3 messages for alpha: 0 opened, 0 joined, 3 duplicate" in out
    assert Ticket.objects.count() == 3


def test_a_single_message_file_is_read_too(world, ana, desk, media, tmp_path, capsys):
    (tmp_path / "one.eml").write_bytes(load("plain_new.eml"))

    assert main(["ingest-mail", "--desk", desk.slug, "--from", str(tmp_path / "one.eml")]) == 0

    assert Ticket.objects.count() == 1


def test_an_unknown_desk_exits_2_with_one_line(world, monkeypatch, capsys):
    stdin_with(monkeypatch, load("plain_new.eml"))

    assert main(["ingest-mail", "--desk", "nowhere"]) == 2

    assert capsys.readouterr().err == "consortia: no support desk with slug nowhere\n"
    assert not Ticket.objects.exists()


def test_a_missing_path_or_empty_input_exits_2(world, desk, tmp_path, monkeypatch, capsys):
    assert main(["ingest-mail", "--desk", desk.slug, "--from", str(tmp_path / "missing")]) == 2
    stdin_with(monkeypatch, b"")
    assert main(["ingest-mail", "--desk", desk.slug]) == 2

    err = capsys.readouterr().err
    assert f"consortia: no such maildir or mbox file: {tmp_path / 'missing'}\n" in err
    assert "consortia: no message on standard input\n" in err
