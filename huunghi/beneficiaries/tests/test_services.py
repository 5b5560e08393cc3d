"""Writes: pupils, their end and resumption, yearly progress and payments."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.beneficiaries import services
from huunghi.beneficiaries.models import EndReason, Payment, Pupil, PupilYear
from huunghi.beneficiaries.tests.helpers import make_pupil, pay
from huunghi.core.actors import SYSTEM

D = dt.date


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


class TestPupilCreate:
    def test_creates_and_audits_without_the_name(self, world):
        """The audit row names neither the pupil nor any personal value."""
        pupil = make_pupil(world.post_xa_mat, full_name="[DEMO] Lê Thị Hoa")
        event = AuditEvent.objects.get(action="pupil.create")
        assert event.target_id == str(pupil.pk)
        assert "Hoa" not in event.target_label
        assert "Hoa" not in str(event.changes)
        assert event.changes["full_name"][1].startswith("‹")
        assert event.unit == world.post_xa_mat

    def test_default_monthly_support_is_500000(self, world):
        assert make_pupil(world.post_xa_mat).monthly_amount == 500_000

    @pytest.mark.parametrize("birth_year", [2000, 2021])
    def test_outside_school_age_refused_naming_the_field(self, world, birth_year):
        """A pupil aged 24 or 3 at the start is refused on the year of birth; nothing is stored."""
        with pytest.raises(ValidationError) as exc:
            make_pupil(world.post_xa_mat, birth_year=birth_year, start_date=D(2024, 9, 1))
        message = exc.value.message_dict["birth_year"][0]
        assert str(birth_year) in message
        assert "school age is 5 to 20" in message
        assert Pupil.objects.count() == 0
        assert events("pupil.create") == 0

    def test_ages_5_and_20_accepted(self, world):
        make_pupil(world.post_xa_mat, birth_year=2019, start_date=D(2024, 9, 1))
        make_pupil(world.post_xa_mat, birth_year=2004, start_date=D(2024, 9, 1))
        assert Pupil.objects.count() == 2

    def test_clerk_of_the_province_cannot_register_a_pupil_of_a_post(self, world):
        """The province could not see the pupil it entered, so it may not enter it."""
        clerk = world.user(Role.CLERK, world.bdbp_tay_ninh)
        with pytest.raises(PermissionDenied):
            services.pupil_create(
                unit=world.post_xa_mat,
                full_name="[DEMO] X",
                sex="male",
                birth_year=2014,
                nationality="VN",
                school_name="S",
                start_date=D(2024, 9, 1),
                acting_user=clerk,
            )
        assert Pupil.objects.count() == 0

    def test_post_clerk_registers(self, world):
        clerk = world.user(Role.CLERK, world.post_xa_mat)
        pupil = services.pupil_create(
            unit=world.post_xa_mat,
            full_name="[DEMO] X",
            sex="male",
            birth_year=2014,
            nationality="KH",
            school_name="S",
            start_date=D(2024, 9, 1),
            acting_user=clerk,
        )
        assert pupil.created_by == clerk


class TestUpdate:
    def test_update_changes_and_audits(self, world):
        pupil = make_pupil(world.post_xa_mat)
        services.pupil_update(pupil=pupil, acting_user=SYSTEM, changes={"school_name": "New"})
        pupil.refresh_from_db()
        assert pupil.school_name == "New"
        event = AuditEvent.objects.get(action="pupil.update")
        assert list(event.changes) == ["school_name"]

    def test_start_after_recorded_payments_refused(self, world):
        pupil = make_pupil(world.post_xa_mat)
        pay(pupil, D(2024, 9, 1))
        with pytest.raises(ValidationError) as exc:
            services.pupil_update(
                pupil=pupil, acting_user=SYSTEM, changes={"start_date": D(2024, 10, 1)}
            )
        assert "09/2024" in exc.value.message_dict["start_date"][0]
        pupil.refresh_from_db()
        assert pupil.start_date == D(2024, 9, 1)

    def test_end_fields_not_editable_here(self, world):
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(ValueError):
            services.pupil_update(
                pupil=pupil, acting_user=SYSTEM, changes={"end_date": D(2025, 1, 1)}
            )


class TestEndAndReopen:
    def test_end_records_date_reason_and_audit(self, world):
        pupil = make_pupil(world.post_xa_mat)
        services.pupil_end(
            pupil=pupil, end_date=D(2025, 6, 1), end_reason=EndReason.FINISHED, acting_user=SYSTEM
        )
        pupil.refresh_from_db()
        assert (pupil.end_date, pupil.end_reason) == (D(2025, 6, 1), "finished")
        assert not pupil.is_active
        assert events("pupil.end") == 1

    def test_end_before_start_refused(self, world):
        """The end date before the start date is refused on the end date; nothing is stored."""
        pupil = make_pupil(world.post_xa_mat, start_date=D(2024, 9, 1))
        with pytest.raises(ValidationError) as exc:
            services.pupil_end(
                pupil=pupil, end_date=D(2024, 8, 1), end_reason="dropped_out", acting_user=SYSTEM
            )
        assert "cannot be before the start date" in exc.value.message_dict["end_date"][0]
        pupil.refresh_from_db()
        assert pupil.end_date is None
        assert events("pupil.end") == 0

    def test_end_without_reason_refused(self, world):
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(ValidationError) as exc:
            services.pupil_end(
                pupil=pupil, end_date=D(2025, 1, 1), end_reason="", acting_user=SYSTEM
            )
        assert "end_reason" in exc.value.message_dict

    def test_end_before_paid_months_refused(self, world):
        pupil = make_pupil(world.post_xa_mat)
        pay(pupil, D(2024, 9, 1))
        pay(pupil, D(2024, 10, 1))
        with pytest.raises(ValidationError) as exc:
            services.pupil_end(
                pupil=pupil, end_date=D(2024, 10, 1), end_reason="moved_away", acting_user=SYSTEM
            )
        assert "10/2024" in exc.value.message_dict["end_date"][0]

    def test_reopen_clears_the_end_and_audits_the_reason(self, world):
        pupil = make_pupil(world.post_xa_mat)
        services.pupil_end(
            pupil=pupil, end_date=D(2025, 1, 1), end_reason="other", acting_user=SYSTEM
        )
        services.pupil_reopen(pupil=pupil, reason="ended by mistake", acting_user=SYSTEM)
        pupil.refresh_from_db()
        assert pupil.end_date is None and pupil.end_reason == ""
        assert AuditEvent.objects.get(action="pupil.reopen").note == "ended by mistake"

    def test_reopen_needs_a_reason_and_an_ended_sponsorship(self, world):
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(ValidationError):
            services.pupil_reopen(pupil=pupil, reason="x", acting_user=SYSTEM)
        services.pupil_end(
            pupil=pupil, end_date=D(2025, 1, 1), end_reason="other", acting_user=SYSTEM
        )
        with pytest.raises(ValidationError) as exc:
            services.pupil_reopen(pupil=pupil, reason=" ", acting_user=SYSTEM)
        assert "reason" in exc.value.message_dict


class TestProgress:
    def test_records_and_corrects_one_row_per_school_year(self, world):
        pupil = make_pupil(world.post_xa_mat)
        services.pupil_year_record(
            pupil=pupil, school_year="2024-2025", grade=4, acting_user=SYSTEM
        )
        services.pupil_year_record(
            pupil=pupil, school_year="2024-2025", grade=5, result="good", acting_user=SYSTEM
        )
        year = PupilYear.objects.get()
        assert (year.grade, year.result) == (5, "good")
        assert events("pupil.progress") == 2

    @pytest.mark.parametrize(
        ("school_year", "grade", "field", "text"),
        [
            ("2024-2026", 4, "school_year", "two consecutive years"),
            ("2024-2025", 13, "grade", "between 1 and 12"),
            ("2022-2023", 4, "school_year", "not sponsored during"),
            ("2031-2032", 4, "school_year", "has not started yet"),
        ],
    )
    def test_bad_progress_refused(self, world, school_year, grade, field, text):
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(ValidationError) as exc:
            services.pupil_year_record(
                pupil=pupil, school_year=school_year, grade=grade, acting_user=SYSTEM
            )
        assert text in exc.value.message_dict[field][0]
        assert PupilYear.objects.count() == 0


class TestPayments:
    def test_payment_stored_as_first_day_of_month(self, world):
        pupil = make_pupil(world.post_xa_mat)
        payment = pay(pupil, D(2024, 9, 17))
        assert payment.month == D(2024, 9, 1)
        assert events("payment.create") == 1

    def test_payment_after_end_date_refused(self, world):
        """A month starting on or after the end date is refused on the month; nothing stored."""
        pupil = make_pupil(world.post_xa_mat)
        services.pupil_end(
            pupil=pupil, end_date=D(2025, 6, 1), end_reason="finished", acting_user=SYSTEM
        )
        with pytest.raises(ValidationError) as exc:
            pay(pupil, D(2025, 6, 1))
        assert "ended on 2025-06-01" in exc.value.message_dict["month"][0]
        assert Payment.objects.count() == 0
        assert events("payment.create") == 0

    def test_month_in_which_sponsorship_ends_may_be_paid(self, world):
        pupil = make_pupil(world.post_xa_mat)
        services.pupil_end(
            pupil=pupil, end_date=D(2025, 6, 15), end_reason="finished", acting_user=SYSTEM
        )
        assert pay(pupil, D(2025, 6, 1)).month == D(2025, 6, 1)

    def test_payment_before_start_refused(self, world):
        pupil = make_pupil(world.post_xa_mat, start_date=D(2024, 9, 10))
        with pytest.raises(ValidationError) as exc:
            pay(pupil, D(2024, 8, 1))
        assert "starts on 2024-09-10" in exc.value.message_dict["month"][0]

    def test_duplicate_month_refused(self, world):
        pupil = make_pupil(world.post_xa_mat)
        pay(pupil, D(2024, 9, 1))
        with pytest.raises(ValidationError) as exc:
            pay(pupil, D(2024, 9, 20))
        assert "already recorded" in exc.value.message_dict["month"][0]
        assert Payment.objects.count() == 1

    @pytest.mark.parametrize("amount", [-500_000, 0])
    def test_negative_or_zero_amount_refused(self, world, amount):
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(ValidationError) as exc:
            pay(pupil, D(2024, 9, 1), amount=amount)
        assert exc.value.message_dict["amount"] == ["The amount must be more than zero."]
        assert Payment.objects.count() == 0

    def test_future_payment_date_refused(self, world):
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(ValidationError) as exc:
            pay(pupil, D(2024, 9, 1), paid_on=D(2099, 1, 1))
        assert "paid_on" in exc.value.message_dict

    def test_correction_keeps_one_row_and_audits(self, world):
        pupil = make_pupil(world.post_xa_mat)
        payment = pay(pupil, D(2024, 9, 1))
        services.payment_update(
            payment=payment,
            month=D(2024, 10, 1),
            amount=450_000,
            paid_on=D(2024, 10, 5),
            acting_user=SYSTEM,
        )
        payment.refresh_from_db()
        assert (payment.month, payment.amount) == (D(2024, 10, 1), 450_000)
        assert events("payment.update") == 1

    def test_viewer_cannot_pay(self, world):
        viewer = world.user(Role.VIEWER, world.post_xa_mat)
        pupil = make_pupil(world.post_xa_mat)
        with pytest.raises(PermissionDenied):
            services.payment_create(
                pupil=pupil,
                month=D(2024, 9, 1),
                amount=1,
                paid_on=D(2024, 9, 2),
                acting_user=viewer,
            )


def test_sponsoring_unit_must_be_vietnamese(world):
    with pytest.raises(ValidationError) as exc:
        make_pupil(world.kh_post_bavet)
    assert "Vietnamese unit" in exc.value.message_dict["unit"][0]
