"""A reminder is a real RFC 5322 message: From, To, Subject, Date and Message-ID headers, a plain
text part and an HTML alternative, each listing the items with due date, days overdue and an
absolute link to the checklist page."""

import email
from datetime import timedelta
from email import policy as email_policy

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consortia.onboarding.reminders import send_reminders


def test_reminder_message_has_the_headers_and_the_checklist_link(world, settings):
    settings.CONSORTIA_BASE_URL = "https://consortia.example.org/"
    settings.DEFAULT_FROM_EMAIL = "Consortia <consortia@example.org>"
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    send_reminders(today)

    (sent,) = [m for m in mail.outbox if m.to == [world.alpha_admin.email]]
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email_policy.default)
    assert parsed["From"] == "Consortia <consortia@example.org>"
    assert parsed["To"] == world.alpha_admin.email
    assert parsed["Subject"] == "Consortia: 15 overdue onboarding items"
    assert abs(parsed["Date"].datetime.date() - today) <= timedelta(days=1)  # RFC 5322 date-time
    message_id = str(parsed["Message-ID"]).strip()
    assert message_id.startswith("<") and message_id.endswith("@consortia.example.org>")
    assert f".reminder-{today.isoformat()}@" in message_id
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed.get_content_type() == "multipart/alternative"

    link = "https://consortia.example.org" + reverse("onboarding:consortium_checklist", args=["alpha"])
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Alpha Consortium: " in text
    assert link in text
    assert f'href="{link}"' in html
    launch_due = world.alpha.agreement_date
    assert f"Launch event\n    due {launch_due:%-d %b %Y}, 200 days overdue" in text
    assert "Launch event" in html
    assert "Answer consortium questions" not in text  # ORCID's item: not the team's to do


def test_each_message_has_its_own_message_id(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    send_reminders(today)

    ids = {m.message()["Message-ID"] for m in mail.outbox}
    assert len(ids) == len(mail.outbox) == 3
