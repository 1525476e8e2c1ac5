"""An import is one transaction: if anything fails part-way, nothing of it is saved."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from consortia.accounts.models import User
from consortia.audit.models import AuditEntry
from consortia.directory import services
from consortia.directory.imports import COLUMNS, MemberImportRefused, apply_member_import, read_member_file
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)

MODELS = (Region, Consortium, Organization, Membership, MembershipRequest, Person, Contact, AuditEntry, User)


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def five_new_members():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n in range(1, 6):
        member = {"organization_name": f"Member {n}", "country": "NZ", "status": "active"}
        for role in ("voting", "main_relationship"):
            contact = {"contact_role": role, "given_names": f"{role} {n}", "email": f"{role}{n}@example.org"}
            writer.writerow([{**member, **contact}.get(column, "") for column in COLUMNS])
    return read_member_file(io.BytesIO(buffer.getvalue().encode()), "members.csv")


def fail_on_third_call(monkeypatch, name, error):
    real = getattr(services, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(services, name, failing)
    return calls


def test_a_crash_on_the_third_member_leaves_nothing_of_the_first_two(world, monkeypatch):
    calls = fail_on_third_call(monkeypatch, "add_membership", RuntimeError("disk full"))
    before = row_counts()
    with pytest.raises(RuntimeError, match="disk full"):
        apply_member_import(world.alpha_admin, world.alpha, five_new_members())
    assert len(calls) == 3
    assert row_counts() == before


def test_a_rule_broken_part_way_is_reported_against_its_member_and_nothing_is_saved(world, monkeypatch):
    fail_on_third_call(monkeypatch, "update_membership", ValidationError("ORCID has frozen this membership."))
    before = row_counts()
    with pytest.raises(MemberImportRefused) as refused:
        apply_member_import(world.alpha_admin, world.alpha, five_new_members())
    [problem] = refused.value.plan.errors
    assert (problem.line, problem.message) == (6, "Member 3: ORCID has frozen this membership.")
    assert row_counts() == before


def test_progress_is_reported_once_per_member(world):
    seen = []
    apply_member_import(
        world.alpha_admin, world.alpha, five_new_members(), progress=lambda *a: seen.append(a)
    )
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert Membership.objects.filter(consortium=world.alpha, status="active").count() == 6
