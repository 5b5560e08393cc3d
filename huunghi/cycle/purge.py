"""Removing the reporting cycle's synthetic data (called by ``purge_synthetic``).

Synthetic submissions go with their counterpart copies, their place in compilations and
the issued reports made for them (when no real submission uses those reports);
synthetic obligations go with their reminders unless a real submission was sent
against them. The completeness roll-up is then rebuilt.
"""

from __future__ import annotations

from django.db.models import Q

from huunghi.cycle.models import CounterpartCopy, Obligation, Submission
from huunghi.cycle.tallies import tallies_rebuild
from huunghi.reports.models import IssuedReport


def cycle_purge_synthetic() -> int:
    """Delete synthetic cycle rows (inside the caller's transaction); returns how many
    submissions, copies, obligations and reports were deleted."""
    synthetic = Submission.objects.filter(is_synthetic=True)
    report_ids = set(synthetic.values_list("report_id", flat=True))
    deleted = CounterpartCopy.objects.filter(
        Q(is_synthetic=True) | Q(submission__is_synthetic=True)
    ).delete()[0]
    through = Submission.includes.through.objects
    through.filter(
        Q(from_submission__is_synthetic=True) | Q(to_submission__is_synthetic=True)
    ).delete()
    Submission.objects.filter(replaces__is_synthetic=True).update(replaces=None)
    synthetic.update(replaces=None)
    deleted += synthetic.delete()[0]
    used = Submission.objects.values("obligation_id")
    deleted += Obligation.objects.filter(is_synthetic=True).exclude(pk__in=used).delete()[0]
    still_used = Submission.objects.filter(report_id__in=report_ids).values("report_id")
    deleted += IssuedReport.objects.filter(pk__in=report_ids).exclude(pk__in=still_used).delete()[0]
    tallies_rebuild()
    return deleted
