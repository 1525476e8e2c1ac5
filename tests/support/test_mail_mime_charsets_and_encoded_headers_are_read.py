# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""MIME as mail clients really send it: multipart/alternative reads its plain text, HTML-only
mail becomes readable text, RFC 2047 headers are decoded, and bodies in ISO-8859-1,
Windows-1252, ISO-2022-JP or a wrongly declared charset all come out right."""

import pytest

from consortia.support import mail
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


def opened(desk, name):
    result = mail.ingest(desk, load(name))
    assert result.outcome == "opened", result.reason
    return result.ticket, result.ticket.messages.get()


def test_multipart_alternative_reads_the_plain_text_part(world, ana, desk, media):
    _, message = opened(desk, "multipart_alternative.eml")

    assert message.body == "Can two of our staff join the integration webinar on 12 March? — Ana"
    assert message.attachments.count() == 0  # the HTML alternative is not an attachment


def test_html_only_mail_becomes_readable_plain_text(world, ana, desk, media):
    _, message = opened(desk, "html_only.eml")

    assert message.body == (
        "Dear support,\n\n"
        "The record of Dr Müller shows <no affiliation> & an old address.\n"
        "Steps:\n\n"
        "- Open the record\n"
        "- Look at the employment section (https://sandbox.orcid.org/0000-0002-1825-0097)\n\n"
        "Regards,\nAna"
    )
    assert "alert" not in message.body and "color" not in message.body  # script and style dropped
    assert "Which record?" not in message.body  # the quoted history


@pytest.mark.parametrize(
    ("name", "subject", "author"),
    [
        ("encoded_headers_utf8.eml", "Überprüfung der Records – déjà vu", "José Álvarez"),
        ("encoded_headers_latin1.eml", "Problème de connexion à l'API", "François Müller"),
        ("iso2022jp_body.eml", "統合の質問", "山田太郎"),
    ],
)
def test_rfc_2047_subjects_and_sender_names_are_decoded(world, ana, desk, media, name, subject, author):
    ticket, message = opened(desk, name)

    assert ticket.subject == subject
    assert message.author_name == author


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("latin1_body.eml", "La facture reçue à Göttingen est erronée."),
        ("windows1252_body.eml", "The invoice says “€ 1,200” – we expected € 1,000…"),
        ("iso2022jp_body.eml", "ORCIDの統合について質問があります。"),
        ("encoded_headers_utf8.eml", "Prüfung der Einträge, bitte."),
        # Declared UTF-8 but written in Latin-1: read as Windows-1252 rather than refused.
        ("wrong_charset.eml", "Déclaré UTF-8 mais écrit en Latin-1."),
    ],
)
def test_bodies_in_other_charsets_are_decoded(world, ana, desk, media, name, body):
    _, message = opened(desk, name)

    assert message.body == body


def test_an_unknown_charset_on_an_attachment_does_not_stop_the_message(world, ana, desk, media):
    _, message = opened(desk, "wrong_charset.eml")

    attachment = message.attachments.get()
    assert attachment.filename == "notes.txt"
    assert attachment.file.read() == b"An unknown charset on an attachment."


def test_html_to_text_keeps_paragraphs_and_line_breaks_and_decodes_entities():
    text = mail.html_to_text(
        "<p>One&nbsp;&amp;&#32;two<br>three</p><style>x{}</style><p>four &euro;</p><pre>  a\n  b</pre>"
    )

    assert text == "One & two\nthree\n\nfour €\n\n  a\n  b"
