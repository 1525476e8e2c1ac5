"""A notice goes to the technical contacts (by e-mail) of the integrations concerned in the
sender's scope: one platform's, or every member-API integration's; retired integrations and other
consortia are left out; an address is written to once however many of its integrations are
concerned; the preview lists the same recipients; sending records the notice and its recipients,
and the task e-mails them, logging the time sent or the error per recipient."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks_db.models import DBTaskResult

from consortia.directory.models import Contact
from consortia.integrations import notices, services, tasks
from consortia.integrations.models import AnnouncementRecipient, Integration, Platform, Stage
from tests import factories


def technical(membership, email):
    person = factories.person("Tech", email=email)
    Contact.objects.create(membership=membership, person=person, role=Contact.Role.TECHNICAL)
    return person


@pytest.fixture
def setup(world):
    dspace = Platform.objects.create(name="DSpace")
    pure = Platform.objects.create(name="Pure")
    ana = technical(world.alpha_membership, "ana@alpha-university.example")
    ben = technical(world.alpha_membership, "ben@alpha-university.example")
    eva = technical(world.beta_membership, "eva@beta-institut.example")

    def add(membership, name, platform, contact, api="member", actor=world.orcid_admin):
        return services.save_integration(
            actor, membership, name=name, system_type="repository", platform=platform,
            technical_contact=contact, api=api,
        )  # fmt: skip

    add(world.alpha_membership, "Repository", dspace, ana)
    add(world.alpha_membership, "Theses", dspace, ana)  # the same address twice
    add(world.alpha_membership, "CRIS", pure, ben, api="public")
    old = add(world.alpha_membership, "Old repository", dspace, ben)
    Integration.objects.filter(pk=old.pk).update(stage=Stage.RETIRED)
    add(world.beta_membership, "Beta repository", dspace, eva)
    return {"dspace": dspace, "pure": pure}


def emails(found):
    return [r.email for r in found]


def test_platform_notice_reaches_its_integrations_contacts_once_each(world, setup):
    found = notices.recipients(
        world.alpha_admin, audience="platform", platform=setup["dspace"], consortium=world.alpha
    )
    assert emails(found) == ["ana@alpha-university.example"]
    assert found[0].integrations == ["Repository", "Theses"]


def test_member_api_notice_leaves_public_api_and_retired_out(world, setup):
    found = notices.recipients(world.alpha_admin, audience="member_api", consortium=world.alpha)
    assert emails(found) == ["ana@alpha-university.example"]


def test_orcid_addresses_every_consortium_in_scope(world, setup):
    found = notices.recipients(world.orcid_admin, audience="platform", platform=setup["dspace"])
    assert emails(found) == ["ana@alpha-university.example", "eva@beta-institut.example"]
    regional = notices.recipients(world.regional, audience="platform", platform=setup["dspace"])
    assert emails(regional) == ["ana@alpha-university.example"]


def test_sending_records_recipients_and_the_task_emails_and_logs_them(
    world, setup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announcement = notices.send_notice(
            world.orcid_admin, subject="DSpace 8\nupgrade", body="Please upgrade the ORCID plugin.",
            audience="platform", platform=setup["dspace"],
        )  # fmt: skip
    queued = DBTaskResult.objects.filter(task_path=tasks.send_announcement.module_path)
    assert [row.args_kwargs["args"] for row in queued] == [[announcement.pk]]
    assert mail.outbox == []  # nothing leaves before the task runs
    tasks.send_announcement.call(announcement.pk)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@alpha-university.example",
        "eva@beta-institut.example",
    ]
    assert "Please upgrade the ORCID plugin." in mail.outbox[0].body
    assert mail.outbox[0].subject == "DSpace 8 upgrade"
    assert all(r.sent_at and not r.error for r in announcement.recipients.all())
    tasks.send_announcement.call(announcement.pk)  # again: nothing more is sent
    assert len(mail.outbox) == 2


def test_a_failed_send_is_logged_for_that_recipient_and_the_others_still_go(world, setup):
    announcement = notices.send_notice(
        world.orcid_admin, subject="Upgrade", body="Body", audience="platform", platform=setup["dspace"]
    )
    real_send = mail.EmailMessage.send

    def flaky(message, *args, **kwargs):
        if message.to == ["ana@alpha-university.example"]:
            raise OSError("mail server down")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", flaky), pytest.raises(RuntimeError):
        tasks.send_announcement.call(announcement.pk)
    ana = AnnouncementRecipient.objects.get(announcement=announcement, email="ana@alpha-university.example")
    eva = AnnouncementRecipient.objects.get(announcement=announcement, email="eva@beta-institut.example")
    assert ana.sent_at is None and "mail server down" in ana.error
    assert eva.sent_at is not None


def test_nobody_concerned_is_refused(world, setup):
    with pytest.raises(ValidationError, match="nothing to send"):
        notices.send_notice(
            world.beta_admin,
            subject="S",
            body="B",
            audience="platform",
            platform=setup["pure"],
            consortium=world.beta,
        )


@pytest.mark.parametrize("name", ["alpha_member", "beta_admin", "alpha_staff"])
def test_only_the_team_and_orcid_send_for_a_consortium(world, setup, name):
    sender = getattr(world, name)
    consortium = world.alpha if name != "alpha_staff" else None
    with pytest.raises(PermissionDenied):
        notices.recipients(sender, audience="member_api", consortium=consortium)
