"""Property: for random unit trees, memberships and records, a user

- reads a record iff its unit is in one of their VIEW subtrees, or it is approved and
  shared with a counterpart unit inside one of their VIEW subtrees (the other side sees
  finished work only);
- edits it iff an EDIT membership covers its unit;
- approves it iff an APPROVE membership is at a strict ancestor of its unit;

(a system administrator does everything). The oracle walks parent links, independent
of the materialized paths the policy uses.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huunghi.accounts.models import Membership, Role, User
from huunghi.accounts.scope import ROLE_CAPABILITIES, Capability
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import country
from huunghi.organisations.models import UnitKind
from huunghi.organisations.services import unit_create
from huunghi.records.models import Activity, ActivityCounterpart, Status
from huunghi.records.permissions import ActivityPolicy

MAX_UNITS = 7


@st.composite
def worlds(draw):
    size = draw(st.integers(2, MAX_UNITS))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, size)]
    root_country = [draw(st.sampled_from(["VN", "KH"])) for _ in range(size)]
    users = draw(st.integers(1, 3))
    memberships = draw(
        st.lists(
            st.tuples(
                st.integers(0, users - 1), st.integers(0, size - 1), st.sampled_from(list(Role))
            ),
            max_size=5,
            unique_by=lambda m: m,
        )
    )
    records = draw(
        st.lists(
            st.tuples(
                st.integers(0, size - 1),
                st.lists(
                    st.tuples(st.integers(0, size - 1), st.booleans()),
                    max_size=2,
                    unique_by=lambda c: c[0],
                ),
                st.sampled_from(list(Status)),
            ),
            min_size=1,
            max_size=5,
        )
    )
    return parents, root_country, users, memberships, records


def _ancestors(parents: list[int | None], index: int) -> list[int]:
    """``index`` and its ancestors."""
    chain = [index]
    parent = parents[index]
    while parent is not None:
        chain.append(parent)
        parent = parents[parent]
    return chain


def _holds(memberships, user: int, capability: Capability, units: list[int]) -> bool:
    return any(
        m_user == user and m_unit in units and capability in ROLE_CAPABILITIES[role]
        for m_user, m_unit, role in memberships
    )


def _is_admin(memberships, user: int) -> bool:
    return any(m[0] == user and m[2] == Role.SYSTEM_ADMIN for m in memberships)


def _build(parents, root_country, users, memberships, records):
    units = []
    for index, parent in enumerate(parents):
        code = root_country[index] if parent is None else None
        units.append(
            unit_create(
                code=f"P{uuid.uuid4().hex[:10]}",
                name_vi=f"Unit {index}",
                kind=UnitKind.OTHER,
                country=units[parent].country if parent is not None else country(code),
                parent=units[parent] if parent is not None else None,
                acting_user=SYSTEM,
            )
        )
    accounts = [User.objects.create(username=f"u{uuid.uuid4().hex[:10]}") for _ in range(users)]
    Membership.objects.bulk_create(
        Membership(user=accounts[u], unit=units[i], role=role) for u, i, role in memberships
    )
    activities = Activity.objects.bulk_create(
        Activity(
            kind="other",
            title=f"R{n}",
            start_date=dt.date(2025, 1, 1),
            unit=units[i],
            country=units[i].country,
            status=status,
        )
        for n, (i, _cps, status) in enumerate(records)
    )
    ActivityCounterpart.objects.bulk_create(
        ActivityCounterpart(activity=activity, unit=units[c], shared=shared)
        for activity, (_i, cps, _status) in zip(activities, records, strict=True)
        for c, shared in cps
    )
    return accounts, activities


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=worlds())
def test_access_matches_the_tree(db, case):
    parents, root_country, users, memberships, records = case
    with transaction.atomic():
        accounts, activities = _build(parents, root_country, users, memberships, records)
        for u, account in enumerate(accounts):
            admin = _is_admin(memberships, u)
            visible = set(ActivityPolicy.visible(account).values_list("pk", flat=True))
            for activity, (unit, cps, status) in zip(activities, records, strict=True):
                line = _ancestors(parents, unit)
                shared_ok = status == Status.APPROVED and any(
                    shared and _holds(memberships, u, Capability.VIEW, _ancestors(parents, c))
                    for c, shared in cps
                )
                reads = admin or _holds(memberships, u, Capability.VIEW, line) or shared_ok
                edits = admin or _holds(memberships, u, Capability.EDIT, line)
                approves = admin or _holds(memberships, u, Capability.APPROVE, line[1:])
                assert (activity.pk in visible) == reads
                assert ActivityPolicy.can_edit(account, activity) == edits
                assert ActivityPolicy.can_approve(account, activity) == approves
        transaction.set_rollback(True)
