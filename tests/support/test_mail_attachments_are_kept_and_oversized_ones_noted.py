# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""Attachments and inline images of an e-mail are stored on its message; one larger than the
limit is refused, but the message is kept and its text says what was not kept."""

from email.message import EmailMessage

from consortia.support import mail, services
from tests.support.mail_corpus import SENDER, ana, desk, load, media  # noqa: F401 (pytest fixtures)


def test_a_pdf_attachment_and_an_inline_image_are_stored(world, ana, desk, media):
    result = mail.ingest(desk, load("attachment_pdf_inline_image.eml"))

    message = result.ticket.messages.get()
    assert message.body == "Here is the signed agreement; the screenshot shows the error."
    stored = {a.filename: a for a in message.attachments.all()}
    assert set(stored) == {"inline-1.png", "Vereinbarung unterschrieben ü.pdf"}
    pdf = stored["Vereinbarung unterschrieben ü.pdf"]
    assert pdf.content_type == "application/pdf"
    assert pdf.file.read().startswith(b"%PDF-1.4")
    pdf.file.seek(0)
    assert pdf.size == len(pdf.file.read())
    assert stored["inline-1.png"].content_type == "image/png"


def test_an_oversized_attachment_is_noted_and_the_message_kept(world, ana, desk, media, settings):
    message = EmailMessage()
    message["From"] = f"Ana Lima <{SENDER}>"
    message["To"] = desk.email_address
    message["Subject"] = "Our full export"
    message["Message-ID"] = "<big.export@mail.alpha-university.example>"
    message.set_content("The export is attached.")
    message.add_attachment(b"x" * 1024, maintype="text", subtype="csv", filename="small.csv")
    big = b"\0" * (services.MAX_ATTACHMENT_BYTES + 1)
    message.add_attachment(big, maintype="application", subtype="zip", filename="export.zip")

    result = mail.ingest(desk, message.as_bytes())

    assert result.outcome == "opened"
    stored = result.ticket.messages.get()
    assert [a.filename for a in stored.attachments.all()] == ["small.csv"]
    assert stored.body.startswith("The export is attached.")
    assert "“export.zip” (10.0 MB) was not kept: attachments are limited to 10 MB." in stored.body


def test_a_message_with_only_an_attachment_opens_a_ticket(world, ana, desk, media):
    message = EmailMessage()
    message["From"] = SENDER
    message["Subject"] = "Scan"
    message.add_attachment(b"%PDF-1.4 scan", maintype="application", subtype="pdf", filename="scan.pdf")

    result = mail.ingest(desk, message.as_bytes())

    assert result.outcome == "opened"
    stored = result.ticket.messages.get()
    assert stored.body == mail.NO_TEXT
    assert stored.attachments.get().filename == "scan.pdf"
